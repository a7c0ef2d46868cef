//===- Partition.cpp - split snn populations into cores -------------------===//
//
// One population per core: a core holds one contiguous slice of one
// population, so its synaptic rows, profiles and formats are those of that
// population alone. Packing several small populations into a core would save
// cores but couple their limits.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/Chip/Transforms/Passes.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Routing/Triangular.h"
#include "snnc/Target/TargetDescription.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <map>

namespace snnc {
#define GEN_PASS_DEF_SNNPARTITION
#include "snnc/Dialect/Chip/Transforms/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;
using target::TargetDescription;

namespace {

/// One input current of a population: the spikes of `producer` through a
/// synapse.
struct Source {
  unsigned producer; ///< index into Mapper::populations
  int64_t fanIn;
  int64_t perWord; ///< synapses per synaptic memory word
};

struct Slice {
  int64_t begin;
  int64_t end;
};

/// What a core holding some neurons of a population uses.
struct Usage {
  int64_t neurons = 0;
  int64_t inputAxons = 0;
  int64_t synapseWords = 0;
  int64_t outputAxons = 0;
  int64_t synapses = 0; ///< for the spinnaker tick budget

  /// The row (index over the leading dimensions) of the last neuron and how
  /// many of the slice's neurons lie in it.
  int64_t row = -1;
  int64_t inRow = 0;
  llvm::SmallDenseSet<unsigned, 8> profiles;
};

enum class Resource {
  Neurons,
  Profiles,
  InputAxons,
  SynapseWords,
  OutputAxons,
  TickCycles
};

/// SpiNNaker stores one 32-bit word per synapse after a row header of 3
/// words (sPyNNaker synapse_row.h N_SYNAPSE_ROW_HEADER_WORDS); Loihi packs
/// word_bits / mantissa_bits weights per word with no header.
constexpr int64_t kSpiNNakerRowHeaderWords = 3;

/// An snn.encode (on the host) or snn.neurons (on cores) population.
struct Population {
  Operation *op = nullptr;
  StringAttr name;
  int64_t size = 0;
  int64_t channels = 1;
  SmallVector<Source> sources;
  /// (population, source index) pairs reading this population's spikes.
  SmallVector<std::pair<unsigned, unsigned>> consumers;
  /// Per channel, the index of its multiplier tuple (its neuron profile).
  SmallVector<unsigned> profileOfChannel;
  /// Per row, the output axons of each of its neurons (set once the
  /// consumers are partitioned).
  std::vector<int64_t> fanOutOfRow;
  int64_t formats = 0;
  SmallVector<Slice> slices;
  SmallVector<Usage> usage;
  unsigned firstCore = 0;

  bool onHost() const { return isa<snn::EncodeOp>(op); }
  int64_t rowOf(int64_t neuron) const { return neuron / channels; }
};

class Mapper {
public:
  Mapper(func::FuncOp func, const TargetDescription &target, int64_t chips)
      : func(func), target(target), chips(chips) {}

  LogicalResult run();

private:
  LogicalResult collect();
  LogicalResult assignNames();
  LogicalResult partition(Population &population);
  std::optional<Resource> tryAdd(const Population &population, Usage &usage,
                                 int64_t neuron) const;
  std::vector<int64_t> fanOutOfRows(const Population &population) const;
  std::optional<Usage> usageOf(const Population &population, Slice slice) const;
  LogicalResult reportSingleNeuron(const Population &population, int64_t neuron,
                                   Resource resource) const;
  void emit();

  func::FuncOp func;
  const TargetDescription &target;
  int64_t chips;
  std::vector<Population> populations;
  DenseMap<Value, unsigned> populationOf;
  SmallVector<snn::DecodeOp> decodes;
};

} // namespace

/// The ONNX node name a location carries, if any.
static std::optional<StringRef> nodeName(Location loc) {
  std::optional<StringRef> name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = named.getName().getValue();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

LogicalResult Mapper::collect() {
  auto addPopulation = [&](Operation *op, Value spikes) -> unsigned {
    ArrayRef<int64_t> shape =
        cast<snn::SpikesType>(spikes.getType()).getShape();
    Population population;
    population.op = op;
    population.size = 1;
    for (int64_t dim : shape)
      population.size *= dim;
    population.channels = shape.empty() ? 1 : shape.back();
    populationOf[spikes] = populations.size();
    populations.push_back(std::move(population));
    return populations.size() - 1;
  };

  for (BlockArgument arg : func.getArguments())
    if (isa<snn::SpikesType>(arg.getType()) && !arg.use_empty())
      return func.emitError("spike-train argument #")
             << arg.getArgNumber()
             << " has no source the chip can host; encode tensors with "
                "snn.encode";

  const int64_t wordBits = target.limits.synapseWordBits.value;
  for (Operation &op : func.getBody().getOps()) {
    if (!isa<snn::SNNDialect>(op.getDialect()))
      continue;
    if (auto encode = dyn_cast<snn::EncodeOp>(op)) {
      addPopulation(encode, encode.getResult());
      continue;
    }
    // Spike arguments are refused above and other spiking ops before their
    // users, so an earlier population emits every decoded or synapse input.
    if (auto decode = dyn_cast<snn::DecodeOp>(op)) {
      if (populations[populationOf.lookup(decode.getInput())].onHost())
        return decode.emitError("decodes spikes that no population on the "
                                "chip emits; there is nothing to map");
      decodes.push_back(decode);
      continue;
    }
    if (isa<snn::SynapseOp>(op))
      continue; // read through the populations it feeds
    auto neurons = dyn_cast<snn::NeuronsOp>(op);
    if (!neurons)
      return op.emitError("'")
             << op.getName() << "' cannot be mapped onto cores of target '"
             << target.name
             << "' yet (snn-partition maps snn.encode, snn.synapse, "
                "snn.neurons and snn.decode)";

    unsigned index = addPopulation(neurons, neurons.getResult());
    Population &population = populations[index];
    llvm::SmallDenseSet<chip::SynapseFormatAttr, 4> formats;
    for (Value current : neurons.getInputs()) {
      auto synapse = current.getDefiningOp<snn::SynapseOp>();
      if (!synapse)
        return neurons.emitError("an input current does not come from an "
                                 "snn.synapse, which snn-partition cannot map");
      auto format = synapse->getAttrOfType<chip::SynapseFormatAttr>(
          "chip.synapse_format");
      if (!format)
        return synapse.emitError("has no 'chip.synapse_format'; run "
                                 "snn-legalize-target before snn-partition");
      const auto &f = target.formats;
      if (format.getMantissaBits() > f.weightMantissaBits.value ||
          format.getExponent() < f.weightExponentMin.value ||
          format.getExponent() > f.weightExponentMax.value)
        return synapse.emitError("synapse format ")
               << format << " is not a format of target '" << target.name
               << "'; run snn-legalize-target with this target";
      unsigned producer = populationOf.lookup(synapse.getInput());
      formats.insert(format);
      population.sources.push_back(
          {producer, synapse.getWeights().getType().getShape()[1],
           target.isSpiNNaker() ? 1 : wordBits / format.getMantissaBits()});
      populations[producer].consumers.push_back(
          {index, unsigned(population.sources.size() - 1)});
    }
    population.formats = formats.size();

    // Neurons share a profile when all their multipliers are equal.
    std::map<SmallVector<int64_t>, unsigned> profiles;
    for (int64_t c = 0; c < population.channels; ++c) {
      SmallVector<int64_t> tuple;
      for (unsigned i = 0, e = neurons.getInputs().size(); i < e; ++i)
        tuple.push_back(neurons.getMultiplier(i, c));
      population.profileOfChannel.push_back(
          profiles.try_emplace(tuple, profiles.size()).first->second);
    }
  }
  return success();
}

LogicalResult Mapper::assignNames() {
  // Names set earlier (by the user or a previous run) are kept; generated
  // ones avoid them.
  llvm::StringSet<> used;
  for (Population &population : populations) {
    auto name = population.op->getAttrOfType<StringAttr>("snn.name");
    if (!name)
      continue;
    if (name.getValue().empty() || !used.insert(name.getValue()).second)
      return population.op->emitError("population name '")
             << name.getValue() << "' is empty or used twice in @"
             << func.getName() << "; 'snn.name' must be unique";
    population.name = name;
  }
  unsigned generated = 0;
  for (Population &population : populations) {
    if (population.name)
      continue;
    std::optional<StringRef> base = nodeName(population.op->getLoc());
    std::string fallback;
    if (auto encode = dyn_cast<snn::EncodeOp>(population.op)) {
      if (auto arg = dyn_cast<BlockArgument>(encode.getInput())) {
        if (auto onnx = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                          "onnx.name"))
          base = onnx.getValue();
        fallback = "input" + std::to_string(arg.getArgNumber());
      }
    }
    if (fallback.empty())
      fallback = "pop" + std::to_string(generated++);
    std::string name = base && !base->empty() ? base->str() : fallback;
    for (unsigned k = 1; used.contains(name); ++k)
      name = (base && !base->empty() ? base->str() : fallback) + "_" +
             std::to_string(k);
    used.insert(name);
    population.name = StringAttr::get(func.getContext(), name);
    population.op->setAttr("snn.name", population.name);
  }
  return success();
}

/// Per row of `population`, the number of consumer cores that need each of
/// its neurons, i.e. the entries of the neuron's output axon table.
std::vector<int64_t> Mapper::fanOutOfRows(const Population &population) const {
  std::vector<int64_t> fanOut(population.size / population.channels, 0);
  for (auto [consumer, source] : population.consumers) {
    const Population &reader = populations[consumer];
    for (const Slice &slice : reader.slices)
      for (int64_t row = reader.rowOf(slice.begin),
                   last = reader.rowOf(slice.end - 1);
           row <= last; ++row)
        ++fanOut[row];
  }
  return fanOut;
}

std::optional<Resource> Mapper::tryAdd(const Population &population,
                                       Usage &usage, int64_t neuron) const {
  Usage next = usage;
  ++next.neurons;
  int64_t row = population.rowOf(neuron);
  if (row != next.row) {
    next.row = row;
    next.inRow = 0;
    for (const Source &source : population.sources) {
      next.inputAxons += source.fanIn;
      if (target.isSpiNNaker())
        next.synapseWords += source.fanIn * kSpiNNakerRowHeaderWords;
    }
  }
  // Each input axon's row grows by one synapse; a new word when it spills.
  for (const Source &source : population.sources) {
    if (next.inRow % source.perWord == 0)
      next.synapseWords += source.fanIn;
    next.synapses += source.fanIn;
  }
  ++next.inRow;
  next.outputAxons += population.fanOutOfRow[row];
  next.profiles.insert(
      population.profileOfChannel[neuron % population.channels]);

  const auto &limits = target.limits;
  if (next.neurons > limits.neurons.value)
    return Resource::Neurons;
  if (int64_t(next.profiles.size()) > limits.neuronProfiles.value)
    return Resource::Profiles;
  if (next.inputAxons > limits.inputAxons.value)
    return Resource::InputAxons;
  if (next.synapseWords > limits.synapseWords.value)
    return Resource::SynapseWords;
  if (next.outputAxons > limits.outputAxons.value)
    return Resource::OutputAxons;
  // A core must finish a tick's work within the tick even when every
  // source neuron spikes: one packet per input row, every synapse, every
  // neuron.
  if (target.isSpiNNaker() &&
      target.tickCycles(next.inputAxons, next.synapses, next.neurons) >
          target.timing.tickCycles.value)
    return Resource::TickCycles;
  usage = std::move(next);
  return std::nullopt;
}

LogicalResult Mapper::reportSingleNeuron(const Population &population,
                                         int64_t neuron,
                                         Resource resource) const {
  int64_t fanIn = 0;
  for (const Source &source : population.sources)
    fanIn += source.fanIn;
  const auto &limits = target.limits;
  InFlightDiagnostic diag = population.op->emitError();
  diag << "population '" << population.name.getValue() << "' does not fit a "
       << "core of target '" << target.name << "': ";
  switch (resource) {
  case Resource::InputAxons:
    diag << "each neuron receives " << fanIn
         << " input axons (its fan-in) but a core has "
         << limits.inputAxons.value
         << "; hint: split the layer's input features over several synapses "
            "and populations, or use a target with more input axons per core";
    break;
  case Resource::SynapseWords:
    // One row of one word per input axon.
    diag << "one neuron needs " << fanIn
         << " synapse words (a row per input axon) but a core has "
         << limits.synapseWords.value
         << "; hint: reduce the layer's fan-in or use a target with more "
            "synaptic memory per core";
    break;
  case Resource::OutputAxons:
    diag << "neuron " << neuron << " sends spikes to "
         << population.fanOutOfRow[population.rowOf(neuron)]
         << " cores (output axons) but a core has " << limits.outputAxons.value
         << "; hint: use a target with larger cores so that its consumers "
            "need fewer of them";
    break;
  case Resource::TickCycles:
    diag << "one neuron with its " << fanIn << " input rows needs "
         << target.tickCycles(fanIn, fanIn, 1)
         << " cycles per tick when every source spikes (" << fanIn << " x "
         << target.timing.packetCycles.value << " per packet, " << fanIn
         << " x " << target.timing.synapticEventCycles.value
         << " per synaptic event, " << target.timing.neuronUpdateCycles.value
         << " per neuron update) but a tick has "
         << target.timing.tickCycles.value
         << "; hint: reduce the layer's fan-in or slow the tick "
            "(timing.tick_cycles)";
    break;
  case Resource::Neurons:
  case Resource::Profiles:
    llvm_unreachable("a single neuron always fits the neuron and profile "
                     "limits (both are at least 1)");
  }
  return failure();
}

std::optional<Usage> Mapper::usageOf(const Population &population,
                                     Slice slice) const {
  Usage usage;
  for (int64_t n = slice.begin; n < slice.end; ++n)
    if (tryAdd(population, usage, n))
      return std::nullopt;
  return usage;
}

LogicalResult Mapper::partition(Population &population) {
  if (population.formats > target.limits.synapseFormats.value)
    return population.op->emitError("population '")
           << population.name.getValue() << "' reads synapses of "
           << population.formats << " formats but a core of target '"
           << target.name << "' holds " << target.limits.synapseFormats.value
           << "; hint: re-quantize its synapses to a common format";

  population.fanOutOfRow = fanOutOfRows(population);

  // Greedy: each slice grows while every limit holds. Every usage is
  // monotone in the slice, so this needs the fewest cores.
  SmallVector<Slice> slices;
  Usage usage;
  int64_t begin = 0;
  for (int64_t n = 0; n < population.size; ++n) {
    if (!tryAdd(population, usage, n))
      continue;
    slices.push_back({begin, n});
    begin = n;
    usage = Usage();
    if (std::optional<Resource> resource = tryAdd(population, usage, n))
      return reportSingleNeuron(population, n, *resource);
  }
  slices.push_back({begin, population.size});

  // As many even slices leave headroom on every core; keep them if they fit.
  int64_t cores = slices.size();
  SmallVector<Slice> even;
  for (int64_t i = 0, start = 0; i < cores; ++i) {
    int64_t size = population.size / cores + (i < population.size % cores);
    even.push_back({start, start + size});
    start += size;
  }
  if (llvm::all_of(even, [&](Slice slice) {
        return usageOf(population, slice).has_value();
      }))
    slices = std::move(even);

  population.slices = std::move(slices);
  population.usage.clear();
  for (Slice slice : population.slices)
    population.usage.push_back(*usageOf(population, slice));
  return success();
}

void Mapper::emit() {
  MLIRContext *ctx = func.getContext();
  const auto &mesh = target.mesh;
  const auto &limits = target.limits;
  SymbolTable symbolTable(func->getParentOp());
  OpBuilder builder(ctx);
  auto chipModule = builder.create<chip::ChipModuleOp>(
      func.getLoc(), (func.getName() + "_chip").str(), target.name,
      chip::MeshAttr::get(ctx,
                          target.isSpiNNaker() ? chip::Topology::Triangular
                                               : chip::Topology::Mesh2D,
                          mesh.width.value, mesh.height.value, chips),
      chip::CoreLimitsAttr::get(
          ctx, limits.neurons.value, limits.synapseWords.value,
          limits.inputAxons.value, limits.outputAxons.value));
  chipModule->setAttr("chip.target_sha256",
                      builder.getStringAttr(target.sha256Hex()));
  // A name taken by another symbol of the module gets a unique suffix; the
  // function records the final one.
  symbolTable.insert(chipModule, std::next(Block::iterator(func)));
  func->setAttr("chip.mapping",
                FlatSymbolRefAttr::get(chipModule.getSymNameAttr()));

  builder.setInsertionPointToEnd(chipModule.getBody());
  llvm::StringSet<> symbols;
  auto uniqueSymbol = [&](std::string name) {
    std::string candidate = name;
    for (unsigned k = 1; !symbols.insert(candidate).second; ++k)
      candidate = name + "_" + std::to_string(k);
    return candidate;
  };

  // Cores in program order, provisionally placed row by row.
  SmallVector<Attribute> coreRefs;
  const int64_t perChip = mesh.width.value * mesh.height.value;
  for (Population &population : populations) {
    if (population.onHost())
      continue;
    population.firstCore = coreRefs.size();
    for (auto [slice, usage] :
         llvm::zip_equal(population.slices, population.usage)) {
      int64_t index = coreRefs.size();
      std::string name = uniqueSymbol("c" + std::to_string(index));
      auto coord =
          chip::CoordAttr::get(ctx, index / perChip, index % mesh.width.value,
                               index % perChip / mesh.width.value);
      auto sliceAttr = chip::SliceAttr::get(ctx, population.name.getValue(),
                                            slice.begin, slice.end);
      builder.create<chip::CoreOp>(population.op->getLoc(), name, coord,
                                   builder.getArrayAttr({sliceAttr}),
                                   usage.neurons, usage.synapseWords,
                                   usage.inputAxons, usage.outputAxons);
      coreRefs.push_back(FlatSymbolRefAttr::get(ctx, name));
    }
  }

  // Routes: the consumer core of rows [r0, r1] reads source neurons
  // [r0·fanIn, (r1 + 1)·fanIn) of each source; those on a producer core
  // arrive over its route.
  std::map<std::pair<unsigned, unsigned>, int64_t> routes;
  for (Population &consumer : populations) {
    for (const Source &source : consumer.sources) {
      const Population &producer = populations[source.producer];
      if (producer.onHost())
        continue;
      for (auto [qi, q] : llvm::enumerate(consumer.slices)) {
        int64_t lo = consumer.rowOf(q.begin) * source.fanIn;
        int64_t hi = (consumer.rowOf(q.end - 1) + 1) * source.fanIn;
        for (auto [pi, p] : llvm::enumerate(producer.slices)) {
          int64_t axons = std::min(hi, p.end) - std::max(lo, p.begin);
          if (axons > 0)
            routes[{producer.firstCore + pi, consumer.firstCore + qi}] += axons;
        }
      }
    }
  }
  for (auto [pair, axons] : routes)
    builder.create<chip::RouteOp>(
        func.getLoc(), cast<FlatSymbolRefAttr>(coreRefs[pair.first]),
        cast<FlatSymbolRefAttr>(coreRefs[pair.second]),
        builder.getI64IntegerAttr(axons),
        /*hops=*/IntegerAttr());

  // Ports: the host sends encoded spikes to the cores of each population an
  // encoder feeds, and reads the counts of each decoded population.
  auto coresOf = [&](const Population &population) {
    return builder.getArrayAttr(ArrayRef<Attribute>(coreRefs).slice(
        population.firstCore, population.slices.size()));
  };
  for (Population &encoder : populations) {
    if (!encoder.onHost())
      continue;
    SmallVector<unsigned> fed;
    for (auto [consumer, source] : encoder.consumers)
      if (!llvm::is_contained(fed, consumer))
        fed.push_back(consumer);
    for (unsigned consumer : fed) {
      const Population &population = populations[consumer];
      std::string name = encoder.name.str();
      if (fed.size() > 1)
        name += "." + population.name.str();
      builder.create<chip::PortOp>(
          encoder.op->getLoc(), uniqueSymbol(name), chip::PortDirection::Input,
          population.name.getValue(), coresOf(population));
    }
  }
  for (snn::DecodeOp decode : decodes) {
    const Population &population =
        populations[populationOf.lookup(decode.getInput())];
    std::string name = population.name.str();
    for (OpOperand &use : decode->getUses())
      if (isa<func::ReturnOp>(use.getOwner())) {
        unsigned index = use.getOperandNumber();
        auto onnx = func.getResultAttrOfType<StringAttr>(index, "onnx.name");
        name = onnx ? onnx.str() : "output" + std::to_string(index);
        break;
      }
    builder.create<chip::PortOp>(
        decode.getLoc(), uniqueSymbol(name), chip::PortDirection::Output,
        population.name.getValue(), coresOf(population));
  }
}

LogicalResult Mapper::run() {
  if (failed(collect()) || failed(assignNames()))
    return failure();
  // Consumers first: a neuron's output axons count its consumers' cores.
  for (Population &population : llvm::reverse(populations))
    if (!population.onHost() && failed(partition(population)))
      return failure();

  int64_t cores = 0;
  for (const Population &population : populations)
    cores += population.slices.size();
  const auto &mesh = target.mesh;
  if (target.isSpiNNaker() && !routing::Board::of(chips))
    return func.emitError("")
           << chips << " chips do not fill a triangular board of target '"
           << target.name
           << "' (chip c sits at column c % ceil(sqrt(chips))); hint: use a "
              "multiple of the column count, e.g. 1, 2, 4, 6, 9, 12, 16";
  int64_t perChip = mesh.width.value * mesh.height.value;
  if (cores > perChip * chips)
    return func.emitError("the network does not fit: it needs ")
           << cores << " cores but target '" << target.name << "' has "
           << perChip * chips << " (" << mesh.width.value << " x "
           << mesh.height.value << " cores x " << chips << " chip"
           << (chips == 1 ? "" : "s") << "); hint: map onto "
           << (cores + perChip - 1) / perChip
           << " chips (snn-partition{chips=...}, snnc compile --chips) or "
              "use a bigger target";
  emit();
  return success();
}

namespace {

struct SNNPartitionPass
    : public snnc::impl::SNNPartitionBase<SNNPartitionPass> {
  using SNNPartitionBase::SNNPartitionBase;

  SNNPartitionPass(std::shared_ptr<const TargetDescription> description,
                   unsigned chipCount)
      : description(std::move(description)) {
    chips = chipCount;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!description) {
      llvm::Expected<TargetDescription> loaded =
          snnc::target::loadTargetDescription(target);
      if (!loaded) {
        module.emitError() << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      description =
          std::make_shared<const TargetDescription>(std::move(*loaded));
    }
    int64_t chipCount = chips ? chips : description->mesh.chips.value;

    // Mapped functions gain a sibling chip.module; collect them first.
    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>()) {
      bool hasSNN = false;
      func.walk([&](Operation *op) {
        hasSNN |= isa<snn::SNNDialect>(op->getDialect());
      });
      if (hasSNN)
        funcs.push_back(func);
    }
    for (func::FuncOp func : funcs) {
      // Re-partitioning replaces an earlier mapping.
      if (auto previous =
              func->getAttrOfType<FlatSymbolRefAttr>("chip.mapping")) {
        if (Operation *old = SymbolTable::lookupSymbolIn(module, previous))
          old->erase();
      }
      if (failed(Mapper(func, *description, chipCount).run()))
        return signalPassFailure();
    }
  }

  std::shared_ptr<const TargetDescription> description;
};

} // namespace

std::unique_ptr<Pass>
snnc::createSNNPartition(std::shared_ptr<const TargetDescription> description,
                         unsigned chips) {
  return std::make_unique<SNNPartitionPass>(std::move(description), chips);
}
