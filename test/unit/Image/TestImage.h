//===- TestImage.h - a small image that uses every feature ------*- C++ -*-===//

#ifndef SNNC_TEST_UNIT_IMAGE_TESTIMAGE_H
#define SNNC_TEST_UNIT_IMAGE_TESTIMAGE_H

#include "snnc/Image/Image.h"

namespace snnc::image::test {

/// Loihi-like limits and costs (targets.md), small enough mesh to reason
/// about: 2 chips of 4 x 4 cores in tiles of 2 x 2.
inline Image makeBaseImage() {
  Image img;
  Header &h = img.header;
  h.family = TargetFamily::Loihi;
  h.target = "loihi";
  for (size_t i = 0; i < h.targetDescriptionSha256.size(); ++i)
    h.targetDescriptionSha256[i] = uint8_t(0xA0 + i);
  h.compilerVersion = "snnc 0.1.0";
  h.encoding = Encoding::Unary;
  h.timesteps = 4;
  h.bits = 8;
  h.seed = 0x0123456789ABCDEFull;
  h.window = WindowPolicy::UntilQuiescent;
  h.maxSteps = 64;

  Mesh &m = img.mesh;
  m.kind = MeshKind::Mesh2D;
  m.width = 4;
  m.height = 4;
  m.tileWidth = 2;
  m.tileHeight = 2;
  m.chips = 2;
  m.chipColumns = 2;
  m.limits = {8192, 16384, 4096, 4096, 32, 8, 24};

  CostModel &c = img.cost;
  c.cyclePs = 1000;
  c.synapticOpPs = 3500;
  c.neuronActivePs = 8400;
  c.neuronIdlePs = 5300;
  c.hopEastWestPs = 4100;
  c.hopNorthSouthPs = 6500;
  c.barrierChipPs = 113000;
  c.barrierMultiChipPs = 1800000;
  c.synapticOpFj = 23600;
  c.neuronActiveFj = 81000;
  c.neuronIdleFj = 52000;
  c.spikeTileFj = 1700;
  c.hopEastWestFj = 3000;
  c.hopNorthSouthFj = 4000;
  c.staticPowerUw = 104000;
  return img;
}

/// Three cores on two chips, two profiles, formats of 8, 3 and 9 bits,
/// fan-out to several cores, one input and one output port.
inline Image makeSmallImage() {
  Image img = makeBaseImage();
  img.cores.resize(3);

  Core &a = img.cores[0];
  a.coord = {0, 0, 0};
  a.neuronCount = 3;
  a.profiles = {{4, 0, 15, 1, 1 << 20}, {6, -8, 8, 2, 12345}};
  a.neuronProfile = {0, 1, 0};
  a.bias = {5, -7, 0};
  a.formats = {{8, -8}, {3, 1}};
  (void)*appendSynapseRow(a, 0, 0, {127, -128, 3});
  (void)*appendSynapseRow(a, 1, 1, {-4, 3});
  a.outputAxonOffsets = {0, 2, 2, 3};
  a.outputAxons = {{1, 0}, {2, 0}, {2, 1}};

  Core &b = img.cores[1];
  b.coord = {0, 1, 0}; // shares core 0's tile
  b.neuronCount = 2;
  b.profiles = {{0, -1, 1, 1, 1}};
  b.neuronProfile = {0, 0};
  b.bias = {0, 1};
  b.formats = {{9, 7}};
  (void)*appendSynapseRow(b, 0, 0, {-256, 255});
  b.outputAxonOffsets = {0, 1, 1};
  b.outputAxons = {{2, 1}};

  Core &c = img.cores[2];
  c.coord = {1, 3, 3};
  c.neuronCount = 2;
  c.profiles = {{10, -3, 3, 1, -77}};
  c.neuronProfile = {0, 0};
  c.bias = {0, 0};
  c.formats = {{8, 0}};
  (void)*appendSynapseRow(c, 0, 0, {1, 2});
  (void)*appendSynapseRow(c, 0, 1, {-3});
  c.outputAxonOffsets = {0, 0, 0};

  InputPort in;
  in.name = "x";
  in.shape = {1, 2};
  in.scale = 0.25f;
  in.qmin = -4;
  in.qmax = 4;
  in.targetOffsets = {0, 2, 3};
  in.targets = {{0, 0}, {0, 1}, {1, 0}};
  img.inputs.push_back(in);

  OutputPort out;
  out.name = "y";
  out.shape = {2};
  out.scale = 0.5f;
  out.elements = {{2, 0}, {2, 1}};
  img.outputs.push_back(out);
  return img;
}

/// Two SpiNNaker-like cores on a 2 x 2 board: core 0 (chip 0) feeds core 1
/// (chip 3) through a population table entry and the routers of chips 0
/// and 3 (one NE hop); one input port writes core 0's rows.
inline Image makeSpiNNakerImage() {
  Image img;
  img.header.family = TargetFamily::SpiNNaker;
  img.header.target = "spinnaker-test";
  img.header.compilerVersion = "test";
  img.header.timesteps = 4;
  img.header.maxSteps = 16;
  Mesh &m = img.mesh;
  m.kind = MeshKind::Triangular;
  m.width = m.tileWidth = 4;
  m.height = m.tileHeight = 1;
  m.chips = 4;
  m.chipColumns = 2;
  m.limits = {16, 1000, 100, 0, 16, 2, 32};
  SpiNNaker &s = img.spinnaker;
  s.dtcmBytes = 65536;
  s.routerEntries = 8;
  s.layout = {1, 1, 4};
  s.cost = {5000, 100000, 200000, 50, 16, 100, 1000000, 1800000, 350000, 34000};
  img.cores.resize(2);
  s.cores.resize(2);
  for (uint32_t i = 0; i < 2; ++i) {
    Core &c = img.cores[i];
    c.coord = {i == 0 ? 0u : 3u, 1, 0};
    c.neuronCount = 2;
    c.profiles = {{4, 0, 8, 1, 3}};
    c.neuronProfile = {0, 0};
    c.bias = {0, int64_t(i)};
    c.outputAxonOffsets = {0, 0, 0};
    s.cores[i].key = i << 4;
    s.cores[i].typeShift = {2};
  }
  // Core 0: two host rows; core 1: one row per neuron of core 0.
  s.cores[0].sends = true;
  s.cores[0].rowOffsets = {0, 1, 2};
  s.cores[0].synapses = {packSynapse(s.layout, 5, 1, 0, 0),
                         packSynapse(s.layout, -7, 1, 0, 1)};
  s.cores[1].popTable = {{0x0, 0xFFFFFFF0u, 0, 2}};
  s.cores[1].rowOffsets = {0, 2, 3};
  s.cores[1].synapses = {packSynapse(s.layout, 1, 1, 0, 0),
                         packSynapse(s.layout, -1, 1, 0, 1),
                         packSynapse(s.layout, 300, 1, 0, 1)};
  s.routers.resize(4);
  s.routers[0] = {{0x0, 0xFFFFFFF0u, 1u << 1}};       // NE
  s.routers[3] = {{0x0, 0xFFFFFFF0u, 1u << (6 + 2)}}; // processor 2 = slot 1
  InputPort in;
  in.name = "x";
  in.shape = {2};
  in.qmax = 4;
  in.targetOffsets = {0, 1, 2};
  in.targets = {{0, 0}, {0, 1}};
  img.inputs.push_back(in);
  OutputPort out;
  out.name = "y";
  out.shape = {2};
  out.elements = {{1, 0}, {1, 1}};
  img.outputs.push_back(out);
  return img;
}

} // namespace snnc::image::test

#endif // SNNC_TEST_UNIT_IMAGE_TESTIMAGE_H
