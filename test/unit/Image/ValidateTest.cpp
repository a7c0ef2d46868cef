//===- ValidateTest.cpp - image invariants and synapse row packing --------===//

#include "snnc/Image/Format.h"
#include "snnc/Image/Image.h"

#include "TestImage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

using namespace snnc::image;
using snnc::image::test::makeSmallImage;

namespace {
struct Case {
  const char *name;
  std::function<void(Image &)> mutate;
  const char *message;
};

const Case kCases[] = {
    {"family", [](Image &i) { i.header.family = TargetFamily(9); },
     "header: unknown target family 9"},
    {"encoding", [](Image &i) { i.header.encoding = Encoding(3); },
     "header: unknown encoding 3"},
    {"window", [](Image &i) { i.header.window = WindowPolicy(2); },
     "header: unknown window policy 2"},
    {"maxSteps", [](Image &i) { i.header.maxSteps = 0; },
     "header: max steps must be at least 1"},
    {"longTarget",
     [](Image &i) { i.header.target.assign(kMaxStringBytes + 1, 'x'); },
     "header: string longer than 4096 bytes"},
    {"meshKind", [](Image &i) { i.mesh.kind = MeshKind(4); },
     "mesh: mesh kind unknown (4), the family's is mesh2d"},
    {"meshWidth", [](Image &i) { i.mesh.width = 0; },
     "mesh: width, height, tile width, tile height, chips and chip columns "
     "must be at least 1"},
    {"tileDivides", [](Image &i) { i.mesh.tileWidth = 3; },
     "mesh: tiles of 3 x 2 cores do not divide the 4 x 4 chip"},
    {"chipColumns", [](Image &i) { i.mesh.chipColumns = 3; },
     "mesh: chip columns 3 exceed the chips 2"},
    {"meshTiles",
     [](Image &i) {
       i.mesh.width = 1024;
       i.mesh.height = 1024;
     },
     "mesh: mesh of more than 1048576 core positions"},
    {"stateBits", [](Image &i) { i.mesh.limits.stateBits = 65; },
     "mesh: state bits 65 not in [2, 64]"},
    {"cycle", [](Image &i) { i.cost.cyclePs = 0; },
     "cost: cycle time must be at least 1 ps"},
    {"costCap", [](Image &i) { i.cost.hopNorthSouthFj = kMaxCost + 1; },
     "cost: cost 4294967297 exceeds the cap 4294967296"},
    {"coordinate", [](Image &i) { i.cores[2].coord.x = 4; },
     "cores: core 2: coordinate (chip 1, x 4, y 3) outside the mesh"},
    {"chip", [](Image &i) { i.cores[2].coord.chip = 2; },
     "cores: core 2: coordinate (chip 2, x 3, y 3) outside the mesh"},
    {"samePosition", [](Image &i) { i.cores[1].coord = i.cores[0].coord; },
     "cores: core 1: same position as core 0"},
    {"neuronLimit", [](Image &i) { i.mesh.limits.neurons = 2; },
     "cores: core 0: neurons 3 exceeds the core limit 2"},
    {"wordLimit", [](Image &i) { i.mesh.limits.synapseWords = 1; },
     "cores: core 0: synapse words 2 exceeds the core limit 1"},
    {"axonLimit", [](Image &i) { i.mesh.limits.inputAxons = 1; },
     "cores: core 0: input axons 2 exceeds the core limit 1"},
    {"outLimit", [](Image &i) { i.mesh.limits.outputAxons = 2; },
     "cores: core 0: output axons 3 exceeds the core limit 2"},
    {"profileLimit", [](Image &i) { i.mesh.limits.profiles = 1; },
     "cores: core 0: profiles 2 exceeds the core limit 1"},
    {"formatLimit", [](Image &i) { i.mesh.limits.formats = 1; },
     "cores: core 0: synapse formats 2 exceeds the core limit 1"},
    {"biasSize", [](Image &i) { i.cores[0].bias.pop_back(); },
     "cores: core 0: per-neuron tables do not have 3 entries"},
    {"profileNmin", [](Image &i) { i.cores[0].profiles[1].nmin = 1; },
     "cores: core 0: profile 1: needs threshold shift in [0, 62], nmin <= 0 "
     "<= nmax, burst >= 1"},
    {"profileBurst", [](Image &i) { i.cores[0].profiles[0].burst = 0; },
     "cores: core 0: profile 0: needs threshold shift in [0, 62], nmin <= 0 "
     "<= nmax, burst >= 1"},
    {"threshold", [](Image &i) { i.cores[2].profiles[0].thresholdShift = 23; },
     "cores: core 2: profile 0: threshold 2^23 does not fit the 24-bit state"},
    {"profileIndex", [](Image &i) { i.cores[0].neuronProfile[2] = 2; },
     "cores: core 0: neuron 2: profile index 2 out of range (2 profiles)"},
    {"weightBits", [](Image &i) { i.cores[1].formats[0].weightBits = 10; },
     "cores: core 1: synapse format 0: weight bits 10 not in [1, 9] or "
     "exponent 7 not in [-8, 7]"},
    {"exponent", [](Image &i) { i.cores[1].formats[0].exponent = -9; },
     "cores: core 1: synapse format 0: weight bits 9 not in [1, 9] or "
     "exponent -9 not in [-8, 7]"},
    {"axonFormat", [](Image &i) { i.cores[0].inputAxons[1].format = 2; },
     "cores: core 0: input axon 1: format 2 out of range (2 formats)"},
    {"axonWords", [](Image &i) { i.cores[0].inputAxons[1].wordOffset = 2; },
     "cores: core 0: input axon 1: row words [2, 3) beyond the synaptic "
     "memory (2 words)"},
    {"axonNeurons", [](Image &i) { i.cores[0].inputAxons[1].firstNeuron = 2; },
     "cores: core 0: input axon 1: targets neurons [2, 4) beyond the core's "
     "3 neurons"},
    {"offsetsSize", [](Image &i) { i.cores[0].outputAxonOffsets.pop_back(); },
     "cores: core 0: output axon offsets have 3 entries, expected 4"},
    {"offsetsStart", [](Image &i) { i.cores[0].outputAxonOffsets[0] = 1; },
     "cores: core 0: output axon offsets must start at 0"},
    {"offsetsOrder", [](Image &i) { i.cores[0].outputAxonOffsets[2] = 1; },
     "cores: core 0: output axon offsets decrease at entry 2"},
    {"offsetsEnd", [](Image &i) { i.cores[0].outputAxonOffsets[3] = 2; },
     "cores: core 0: output axon offsets end at 2, expected 3"},
    {"targetCore", [](Image &i) { i.cores[0].outputAxons[1].core = 3; },
     "cores: core 0: output axon 1: target core 3 out of range (3 cores)"},
    {"targetAxon", [](Image &i) { i.cores[0].outputAxons[1].axon = 2; },
     "cores: core 0: output axon 1: target axon 2 out of range (core 2 has 2 "
     "axons)"},
    {"inputName", [](Image &i) { i.inputs[0].name.clear(); },
     "inputs: input 0: name must have 1 to 4096 bytes"},
    {"inputRank", [](Image &i) { i.inputs[0].shape.assign(kMaxRank + 1, 1); },
     "inputs: input 0: rank 17 exceeds 16"},
    {"inputShape", [](Image &i) { i.inputs[0].shape[0] = -1; },
     "inputs: input 0: shape has a negative dimension or more than "
     "1073741824 elements"},
    {"inputScaleNaN",
     [](Image &i) {
       i.inputs[0].scale = std::numeric_limits<float>::quiet_NaN();
     },
     "inputs: input 0: scale must be finite and positive"},
    {"inputScaleZero", [](Image &i) { i.inputs[0].scale = 0.0f; },
     "inputs: input 0: scale must be finite and positive"},
    {"inputRange", [](Image &i) { i.inputs[0].qmin = 5; },
     "inputs: input 0: code range [5, 4] is empty or includes INT32_MIN"},
    {"inputRangeMin",
     [](Image &i) { i.inputs[0].qmin = std::numeric_limits<int32_t>::min(); },
     "inputs: input 0: code range [-2147483648, 4] is empty or includes "
     "INT32_MIN"},
    {"encoder", [](Image &i) { i.inputs[0].encoder = EncoderKind(1); },
     "inputs: input 0: unknown encoder kind 1"},
    {"inputOffsets",
     [](Image &i) {
       i.inputs[0].targetOffsets = {0, 3};
     },
     "inputs: input 0: target offsets have 2 entries, expected 3"},
    {"inputTarget", [](Image &i) { i.inputs[0].targets[2].axon = 1; },
     "inputs: input 0: target 2: target axon 1 out of range (core 1 has 1 "
     "axons)"},
    {"inputDuplicate", [](Image &i) { i.inputs.push_back(i.inputs[0]); },
     "inputs: input 1: duplicate name"},
    {"outputCount", [](Image &i) { i.outputs[0].elements.pop_back(); },
     "outputs: output 0: has 1 element neurons, shape needs 2"},
    {"outputCore", [](Image &i) { i.outputs[0].elements[1].core = 7; },
     "outputs: output 0: element 1: core 7 out of range (3 cores)"},
    {"outputNeuron", [](Image &i) { i.outputs[0].elements[1].neuron = 2; },
     "outputs: output 0: element 1: neuron 2 out of range (core 2 has 2 "
     "neurons)"},
    {"outputScale",
     [](Image &i) {
       i.outputs[0].scale = -std::numeric_limits<float>::infinity();
     },
     "outputs: output 0: scale must be finite and positive"},
    {"outputDuplicate", [](Image &i) { i.outputs.push_back(i.outputs[0]); },
     "outputs: output 1: duplicate name"},
};

TEST(Validate, SmallImageIsValid) {
  const Error e = validate(makeSmallImage());
  EXPECT_FALSE(e.failed()) << e.message();
}

TEST(Validate, EachInvariantIsChecked) {
  for (const Case &c : kCases) {
    Image img = makeSmallImage();
    c.mutate(img);
    const Error e = validate(img);
    EXPECT_EQ(e.message(), c.message) << c.name;
    // The writer refuses the same images with the same message.
    Expected<std::vector<uint8_t>> bytes = encodeImage(img);
    ASSERT_FALSE(bool(bytes)) << c.name;
    EXPECT_EQ(bytes.error().message(), c.message) << c.name;
  }
}

TEST(SynapseRow, PacksEveryWidthLittleEndFirst) {
  std::mt19937 rng(3);
  for (int bits = kMinWeightBits; bits <= kMaxWeightBits; ++bits) {
    Core core;
    core.formats = {{uint8_t(bits), 0}};
    const int32_t lo = -(1 << (bits - 1)), hi = (1 << (bits - 1)) - 1;
    std::vector<int32_t> row(150);
    for (int32_t &m : row)
      m = lo + int32_t(rng() % uint32_t(hi - lo + 1));
    row[0] = lo;
    row[1] = hi;
    Expected<uint32_t> axon = appendSynapseRow(core, 0, 5, row);
    ASSERT_TRUE(bool(axon)) << axon.error().message();
    EXPECT_EQ(*axon, 0u);
    const InputAxon &a = core.inputAxons[0];
    EXPECT_EQ(a.wordOffset, 0u);
    EXPECT_EQ(a.synapseCount, 150u);
    EXPECT_EQ(a.firstNeuron, 5u);
    EXPECT_EQ(core.synapseWords.size(), synapseRowWords(150, bits));
    for (uint32_t i = 0; i < row.size(); ++i)
      ASSERT_EQ(synapseMantissa(core.synapseWords.data(), i, bits), row[i])
          << bits << " bits, synapse " << i;
    // Bits beyond the last whole slot of each word stay zero.
    const uint32_t used = synapsesPerWord(bits) * bits;
    if (used < 64) {
      for (uint64_t w : core.synapseWords)
        EXPECT_EQ(w >> used, 0u);
    }
  }
}

TEST(SynapseRow, LayoutOfEightBitRows) {
  Core core;
  core.formats = {{8, -8}};
  ASSERT_TRUE(
      bool(appendSynapseRow(core, 0, 0, {1, -1, 127, -128, 0, 2, 3, 4, 5})));
  ASSERT_EQ(core.synapseWords.size(), 2u);
  EXPECT_EQ(core.synapseWords[0], 0x04030200807FFF01ull);
  EXPECT_EQ(core.synapseWords[1], 0x05ull);
  // A second row starts on a new word.
  ASSERT_TRUE(bool(appendSynapseRow(core, 0, 0, {6})));
  EXPECT_EQ(core.inputAxons[1].wordOffset, 2u);
}

TEST(SynapseRow, RejectsOutOfRangeMantissasAndFormats) {
  Core core;
  core.formats = {{3, 0}};
  Expected<uint32_t> r = appendSynapseRow(core, 0, 0, {1, 4});
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(), "mantissa 4 does not fit 3 bits");
  EXPECT_TRUE(core.synapseWords.empty());
  EXPECT_TRUE(core.inputAxons.empty());
  r = appendSynapseRow(core, 1, 0, {1});
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(), "synapse format 1 does not exist");
}

TEST(SynapseWeight, ScalesByExponentPlusEight) {
  EXPECT_EQ(synapseWeight(-3, -8), -3);
  EXPECT_EQ(synapseWeight(5, -6), 20);
  EXPECT_EQ(synapseWeight(-128, 7), -128 * 32768);
}

TEST(ElementCount, ChecksDimensions) {
  EXPECT_EQ(elementCount({}), 1u);
  EXPECT_EQ(elementCount({2, 3, 4}), 24u);
  EXPECT_EQ(elementCount({2, 0}), 0u);
  EXPECT_EQ(elementCount({-1}), std::nullopt);
  EXPECT_EQ(elementCount({1 << 20, 1 << 11}), std::nullopt);
  EXPECT_EQ(elementCount({1 << 15, 1 << 15}), uint64_t(1) << 30);
}
} // namespace
