//===- MLP.h - hand-built multilayer perceptron images for tests -*- C++
//-*-===//
//
// A miniature emitter: dense layers split over several cores, one input
// axon per source neuron on every core of the next layer, and an integer
// reference written independently of snnc-arith (in __int128).
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TEST_UNIT_SIM_MLP_H
#define SNNC_TEST_UNIT_SIM_MLP_H

#include "snnc/Image/Image.h"
#include "snnc/Image/PortCodec.h"

#include <algorithm>
#include <random>
#include <vector>

namespace snnc::sim::test {

using namespace snnc::image;

struct Layer {
  int outputs = 0;
  int neuronsPerCore = 4;
  int weightBits = 8;
  int exponent = -8;
  int64_t multiplier = 1;
  int shift = 0;
  int nmin = 0;
  int nmax = 0;
  int burst = 1;
  std::vector<int32_t> weights; ///< outputs x inputs, row-major mantissas
  std::vector<int64_t> bias;
};

struct MLP {
  int inputs = 0;
  float inputScale = 1.0f;
  int32_t qmin = 0, qmax = 0;
  float outputScale = 1.0f;
  std::vector<Layer> layers;
};

/// Random mantissas within the layer's width and small biases.
inline void randomize(MLP &net, uint32_t seed) {
  std::mt19937 rng(seed);
  int in = net.inputs;
  for (Layer &l : net.layers) {
    const int32_t lo = -(1 << (l.weightBits - 1));
    const uint32_t span = uint32_t(1) << l.weightBits;
    l.weights.resize(size_t(l.outputs) * in);
    for (int32_t &w : l.weights)
      w = lo + int32_t(rng() % span);
    l.bias.resize(l.outputs);
    for (int64_t &b : l.bias)
      b = int64_t(rng() % 401) - 200;
    in = l.outputs;
  }
}

/// Cores are placed in order: row-major on a chip, then chip by chip.
inline Image buildImage(const MLP &net, const Mesh &mesh, const CostModel &cost,
                        uint32_t maxSteps,
                        WindowPolicy window = WindowPolicy::UntilQuiescent) {
  Image img;
  img.header.target = "loihi";
  img.header.compilerVersion = "test";
  img.header.timesteps = uint32_t(net.qmax);
  img.header.window = window;
  img.header.maxSteps = maxSteps;
  img.mesh = mesh;
  img.cost = cost;

  // First core index of every layer, and the cores of each.
  std::vector<uint32_t> first;
  for (const Layer &l : net.layers) {
    first.push_back(uint32_t(img.cores.size()));
    const int cores = (l.outputs + l.neuronsPerCore - 1) / l.neuronsPerCore;
    for (int k = 0; k < cores; ++k) {
      const uint32_t index = uint32_t(img.cores.size());
      const uint32_t perChip = mesh.width * mesh.height;
      Core &c = img.cores.emplace_back();
      c.coord = {index / perChip, index % perChip % mesh.width,
                 index % perChip / mesh.width};
      c.neuronCount = uint32_t(
          std::min(l.neuronsPerCore, l.outputs - k * l.neuronsPerCore));
      c.profiles = {{l.shift, l.nmin, l.nmax, l.burst, l.multiplier}};
      c.neuronProfile.assign(c.neuronCount, 0);
      c.formats = {{uint8_t(l.weightBits), int8_t(l.exponent)}};
      for (uint32_t j = 0; j < c.neuronCount; ++j)
        c.bias.push_back(l.bias[k * l.neuronsPerCore + j]);
    }
  }
  first.push_back(uint32_t(img.cores.size()));

  int in = net.inputs;
  for (size_t li = 0; li < net.layers.size(); ++li) {
    const Layer &l = net.layers[li];
    for (uint32_t ci = first[li]; ci < first[li + 1]; ++ci) {
      Core &c = img.cores[ci];
      const int base = int(ci - first[li]) * l.neuronsPerCore;
      // Axon i carries source i: the column of W for this core's neurons.
      for (int i = 0; i < in; ++i) {
        std::vector<int32_t> row;
        for (uint32_t j = 0; j < c.neuronCount; ++j)
          row.push_back(l.weights[size_t(base + j) * in + i]);
        (void)*appendSynapseRow(c, 0, 0, row);
      }
      // Neuron j feeds axon (base + j) of every core of the next layer.
      for (uint32_t j = 0; j < c.neuronCount; ++j) {
        if (li + 1 < net.layers.size())
          for (uint32_t d = first[li + 1]; d < first[li + 2]; ++d)
            c.outputAxons.push_back({d, uint32_t(base) + j});
        c.outputAxonOffsets.push_back(uint32_t(c.outputAxons.size()));
      }
    }
    in = l.outputs;
  }

  InputPort &x = img.inputs.emplace_back();
  x.name = "x";
  x.shape = {1, net.inputs};
  x.scale = net.inputScale;
  x.qmin = net.qmin;
  x.qmax = net.qmax;
  for (int i = 0; i < net.inputs; ++i) {
    for (uint32_t d = first[0]; d < first[1]; ++d)
      x.targets.push_back({d, uint32_t(i)});
    x.targetOffsets.push_back(uint32_t(x.targets.size()));
  }
  OutputPort &y = img.outputs.emplace_back();
  y.name = "y";
  y.shape = {1, net.layers.back().outputs};
  y.scale = net.outputScale;
  const size_t last = net.layers.size() - 1;
  for (uint32_t d = first[last]; d < first[last + 1]; ++d)
    for (uint32_t j = 0; j < img.cores[d].neuronCount; ++j)
      y.elements.push_back({d, j});
  return img;
}

__extension__ typedef __int128 I128;

/// clamp(floor((acc*M + 2^(sh-1)) / 2^sh), nmin, nmax) per layer, on
/// acc = sum_i W*2^(exp+8)*c_i + b.
inline std::vector<int32_t> reference(const MLP &net,
                                      const std::vector<float> &x) {
  std::vector<int64_t> codes;
  for (float v : x)
    codes.push_back(quantizeInput(v, net.inputScale, net.qmin, net.qmax));
  for (const Layer &l : net.layers) {
    std::vector<int64_t> next;
    for (int j = 0; j < l.outputs; ++j) {
      I128 acc = l.bias[j];
      for (size_t i = 0; i < codes.size(); ++i)
        acc += I128(l.weights[j * codes.size() + i]) *
               (I128(1) << (l.exponent + 8)) * codes[i];
      I128 p = acc * l.multiplier;
      if (l.shift > 0)
        p += I128(1) << (l.shift - 1);
      // Floor division by 2^shift.
      const I128 d = I128(1) << l.shift;
      I128 q = p / d;
      if (q * d > p)
        --q;
      next.push_back(int64_t(std::clamp<I128>(q, l.nmin, l.nmax)));
    }
    codes = next;
  }
  return std::vector<int32_t>(codes.begin(), codes.end());
}

/// Loihi-like mesh (targets/loihi): chips of 8 x 16 cores in tiles of 1 x 4.
inline Mesh loihiMesh(uint32_t chips) {
  Mesh m;
  m.width = 8;
  m.height = 16;
  m.tileWidth = 1;
  m.tileHeight = 4;
  m.chips = chips;
  m.chipColumns = chips;
  m.limits = {8192, 16384, 4096, 4096, 32, 8, 24};
  return m;
}

/// Davies 2018 Table 2 values (targets.md), pJ -> fJ, ns -> ps.
inline CostModel loihiCost() {
  CostModel c;
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
  return c;
}

/// Three layers, 12 -> 10 -> 9 -> 6, ReLU hidden layers, signed output.
inline MLP threeLayerMLP(uint32_t seed) {
  MLP net;
  net.inputs = 12;
  net.inputScale = 0.125f;
  net.qmin = -8;
  net.qmax = 8;
  net.outputScale = 0.25f;
  Layer hidden;
  hidden.nmin = 0;
  hidden.nmax = 15;
  // Ratio ~0.0093, with |M * acc| < 2^23: legal for 24-bit state.
  hidden.shift = 12;
  hidden.multiplier = 38;
  Layer a = hidden, b = hidden, out = hidden;
  a.outputs = 10;
  b.outputs = 9;
  b.neuronsPerCore = 3;
  out.outputs = 6;
  out.neuronsPerCore = 2;
  out.nmin = -8;
  out.nmax = 8;
  net.layers = {a, b, out};
  randomize(net, seed);
  return net;
}

inline std::vector<float> randomInput(const MLP &net, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> x(net.inputs);
  const float range = net.inputScale * float(net.qmax + 2);
  for (float &v : x)
    v = (float(rng() % 20001) / 10000.0f - 1.0f) * range;
  return x;
}

} // namespace snnc::sim::test

#endif // SNNC_TEST_UNIT_SIM_MLP_H
