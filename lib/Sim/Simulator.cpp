//===- Simulator.cpp - cycle-accurate Loihi-like simulator ----------------===//
//
// Event-driven: work is proportional to synaptic events, updated neurons and
// messages. Silent neurons are only counted (idle updates), never touched.
// All run-time tables are flat arrays indexed by global neuron / axon ids,
// sized at creation, so a run allocates nothing per event.
//
//===----------------------------------------------------------------------===//

#include "snnc/Sim/Simulator.h"

#include "snnc/Arith/Neuron.h"
#include "snnc/Arith/Rounding.h"
#include "snnc/Image/JSON.h"
#include "snnc/Image/PortCodec.h"
#include "snnc/Sim/Network.h"

#include "SpiNNaker.h"

#include <algorithm>
#include <limits>

using namespace snnc;
using namespace snnc::sim;
using image::Image;

namespace {
constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();

uint64_t satAdd(uint64_t a, uint64_t b) {
  return a > kU64Max - b ? kU64Max : a + b;
}
uint64_t satMul(uint64_t a, uint64_t b) {
  return a != 0 && b > kU64Max / a ? kU64Max : a * b;
}

struct Profile {
  arith::NeuronParams params;
  int64_t multiplier;
};

/// An input axon's synapse row, resolved to global ids.
struct Axon {
  const uint64_t *words;
  uint32_t count;
  uint32_t bits;
  uint32_t shift; ///< exponent + 8: weight = mantissa * 2^shift
  uint32_t core;
  uint32_t firstNeuron; ///< global id
};

/// A spike on its way to a (global) input axon.
struct Message {
  uint32_t axon;
  int32_t value;
  uint32_t sourceCore;
};

/// One input element's unary spike train and its targets.
struct EncoderElement {
  uint32_t steps; ///< |code|
  int32_t sign;
  uint32_t begin, end; ///< range of Impl::inputTargets
};

std::string str(uint64_t v) { return std::to_string(v); }
} // namespace

struct Simulator::Impl {
  explicit Impl(const Image &img, std::vector<Network::Tile> tileOfCore)
      : image(img), tiles(std::move(tileOfCore)), network(img.cost, tiles) {}

  const Image &image;
  // Run-time tables.
  std::vector<Network::Tile> tiles; ///< per core
  Network network;
  std::vector<uint32_t> neuronBase; ///< per core + 1: first global neuron
  std::vector<uint32_t> coreOfNeuron;
  std::vector<Profile> profiles;
  std::vector<uint32_t> profileOf; ///< per global neuron
  /// (global neuron, bias) for every nonzero bias.
  std::vector<std::pair<uint32_t, int64_t>> biases;
  std::vector<Axon> axons;
  std::vector<uint32_t> fanoutBegin;                 ///< per global neuron + 1
  std::vector<uint32_t> fanout;                      ///< global axon ids
  std::vector<std::vector<uint32_t>> portTargetBase; ///< per port, element
  std::vector<uint32_t> inputTargets;                ///< global axon ids
  int64_t stateMin = 0, stateMax = 0;

  // Run state.
  std::vector<arith::NeuronState> state;
  std::vector<int64_t> da;
  std::vector<uint8_t> listed;               ///< in its core's active list
  std::vector<std::vector<uint32_t>> active; ///< per core, global ids
  std::vector<uint64_t> spikeEvents;         ///< per global neuron
  std::vector<Message> pending, outgoing;
  std::vector<uint64_t> coreSynOps, coreActive; ///< this step, per core
  std::vector<EncoderElement> encoder;
  uint32_t overflowNeuron = 0;
  bool overflow = false;
  RecordOptions record;

  void reset();
  void addInput(uint32_t neuron, uint32_t core, int64_t x);
  void deliver(uint32_t axon, int32_t value);
  Error neuronError(uint64_t step, uint32_t neuron,
                    const std::string &what) const;
};

void Simulator::Impl::reset() {
  for (size_t g = 0; g < state.size(); ++g)
    state[g] = arith::initialState(profiles[profileOf[g]].params);
  std::fill(da.begin(), da.end(), 0);
  std::fill(listed.begin(), listed.end(), 0);
  std::fill(spikeEvents.begin(), spikeEvents.end(), 0);
  for (std::vector<uint32_t> &list : active)
    list.clear();
  pending.clear();
  outgoing.clear();
  overflow = false;
}

inline void Simulator::Impl::addInput(uint32_t neuron, uint32_t core,
                                      int64_t x) {
  const std::optional<int64_t> sum = arith::checkedAdd(da[neuron], x);
  if (!sum) {
    if (!overflow)
      overflowNeuron = neuron;
    overflow = true;
    return;
  }
  da[neuron] = *sum;
  if (!listed[neuron]) {
    listed[neuron] = 1;
    active[core].push_back(neuron);
  }
}

void Simulator::Impl::deliver(uint32_t axon, int32_t value) {
  const Axon &a = axons[axon];
  coreSynOps[a.core] += a.count;
  // |spike| < 2^31, shift <= 15, |mantissa| <= 256: products stay < 2^55.
  const int64_t scaled = int64_t(value) * (int64_t(1) << a.shift);
  const uint32_t per = image::synapsesPerWord(a.bits);
  const unsigned up = 64 - a.bits;
  const uint64_t *word = a.words;
  uint32_t neuron = a.firstNeuron;
  for (uint32_t left = a.count; left != 0; ++word) {
    const uint32_t n = std::min(left, per);
    left -= n;
    uint64_t w = *word;
    for (uint32_t k = 0; k < n; ++k, w >>= a.bits) {
      const int64_t mantissa = arith::bitsToSigned(w << up) >> up;
      addInput(neuron++, a.core, mantissa * scaled);
    }
  }
}

Error Simulator::Impl::neuronError(uint64_t step, uint32_t neuron,
                                   const std::string &what) const {
  const uint32_t core = coreOfNeuron[neuron];
  return Error::failure("step " + str(step) + ": core " + str(core) +
                        ", neuron " + str(neuron - neuronBase[core]) + ": " +
                        what);
}

Simulator::Simulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Simulator::Simulator(Simulator &&) noexcept = default;
Simulator &Simulator::operator=(Simulator &&) noexcept = default;
Simulator::~Simulator() = default;

Expected<Simulator> Simulator::create(const Image &img) {
  if (Error e = image::validate(img))
    return e;
  uint64_t neurons = 0, axonCount = 0, fanoutCount = 0, inputCount = 0;
  for (const image::Core &c : img.cores) {
    neurons += c.neuronCount;
    axonCount += c.inputAxons.size();
    fanoutCount += c.outputAxons.size();
  }
  for (const image::InputPort &p : img.inputs)
    inputCount += p.targets.size();
  constexpr uint64_t kMaxIds = std::numeric_limits<uint32_t>::max();
  if (neurons >= kMaxIds || axonCount >= kMaxIds || fanoutCount >= kMaxIds ||
      inputCount >= kMaxIds)
    return Error::failure("image too large to simulate (2^32 or more neurons, "
                          "axons or table entries)");

  std::vector<Network::Tile> tiles;
  for (const image::Core &c : img.cores)
    tiles.push_back(Network::tileOf(img.mesh, c.coord));
  auto impl = std::make_unique<Impl>(img, std::move(tiles));
  Impl &s = *impl;
  const unsigned bits = img.mesh.limits.stateBits;
  s.stateMax = bits == 64 ? std::numeric_limits<int64_t>::max()
                          : (int64_t(1) << (bits - 1)) - 1;
  s.stateMin = -s.stateMax - 1;

  std::vector<uint32_t> axonBase;
  uint32_t neuronBase = 0;
  for (uint32_t ci = 0; ci < img.cores.size(); ++ci) {
    const image::Core &c = img.cores[ci];
    s.neuronBase.push_back(neuronBase);
    axonBase.push_back(uint32_t(s.axons.size()));
    for (const image::InputAxon &a : c.inputAxons) {
      const image::SynapseFormat f = c.formats[a.format];
      s.axons.push_back({c.synapseWords.data() + a.wordOffset, a.synapseCount,
                         f.weightBits, uint32_t(f.exponent + 8), ci,
                         neuronBase + a.firstNeuron});
    }
    neuronBase += c.neuronCount;
  }
  s.neuronBase.push_back(neuronBase);

  s.fanoutBegin.push_back(0);
  for (uint32_t ci = 0; ci < img.cores.size(); ++ci) {
    const image::Core &c = img.cores[ci];
    const uint32_t profileBase = uint32_t(s.profiles.size());
    for (const image::NeuronProfile &p : c.profiles)
      s.profiles.push_back(
          {{p.thresholdShift, p.nmin, p.nmax, p.burst}, p.multiplier});
    for (uint32_t i = 0; i < c.neuronCount; ++i) {
      const uint32_t g = s.neuronBase[ci] + i;
      s.coreOfNeuron.push_back(ci);
      s.profileOf.push_back(profileBase + c.neuronProfile[i]);
      if (c.bias[i] != 0)
        s.biases.push_back({g, c.bias[i]});
      for (uint32_t k = c.outputAxonOffsets[i]; k < c.outputAxonOffsets[i + 1];
           ++k)
        s.fanout.push_back(axonBase[c.outputAxons[k].core] +
                           c.outputAxons[k].axon);
      s.fanoutBegin.push_back(uint32_t(s.fanout.size()));
    }
  }
  for (const image::InputPort &p : img.inputs) {
    std::vector<uint32_t> &base = s.portTargetBase.emplace_back();
    for (uint32_t o : p.targetOffsets)
      base.push_back(uint32_t(s.inputTargets.size()) + o);
    for (const image::AxonRef &r : p.targets)
      s.inputTargets.push_back(axonBase[r.core] + r.axon);
  }

  s.state.resize(neurons);
  s.da.resize(neurons);
  s.listed.resize(neurons);
  s.spikeEvents.resize(neurons);
  s.active.resize(img.cores.size());
  for (uint32_t ci = 0; ci < img.cores.size(); ++ci)
    s.active[ci].reserve(img.cores[ci].neuronCount);
  s.coreSynOps.resize(img.cores.size());
  s.coreActive.resize(img.cores.size());
  return Simulator(std::move(impl));
}

Expected<Result> Simulator::run(const std::vector<std::vector<float>> &inputs) {
  Impl &s = *impl_;
  const Image &img = s.image;
  const image::CostModel &cost = img.cost;
  if (inputs.size() != img.inputs.size())
    return Error::failure("expected " + str(img.inputs.size()) +
                          " input tensors, got " + str(inputs.size()));
  for (size_t p = 0; p < inputs.size(); ++p) {
    const uint64_t n = *image::elementCount(img.inputs[p].shape);
    if (inputs[p].size() != n)
      return Error::failure("input '" + img.inputs[p].name + "' has " +
                            str(inputs[p].size()) + " elements, its shape " +
                            "needs " + str(n));
  }
  if (img.header.family == image::TargetFamily::SpiNNaker)
    return detail::runSpiNNaker(img, inputs, s.record);
  s.reset();
  detail::PairCounts coreMessages;
  if (s.record.traffic)
    s.network.countLinks();

  // Unary encoders: element e spikes sign(c) on steps [0, |c|). Sorted by
  // train length, the elements spiking at step t are a prefix.
  s.encoder.clear();
  for (size_t p = 0; p < inputs.size(); ++p) {
    const image::InputPort &port = img.inputs[p];
    for (size_t e = 0; e < inputs[p].size(); ++e) {
      const int32_t c =
          image::quantizeInput(inputs[p][e], port.scale, port.qmin, port.qmax);
      const uint32_t begin = s.portTargetBase[p][e];
      const uint32_t end = s.portTargetBase[p][e + 1];
      if (c != 0 && begin != end)
        s.encoder.push_back(
            {uint32_t(c < 0 ? -int64_t(c) : c), c < 0 ? -1 : 1, begin, end});
    }
  }
  // Target ranges are disjoint, so `begin` makes the order total.
  std::sort(s.encoder.begin(), s.encoder.end(),
            [](const EncoderElement &a, const EncoderElement &b) {
              return a.steps != b.steps ? a.steps > b.steps : a.begin < b.begin;
            });
  const uint64_t encoderSteps = s.encoder.empty() ? 0 : s.encoder[0].steps;

  Result result;
  Statistics &st = result.stats;
  const size_t coreCount = img.cores.size();
  st.cores.resize(coreCount);
  uint64_t totalNeurons = 0;
  for (size_t c = 0; c < coreCount; ++c) {
    st.cores[c].neurons = img.cores[c].neuronCount;
    totalNeurons += img.cores[c].neuronCount;
  }
  const uint64_t barrierPs =
      img.mesh.chips > 1 ? cost.barrierMultiChipPs : cost.barrierChipPs;
  const bool fixedWindow = img.header.window == image::WindowPolicy::Fixed;

  for (uint64_t t = 0;; ++t) {
    std::fill(s.coreSynOps.begin(), s.coreSynOps.end(), 0);
    std::fill(s.coreActive.begin(), s.coreActive.end(), 0);

    // (a) synaptic phase, (b) bias.
    for (const Message &m : s.pending)
      s.deliver(m.axon, m.value);
    for (const EncoderElement &e : s.encoder) {
      if (e.steps <= t)
        break;
      ++st.inputSpikes;
      for (uint32_t k = e.begin; k < e.end; ++k)
        s.deliver(s.inputTargets[k], e.sign);
    }
    if (t == 0)
      for (const auto &[g, b] : s.biases)
        s.addInput(g, s.coreOfNeuron[g], b);
    if (s.overflow)
      return s.neuronError(t, s.overflowNeuron,
                           "dendritic accumulator overflows int64");

    // (c) neuron phase, (d) spikes out, in core and neuron order.
    s.outgoing.clear();
    uint64_t stepSpikes = 0, stillActive = 0;
    for (uint32_t c = 0; c < coreCount; ++c) {
      std::vector<uint32_t> &list = s.active[c];
      if (list.empty())
        continue;
      std::sort(list.begin(), list.end());
      s.coreActive[c] = list.size();
      size_t keep = 0;
      for (uint32_t g : list) {
        const Profile &p = s.profiles[s.profileOf[g]];
        const int64_t input = s.da[g];
        s.da[g] = 0;
        std::optional<int64_t> current = 0;
        if (input != 0)
          current = arith::checkedMul(p.multiplier, input);
        const std::optional<int64_t> v =
            current ? arith::checkedAdd(s.state[g].v, *current) : std::nullopt;
        if (!v || *v < s.stateMin || *v > s.stateMax)
          return s.neuronError(
              t, g,
              "membrane potential leaves the " +
                  str(img.mesh.limits.stateBits) +
                  "-bit state (the compiler must legalize the multiplier)");
        const int32_t k = arith::step(s.state[g], p.params, *current);
        if (k != 0) {
          ++stepSpikes;
          ++s.spikeEvents[g];
          ++st.cores[c].spikes;
          detail::recordSpike(result.recording, s.record,
                              {t, c, g - s.neuronBase[c], k});
          for (uint32_t f = s.fanoutBegin[g]; f < s.fanoutBegin[g + 1]; ++f)
            s.outgoing.push_back({s.fanout[f], k, c});
        }
        const bool quiet = arith::isQuiescent(s.state[g], p.params);
        s.listed[g] = !quiet;
        if (!quiet)
          list[keep++] = g;
      }
      list.resize(keep);
      stillActive += keep;
    }

    for (const Message &m : s.outgoing) {
      s.network.send(s.tiles[m.sourceCore], s.tiles[s.axons[m.axon].core]);
      if (s.record.traffic)
        ++coreMessages[{m.sourceCore, s.axons[m.axon].core}];
    }
    const Network::Drain drain = s.network.drain();

    // (e) the step's time: slowest core, network drain, barrier.
    uint64_t slowestCore = 0, stepActive = 0, stepSynOps = 0;
    for (uint32_t c = 0; c < coreCount; ++c) {
      const uint64_t syn = s.coreSynOps[c], act = s.coreActive[c];
      const uint64_t idle = img.cores[c].neuronCount - act;
      const uint64_t ps = satAdd(satAdd(satMul(syn, cost.synapticOpPs),
                                        satMul(act, cost.neuronActivePs)),
                                 satMul(idle, cost.neuronIdlePs));
      CoreStats &cs = st.cores[c];
      cs.synapticOps = satAdd(cs.synapticOps, syn);
      cs.activeUpdates += act;
      cs.busyPs = satAdd(cs.busyPs, ps);
      slowestCore = std::max(slowestCore, ps);
      stepActive += act;
      stepSynOps = satAdd(stepSynOps, syn);
    }
    const uint64_t stepPs =
        satAdd(satAdd(slowestCore, drain.timePs), barrierPs);
    if (stepPs > st.maxStepPs || t == 0) {
      st.maxStepPs = stepPs;
      st.maxStep = t;
    }
    st.timePs = satAdd(st.timePs, stepPs);
    st.stepPs.push_back(stepPs);
    st.stepSpikes.push_back(stepSpikes);
    st.spikes += stepSpikes;
    st.messages += drain.messages;
    st.synapticOps = satAdd(st.synapticOps, stepSynOps);
    st.neuronUpdatesActive += stepActive;
    st.neuronUpdatesIdle =
        satAdd(st.neuronUpdatesIdle, totalNeurons - stepActive);
    st.hopsEastWest += drain.hopsEastWest;
    st.hopsNorthSouth += drain.hopsNorthSouth;
    st.linkMaxQueue = std::max(st.linkMaxQueue, drain.maxQueue);

    std::swap(s.pending, s.outgoing);
    const bool quiescent =
        s.pending.empty() && t + 1 >= encoderSteps && stillActive == 0;
    st.steps = t + 1;
    if ((quiescent && !fixedWindow) || st.steps == img.header.maxSteps) {
      st.quiescent = quiescent;
      break;
    }
  }

  // Outputs and per-port spikes.
  for (const image::OutputPort &port : img.outputs) {
    std::vector<int32_t> &counts = result.counts.emplace_back();
    std::vector<float> &values = result.outputs.emplace_back();
    PortStats &ps = st.outputs.emplace_back();
    ps.name = port.name;
    for (const image::NeuronRef &r : port.elements) {
      const uint32_t g = s.neuronBase[r.core] + r.neuron;
      counts.push_back(s.state[g].n);
      values.push_back(image::dequantizeOutput(s.state[g].n, port.scale));
      ps.spikes += s.spikeEvents[g];
    }
  }

  if (s.record.traffic) {
    result.recording.cores = detail::coreTrafficOf(coreMessages);
    result.recording.links = s.network.linkTraffic();
  }
  st.cycles = st.timePs / cost.cyclePs + (st.timePs % cost.cyclePs != 0);
  Energy &e = st.energyFj;
  e.synaptic = satMul(st.synapticOps, cost.synapticOpFj);
  e.neuron = satAdd(satMul(st.neuronUpdatesActive, cost.neuronActiveFj),
                    satMul(st.neuronUpdatesIdle, cost.neuronIdleFj));
  e.network = satAdd(satAdd(satMul(st.messages, cost.spikeTileFj),
                            satMul(st.hopsEastWest, cost.hopEastWestFj)),
                     satMul(st.hopsNorthSouth, cost.hopNorthSouthFj));
  // uW * ps = 1e-18 J = 1e-3 fJ; floor(P * t / 1000) without overflowing
  // the product: (P div 1000) * t + floor((P mod 1000) * t / 1000).
  const uint64_t power = satMul(cost.staticPowerUw, img.mesh.chips);
  e.staticEnergy = satAdd(satMul(power / 1000, st.timePs),
                          satMul(power % 1000, st.timePs) / 1000);
  e.total =
      satAdd(satAdd(e.synaptic, e.neuron), satAdd(e.network, e.staticEnergy));
  for (size_t c = 0; c < coreCount; ++c) {
    CoreStats &cs = st.cores[c];
    const uint32_t limit = img.mesh.limits.neurons;
    cs.neuronUtilization = limit ? double(cs.neurons) / double(limit) : 0.0;
    cs.busyFraction = st.timePs ? double(cs.busyPs) / double(st.timePs) : 0.0;
  }
  return result;
}

void Simulator::setRecording(const RecordOptions &options) {
  impl_->record = options;
}

Error Result::checkQuiescent() const {
  if (stats.quiescent)
    return Error::success();
  return Error::failure(
      "not quiescent after " + str(stats.steps) +
      " steps: spike counts are not final, so outputs are not the normative "
      "integers; raise the image's max steps (longer window)");
}

Expected<Result>
snnc::sim::simulate(const Image &image,
                    const std::vector<std::vector<float>> &inputs) {
  Expected<Simulator> sim = Simulator::create(image);
  if (!sim)
    return sim.error();
  return sim->run(inputs);
}

std::string Statistics::toJSON() const {
  image::JSONWriter j;
  j.beginObject();
  j.member("steps", steps).member("quiescent", quiescent);
  j.member("time_ps", timePs).member("cycles", cycles);
  j.member("max_step_ps", maxStepPs).member("max_step", maxStep);
  j.key("events").beginObject();
  j.member("input_spikes", inputSpikes).member("spikes", spikes);
  j.member("messages", messages).member("synaptic_ops", synapticOps);
  j.member("neuron_updates_active", neuronUpdatesActive);
  j.member("neuron_updates_idle", neuronUpdatesIdle);
  j.member("hops_east_west", hopsEastWest);
  j.member("hops_north_south", hopsNorthSouth);
  j.member("link_max_queue", linkMaxQueue);
  j.endObject();
  j.key("energy_fj").beginObject();
  j.member("synaptic", energyFj.synaptic).member("neuron", energyFj.neuron);
  j.member("network", energyFj.network);
  j.member("static", energyFj.staticEnergy).member("total", energyFj.total);
  j.endObject();
  j.key("outputs").beginArray();
  for (const PortStats &p : outputs) {
    j.beginObject();
    j.member("name", p.name).member("spikes", p.spikes);
    j.endObject();
  }
  j.endArray();
  j.key("cores").beginArray();
  for (size_t i = 0; i < cores.size(); ++i) {
    const CoreStats &c = cores[i];
    j.beginObject();
    j.member("core", i).member("neurons", c.neurons);
    j.member("neuron_utilization", c.neuronUtilization);
    j.member("spikes", c.spikes).member("synaptic_ops", c.synapticOps);
    j.member("active_updates", c.activeUpdates);
    j.member("busy_ps", c.busyPs).member("busy_fraction", c.busyFraction);
    j.endObject();
  }
  j.endArray();
  if (family == "spinnaker") {
    j.member("family", family);
    j.key("spinnaker").beginObject();
    j.member("tick_cycles", spinnaker.tickCycles);
    j.member("packets", spinnaker.packets);
    j.member("payload_packets", spinnaker.payloadPackets);
    j.member("host_packets", spinnaker.hostPackets);
    j.member("deliveries", spinnaker.deliveries);
    j.member("dropped", spinnaker.dropped);
    j.member("chip_hops", spinnaker.chipHops);
    j.member("max_packet_hops", spinnaker.maxPacketHops);
    j.member("overrun_ticks", spinnaker.overrunTicks);
    j.member("max_core_cycles", spinnaker.maxCoreCycles);
    j.member("max_core_cycles_tick", spinnaker.maxCoreCyclesTick);
    j.endObject();
  }
  j.key("per_step").beginObject();
  j.key("time_ps").beginArray(image::JSONWriter::Layout::Compact);
  for (uint64_t v : stepPs)
    j.value(v);
  j.endArray();
  j.key("spikes").beginArray(image::JSONWriter::Layout::Compact);
  for (uint64_t v : stepSpikes)
    j.value(v);
  j.endArray();
  j.endObject();
  j.endObject();
  return j.str() + "\n";
}
