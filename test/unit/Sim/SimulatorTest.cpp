//===- SimulatorTest.cpp - the simulator against independent references ---===//

#include "snnc/Sim/Simulator.h"
#include "snnc/Image/Format.h"

#include "JSONCheck.h"
#include "MLP.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>
#include <unistd.h>

using namespace snnc;
using namespace snnc::sim;
using namespace snnc::sim::test;

namespace {
Result runOk(const image::Image &img, const std::vector<float> &x) {
  Expected<Result> r = simulate(img, {x});
  EXPECT_TRUE(bool(r)) << r.error().message();
  return r ? *r : Result();
}

void expectMatchesReference(const MLP &net, const image::Image &img,
                            const std::vector<float> &x) {
  const Result r = runOk(img, x);
  ASSERT_TRUE(r.stats.quiescent) << r.checkQuiescent().message();
  const std::vector<int32_t> expected = reference(net, x);
  ASSERT_EQ(r.counts.size(), 1u);
  EXPECT_EQ(r.counts[0], expected);
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(r.outputs[0][i], float(expected[i]) * net.outputScale);
}

// The ST-BIF theorem: at quiescence every count equals the requantized
// integer layer output, whatever the spike timing.
TEST(Simulator, ThreeLayerMLPMatchesIntegerReference) {
  std::set<int32_t> seen;
  for (uint32_t seed = 0; seed < 20; ++seed) {
    const MLP net = threeLayerMLP(seed);
    const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
    ASSERT_FALSE(image::validate(img).failed())
        << image::validate(img).message();
    for (uint32_t input = 0; input < 5; ++input) {
      const std::vector<float> x = randomInput(net, 1000 * seed + input);
      expectMatchesReference(net, img, x);
      for (int32_t c : reference(net, x))
        seen.insert(c);
    }
  }
  // The networks exercise the whole output range, not just saturation.
  EXPECT_GE(seen.size(), 15u);
}

TEST(Simulator, GradedNeuronsMatchIntegerReference) {
  for (uint32_t seed = 0; seed < 10; ++seed) {
    MLP net = threeLayerMLP(seed);
    for (Layer &l : net.layers)
      l.burst = 3;
    const image::Image img = buildImage(net, loihiMesh(2), loihiCost(), 500);
    expectMatchesReference(net, img, randomInput(net, seed));
  }
}

TEST(Simulator, WeightFormatsAndExponents) {
  MLP net = threeLayerMLP(0);
  net.layers[0].weightBits = 5;
  net.layers[0].exponent = -6; // weights x 4
  net.layers[0].multiplier = 76;
  net.layers[1].weightBits = 9;
  net.layers[1].multiplier = 19;
  net.layers[2].weightBits = 2;
  net.layers[2].exponent = -3; // weights x 32
  net.layers[2].multiplier = 76;
  for (uint32_t seed = 0; seed < 10; ++seed) {
    randomize(net, seed);
    const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
    for (uint32_t input = 0; input < 3; ++input)
      expectMatchesReference(net, img, randomInput(net, seed * 7 + input));
  }
}

TEST(Simulator, IsDeterministic) {
  const MLP net = threeLayerMLP(3);
  const image::Image img = buildImage(net, loihiMesh(2), loihiCost(), 500);
  const std::vector<float> x = randomInput(net, 3);
  Expected<Simulator> sim = Simulator::create(img);
  ASSERT_TRUE(bool(sim));
  Expected<Result> a = sim->run({x});
  Expected<Result> b = sim->run({x}); // the same simulator, reused
  Expected<Result> c = simulate(img, {x});
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->stats.toJSON(), b->stats.toJSON());
  EXPECT_EQ(a->stats.toJSON(), c->stats.toJSON());
  EXPECT_EQ(a->counts, c->counts);
  EXPECT_EQ(a->outputs, c->outputs);
  // A different input in between leaves no trace.
  ASSERT_TRUE(bool(sim->run({randomInput(net, 99)})));
  Expected<Result> d = sim->run({x});
  ASSERT_TRUE(bool(d));
  EXPECT_EQ(a->stats.toJSON(), d->stats.toJSON());
}

TEST(Simulator, FileRoundTripSimulatesIdentically) {
  const MLP net = threeLayerMLP(5);
  const image::Image img = buildImage(net, loihiMesh(2), loihiCost(), 500);
  const std::string path = ::testing::TempDir() + "snnc-sim-roundtrip-" +
                           std::to_string(getpid()) + ".img";
  const Error written = image::writeImageFile(img, path);
  ASSERT_FALSE(written.failed()) << written.message();
  Expected<image::Image> back = image::readImageFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
  for (uint32_t input = 0; input < 5; ++input) {
    const std::vector<float> x = randomInput(net, input);
    const Result a = runOk(img, x);
    const Result b = runOk(*back, x);
    EXPECT_EQ(a.outputs, b.outputs);
    EXPECT_EQ(a.stats.toJSON(), b.stats.toJSON());
  }
}

TEST(Simulator, StatisticsAreConsistentAndValidJSON) {
  const MLP net = threeLayerMLP(1);
  const image::Image img = buildImage(net, loihiMesh(2), loihiCost(), 500);
  const Result r = runOk(img, randomInput(net, 1));
  const Statistics &s = r.stats;
  EXPECT_EQ(s.stepPs.size(), s.steps);
  uint64_t time = 0, spikes = 0, coreSpikes = 0, coreOps = 0;
  for (uint64_t ps : s.stepPs) {
    time += ps;
    EXPECT_GE(ps, img.cost.barrierMultiChipPs); // two chips
  }
  for (uint64_t n : s.stepSpikes)
    spikes += n;
  for (const CoreStats &c : s.cores) {
    coreSpikes += c.spikes;
    coreOps += c.synapticOps;
    EXPECT_LE(c.busyPs, s.timePs);
  }
  EXPECT_EQ(time, s.timePs);
  EXPECT_EQ(spikes, s.spikes);
  EXPECT_EQ(coreSpikes, s.spikes);
  EXPECT_EQ(coreOps, s.synapticOps);
  EXPECT_EQ(s.neuronUpdatesActive + s.neuronUpdatesIdle,
            s.steps * (10 + 9 + 6));
  EXPECT_EQ(s.energyFj.total, s.energyFj.synaptic + s.energyFj.neuron +
                                  s.energyFj.network + s.energyFj.staticEnergy);
  EXPECT_GT(s.hopsEastWest + s.hopsNorthSouth, 0u);
  const std::string json = s.toJSON();
  EXPECT_TRUE(image::test::JSONChecker::valid(json)) << json;
  EXPECT_NE(json.find("\"quiescent\": true"), std::string::npos);
  EXPECT_NE(json.find("\"name\": \"y\""), std::string::npos);
}

/// Mesh 6 x 2 cores in tiles of 2 x 1 (3 x 2 tiles). Core A (tile (0,0)):
/// three neurons that fire once at step 0 from their bias; neuron 0 also
/// feeds core C on the same tile. Core B (tile (2,1)) sums the three spikes.
image::Image contentionImage() {
  image::Image img;
  img.header.target = "tiny";
  img.header.maxSteps = 50;
  img.mesh.width = 6;
  img.mesh.height = 2;
  img.mesh.tileWidth = 2;
  img.mesh.tileHeight = 1;
  img.mesh.chips = 1;
  img.mesh.chipColumns = 1;
  img.mesh.limits = {16, 16, 16, 16, 4, 4, 24};
  image::CostModel &c = img.cost;
  c.cyclePs = 1000;
  c.synapticOpPs = 10;
  c.neuronActivePs = 100;
  c.neuronIdlePs = 1;
  c.hopEastWestPs = 4000;
  c.hopNorthSouthPs = 6000;
  c.barrierChipPs = 50000;
  c.barrierMultiChipPs = 999999;
  c.synapticOpFj = 2;
  c.neuronActiveFj = 30;
  c.neuronIdleFj = 1;
  c.spikeTileFj = 5;
  c.hopEastWestFj = 7;
  c.hopNorthSouthFj = 11;
  c.staticPowerUw = 1000;

  image::Core a, b, cc;
  a.coord = {0, 0, 0};
  a.neuronCount = 3;
  a.profiles = {{0, 0, 1, 1, 1}};
  a.neuronProfile = {0, 0, 0};
  a.bias = {1, 1, 1};
  a.outputAxonOffsets = {0, 2, 3, 4};
  a.outputAxons = {{1, 0}, {2, 0}, {1, 1}, {1, 2}};
  b.coord = {0, 4, 1};
  b.neuronCount = 1;
  b.profiles = {{0, 0, 5, 1, 1}};
  b.neuronProfile = {0};
  b.bias = {0};
  b.formats = {{8, -8}};
  for (int i = 0; i < 3; ++i)
    (void)*image::appendSynapseRow(b, 0, 0, {1});
  b.outputAxonOffsets = {0, 0};
  cc = b;
  cc.coord = {0, 1, 0};
  cc.inputAxons.resize(1);
  img.cores = {a, b, cc};
  image::OutputPort &out = img.outputs.emplace_back();
  out.name = "b";
  out.shape = {1};
  out.scale = 0.5f;
  out.elements = {{1, 0}};
  return img;
}

// Every number below is worked out by hand in the comments.
TEST(Simulator, ContentionHopsTimingAndEnergyByHand) {
  const image::Image img = contentionImage();
  Expected<Result> r = simulate(img, {});
  ASSERT_TRUE(bool(r)) << r.error().message();
  const Statistics &s = r->stats;
  // Step 0: A's neurons fire (3 active updates, 300 ps). Four messages in
  // send order: A0->B, A0->C (same tile: no link), A1->B, A2->B. The three
  // to B leave (0,0) eastwards at 0, 1000, 2000 (queues 1 and 2), keep the
  // spacing over (1,0)E and (2,0)N and arrive at 14000, 15000, 16000.
  // Step 0 = 300 + 16000 + 50000.
  // Step 1: B gets 3 synaptic ops (Δa = 3: V = 3, fires, V = 2), C gets 1
  // and fires; 130 ps on B. Steps 2, 3: B drains (V = 2 -> 1 -> 0), 100 ps.
  EXPECT_EQ(s.steps, 4u);
  EXPECT_TRUE(s.quiescent);
  EXPECT_EQ(s.stepPs, (std::vector<uint64_t>{66300, 50130, 50100, 50100}));
  EXPECT_EQ(s.timePs, 216630u);
  EXPECT_EQ(s.cycles, 217u);
  EXPECT_EQ(s.maxStepPs, 66300u);
  EXPECT_EQ(s.maxStep, 0u);
  EXPECT_EQ(s.stepSpikes, (std::vector<uint64_t>{3, 2, 1, 1}));
  EXPECT_EQ(s.spikes, 7u);
  EXPECT_EQ(s.messages, 4u);
  EXPECT_EQ(s.synapticOps, 4u);
  EXPECT_EQ(s.hopsEastWest, 6u);
  EXPECT_EQ(s.hopsNorthSouth, 3u);
  EXPECT_EQ(s.linkMaxQueue, 2u);
  EXPECT_EQ(s.neuronUpdatesActive, 7u);
  EXPECT_EQ(s.neuronUpdatesIdle, 4 * 5 - 7u);
  EXPECT_EQ(s.energyFj.synaptic, 4 * 2u);
  EXPECT_EQ(s.energyFj.neuron, 7 * 30 + 13 * 1u);
  EXPECT_EQ(s.energyFj.network, 4 * 5 + 6 * 7 + 3 * 11u);
  EXPECT_EQ(s.energyFj.staticEnergy, 216630u); // 1000 uW * 216630 ps
  EXPECT_EQ(s.energyFj.total, 8 + 223 + 95 + 216630u);
  ASSERT_EQ(s.cores.size(), 3u);
  EXPECT_EQ(s.cores[0].spikes, 3u);
  EXPECT_EQ(s.cores[0].busyPs, 300 + 3 + 3 + 3u);
  EXPECT_EQ(s.cores[1].spikes, 3u);
  EXPECT_EQ(s.cores[1].synapticOps, 3u);
  EXPECT_EQ(s.cores[1].busyPs, 1 + 130 + 100 + 100u);
  EXPECT_EQ(s.cores[2].busyPs, 1 + 110 + 1 + 1u);
  EXPECT_EQ(s.cores[1].neuronUtilization, 1.0 / 16.0);
  EXPECT_EQ(s.cores[1].busyFraction, 331.0 / 216630.0);
  ASSERT_EQ(s.outputs.size(), 1u);
  EXPECT_EQ(s.outputs[0].spikes, 3u);
  EXPECT_EQ(r->counts, (std::vector<std::vector<int32_t>>{{3}}));
  EXPECT_EQ(r->outputs, (std::vector<std::vector<float>>{{1.5f}}));
}

// Recording (opt-in) on the hand-worked run above: the spikes in step, core,
// neuron order, the links the three A->B messages cross, the core pairs;
// and nothing else about the run changes.
TEST(Simulator, RecordsSpikesAndTrafficWithoutChangingTheRun) {
  const image::Image img = contentionImage();
  Expected<Result> plain = simulate(img, {});
  ASSERT_TRUE(bool(plain)) << plain.error().message();
  EXPECT_TRUE(plain->recording.spikes.empty());
  EXPECT_TRUE(plain->recording.links.empty());
  EXPECT_TRUE(plain->recording.cores.empty());

  Expected<Simulator> sim = Simulator::create(img);
  ASSERT_TRUE(bool(sim));
  sim->setRecording({/*maxSpikeEvents=*/100, /*traffic=*/true});
  Expected<Result> r = sim->run({});
  ASSERT_TRUE(bool(r)) << r.error().message();
  EXPECT_EQ(r->stats.toJSON(), plain->stats.toJSON());
  EXPECT_EQ(r->counts, plain->counts);
  const Recording &rec = r->recording;
  std::vector<std::vector<uint64_t>> spikes;
  for (const SpikeEvent &e : rec.spikes)
    spikes.push_back({e.step, e.core, e.neuron, uint64_t(e.value)});
  EXPECT_EQ(spikes, (std::vector<std::vector<uint64_t>>{{0, 0, 0, 1},
                                                        {0, 0, 1, 1},
                                                        {0, 0, 2, 1},
                                                        {1, 1, 0, 1},
                                                        {1, 2, 0, 1},
                                                        {2, 1, 0, 1},
                                                        {3, 1, 0, 1}}));
  EXPECT_FALSE(rec.spikesTruncated);
  // X first: (0,0) -> (1,0) -> (2,0), then north to (2,1).
  std::vector<std::vector<uint64_t>> links;
  for (const LinkTraffic &l : rec.links)
    links.push_back({l.fromX, l.fromY, l.toX, l.toY, l.messages});
  EXPECT_EQ(links, (std::vector<std::vector<uint64_t>>{
                       {0, 0, 1, 0, 3}, {1, 0, 2, 0, 3}, {2, 0, 2, 1, 3}}));
  std::vector<std::vector<uint64_t>> cores;
  for (const CoreTraffic &t : rec.cores)
    cores.push_back({t.from, t.to, t.messages});
  EXPECT_EQ(cores, (std::vector<std::vector<uint64_t>>{{0, 1, 3}, {0, 2, 1}}));

  // A cap keeps the first spikes and says so; counters restart per run.
  sim->setRecording({/*maxSpikeEvents=*/5, /*traffic=*/true});
  Expected<Result> capped = sim->run({});
  ASSERT_TRUE(bool(capped));
  EXPECT_EQ(capped->recording.spikes.size(), 5u);
  EXPECT_TRUE(capped->recording.spikesTruncated);
  EXPECT_EQ(capped->recording.links.size(), 3u);
  EXPECT_EQ(capped->recording.links[0].messages, 3u);
}

// Unary encoding: code c is sign(c) on steps 0 .. |c| - 1.
TEST(Simulator, UnaryEncoderTiming) {
  image::Image img = contentionImage();
  img.cores.resize(2);
  img.cores[0].outputAxonOffsets = {0, 1, 2, 3};
  img.cores[0].outputAxons = {{1, 0}, {1, 1}, {1, 2}};
  img.cores[0].bias = {0, 0, 0};
  img.cores[1].profiles[0] = {0, -5, 5, 1, 1};
  image::InputPort &x = img.inputs.emplace_back();
  x.name = "x";
  x.shape = {2};
  x.scale = 1.0f;
  x.qmin = -5;
  x.qmax = 5;
  x.targetOffsets = {0, 1, 2};
  x.targets = {{1, 0}, {1, 1}};
  Expected<Result> r = simulate(img, {{3.0f, -1.0f}});
  ASSERT_TRUE(bool(r)) << r.error().message();
  // Step 0: +1 and -1 cancel (Δa = 0, still an active update); steps 1, 2:
  // +1 each.
  EXPECT_EQ(r->stats.inputSpikes, 4u);
  EXPECT_EQ(r->stats.steps, 3u);
  EXPECT_EQ(r->stats.stepSpikes, (std::vector<uint64_t>{0, 1, 1}));
  EXPECT_EQ(r->counts[0][0], 2);
  EXPECT_EQ(r->stats.cores[1].activeUpdates, 3u);
  EXPECT_EQ(r->stats.cores[0].activeUpdates, 0u);
}

TEST(Simulator, NonQuiescenceIsReported) {
  const MLP net = threeLayerMLP(2);
  const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 5);
  const Result r = runOk(img, randomInput(net, 2));
  EXPECT_EQ(r.stats.steps, 5u);
  EXPECT_FALSE(r.stats.quiescent);
  const Error e = r.checkQuiescent();
  EXPECT_TRUE(e.failed());
  EXPECT_EQ(e.message().rfind("not quiescent after 5 steps", 0), 0u)
      << e.message();
  EXPECT_NE(r.stats.toJSON().find("\"quiescent\": false"), std::string::npos);
}

TEST(Simulator, FixedWindowRunsExactlyMaxSteps) {
  const MLP net = threeLayerMLP(4);
  image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
  const std::vector<float> x = randomInput(net, 4);
  const Result free = runOk(img, x);
  img.header.window = image::WindowPolicy::Fixed;
  img.header.maxSteps = uint32_t(free.stats.steps + 10);
  const Result fixed = runOk(img, x);
  EXPECT_EQ(fixed.stats.steps, free.stats.steps + 10);
  EXPECT_TRUE(fixed.stats.quiescent);
  EXPECT_EQ(fixed.counts, free.counts);
  // The extra steps are idle: every neuron idle, only the barrier and idle
  // updates cost time.
  EXPECT_EQ(fixed.stats.neuronUpdatesActive, free.stats.neuronUpdatesActive);
  EXPECT_EQ(fixed.stats.stepSpikes.back(), 0u);
  img.header.maxSteps = 3;
  EXPECT_FALSE(runOk(img, x).stats.quiescent);
}

TEST(Simulator, RejectsBadInputs) {
  const MLP net = threeLayerMLP(0);
  const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
  Expected<Result> r = simulate(img, {});
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(), "expected 1 input tensors, got 0");
  r = simulate(img, {std::vector<float>(11)});
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(),
            "input 'x' has 11 elements, its shape needs 12");
  image::Image bad = img;
  bad.header.maxSteps = 0;
  r = simulate(bad, {std::vector<float>(12)});
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(), "header: max steps must be at least 1");
}

TEST(Simulator, StateOverflowIsAnError) {
  MLP net = threeLayerMLP(0);
  net.layers[0].multiplier = int64_t(1) << 40; // not legalized for 24 bits
  const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
  std::vector<float> x(12, 1.0f);
  Expected<Result> r = simulate(img, {x});
  ASSERT_FALSE(bool(r));
  EXPECT_NE(
      r.error().message().find("membrane potential leaves the 24-bit state"),
      std::string::npos)
      << r.error().message();
  EXPECT_EQ(r.error().message().rfind("step 0: core ", 0), 0u)
      << r.error().message();
}

// Event-driven cost: one wide layer, reporting synaptic events per second.
TEST(Simulator, Throughput) {
  MLP net;
  net.inputs = 1024;
  net.inputScale = 1.0f;
  net.qmin = -16;
  net.qmax = 16;
  net.outputScale = 1.0f;
  Layer l;
  // 128 neurons per core: 1024 rows of 16 words fill the synaptic memory.
  l.outputs = 4096;
  l.neuronsPerCore = 128;
  l.shift = 12;
  l.multiplier = 2;
  l.nmin = -16;
  l.nmax = 16;
  net.layers = {l};
  randomize(net, 1);
  const image::Image img = buildImage(net, loihiMesh(1), loihiCost(), 500);
  Expected<Simulator> sim = Simulator::create(img);
  ASSERT_TRUE(bool(sim)) << sim.error().message();
  const std::vector<float> x = randomInput(net, 1);
  const auto start = std::chrono::steady_clock::now();
  Expected<Result> r = sim->run({x});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_TRUE(bool(r));
  EXPECT_EQ(r->counts[0], reference(net, x));
  const double rate = double(r->stats.synapticOps) / seconds;
  std::cout << "[ throughput ] " << r->stats.synapticOps
            << " synaptic events in " << seconds << " s: " << rate / 1e6
            << " M events/s\n";
  RecordProperty("synaptic_events_per_second", std::to_string(rate));
}
} // namespace
