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

} // namespace snnc::image::test

#endif // SNNC_TEST_UNIT_IMAGE_TESTIMAGE_H
