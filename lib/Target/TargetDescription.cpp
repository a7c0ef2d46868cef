//===- TargetDescription.cpp - read and validate target descriptions ------===//
//
// Validation is strict (unknown fields, wrong units and missing evidence are
// errors) because a description is edited by hand and every later stage
// trusts it; each message names the JSON path of the offending field.
//
//===----------------------------------------------------------------------===//

#include "snnc/Target/TargetDescription.h"
#include "snnc/Image/Checksum.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <optional>

using namespace llvm;
using namespace snnc::target;

StringRef snnc::target::gradeName(Grade grade) {
  switch (grade) {
  case Grade::Measured:
    return "measured";
  case Grade::Paper:
    return "paper";
  case Grade::Code:
    return "code";
  case Grade::Assumed:
    return "assumed";
  }
  llvm_unreachable("unknown grade");
}

bool TargetDescription::supportsEncoding(StringRef encoding) const {
  return llvm::is_contained(capabilities.encodings, encoding);
}

int64_t TargetDescription::tickCycles(int64_t inputRows, int64_t synapses,
                                      int64_t neurons) const {
  return inputRows * timing.packetCycles.value +
         synapses * timing.synapticEventCycles.value +
         neurons * timing.neuronUpdateCycles.value;
}

std::string TargetDescription::sha256Hex() const {
  return snnc::image::toHex(sha256);
}

namespace {

/// The format version this reader understands.
constexpr int64_t kFormatVersion = 1;

/// Accepted values of a constant: [min, max].
struct Bounds {
  int64_t min;
  int64_t max;
  StringRef expected; ///< how the message describes them
};
constexpr Bounds kPositive = {1, INT64_MAX, "a positive integer"};
constexpr Bounds kNonNegative = {0, INT64_MAX, "a non-negative integer"};

/// Walks the JSON tree keeping the path of the current field; the first
/// error is kept and every later check is skipped.
class Reader {
public:
  explicit Reader(StringRef file) : file(file.str()) {}

  Error takeError() {
    return createStringError(inconvertibleErrorCode(),
                             file + ": " + error.value_or(""));
  }
  bool failed() const { return error.has_value(); }

  bool fail(StringRef path, const Twine &message) {
    if (!error)
      error = (path.empty() ? message : path + ": " + message).str();
    return false;
  }

  static std::string join(StringRef path, StringRef key) {
    return path.empty() ? key.str() : (path + "." + key).str();
  }

  /// Rejects keys outside `allowed`, which are typos more often than not.
  bool onlyKeys(const json::Object &object, StringRef path,
                ArrayRef<StringRef> allowed) {
    SmallVector<StringRef> keys;
    for (const auto &entry : object)
      keys.push_back(entry.first);
    llvm::sort(keys);
    for (StringRef key : keys)
      if (!llvm::is_contained(allowed, key))
        return fail(join(path, key), "unknown field");
    return true;
  }

  const json::Value *field(const json::Object &object, StringRef path,
                           StringRef key) {
    const json::Value *value = object.get(key);
    if (!value)
      fail(join(path, key), "missing field");
    return value;
  }

  const json::Object *object(const json::Object &parent, StringRef path,
                             StringRef key) {
    const json::Value *value = field(parent, path, key);
    if (!value)
      return nullptr;
    const json::Object *result = value->getAsObject();
    if (!result)
      fail(join(path, key), "expected an object, got " + kindOf(*value));
    return result;
  }

  bool string(const json::Object &parent, StringRef path, StringRef key,
              std::string &out) {
    const json::Value *value = field(parent, path, key);
    if (!value)
      return false;
    std::optional<StringRef> text = value->getAsString();
    if (!text || text->empty())
      return fail(join(path, key),
                  "expected a non-empty string, got " +
                      (text ? std::string("an empty one") : kindOf(*value)));
    out = text->str();
    return true;
  }

  bool grade(const json::Object &parent, StringRef path, Grade &out) {
    std::string name;
    if (!string(parent, path, "grade", name))
      return false;
    for (Grade g : {Grade::Measured, Grade::Paper, Grade::Code, Grade::Assumed})
      if (gradeName(g) == name) {
        out = g;
        return true;
      }
    return fail(join(path, "grade"),
                "expected one of measured, paper, code, assumed, got \"" +
                    name + "\"");
  }

  /// {"value": <integer>, "unit": <unit>, "grade": ..., "source": ...}
  bool constant(const json::Object &parent, StringRef path, StringRef key,
                StringRef unit, Bounds bounds, Constant &out) {
    std::string here = join(path, key);
    const json::Object *object = this->object(parent, path, key);
    if (!object ||
        !onlyKeys(*object, here, {"value", "unit", "grade", "source"}))
      return false;
    const json::Value *value = field(*object, here, "value");
    if (!value)
      return false;
    std::optional<int64_t> integer = value->getAsInteger();
    std::string valuePath = join(here, "value");
    if (!integer)
      return fail(valuePath,
                  "expected " + bounds.expected + ", got " + kindOf(*value));
    if (*integer < bounds.min || *integer > bounds.max)
      return fail(valuePath,
                  "expected " + bounds.expected + ", got " + Twine(*integer));
    out.value = *integer;
    if (!string(*object, here, "unit", out.unit))
      return false;
    if (out.unit != unit)
      return fail(join(here, "unit"),
                  "expected \"" + unit + "\", got \"" + out.unit + "\"");
    return grade(*object, here, out.grade) &&
           string(*object, here, "source", out.source);
  }

  static std::string kindOf(const json::Value &value) {
    switch (value.kind()) {
    case json::Value::Null:
      return "null";
    case json::Value::Boolean:
      return "a boolean";
    case json::Value::Number:
      return value.getAsInteger() ? "an integer" : "a fractional number";
    case json::Value::String:
      return "a string";
    case json::Value::Array:
      return "an array";
    case json::Value::Object:
      return "an object";
    }
    llvm_unreachable("unknown JSON kind");
  }

private:
  std::string file;
  std::optional<std::string> error;
};

bool isValidName(StringRef name) {
  return !name.empty() && llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '-' || c == '_' || c == '.';
  });
}

void readMesh(Reader &r, const json::Object &root, bool spinnaker, Mesh &mesh) {
  const json::Object *object = r.object(root, "", "mesh");
  if (!object ||
      !r.onlyKeys(
          *object, "mesh",
          {"kind", "width", "height", "tile_width", "tile_height", "chips"}) ||
      !r.string(*object, "mesh", "kind", mesh.kind))
    return;
  // The family's routing model fixes the topology: dimension-order routing
  // on a 2-D mesh (loihi), six-link multicast routers (spinnaker).
  StringRef kind = spinnaker ? "triangular" : "mesh2d";
  if (mesh.kind != kind) {
    r.fail("mesh.kind", "expected \"" + kind + "\", got \"" + mesh.kind + "\"");
    return;
  }
  if (!r.constant(*object, "mesh", "width", "cores", kPositive, mesh.width) ||
      !r.constant(*object, "mesh", "height", "cores", kPositive, mesh.height) ||
      !r.constant(*object, "mesh", "tile_width", "cores", kPositive,
                  mesh.tileWidth) ||
      !r.constant(*object, "mesh", "tile_height", "cores", kPositive,
                  mesh.tileHeight) ||
      !r.constant(*object, "mesh", "chips", "chips", kPositive, mesh.chips))
    return;
  if (spinnaker && (mesh.tileWidth.value != mesh.width.value ||
                    mesh.tileHeight.value != mesh.height.value))
    r.fail("mesh.tile_width",
           "the cores of a triangular-mesh chip share its router, so the "
           "tile is the whole chip (" +
               Twine(mesh.width.value) + " x " + Twine(mesh.height.value) +
               ")");
  else if (mesh.width.value % mesh.tileWidth.value != 0)
    r.fail("mesh.tile_width",
           Twine(mesh.tileWidth.value) +
               " does not divide mesh.width = " + Twine(mesh.width.value));
  else if (mesh.height.value % mesh.tileHeight.value != 0)
    r.fail("mesh.tile_height",
           Twine(mesh.tileHeight.value) +
               " does not divide mesh.height = " + Twine(mesh.height.value));
}

void readLimits(Reader &r, const json::Object &root, bool spinnaker,
                Limits &limits) {
  const json::Object *object = r.object(root, "", "limits");
  SmallVector<StringRef> keys = {
      "neurons",      "synapse_words",   "synapse_word_bits", "input_axons",
      "output_axons", "neuron_profiles", "synapse_formats"};
  if (spinnaker)
    keys.append({"dtcm_bytes", "router_entries"});
  if (!object || !r.onlyKeys(*object, "limits", keys))
    return;
  if (spinnaker && (!r.constant(*object, "limits", "dtcm_bytes", "bytes",
                                kPositive, limits.dtcmBytes) ||
                    !r.constant(*object, "limits", "router_entries", "entries",
                                kPositive, limits.routerEntries)))
    return;
  (void)(r.constant(*object, "limits", "neurons", "neurons", kPositive,
                    limits.neurons) &&
         r.constant(*object, "limits", "synapse_words", "words", kPositive,
                    limits.synapseWords) &&
         r.constant(*object, "limits", "synapse_word_bits", "bits",
                    {1, 64, "an integer in [1, 64]"}, limits.synapseWordBits) &&
         r.constant(*object, "limits", "input_axons", "axons", kPositive,
                    limits.inputAxons) &&
         r.constant(*object, "limits", "output_axons", "axons", kPositive,
                    limits.outputAxons) &&
         r.constant(*object, "limits", "neuron_profiles", "profiles", kPositive,
                    limits.neuronProfiles) &&
         r.constant(*object, "limits", "synapse_formats", "formats", kPositive,
                    limits.synapseFormats));
}

void readFormats(Reader &r, const json::Object &root, Formats &formats,
                 const Limits &limits) {
  const json::Object *object = r.object(root, "", "formats");
  if (!object ||
      !r.onlyKeys(*object, "formats",
                  {"weight_mantissa_bits", "weight_exponent_min",
                   "weight_exponent_max", "state_bits", "spike_payload_bits"}))
    return;
  // snn weights are at most 16 bits wide; an exponent e scales by 2^(e + 8),
  // an exact integer only for e >= -8.
  if (!r.constant(*object, "formats", "weight_mantissa_bits", "bits",
                  {1, 16, "an integer in [1, 16]"},
                  formats.weightMantissaBits) ||
      !r.constant(*object, "formats", "weight_exponent_min", "exponent",
                  {-8, 54, "an integer in [-8, 54]"},
                  formats.weightExponentMin) ||
      !r.constant(*object, "formats", "weight_exponent_max", "exponent",
                  {-8, 54, "an integer in [-8, 54]"},
                  formats.weightExponentMax) ||
      !r.constant(*object, "formats", "state_bits", "bits",
                  {2, 64, "an integer in [2, 64]"}, formats.stateBits) ||
      !r.constant(*object, "formats", "spike_payload_bits", "bits",
                  {2, 64, "an integer in [2, 64]"}, formats.spikePayloadBits))
    return;
  if (formats.weightExponentMax.value < formats.weightExponentMin.value)
    r.fail("formats.weight_exponent_max",
           Twine(formats.weightExponentMax.value) +
               " is below formats.weight_exponent_min = " +
               Twine(formats.weightExponentMin.value));
  else if (!r.failed() &&
           formats.weightMantissaBits.value > limits.synapseWordBits.value)
    r.fail("formats.weight_mantissa_bits",
           Twine(formats.weightMantissaBits.value) +
               " bits do not fit a synapse word of limits.synapse_word_bits "
               "= " +
               Twine(limits.synapseWordBits.value));
}

void readCapabilities(Reader &r, const json::Object &root,
                      Capabilities &capabilities) {
  const json::Object *object = r.object(root, "", "capabilities");
  if (!object || !r.onlyKeys(*object, "capabilities", {"encodings"}))
    return;
  const json::Object *encodings =
      r.object(*object, "capabilities", "encodings");
  StringRef path = "capabilities.encodings";
  if (!encodings || !r.onlyKeys(*encodings, path, {"value", "grade", "source"}))
    return;
  const json::Value *value = r.field(*encodings, path, "value");
  if (!value)
    return;
  const json::Array *list = value->getAsArray();
  if (!list || list->empty()) {
    r.fail("capabilities.encodings.value",
           "expected a non-empty array of encodings, got " +
               (list ? std::string("an empty array") : Reader::kindOf(*value)));
    return;
  }
  for (auto [index, element] : llvm::enumerate(*list)) {
    std::string here =
        ("capabilities.encodings.value[" + Twine(index) + "]").str();
    std::optional<StringRef> name = element.getAsString();
    if (!name || !llvm::is_contained({"unary", "bitplane", "graded"}, *name)) {
      r.fail(here, "expected \"unary\", \"bitplane\" or \"graded\"");
      return;
    }
    if (llvm::is_contained(capabilities.encodings, *name)) {
      r.fail(here, "\"" + *name + "\" is listed twice");
      return;
    }
    capabilities.encodings.push_back(name->str());
  }
  (void)(r.grade(*encodings, path, capabilities.grade) &&
         r.string(*encodings, path, "source", capabilities.source));
}

struct CostField {
  StringRef key;
  Constant *constant;
  Bounds bounds;
  StringRef unit; ///< empty: the section's unit
};

/// A section of constants, by default all in `unit`, read in declaration
/// order.
void readCosts(Reader &r, const json::Object &root, StringRef section,
               StringRef unit, ArrayRef<CostField> fields) {
  const json::Object *object = r.object(root, "", section);
  if (!object)
    return;
  SmallVector<StringRef> keys;
  for (const CostField &f : fields)
    keys.push_back(f.key);
  if (!r.onlyKeys(*object, section, keys))
    return;
  for (const CostField &f : fields)
    if (!r.constant(*object, section, f.key, f.unit.empty() ? unit : f.unit,
                    f.bounds, *f.constant))
      return;
}

} // namespace

Expected<TargetDescription>
snnc::target::parseTargetDescription(StringRef json, StringRef path) {
  Expected<json::Value> parsed = json::parse(json);
  if (!parsed)
    return createStringError(
        inconvertibleErrorCode(),
        path + ": invalid JSON: " + toString(parsed.takeError()));
  Reader r(path);
  const json::Object *root = parsed->getAsObject();
  if (!root) {
    r.fail("", "expected a JSON object at the top level");
    return r.takeError();
  }

  TargetDescription d;
  d.path = path.str();
  if (!r.onlyKeys(*root, "",
                  {"format", "name", "family", "summary", "mesh", "limits",
                   "formats", "capabilities", "timing", "energy", "power"}))
    return r.takeError();
  const json::Value *format = r.field(*root, "", "format");
  if (!format)
    return r.takeError();
  if (format->getAsInteger() != kFormatVersion) {
    r.fail("format", "unsupported format version (this snnc reads " +
                         Twine(kFormatVersion) + ")");
    return r.takeError();
  }
  if (!r.string(*root, "", "name", d.name))
    return r.takeError();
  if (!isValidName(d.name)) {
    r.fail("name", "\"" + d.name +
                       "\" must consist of letters, digits, '-', '_' and '.'");
    return r.takeError();
  }
  if (!r.string(*root, "", "family", d.family) ||
      !r.string(*root, "", "summary", d.summary))
    return r.takeError();
  // The family selects the lowering hooks, emitter and simulator.
  if (d.family != "loihi" && d.family != "spinnaker") {
    r.fail("family", "unknown target family \"" + d.family +
                         "\" (known: loihi, spinnaker)");
    return r.takeError();
  }
  const bool spinnaker = d.isSpiNNaker();

  readMesh(r, *root, spinnaker, d.mesh);
  if (!r.failed())
    readLimits(r, *root, spinnaker, d.limits);
  if (!r.failed())
    readFormats(r, *root, d.formats, d.limits);
  if (!r.failed())
    readCapabilities(r, *root, d.capabilities);
  Timing &t = d.timing;
  Energy &e = d.energy;
  Power &p = d.power;
  if (!r.failed() && spinnaker) {
    readCosts(r, *root, "timing", "ps",
              {{"cycle", &t.cycle, kPositive},
               {"hop", &t.hop, kNonNegative},
               {"tick_cycles", &t.tickCycles, kPositive, "cycles"},
               {"packet_cycles", &t.packetCycles, kNonNegative, "cycles"},
               {"synaptic_event_cycles", &t.synapticEventCycles, kNonNegative,
                "cycles"},
               {"neuron_update_cycles", &t.neuronUpdateCycles, kNonNegative,
                "cycles"}});
    if (!r.failed())
      readCosts(r, *root, "energy", "fJ",
                {{"packet", &e.packet, kNonNegative},
                 {"packet_payload", &e.packetPayload, kNonNegative}});
    if (!r.failed())
      readCosts(r, *root, "power", "uW",
                {{"static_per_chip", &p.staticPerChip, kNonNegative},
                 {"active_core", &p.activeCore, kNonNegative}});
  } else if (!r.failed()) {
    readCosts(r, *root, "timing", "ps",
              {{"cycle", &t.cycle, kPositive},
               {"synaptic_op", &t.synapticOp, kNonNegative},
               {"neuron_active", &t.neuronActive, kNonNegative},
               {"neuron_idle", &t.neuronIdle, kNonNegative},
               {"hop_east_west", &t.hopEastWest, kNonNegative},
               {"hop_north_south", &t.hopNorthSouth, kNonNegative},
               {"barrier_chip", &t.barrierChip, kNonNegative},
               {"barrier_multi_chip", &t.barrierMultiChip, kNonNegative}});
    if (!r.failed())
      readCosts(r, *root, "energy", "fJ",
                {{"synaptic_op", &e.synapticOp, kNonNegative},
                 {"neuron_active", &e.neuronActive, kNonNegative},
                 {"neuron_idle", &e.neuronIdle, kNonNegative},
                 {"spike_tile", &e.spikeTile, kNonNegative},
                 {"hop_east_west", &e.hopEastWest, kNonNegative},
                 {"hop_north_south", &e.hopNorthSouth, kNonNegative}});
    if (!r.failed())
      readCosts(r, *root, "power", "uW",
                {{"static_per_chip", &p.staticPerChip, kNonNegative}});
  }
  if (r.failed())
    return r.takeError();

  d.sha256 = snnc::image::sha256(reinterpret_cast<const uint8_t *>(json.data()),
                                 json.size());
  return d;
}

std::string snnc::target::targetsDirectory() {
  if (const char *dir = std::getenv("SNNC_TARGETS_DIR"); dir && *dir)
    return dir;
  return SNNC_DEFAULT_TARGETS_DIR;
}

/// Names of the targets under `dir`, i.e. the `n` with `dir/n/n.json`.
static std::vector<std::string> knownTargets(StringRef dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    SmallString<256> file(it->path());
    sys::path::append(file, name + ".json");
    if (sys::fs::exists(file))
      names.push_back(name.str());
  }
  llvm::sort(names);
  return names;
}

Expected<TargetDescription>
snnc::target::loadTargetDescription(StringRef nameOrPath) {
  bool isPath = nameOrPath.contains('/') || nameOrPath.ends_with(".json");
  SmallString<256> path;
  if (isPath) {
    path = nameOrPath;
  } else {
    if (!isValidName(nameOrPath))
      return createStringError(inconvertibleErrorCode(),
                               "invalid target name '" + nameOrPath +
                                   "': use letters, digits, '-', '_' and '.', "
                                   "or give a path to a .json file");
    std::string dir = targetsDirectory();
    path = dir;
    sys::path::append(path, nameOrPath, nameOrPath + ".json");
    if (!sys::fs::exists(path)) {
      std::vector<std::string> known = knownTargets(dir);
      return createStringError(
          inconvertibleErrorCode(),
          "unknown target '" + nameOrPath + "': no " + path +
              " (known targets: " +
              (known.empty() ? std::string("none") : llvm::join(known, ", ")) +
              "; set SNNC_TARGETS_DIR or give a path to a .json file)");
    }
  }

  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return createStringError(buffer.getError(),
                             "cannot read target "
                             "description " +
                                 path + ": " + buffer.getError().message());
  Expected<TargetDescription> d =
      parseTargetDescription((*buffer)->getBuffer(), path);
  if (d && !isPath && d->name != nameOrPath)
    return createStringError(inconvertibleErrorCode(),
                             path + ": name: expected \"" + nameOrPath +
                                 "\" (the directory's name), got \"" + d->name +
                                 "\"");
  return d;
}
