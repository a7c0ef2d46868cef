//===- SpiNNaker.cpp - SpiNNaker-like simulation --------------------------===//
//
// Every core runs the same 1 ms timer tick. Tick t:
//  (1) every neuron is updated (the timer updates all of them): its input
//      is ring-buffer slot t, holding Σ value · (weight << type shift) of
//      the synapses whose packets were received in tick t - delay; at t = 0
//      the bias is added. The ST-BIF step is snnc-arith's, applied as the
//      Loihi-like simulator applies it, so the counts are the same integers;
//  (2) a neuron spiking k != 0 on a core that sends injects a packet with
//      key `core key | neuron` (72 bits with k as payload unless k == 1)
//      into its chip's router; routers forward it hop by hop by their TCAM
//      entries (first match; no match: straight on, or dropped when it came
//      from a local core) to every core their routes name;
//  (3) each core receiving a packet in tick t finds its master population
//      table entry by binary search and adds its synaptic row into slot
//      t + delay; the host writes the encoder spikes of step t + 1 the same
//      way (those of step 0 before tick 0).
// A core's cycles in tick t are its neuron updates, received packets and
// synaptic events at the description's cycle costs; over the budget it
// overruns, which is counted, not hidden. The run ends as the Loihi-like
// one does: quiescent (nothing scheduled, encoders exhausted, every neuron
// quiescent) or the image's step bound.
//
//===----------------------------------------------------------------------===//

#include "SpiNNaker.h"

#include "snnc/Arith/Neuron.h"
#include "snnc/Image/PortCodec.h"
#include "snnc/Routing/RouterTable.h"
#include "snnc/Routing/Triangular.h"

#include <algorithm>
#include <limits>
#include <tuple>

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
std::string str(uint64_t v) { return std::to_string(v); }

struct Element {
  uint32_t steps;
  int32_t sign;
  uint32_t begin, end; ///< range of the port's targets
  uint32_t port;
};

class Machine {
public:
  Machine(const Image &img, const RecordOptions &record)
      : img(img), spin(img.spinnaker), record(record) {}
  Expected<Result> run(const std::vector<std::vector<float>> &inputs);

private:
  const Image &img;
  const image::SpiNNaker &spin;
  routing::Board board;
  uint32_t coreSlots = 0;      ///< application cores per chip
  uint32_t ringSlots = 0;      ///< ring-buffer slots per neuron
  std::vector<uint32_t> base;  ///< per core + 1: first global neuron
  std::vector<int32_t> coreAt; ///< chip * slots per chip + slot, or -1
  std::vector<arith::NeuronState> state;
  std::vector<int64_t> ring; ///< global neuron * slots + slot
  std::vector<uint64_t> coreCycles;
  bool overflow = false;
  uint32_t overflowNeuron = 0;
  uint64_t lastScheduled = 0; ///< latest slot tick holding input
  bool anyScheduled = false;
  Statistics *st = nullptr;
  const RecordOptions &record;
  uint32_t sourceCore = 0; ///< of the packet being routed
  detail::PairCounts coreMessages, chipLinks;

  void receiveRow(uint32_t core, uint32_t row, int32_t value, uint64_t tick);
  void receive(uint32_t core, uint32_t key, int32_t value, uint64_t tick);
  void route(uint32_t chip, uint32_t key, int32_t value, uint64_t tick);
};

void Machine::receiveRow(uint32_t core, uint32_t row, int32_t value,
                         uint64_t tick) {
  const image::SpiNNakerCore &c = spin.cores[core];
  const image::SynapseWordLayout &l = spin.layout;
  const uint32_t begin = c.rowOffsets[row], end = c.rowOffsets[row + 1];
  coreCycles[core] =
      satAdd(coreCycles[core],
             satAdd(spin.cost.packetCycles,
                    satMul(end - begin, spin.cost.synapticEventCycles)));
  st->synapticOps = satAdd(st->synapticOps, end - begin);
  st->cores[core].synapticOps =
      satAdd(st->cores[core].synapticOps, end - begin);
  for (uint32_t i = begin; i < end; ++i) {
    const uint32_t w = c.synapses[i];
    const uint64_t at = tick + image::synapseWordDelay(l, w);
    const uint32_t g = base[core] + image::synapseWordIndex(l, w);
    // |value| < 2^31, |weight| < 2^15, shift <= 15: no int64 overflow.
    const int64_t x = int64_t(value) * image::synapseWordWeight(w) *
                      (int64_t(1) << c.typeShift[image::synapseWordType(l, w)]);
    int64_t &slot = ring[uint64_t(g) * ringSlots + at % ringSlots];
    const std::optional<int64_t> sum = arith::checkedAdd(slot, x);
    if (!sum) {
      if (!overflow)
        overflowNeuron = g;
      overflow = true;
      continue;
    }
    slot = *sum;
    anyScheduled = true;
    lastScheduled = std::max(lastScheduled, at);
  }
}

void Machine::receive(uint32_t core, uint32_t key, int32_t value,
                      uint64_t tick) {
  ++st->spinnaker.deliveries;
  const std::vector<image::PopulationEntry> &table = spin.cores[core].popTable;
  // The last entry whose key is <= the packet's, by binary search.
  auto it = std::upper_bound(
      table.begin(), table.end(), key,
      [](uint32_t k, const image::PopulationEntry &e) { return k < e.key; });
  if (it != table.begin()) {
    const image::PopulationEntry &e = *std::prev(it);
    const uint32_t offset = key & ~e.mask;
    if ((key & e.mask) == e.key && offset < e.rows) {
      receiveRow(core, e.firstRow + offset, value, tick);
      return;
    }
  }
  // A packet the router delivers but no row handles costs the lookup only.
  coreCycles[core] = satAdd(coreCycles[core], spin.cost.packetCycles);
}

void Machine::route(uint32_t chip, uint32_t key, int32_t value, uint64_t tick) {
  SpiNNakerStats &s = st->spinnaker;
  // Depth-first over the multicast tree: (chip, input link or -1, hops).
  struct Hop {
    uint32_t chip;
    int in;
    uint64_t hops;
  };
  std::vector<Hop> work = {{chip, -1, 0}};
  // A packet cannot usefully cross more links than the board has chips
  // twice over; longer paths are routing loops, which drop it.
  const uint64_t maxHops = 2 * uint64_t(img.mesh.chips) + 2;
  while (!work.empty()) {
    const Hop h = work.back();
    work.pop_back();
    s.maxPacketHops = std::max(s.maxPacketHops, h.hops);
    const std::vector<image::RouterEntry> &table = spin.routers[h.chip];
    auto match = std::find_if(
        table.begin(), table.end(),
        [&](const image::RouterEntry &e) { return (key & e.mask) == e.key; });
    uint32_t routeBits;
    if (match != table.end()) {
      routeBits = match->route;
    } else if (h.in >= 0) {
      routeBits = 1u << routing::opposite(routing::Link(h.in));
    } else {
      ++s.dropped;
      continue;
    }
    for (int link = 0; link < routing::kLinks; ++link) {
      if (!(routeBits & (1u << link)))
        continue;
      const std::optional<int64_t> next =
          board.neighbour(h.chip, routing::Link(link));
      if (!next || h.hops + 1 > maxHops) {
        ++s.dropped;
        continue;
      }
      ++s.chipHops;
      if (record.traffic)
        ++chipLinks[{h.chip, uint32_t(*next)}];
      work.push_back({uint32_t(*next), routing::opposite(routing::Link(link)),
                      h.hops + 1});
    }
    for (uint32_t p = 1; p + routing::kLinks < image::kRouteBits; ++p) {
      if (!(routeBits & (1u << (routing::kLinks + p))))
        continue;
      const int32_t core =
          p - 1 < coreSlots ? coreAt[h.chip * coreSlots + p - 1] : -1;
      if (core < 0) {
        ++s.dropped; // a processor with no application core
        continue;
      }
      if (record.traffic)
        ++coreMessages[{sourceCore, uint32_t(core)}];
      receive(uint32_t(core), key, value, tick);
    }
  }
}

Expected<Result> Machine::run(const std::vector<std::vector<float>> &inputs) {
  const image::Mesh &mesh = img.mesh;
  const image::SpiNNakerCost &cost = spin.cost;
  board = *routing::Board::of(mesh.chips);
  coreSlots = mesh.width * mesh.height;
  ringSlots = 1u << spin.layout.delayBits;
  coreAt.assign(uint64_t(mesh.chips) * coreSlots, -1);
  uint32_t neurons = 0;
  std::vector<const image::NeuronProfile *> profileOf;
  for (uint32_t c = 0; c < img.cores.size(); ++c) {
    const image::Core &core = img.cores[c];
    coreAt[core.coord.chip * coreSlots + core.coord.y * mesh.width +
           core.coord.x] = int32_t(c);
    base.push_back(neurons);
    neurons += core.neuronCount;
    for (uint16_t p : core.neuronProfile)
      profileOf.push_back(&core.profiles[p]);
  }
  base.push_back(neurons);
  auto params = [&](uint32_t g) {
    const image::NeuronProfile &p = *profileOf[g];
    return arith::NeuronParams{p.thresholdShift, p.nmin, p.nmax, p.burst};
  };
  state.resize(neurons);
  for (uint32_t g = 0; g < neurons; ++g)
    state[g] = arith::initialState(params(g));
  ring.assign(uint64_t(neurons) * ringSlots, 0);
  coreCycles.assign(img.cores.size(), 0);
  std::vector<uint64_t> spikeEvents(neurons, 0);
  const int64_t stateMax =
      mesh.limits.stateBits == 64
          ? std::numeric_limits<int64_t>::max()
          : (int64_t(1) << (mesh.limits.stateBits - 1)) - 1;
  const int64_t stateMin = -stateMax - 1;

  Result result;
  Statistics &stats = result.stats;
  st = &stats;
  stats.family = image::familyName(img.header.family);
  stats.spinnaker.tickCycles = cost.tickCycles;
  stats.cores.resize(img.cores.size());
  for (size_t c = 0; c < img.cores.size(); ++c)
    stats.cores[c].neurons = img.cores[c].neuronCount;

  // Encoder elements: step t spikes for |code| > t.
  std::vector<Element> encoder;
  for (uint32_t p = 0; p < inputs.size(); ++p) {
    const image::InputPort &port = img.inputs[p];
    for (size_t e = 0; e < inputs[p].size(); ++e) {
      const int32_t code =
          image::quantizeInput(inputs[p][e], port.scale, port.qmin, port.qmax);
      if (code != 0 && port.targetOffsets[e] != port.targetOffsets[e + 1])
        encoder.push_back({uint32_t(code < 0 ? -int64_t(code) : code),
                           code < 0 ? -1 : 1, port.targetOffsets[e],
                           port.targetOffsets[e + 1], p});
    }
  }
  uint64_t encoderSteps = 0;
  for (const Element &e : encoder)
    encoderSteps = std::max<uint64_t>(encoderSteps, e.steps);
  // The host writes step `step`'s spikes as packets received in tick
  // `step - 1`; ring slots are offset by one so that tick -1 is slot 0.
  auto hostStep = [&](uint64_t step) {
    for (const Element &e : encoder) {
      if (e.steps <= step)
        continue;
      ++stats.inputSpikes;
      for (uint32_t k = e.begin; k < e.end; ++k) {
        const image::AxonRef &r = img.inputs[e.port].targets[k];
        ++stats.spinnaker.hostPackets;
        receiveRow(r.core, r.axon, e.sign, step);
      }
    }
  };
  // Ring slots are shifted by one tick so that tick -1 exists: receiveRow
  // takes the receive tick + 1, and tick t reads slot t + 1.
  hostStep(0);
  for (uint32_t c = 0; c < img.cores.size(); ++c) {
    const image::Core &core = img.cores[c];
    for (uint32_t i = 0; i < core.neuronCount; ++i)
      if (core.bias[i] != 0) {
        int64_t &slot = ring[uint64_t(base[c] + i) * ringSlots + 1 % ringSlots];
        const std::optional<int64_t> sum =
            arith::checkedAdd(slot, core.bias[i]);
        if (!sum)
          return Error::failure("core " + str(c) + ", neuron " + str(i) +
                                ": bias overflows int64");
        slot = *sum;
        anyScheduled = true;
        lastScheduled = std::max<uint64_t>(lastScheduled, 1);
      }
  }

  const uint64_t tickPs = satMul(cost.tickCycles, cost.cyclePs);
  for (uint64_t t = 0;; ++t) {
    // Slot of tick t (shifted: tick t reads slot t + 1).
    const uint64_t now = t + 1;
    uint64_t stepSpikes = 0, stillActive = 0;
    struct Spike {
      uint32_t core, neuron;
      int32_t value;
    };
    std::vector<Spike> spikes;
    for (uint32_t c = 0; c < img.cores.size(); ++c) {
      const image::Core &core = img.cores[c];
      coreCycles[c] = satAdd(coreCycles[c],
                             satMul(core.neuronCount, cost.neuronUpdateCycles));
      uint64_t active = 0;
      for (uint32_t i = 0; i < core.neuronCount; ++i) {
        const uint32_t g = base[c] + i;
        int64_t &slot = ring[uint64_t(g) * ringSlots + now % ringSlots];
        const int64_t input = slot;
        slot = 0;
        const arith::NeuronParams p = params(g);
        if (input == 0 && arith::isQuiescent(state[g], p))
          continue;
        ++active;
        std::optional<int64_t> current = 0;
        if (input != 0)
          current = arith::checkedMul(profileOf[g]->multiplier, input);
        const std::optional<int64_t> v =
            current ? arith::checkedAdd(state[g].v, *current) : std::nullopt;
        if (!v || *v < stateMin || *v > stateMax)
          return Error::failure(
              "step " + str(t) + ": core " + str(c) + ", neuron " + str(i) +
              ": membrane potential leaves the " + str(mesh.limits.stateBits) +
              "-bit state (the compiler must legalize the multiplier)");
        const int32_t k = arith::step(state[g], p, *current);
        if (k != 0) {
          ++stepSpikes;
          ++spikeEvents[g];
          ++stats.cores[c].spikes;
          detail::recordSpike(result.recording, record, {t, c, i, k});
          if (spin.cores[c].sends)
            spikes.push_back({c, i, k});
        }
        stillActive += !arith::isQuiescent(state[g], p);
      }
      // The timer updates every neuron; "active" ones had work to do.
      stats.cores[c].activeUpdates += active;
      stats.neuronUpdatesActive += active;
      stats.neuronUpdatesIdle += core.neuronCount - active;
    }
    // Packets of this tick's spikes, then the host's for step t + 1, all
    // received in tick t.
    for (const Spike &s : spikes) {
      const uint32_t key = spin.cores[s.core].key | s.neuron;
      if (s.value == 1)
        ++stats.spinnaker.packets;
      else
        ++stats.spinnaker.payloadPackets;
      sourceCore = s.core;
      route(img.cores[s.core].coord.chip, key, s.value, now);
    }
    hostStep(t + 1);
    if (overflow) {
      const uint32_t c =
          uint32_t(std::upper_bound(base.begin(), base.end(), overflowNeuron) -
                   base.begin() - 1);
      return Error::failure("step " + str(t) + ": core " + str(c) +
                            ", neuron " + str(overflowNeuron - base[c]) +
                            ": synaptic input overflows int64");
    }

    for (uint32_t c = 0; c < img.cores.size(); ++c) {
      const uint64_t cycles = coreCycles[c];
      coreCycles[c] = 0;
      CoreStats &cs = stats.cores[c];
      cs.busyPs = satAdd(cs.busyPs, satMul(cycles, cost.cyclePs));
      if (cycles > cost.tickCycles)
        ++stats.spinnaker.overrunTicks;
      if (cycles > stats.spinnaker.maxCoreCycles) {
        stats.spinnaker.maxCoreCycles = cycles;
        stats.spinnaker.maxCoreCyclesTick = t;
      }
    }
    stats.timePs = satAdd(stats.timePs, tickPs);
    stats.stepPs.push_back(tickPs);
    stats.stepSpikes.push_back(stepSpikes);
    stats.spikes += stepSpikes;
    const bool quiescent = (!anyScheduled || lastScheduled <= now) &&
                           t + 1 >= encoderSteps && stillActive == 0;
    stats.steps = t + 1;
    if ((quiescent && img.header.window != image::WindowPolicy::Fixed) ||
        stats.steps == img.header.maxSteps) {
      stats.quiescent = quiescent;
      break;
    }
  }

  for (const image::OutputPort &port : img.outputs) {
    std::vector<int32_t> &counts = result.counts.emplace_back();
    std::vector<float> &values = result.outputs.emplace_back();
    PortStats &ps = stats.outputs.emplace_back();
    ps.name = port.name;
    for (const image::NeuronRef &r : port.elements) {
      const uint32_t g = base[r.core] + r.neuron;
      counts.push_back(state[g].n);
      values.push_back(image::dequantizeOutput(state[g].n, port.scale));
      ps.spikes += spikeEvents[g];
    }
  }

  result.recording.cores = detail::coreTrafficOf(coreMessages);
  for (const auto &[pair, n] : chipLinks)
    result.recording.links.push_back(
        {uint32_t(board.x(pair.first)), uint32_t(board.y(pair.first)),
         uint32_t(board.x(pair.second)), uint32_t(board.y(pair.second)), n});
  std::sort(result.recording.links.begin(), result.recording.links.end(),
            [](const LinkTraffic &a, const LinkTraffic &b) {
              return std::tie(a.fromY, a.fromX, a.toY, a.toX) <
                     std::tie(b.fromY, b.fromX, b.toY, b.toX);
            });
  stats.maxStepPs = tickPs;
  stats.cycles = satMul(stats.steps, cost.tickCycles);
  stats.messages = stats.spinnaker.packets + stats.spinnaker.payloadPackets;
  Energy &e = stats.energyFj;
  e.network =
      satAdd(satMul(stats.spinnaker.packets, cost.packetFj),
             satMul(stats.spinnaker.payloadPackets, cost.packetPayloadFj));
  // uW * ps = 1e-3 fJ, computed as in the Loihi-like model.
  auto energyOf = [&](uint64_t uw) {
    return satAdd(satMul(uw / 1000, stats.timePs),
                  satMul(uw % 1000, stats.timePs) / 1000);
  };
  uint64_t activeCores = 0;
  for (const image::Core &c : img.cores)
    activeCores += c.neuronCount != 0;
  e.neuron = energyOf(satMul(cost.activeCoreUw, activeCores));
  e.staticEnergy = energyOf(satMul(cost.staticPowerUw, mesh.chips));
  e.total =
      satAdd(satAdd(e.synaptic, e.neuron), satAdd(e.network, e.staticEnergy));
  for (size_t c = 0; c < stats.cores.size(); ++c) {
    CoreStats &cs = stats.cores[c];
    cs.neuronUtilization =
        mesh.limits.neurons ? double(cs.neurons) / mesh.limits.neurons : 0.0;
    cs.busyFraction =
        stats.timePs ? double(cs.busyPs) / double(stats.timePs) : 0.0;
  }
  return result;
}
} // namespace

Expected<Result>
snnc::sim::detail::runSpiNNaker(const Image &image,
                                const std::vector<std::vector<float>> &inputs,
                                const RecordOptions &record) {
  return Machine(image, record).run(inputs);
}
