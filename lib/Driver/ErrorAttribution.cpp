//===- ErrorAttribution.cpp - per-op error of `snnc run` ------------------===//

#include "ErrorAttribution.h"
#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Dialect/XF/XFOps.h"
#include "snnc/Image/JSON.h"

#include "mlir/IR/Operation.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace snnc;

namespace {

/// The ONNX node an xf op came from, as XFToSNN names it (its first NameLoc,
/// else the op's own name).
std::string originName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto n = dyn_cast<NameLoc>(loc)) {
      name = n.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name.empty() ? op->getName().getStringRef().str() : name;
}

/// The name snn.origin gives `v`'s carrier, or none.
std::optional<std::string> carrierName(Value v) {
  Operation *op = v.getDefiningOp();
  auto origin = op ? op->getAttrOfType<StringAttr>("snn.origin") : nullptr;
  if (!origin)
    return std::nullopt;
  return origin.str();
}

} // namespace

ValueObserver ErrorAttribution::floatObserver() {
  return [this](Value v, const Tensor &t) {
    Operation *op = v.getDefiningOp();
    // The values XFToSNN names: xf ops with one result, but for constants
    // and views (which only reorder their source).
    if (!op || !isa<xf::XFDialect>(op->getDialect()) ||
        op->getNumResults() != 1 ||
        isa<xf::ConstantOp, xf::ReshapeOp, xf::TransposeOp, xf::SliceOp>(op))
      return;
    std::string name = originName(op);
    if (unsigned n = ++floatNameUses[name]; n > 1)
      name += "#" + std::to_string(n);
    floats.push_back({std::move(name), op->getName().getStringRef().str(), t});
  };
}

ValueObserver ErrorAttribution::integerObserver() {
  return [this](Value v, const Tensor &t) {
    if (std::optional<std::string> name = carrierName(v))
      codes[*name] = {t, v.getDefiningOp()
                             ->getAttrOfType<FloatAttr>("snn.scale")
                             .getValueAsDouble()};
  };
}

ValueObserver ErrorAttribution::spikingObserver() {
  return [this](Value v, const Tensor &t) {
    if (std::optional<std::string> name = carrierName(v))
      counts[*name] = t;
  };
}

std::vector<OpError> ErrorAttribution::errors() const {
  std::vector<OpError> out;
  for (const Entry &f : floats) {
    auto c = codes.find(f.name);
    if (c == codes.end() ||
        c->second.first.numElements() != f.value.numElements())
      continue;
    const auto &[code, scale] = c->second;
    OpError e;
    e.name = f.name;
    e.kind = f.kind;
    e.shape = f.value.shape;
    e.scale = scale;
    std::vector<float> dequantized;
    for (int64_t n : code.i64)
      dequantized.push_back(float(double(n) * scale));
    e.quantization =
        deviation(Tensor::floats(code.shape, std::move(dequantized)), f.value);
    if (auto s = counts.find(f.name); s != counts.end()) {
      int64_t differ = 0;
      for (size_t i = 0; i < code.i64.size(); ++i)
        differ += s->second.i64[i] != code.i64[i];
      e.spikingDiffers = differ;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string snnc::formatErrorTable(const std::vector<OpError> &errors,
                                   size_t limit) {
  std::vector<const OpError *> order;
  for (const OpError &e : errors)
    order.push_back(&e);
  // NaN (a float value that is NaN) counts as the largest loss.
  auto key = [](const OpError *e) {
    double r = e->quantization.relL2;
    return std::isnan(r) ? std::numeric_limits<double>::infinity() : r;
  };
  // Ties keep program order, so the table is deterministic.
  std::sort(order.begin(), order.end(),
            [&](const OpError *a, const OpError *b) {
              return key(a) != key(b) ? key(a) > key(b) : a < b;
            });
  size_t nameWidth = 2, kindWidth = 4;
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    nameWidth = std::max(nameWidth, order[i]->name.size());
    kindWidth = std::max(kindWidth, order[i]->kind.size());
  }
  bool spiking = llvm::any_of(
      errors, [](const OpError &e) { return e.spikingDiffers.has_value(); });
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "error attribution: quantization (dequantized int vs float)"
     << (spiking ? ", spiking (elements where spiking != int)" : "")
     << ", by rel L2:\n";
  os << "  " << llvm::left_justify("op", nameWidth) << "  "
     << llvm::left_justify("kind", kindWidth)
     << "  elements      cosine      rel L2     max abs";
  if (spiking)
    os << "  spiking";
  os << "\n";
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    const OpError &e = *order[i];
    os << "  " << llvm::left_justify(e.name, nameWidth) << "  "
       << llvm::left_justify(e.kind, kindWidth) << "  "
       << llvm::right_justify(std::to_string(e.quantization.elements), 8)
       << llvm::format("  %10.6f  %10.3e  %10.3e", e.quantization.cosine,
                       e.quantization.relL2, e.quantization.maxAbs);
    if (e.spikingDiffers)
      os << "  " << llvm::right_justify(std::to_string(*e.spikingDiffers), 7);
    os << "\n";
  }
  if (order.size() > limit)
    os << "  (" << order.size() - limit
       << " more ops; --error-json FILE writes all)\n";
  return s;
}

std::string snnc::errorAttributionJSON(const std::vector<OpError> &errors,
                                       const std::string &model,
                                       const std::string &mode,
                                       unsigned timesteps) {
  image::JSONWriter j;
  j.beginObject();
  j.member("model", model);
  j.member("mode", mode);
  j.member("timesteps", timesteps);
  j.key("ops").beginArray();
  for (const OpError &e : errors) {
    j.beginObject();
    j.member("name", e.name);
    j.member("kind", e.kind);
    j.key("shape").beginArray(image::JSONWriter::Layout::Compact);
    for (int64_t d : e.shape)
      j.value(d);
    j.endArray();
    j.member("scale", e.scale);
    j.key("quantization").beginObject();
    j.member("elements", e.quantization.elements);
    j.member("cosine", e.quantization.cosine);
    j.member("rel_l2", e.quantization.relL2);
    j.member("max_abs", e.quantization.maxAbs);
    j.endObject();
    if (e.spikingDiffers)
      j.member("spiking_differing", *e.spikingDiffers);
    j.endObject();
  }
  j.endArray();
  j.endObject();
  return j.str() + "\n";
}
