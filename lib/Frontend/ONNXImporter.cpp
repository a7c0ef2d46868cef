//===- ONNXImporter.cpp - ONNX to xf --------------------------------------===//
//
// Built with exceptions: ONNX's checker and shape inference throw. Every
// exception is caught here and turned into a diagnostic.
//
// snnc computes every type itself from the static input shapes: ONNX's shape
// inference (with data propagation) leaves the shapes of exported attention
// blocks unknown, because they flow through Shape/Gather/Concat arithmetic.
// Ops whose operands are all constant are evaluated by the float interpreter
// as they are imported, so that arithmetic folds away and the graph keeps
// only the ops that depend on the inputs' values. Where ONNX did infer a
// static type, it must agree with snnc's.
//
//===----------------------------------------------------------------------===//

#include "snnc/Frontend/ONNXImporter.h"
#include "snnc/Dialect/XF/XFOps.h"
#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <google/protobuf/io/coded_stream.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>
#include <set>

using namespace mlir;
using namespace snnc;

namespace {

/// IR version the bundled ONNX 1.12 checker understands.
constexpr int64_t kMaxIRVersion = 8;

/// Bounds on shapes read from a model: beyond these it is corrupt or
/// hostile, and computing on it would exhaust memory rather than fail.
constexpr int64_t kMaxElements = int64_t(1) << 40;
/// Larger results are left to run time instead of being folded at import.
constexpr int64_t kMaxFoldElements = int64_t(1) << 28;

/// Element count of a shape read from constant data; std::nullopt when a
/// dimension is negative or the count exceeds kMaxElements.
std::optional<int64_t> elementCountOf(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d && n > kMaxElements / d))
      return std::nullopt;
    n *= d;
  }
  return n;
}

class GraphImporter;

/// What a per-op handler sees: the node, its inputs as values or constants,
/// its attributes; it builds xf ops through create/finish, which fold them
/// when their operands are constant.
class NodeContext {
public:
  NodeContext(GraphImporter &g, const onnx::NodeProto &node, Location loc)
      : g(g), node(node), loc(loc) {}

  const onnx::NodeProto &proto() const { return node; }
  Location getLoc() const { return loc; }
  OpBuilder &builder();
  InFlightDiagnostic error() { return emitError(loc); }

  unsigned numInputs() const { return node.input_size(); }
  unsigned numOutputs() const { return node.output_size(); }
  /// ONNX marks omitted optional inputs and outputs with an empty name.
  bool hasInput(unsigned i) const {
    return i < unsigned(node.input_size()) && !node.input(i).empty();
  }
  bool hasOutput(unsigned i) const {
    return i < unsigned(node.output_size()) && !node.output(i).empty();
  }
  /// The value of input i; constants are materialized at their first use.
  /// Null after an error when the input is missing.
  Value input(unsigned i);
  /// The type of input i, without materializing a constant.
  RankedTensorType inputType(unsigned i);
  /// The constant value of input i (an initializer or a folded output).
  DenseElementsAttr constInput(unsigned i);
  /// The integers held by constant input i (axes, shapes, bounds); an error
  /// naming `what` when the input depends on the graph inputs' values.
  FailureOr<SmallVector<int64_t>> constInts(unsigned i, llvm::StringRef what);
  /// Materializes a constant.
  Value constant(DenseElementsAttr value);

  const onnx::AttributeProto *attr(llvm::StringRef name) const {
    for (const auto &a : node.attribute())
      if (a.name() == name)
        return &a;
    return nullptr;
  }
  int64_t attrInt(llvm::StringRef name, int64_t dflt) const {
    const auto *a = attr(name);
    return a ? a->i() : dflt;
  }
  float attrFloat(llvm::StringRef name, float dflt) const {
    const auto *a = attr(name);
    return a ? a->f() : dflt;
  }
  std::optional<SmallVector<int64_t>> attrInts(llvm::StringRef name) const {
    const auto *a = attr(name);
    if (!a)
      return std::nullopt;
    return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
  }
  FailureOr<DenseElementsAttr> tensorAttr(const onnx::TensorProto &t);
  FailureOr<Type> elementType(int32_t onnxType, llvm::StringRef what);

  /// Verifies `op` and, when all its operands are constants, replaces it by
  /// constants holding its results. Returns the results either way.
  FailureOr<SmallVector<Value>> finish(Operation *op);
  template <typename OpTy, typename... Args>
  FailureOr<Value> create(Type type, Args &&...args) {
    auto op = builder().create<OpTy>(loc, type, std::forward<Args>(args)...);
    auto results = finish(op);
    if (failed(results))
      return failure();
    return results->front();
  }

  /// Defines output i; it must agree with the type ONNX inferred, if any.
  LogicalResult setOutput(unsigned i, Value v);
  /// Defines output i as a constant, materialized at its first use.
  LogicalResult setConstOutput(unsigned i, DenseElementsAttr value);

private:
  LogicalResult checkInferredType(unsigned i, Type type);

  GraphImporter &g;
  const onnx::NodeProto &node;
  Location loc;
};

using Handler = std::function<LogicalResult(NodeContext &)>;

struct HandlerEntry {
  int64_t sinceVersion;
  Handler fn;
};

/// Versioned handlers: for a model at opset N, an op uses the entry with the
/// highest sinceVersion <= N. sinceVersion is the oldest version of the ONNX
/// op the handler understands; one handler covers several versions when an
/// attribute became an input (it reads both forms).
llvm::StringMap<SmallVector<HandlerEntry, 1>> &handlerRegistry();

class GraphImporter {
public:
  GraphImporter(MLIRContext *ctx, llvm::StringRef file, int64_t opset)
      : ctx(ctx), b(ctx), file(file.str()), opset(opset) {}

  OwningOpRef<ModuleOp> run(const onnx::GraphProto &graph);

  MLIRContext *ctx;
  OpBuilder b;
  std::string file;
  int64_t opset;
  /// Values defined so far, by ONNX name (constants once materialized).
  llvm::StringMap<Value> values;
  /// Outputs and initializers known to be constant, by ONNX name.
  llvm::StringMap<DenseElementsAttr> constants;
  /// The types ONNX shape inference gave, to cross-check snnc's.
  llvm::StringMap<const onnx::TypeProto *> types;

  Location fileLoc() { return FileLineColLoc::get(ctx, file, 0, 0); }
  Location nodeLoc(const onnx::NodeProto &node, int index) {
    std::string name = node.name().empty()
                           ? node.op_type() + "#" + std::to_string(index)
                           : node.name();
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc());
  }

  FailureOr<Type> elementType(int32_t onnxType, Location loc,
                              llvm::StringRef what);
  FailureOr<RankedTensorType> tensorType(const onnx::TypeProto &type,
                                         Location loc, llvm::StringRef what);
  FailureOr<DenseElementsAttr> tensorAttr(const onnx::TensorProto &t,
                                          Location loc);
  Value materialize(DenseElementsAttr value, Location loc) {
    return b.create<xf::ConstantOp>(loc, value);
  }
};

OpBuilder &NodeContext::builder() { return g.b; }

FailureOr<DenseElementsAttr>
NodeContext::tensorAttr(const onnx::TensorProto &t) {
  return g.tensorAttr(t, loc);
}

FailureOr<Type> NodeContext::elementType(int32_t onnxType,
                                         llvm::StringRef what) {
  return g.elementType(onnxType, loc, what);
}

Value NodeContext::input(unsigned i) {
  if (!hasInput(i)) {
    error() << "expected input #" << i;
    return {};
  }
  auto it = g.values.find(node.input(i));
  if (it != g.values.end())
    return it->second;
  auto c = g.constants.find(node.input(i));
  if (c != g.constants.end()) {
    Value v = g.materialize(c->second, loc);
    g.values[node.input(i)] = v;
    return v;
  }
  error() << "input '" << node.input(i) << "' is not produced by any node, "
          << "initializer or graph input";
  return {};
}

RankedTensorType NodeContext::inputType(unsigned i) {
  if (DenseElementsAttr c = constInput(i))
    return cast<RankedTensorType>(c.getType());
  Value v = input(i);
  return v ? cast<RankedTensorType>(v.getType()) : RankedTensorType();
}

DenseElementsAttr NodeContext::constInput(unsigned i) {
  if (!hasInput(i))
    return {};
  auto c = g.constants.find(node.input(i));
  return c == g.constants.end() ? DenseElementsAttr() : c->second;
}

FailureOr<SmallVector<int64_t>> NodeContext::constInts(unsigned i,
                                                       llvm::StringRef what) {
  DenseElementsAttr c = constInput(i);
  if (!c) {
    if (hasInput(i))
      error() << node.op_type() << " input '" << what
              << "' must be a constant, but it depends on the graph inputs' "
                 "values";
    else
      error() << node.op_type() << " needs input '" << what << "'";
    return failure();
  }
  if (!c.getElementType().isSignlessInteger() ||
      c.getElementType().isInteger(1))
    return error() << node.op_type() << " input '" << what
                   << "' must hold integers, got " << c.getElementType();
  SmallVector<int64_t> ints;
  for (const APInt &v : c.getValues<APInt>())
    ints.push_back(v.getSExtValue());
  return ints;
}

Value NodeContext::constant(DenseElementsAttr value) {
  return g.materialize(value, loc);
}

FailureOr<SmallVector<Value>> NodeContext::finish(Operation *op) {
  if (failed(mlir::verify(op)))
    return failure();
  SmallVector<Value> results(op->getResults());
  bool constantOperands =
      op->getNumOperands() > 0 && llvm::all_of(op->getOperands(), [](Value v) {
        return v.getDefiningOp<xf::ConstantOp>();
      });
  bool small = llvm::all_of(op->getResultTypes(), [](Type t) {
    return cast<RankedTensorType>(t).getNumElements() <= kMaxFoldElements;
  });
  if (!constantOperands || !small)
    return results;
  auto folded = foldConstantOp(op);
  if (failed(folded))
    return failure();
  for (auto [result, value] : llvm::zip(results, *folded))
    result = g.materialize(value, loc);
  op->erase();
  return results;
}

LogicalResult NodeContext::checkInferredType(unsigned i, Type type) {
  auto it = g.types.find(node.output(i));
  if (it == g.types.end() || !it->second->has_tensor_type())
    return success();
  const auto &tt = it->second->tensor_type();
  if (!tt.has_shape() || llvm::any_of(tt.shape().dim(), [](const auto &d) {
        return !d.has_dim_value();
      }))
    return success();
  auto inferred = g.tensorType(*it->second, loc, "output");
  if (failed(inferred))
    return failure();
  if (*inferred != type)
    return error() << "snnc computes type " << type << " for output '"
                   << node.output(i) << "', but ONNX shape inference gives "
                   << *inferred;
  return success();
}

LogicalResult NodeContext::setOutput(unsigned i, Value v) {
  if (!hasOutput(i))
    return success();
  if (failed(checkInferredType(i, v.getType())))
    return failure();
  g.values[node.output(i)] = v;
  if (auto c = v.getDefiningOp<xf::ConstantOp>())
    if (auto value = dyn_cast<DenseElementsAttr>(c.getValue()))
      g.constants[node.output(i)] = value;
  return success();
}

LogicalResult NodeContext::setConstOutput(unsigned i, DenseElementsAttr value) {
  if (!hasOutput(i))
    return success();
  if (failed(checkInferredType(i, value.getType())))
    return failure();
  g.constants[node.output(i)] = value;
  return success();
}

FailureOr<Type> GraphImporter::elementType(int32_t onnxType, Location loc,
                                           llvm::StringRef what) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return Type(b.getF32Type());
  case onnx::TensorProto::DOUBLE:
    return Type(b.getF64Type());
  case onnx::TensorProto::FLOAT16:
    return Type(b.getF16Type());
  case onnx::TensorProto::INT64:
    return Type(b.getI64Type());
  case onnx::TensorProto::INT32:
    return Type(b.getI32Type());
  case onnx::TensorProto::INT16:
    return Type(b.getI16Type());
  case onnx::TensorProto::INT8:
    return Type(b.getI8Type());
  case onnx::TensorProto::BOOL:
    return Type(b.getI1Type());
  default:
    return emitError(loc) << what << " has unsupported element type "
                          << onnx::TensorProto::DataType_Name(
                                 static_cast<onnx::TensorProto::DataType>(
                                     onnxType));
  }
}

FailureOr<RankedTensorType>
GraphImporter::tensorType(const onnx::TypeProto &type, Location loc,
                          llvm::StringRef what) {
  if (!type.has_tensor_type())
    return emitError(loc) << what << " is not a tensor (sequences and maps "
                          << "are not supported)";
  const auto &tt = type.tensor_type();
  auto elt = elementType(tt.elem_type(), loc, what);
  if (failed(elt))
    return failure();
  if (!tt.has_shape())
    return emitError(loc) << what << " has no shape; give static input "
                          << "shapes with --input-shape";
  SmallVector<int64_t> dims;
  for (const auto &d : tt.shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0)
      return emitError(loc)
             << what << " has a symbolic dimension '" << d.dim_param()
             << "'; give static input shapes with --input-shape";
    dims.push_back(d.dim_value());
  }
  return RankedTensorType::get(dims, *elt);
}

template <typename T>
static bool readRaw(const std::string &raw, int64_t n, std::vector<T> &out) {
  if (raw.size() != size_t(n) * sizeof(T))
    return false;
  out.resize(n);
  if (n)
    std::memcpy(out.data(), raw.data(), raw.size());
  return true;
}

FailureOr<DenseElementsAttr>
GraphImporter::tensorAttr(const onnx::TensorProto &t, Location loc) {
  std::string what = "tensor '" + t.name() + "'";
  if (t.data_location() == onnx::TensorProto::EXTERNAL)
    return emitError(loc) << what << " has external data that was not "
                          << "loaded";
  auto elt = elementType(t.data_type(), loc, what);
  if (failed(elt))
    return failure();
  SmallVector<int64_t> dims(t.dims().begin(), t.dims().end());
  std::optional<int64_t> count = elementCountOf(dims);
  if (!count)
    return emitError(loc) << what << " has an invalid or huge shape";
  int64_t n = *count;
  auto type = RankedTensorType::get(dims, *elt);
  const std::string &raw = t.raw_data();
  bool useRaw = t.has_raw_data();
  auto sizeError = [&]() {
    return emitError(loc) << what << " holds a different number of elements "
                          << "than its shape " << n;
  };
  switch (t.data_type()) {
  case onnx::TensorProto::FLOAT: {
    std::vector<float> v;
    if (useRaw
            ? !readRaw(raw, n, v)
            : (t.float_data_size() != n ||
               (v.assign(t.float_data().begin(), t.float_data().end()), false)))
      return sizeError();
    return DenseElementsAttr::get(type, ArrayRef<float>(v));
  }
  case onnx::TensorProto::DOUBLE: {
    std::vector<double> v;
    if (useRaw ? !readRaw(raw, n, v)
               : (t.double_data_size() != n ||
                  (v.assign(t.double_data().begin(), t.double_data().end()),
                   false)))
      return sizeError();
    return DenseElementsAttr::get(type, ArrayRef<double>(v));
  }
  case onnx::TensorProto::FLOAT16: {
    // Raw halves, or one half per int32_data entry (low 16 bits).
    std::vector<uint16_t> bits;
    if (useRaw) {
      if (!readRaw(raw, n, bits))
        return sizeError();
    } else {
      if (t.int32_data_size() != n)
        return sizeError();
      for (int32_t x : t.int32_data())
        bits.push_back(uint16_t(x));
    }
    SmallVector<APFloat> v;
    for (uint16_t h : bits)
      v.push_back(APFloat(APFloat::IEEEhalf(), APInt(16, h)));
    return DenseElementsAttr::get(type, v);
  }
  case onnx::TensorProto::INT64: {
    std::vector<int64_t> v;
    if (useRaw
            ? !readRaw(raw, n, v)
            : (t.int64_data_size() != n ||
               (v.assign(t.int64_data().begin(), t.int64_data().end()), false)))
      return sizeError();
    return DenseElementsAttr::get(type, ArrayRef<int64_t>(v));
  }
  case onnx::TensorProto::INT32: {
    std::vector<int32_t> v;
    if (useRaw
            ? !readRaw(raw, n, v)
            : (t.int32_data_size() != n ||
               (v.assign(t.int32_data().begin(), t.int32_data().end()), false)))
      return sizeError();
    return DenseElementsAttr::get(type, ArrayRef<int32_t>(v));
  }
  case onnx::TensorProto::INT16: {
    std::vector<int16_t> v;
    if (useRaw) {
      if (!readRaw(raw, n, v))
        return sizeError();
    } else {
      if (t.int32_data_size() != n)
        return sizeError();
      for (int32_t x : t.int32_data())
        v.push_back(static_cast<int16_t>(x));
    }
    return DenseElementsAttr::get(type, ArrayRef<int16_t>(v));
  }
  case onnx::TensorProto::BOOL:
  case onnx::TensorProto::INT8: {
    // Both are one byte per element in raw_data and widened in int32_data.
    std::vector<int8_t> v;
    if (useRaw) {
      if (!readRaw(raw, n, v))
        return sizeError();
    } else {
      if (t.int32_data_size() != n)
        return sizeError();
      for (int32_t x : t.int32_data())
        v.push_back(static_cast<int8_t>(x));
    }
    if (t.data_type() == onnx::TensorProto::BOOL) {
      SmallVector<bool> bits(v.begin(), v.end());
      return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
    }
    return DenseElementsAttr::get(type, ArrayRef<int8_t>(v));
  }
  default:
    return emitError(loc) << what << " has an unsupported element type";
  }
}

OwningOpRef<ModuleOp> GraphImporter::run(const onnx::GraphProto &graph) {
  Location loc = fileLoc();
  for (const auto &vi : graph.value_info())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.output())
    types[vi.name()] = &vi.type();

  for (const auto &init : graph.initializer()) {
    auto attr = tensorAttr(init, loc);
    if (failed(attr))
      return nullptr;
    constants[init.name()] = *attr;
  }

  // Graph inputs that are initializers too (IR < 4 style) are constants.
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const auto &in : graph.input()) {
    if (constants.count(in.name()))
      continue;
    auto type = tensorType(in.type(), loc, "graph input '" + in.name() + "'");
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    argNames.push_back(in.name());
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  // The result types are known once the graph is imported.
  auto func =
      b.create<func::FuncOp>(loc, "main", b.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, name] : llvm::enumerate(argNames)) {
    values[name] = entry->getArgument(i);
    func.setArgAttr(i, "onnx.name", b.getStringAttr(name));
  }
  b.setInsertionPointToEnd(entry);

  auto &registry = handlerRegistry();
  for (auto [index, node] : llvm::enumerate(graph.node())) {
    Location nloc = nodeLoc(node, index);
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      emitError(nloc) << "op '" << node.op_type() << "' of domain '"
                      << node.domain() << "' is not supported";
      return nullptr;
    }
    auto it = registry.find(node.op_type());
    const HandlerEntry *entryFn = nullptr;
    if (it != registry.end())
      for (const auto &e : it->second)
        if (e.sinceVersion <= opset &&
            (!entryFn || e.sinceVersion > entryFn->sinceVersion))
          entryFn = &e;
    if (!entryFn) {
      emitError(nloc) << "ONNX op '" << node.op_type() << "' (opset " << opset
                      << ") is not supported (see snnc --list-ops)";
      return nullptr;
    }
    NodeContext ctx(*this, node, nloc);
    if (failed(entryFn->fn(ctx)))
      return nullptr;
    for (const auto &out : node.output())
      if (!out.empty() && !values.count(out) && !constants.count(out)) {
        emitError(nloc) << "internal error: output '" << out
                        << "' was not defined by the handler";
        return nullptr;
      }
  }

  SmallVector<Value> results;
  for (const auto &out : graph.output()) {
    Value v;
    if (auto it = values.find(out.name()); it != values.end())
      v = it->second;
    else if (auto c = constants.find(out.name()); c != constants.end())
      v = materialize(c->second, loc);
    if (!v) {
      emitError(loc) << "graph output '" << out.name()
                     << "' is not produced by any node";
      return nullptr;
    }
    // The model may leave dims symbolic; the ones it fixes must agree.
    auto type = cast<RankedTensorType>(v.getType());
    const auto &tt = out.type().tensor_type();
    auto elt =
        elementType(tt.elem_type(), loc, "graph output '" + out.name() + "'");
    if (failed(elt))
      return nullptr;
    bool agrees = *elt == type.getElementType() &&
                  (!tt.has_shape() || tt.shape().dim_size() == type.getRank());
    for (int d = 0; agrees && tt.has_shape() && d < tt.shape().dim_size(); ++d)
      agrees = !tt.shape().dim(d).has_dim_value() ||
               tt.shape().dim(d).dim_value() == type.getDimSize(d);
    if (!agrees) {
      emitError(loc) << "graph output '" << out.name() << "' has type " << type
                     << ", which does not match the model's "
                     << "declaration";
      return nullptr;
    }
    results.push_back(v);
  }
  b.create<func::ReturnOp>(loc, results);
  func.setType(b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "onnx.name", b.getStringAttr(out.name()));

  // Folding leaves constants (and ONNX graphs may leave values) unused.
  for (Operation &op :
       llvm::make_early_inc_range(llvm::reverse(entry->getOperations())))
    if (isOpTriviallyDead(&op))
      op.erase();
  return module;
}

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

RankedTensorType withShape(RankedTensorType type, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, type.getElementType());
}

/// The scalar constant `value` of element type `elt`.
DenseElementsAttr scalarAttr(Type elt, double value) {
  auto type = RankedTensorType::get({}, elt);
  if (auto ft = dyn_cast<FloatType>(elt)) {
    APFloat f(value);
    bool lost;
    f.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    return DenseElementsAttr::get(type, f);
  }
  return DenseElementsAttr::get(
      type, APInt(elt.getIntOrFloatBitWidth(), int64_t(value), true));
}

//===----------------------------------------------------------------------===//
// Handlers
//===----------------------------------------------------------------------===//

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// The NumPy broadcast of the values' shapes; an error when they do not
/// broadcast.
FailureOr<SmallVector<int64_t>> broadcastOf(NodeContext &n,
                                            ArrayRef<Value> values) {
  SmallVector<int64_t> shape;
  for (Value v : values) {
    auto next = broadcastShapes(shape, typeOf(v).getShape());
    if (!next)
      return n.error() << n.proto().op_type() << " input shapes "
                       << formatShape(shape) << " and "
                       << formatShape(typeOf(v).getShape())
                       << " are not broadcast-compatible";
    shape = *next;
  }
  return shape;
}

/// `axis` in [-rank, rank) (or [-rank, rank] with `inclusive`), made
/// non-negative; an error naming the attribute otherwise.
FailureOr<int64_t> normalizedAxis(NodeContext &n, int64_t axis, int64_t rank,
                                  llvm::StringRef what,
                                  bool inclusive = false) {
  int64_t bound = inclusive ? rank + 1 : rank;
  if (axis < -rank || axis >= bound)
    return n.error() << n.proto().op_type() << " " << what << " " << axis
                     << " is out of range for rank " << rank;
  return axis < 0 ? axis + rank : axis;
}

/// Defines output 0 as `v` reshaped to `shape` (ONNX's shape-only ops).
LogicalResult reshapeTo(NodeContext &n, Value v, ArrayRef<int64_t> shape) {
  if (typeOf(v).getShape() == shape)
    return n.setOutput(0, v);
  auto r = n.create<xf::ReshapeOp>(withShape(typeOf(v), shape), v);
  return failed(r) ? failure() : n.setOutput(0, *r);
}

/// Axes given as input `index` (opset 13+) or as the `axes` attribute
/// (earlier versions); std::nullopt when the node has neither.
FailureOr<std::optional<SmallVector<int64_t>>> axesOf(NodeContext &n,
                                                      unsigned index) {
  if (n.hasInput(index)) {
    auto axes = n.constInts(index, "axes");
    if (failed(axes))
      return failure();
    return std::optional<SmallVector<int64_t>>(*axes);
  }
  return n.attrInts("axes");
}

template <typename OpTy> LogicalResult importBinary(NodeContext &n) {
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  auto shape = broadcastOf(n, {a, b});
  if (failed(shape))
    return failure();
  auto v = n.create<OpTy>(withShape(typeOf(a), *shape), a, b);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

/// Equal, Less, LessOrEqual, and Greater and GreaterOrEqual as Less and
/// LessEqual with the operands swapped.
template <typename OpTy, bool swap = false>
LogicalResult importCompare(NodeContext &n) {
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  if (swap)
    std::swap(a, b);
  auto shape = broadcastOf(n, {a, b});
  if (failed(shape))
    return failure();
  auto v = n.create<OpTy>(
      RankedTensorType::get(*shape, n.builder().getI1Type()), a, b);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

template <typename OpTy> LogicalResult importUnary(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto v = n.create<OpTy>(x.getType(), x);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

/// Max and Min: a chain of binary ops over one or more inputs.
template <typename OpTy> LogicalResult importVariadic(NodeContext &n) {
  Value acc = n.input(0);
  if (!acc)
    return failure();
  for (unsigned i = 1; i < n.numInputs(); ++i) {
    Value next = n.input(i);
    if (!next)
      return failure();
    auto shape = broadcastOf(n, {acc, next});
    if (failed(shape))
      return failure();
    auto v = n.create<OpTy>(withShape(typeOf(acc), *shape), acc, next);
    if (failed(v))
      return failure();
    acc = *v;
  }
  return n.setOutput(0, acc);
}

LogicalResult importClip(NodeContext &n) {
  Value y = n.input(0);
  if (!y)
    return failure();
  // Clip-11+: optional scalar bounds as inputs, min applied first.
  for (unsigned i : {1u, 2u}) {
    if (!n.hasInput(i))
      continue;
    Value bound = n.input(i);
    if (!bound)
      return failure();
    auto v = i == 1 ? n.create<xf::MaximumOp>(y.getType(), y, bound)
                    : n.create<xf::MinimumOp>(y.getType(), y, bound);
    if (failed(v))
      return failure();
    y = *v;
  }
  return n.setOutput(0, y);
}

LogicalResult importWhere(NodeContext &n) {
  Value c = n.input(0), a = n.input(1), b = n.input(2);
  if (!c || !a || !b)
    return failure();
  auto shape = broadcastOf(n, {c, a, b});
  if (failed(shape))
    return failure();
  auto v = n.create<xf::WhereOp>(withShape(typeOf(a), *shape), c, a, b);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importCast(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto elt = n.elementType(n.attrInt("to", 0), "Cast target");
  if (failed(elt))
    return failure();
  if (*elt == typeOf(x).getElementType())
    return n.setOutput(0, x);
  auto v = n.create<xf::CastOp>(
      RankedTensorType::get(typeOf(x).getShape(), *elt), x);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importSoftmax(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto v = n.create<xf::SoftmaxOp>(x.getType(), x, n.attrInt("axis", -1));
  return failed(v) ? failure() : n.setOutput(0, *v);
}

/// ReduceMean/Max/Min (axes attribute up to opset 17, input from 18) and
/// ReduceSum (input from opset 13): one handler reads both forms.
template <typename OpTy> LogicalResult importReduce(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  int64_t rank = in.size();
  auto given = axesOf(n, 1);
  if (failed(given))
    return failure();
  SmallVector<int64_t> axes;
  if (!*given || (*given)->empty()) {
    if (n.attrInt("noop_with_empty_axes", 0))
      return n.setOutput(0, x);
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  } else {
    for (int64_t a : **given) {
      auto axis = normalizedAxis(n, a, rank, "axis");
      if (failed(axis))
        return failure();
      axes.push_back(*axis);
    }
    llvm::sort(axes);
    axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  }
  bool keepdims = n.attrInt("keepdims", 1);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d))
      shape.push_back(in[d]);
    else if (keepdims)
      shape.push_back(1);
  }
  auto v = n.create<OpTy>(withShape(typeOf(x), shape), x,
                          ArrayRef<int64_t>(axes), keepdims);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importMatMul(NodeContext &n) {
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  SmallVector<int64_t> as(typeOf(a).getShape()), bs(typeOf(b).getShape());
  if (as.empty() || bs.empty())
    return n.error() << "MatMul operands must have rank >= 1";
  bool aVector = as.size() == 1, bVector = bs.size() == 1;
  if (aVector)
    as.insert(as.begin(), 1);
  if (bVector)
    bs.push_back(1);
  auto batch =
      broadcastShapes(ArrayRef(as).drop_back(2), ArrayRef(bs).drop_back(2));
  if (!batch)
    return n.error() << "MatMul batch dimensions are not broadcast-compatible";
  SmallVector<int64_t> shape(*batch);
  if (!aVector)
    shape.push_back(as[as.size() - 2]);
  if (!bVector)
    shape.push_back(bs.back());
  auto v = n.create<xf::MatMulOp>(withShape(typeOf(a), shape), a, b);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

FailureOr<Value> transpose2D(NodeContext &n, Value v) {
  auto type = typeOf(v);
  return n.create<xf::TransposeOp>(
      withShape(type, {type.getDimSize(1), type.getDimSize(0)}), v,
      ArrayRef<int64_t>{1, 0});
}

/// Multiplies `v` by the scalar `factor` unless it is 1.
FailureOr<Value> scaled(NodeContext &n, Value v, float factor) {
  if (factor == 1.0f)
    return v;
  Value s = n.constant(scalarAttr(typeOf(v).getElementType(), factor));
  return n.create<xf::MulOp>(v.getType(), v, s);
}

/// Gemm: Y = alpha·A'·B' + beta·C. With a constant B (a PyTorch nn.Linear) it
/// becomes xf.linear, alpha and beta folded into the constants.
LogicalResult importGemm(NodeContext &n) {
  float alpha = n.attrFloat("alpha", 1.0f), beta = n.attrFloat("beta", 1.0f);
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  if (typeOf(a).getRank() != 2 || typeOf(b).getRank() != 2)
    return n.error() << "Gemm inputs A and B must have rank 2";
  FailureOr<Value> at = n.attrInt("transA", 0) ? transpose2D(n, a) : a;
  if (failed(at))
    return failure();
  bool transB = n.attrInt("transB", 0);
  int64_t rows = typeOf(*at).getDimSize(0);
  int64_t cols = typeOf(b).getDimSize(transB ? 0 : 1);
  auto type = withShape(typeOf(a), {rows, cols});

  // A bias that is one row of out_features joins xf.linear.
  DenseElementsAttr c = n.constInput(2);
  auto cType = c ? cast<RankedTensorType>(c.getType()) : RankedTensorType();
  bool linearBias =
      c && c.getNumElements() == cols &&
      (cType.getRank() == 1 || cType.getShape() == ArrayRef<int64_t>{1, cols});
  Value result;
  if (n.constInput(1)) {
    FailureOr<Value> w = transB ? b : transpose2D(n, b);
    if (succeeded(w))
      w = scaled(n, *w, alpha);
    if (failed(w))
      return failure();
    Value bias;
    if (linearBias) {
      auto scaledBias = scaled(n, n.input(2), beta);
      if (failed(scaledBias))
        return failure();
      auto reshaped =
          n.create<xf::ReshapeOp>(withShape(type, {cols}), *scaledBias);
      if (failed(reshaped))
        return failure();
      bias = *reshaped;
    }
    auto linear = n.create<xf::LinearOp>(type, *at, *w, bias);
    if (failed(linear))
      return failure();
    result = *linear;
  } else {
    FailureOr<Value> bt = transB ? transpose2D(n, b) : b;
    if (failed(bt))
      return failure();
    auto mm = n.create<xf::MatMulOp>(type, *at, *bt);
    if (succeeded(mm))
      mm = scaled(n, *mm, alpha);
    if (failed(mm))
      return failure();
    result = *mm;
  }
  if (n.hasInput(2) && !(n.constInput(1) && linearBias)) {
    auto cv = scaled(n, n.input(2), beta);
    if (failed(cv))
      return failure();
    if (!broadcastShapes(typeOf(*cv).getShape(), type.getShape()))
      return n.error() << "Gemm input C does not broadcast to "
                       << formatShape(type.getShape());
    auto sum = n.create<xf::AddOp>(type, result, *cv);
    if (failed(sum))
      return failure();
    result = *sum;
  }
  return n.setOutput(0, result);
}

LogicalResult importGather(NodeContext &n) {
  Value x = n.input(0), ids = n.input(1);
  if (!x || !ids)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  auto axis = normalizedAxis(n, n.attrInt("axis", 0), in.size(), "axis");
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(in.take_front(*axis));
  llvm::append_range(shape, typeOf(ids).getShape());
  llvm::append_range(shape, in.drop_front(*axis + 1));
  auto v = n.create<xf::GatherOp>(withShape(typeOf(x), shape), x, ids, *axis);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importReshape(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto requested = n.constInts(1, "shape");
  if (failed(requested))
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  bool allowZero = n.attrInt("allowzero", 0);
  SmallVector<int64_t> shape;
  int64_t inferred = -1;
  for (auto [i, r] : llvm::enumerate(*requested)) {
    int64_t d = r;
    if (d == 0 && !allowZero) {
      if (i >= in.size())
        return n.error() << "Reshape copies dimension " << i
                         << " of an input of rank " << in.size();
      d = in[i];
    } else if (d == -1) {
      if (inferred >= 0)
        return n.error() << "Reshape shape " << formatShape(*requested)
                         << " has more than one -1";
      inferred = i;
      shape.push_back(1);
      continue;
    } else if (d < 0) {
      return n.error() << "Reshape shape " << formatShape(*requested)
                       << " has a negative dimension";
    }
    shape.push_back(d);
  }
  // With the -1 counted as 1 for now.
  std::optional<int64_t> known = elementCountOf(shape);
  int64_t total = typeOf(x).getNumElements();
  if (known && inferred >= 0 && *known != 0 && total % *known == 0)
    shape[inferred] = total / *known;
  if (elementCountOf(shape) != total)
    return n.error() << "Reshape cannot give " << formatShape(in) << " ("
                     << total << " elements) the shape "
                     << formatShape(*requested);
  return reshapeTo(n, x, shape);
}

LogicalResult importFlatten(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  auto axis = normalizedAxis(n, n.attrInt("axis", 1), in.size(), "axis",
                             /*inclusive=*/true);
  if (failed(axis))
    return failure();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < int64_t(in.size()); ++d)
    (d < *axis ? outer : inner) *= in[d];
  return reshapeTo(n, x, {outer, inner});
}

LogicalResult importSqueeze(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  auto given = axesOf(n, 1);
  if (failed(given))
    return failure();
  SmallVector<bool> drop(in.size(), false);
  if (!*given) {
    for (auto [d, size] : llvm::enumerate(in))
      drop[d] = size == 1;
  }
  for (int64_t a : given->value_or(SmallVector<int64_t>())) {
    auto axis = normalizedAxis(n, a, in.size(), "axis");
    if (failed(axis))
      return failure();
    if (in[*axis] != 1)
      return n.error() << "Squeeze axis " << a << " has size " << in[*axis]
                       << ", not 1";
    drop[*axis] = true;
  }
  SmallVector<int64_t> shape;
  for (auto [d, size] : llvm::enumerate(in))
    if (!drop[d])
      shape.push_back(size);
  return reshapeTo(n, x, shape);
}

LogicalResult importUnsqueeze(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  auto given = axesOf(n, 1);
  if (failed(given))
    return failure();
  if (!*given)
    return n.error() << "Unsqueeze needs axes";
  int64_t rank = in.size() + (*given)->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t a : **given) {
    auto axis = normalizedAxis(n, a, rank, "axis");
    if (failed(axis))
      return failure();
    if (inserted[*axis])
      return n.error() << "Unsqueeze axes " << formatShape(**given)
                       << " repeat an axis";
    inserted[*axis] = true;
  }
  SmallVector<int64_t> shape;
  const int64_t *next = in.begin();
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inserted[d] ? 1 : *next++);
  return reshapeTo(n, x, shape);
}

LogicalResult importTranspose(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  SmallVector<int64_t> perm;
  if (auto p = n.attrInts("perm"))
    perm = *p;
  else
    perm = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, in.size())));
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= int64_t(in.size()))
      return n.error() << "Transpose perm " << formatShape(perm)
                       << " is not a permutation of the input's " << in.size()
                       << " dimensions";
    shape.push_back(in[p]);
  }
  auto v = n.create<xf::TransposeOp>(withShape(typeOf(x), shape), x,
                                     ArrayRef<int64_t>(perm));
  return failed(v) ? failure() : n.setOutput(0, *v);
}

/// Split: part sizes as input (opset 13+) or attribute (earlier), else equal
/// parts, one per output.
LogicalResult importSplit(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  auto axis = normalizedAxis(n, n.attrInt("axis", 0), in.size(), "axis");
  if (failed(axis))
    return failure();
  SmallVector<int64_t> sizes;
  if (n.hasInput(1)) {
    auto given = n.constInts(1, "split");
    if (failed(given))
      return failure();
    sizes = *given;
  } else if (auto given = n.attrInts("split")) {
    sizes = *given;
  } else {
    int64_t parts = n.numOutputs();
    if (in[*axis] % parts)
      return n.error() << "Split cannot cut axis " << *axis << " of size "
                       << in[*axis] << " into " << parts << " equal parts";
    sizes.assign(parts, in[*axis] / parts);
  }
  if (sizes.size() != n.numOutputs())
    return n.error() << "Split has " << n.numOutputs() << " outputs but "
                     << sizes.size() << " part sizes";
  SmallVector<Type> types;
  for (int64_t size : sizes) {
    if (size < 0)
      return n.error() << "Split part sizes " << formatShape(sizes)
                       << " include a negative size";
    SmallVector<int64_t> shape(in);
    shape[*axis] = size;
    types.push_back(withShape(typeOf(x), shape));
  }
  if (std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != in[*axis])
    return n.error() << "Split part sizes " << formatShape(sizes)
                     << " do not add up to axis " << *axis << " of size "
                     << in[*axis];
  auto results =
      n.finish(n.builder().create<xf::SplitOp>(n.getLoc(), types, x, *axis));
  if (failed(results))
    return failure();
  for (auto [i, v] : llvm::enumerate(*results))
    if (failed(n.setOutput(i, v)))
      return failure();
  return success();
}

/// Slice (opset 10+): constant starts, ends and optional axes and steps,
/// resolved to one in-bounds start and step per dimension.
LogicalResult importSlice(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> in = typeOf(x).getShape();
  int64_t rank = in.size();
  auto starts = n.constInts(1, "starts");
  if (failed(starts))
    return failure();
  auto ends = n.constInts(2, "ends");
  if (failed(ends))
    return failure();
  SmallVector<int64_t> axes =
      llvm::to_vector(llvm::seq<int64_t>(0, starts->size()));
  SmallVector<int64_t> steps(starts->size(), 1);
  if (n.hasInput(3)) {
    auto given = n.constInts(3, "axes");
    if (failed(given))
      return failure();
    axes = *given;
  }
  if (n.hasInput(4)) {
    auto given = n.constInts(4, "steps");
    if (failed(given))
      return failure();
    steps = *given;
  }
  if (ends->size() != starts->size() || axes.size() != starts->size() ||
      steps.size() != starts->size())
    return n.error() << "Slice starts, ends, axes and steps differ in length";
  SmallVector<int64_t> outStarts(rank, 0), outSteps(rank, 1), shape(in);
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < axes.size(); ++i) {
    auto axis = normalizedAxis(n, axes[i], rank, "axis");
    if (failed(axis))
      return failure();
    if (seen[*axis])
      return n.error() << "Slice axes " << formatShape(axes)
                       << " repeat an axis";
    seen[*axis] = true;
    int64_t dim = in[*axis], step = steps[i];
    if (step == 0)
      return n.error() << "Slice step for axis " << axes[i] << " is zero";
    int64_t start = (*starts)[i], end = (*ends)[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    int64_t count;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      count = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      count = start > end ? (start - end - step - 1) / -step : 0;
    }
    outStarts[*axis] = count ? start : 0;
    outSteps[*axis] = step;
    shape[*axis] = count;
  }
  if (shape == SmallVector<int64_t>(in) &&
      llvm::all_of(outSteps, [](int64_t s) { return s == 1; }))
    return n.setOutput(0, x);
  auto v = n.create<xf::SliceOp>(withShape(typeOf(x), shape), x,
                                 ArrayRef<int64_t>(outStarts),
                                 ArrayRef<int64_t>(outSteps));
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importConcat(NodeContext &n) {
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < n.numInputs(); ++i) {
    Value v = n.input(i);
    if (!v)
      return failure();
    inputs.push_back(v);
  }
  if (inputs.empty())
    return n.error() << "Concat needs at least one input";
  if (inputs.size() == 1)
    return n.setOutput(0, inputs.front());
  SmallVector<int64_t> shape(typeOf(inputs.front()).getShape());
  auto axis = normalizedAxis(n, n.attrInt("axis", 0), shape.size(), "axis");
  if (failed(axis))
    return failure();
  shape[*axis] = 0;
  for (Value v : inputs) {
    if (typeOf(v).getRank() != int64_t(shape.size()))
      return n.error() << "Concat inputs differ in rank";
    shape[*axis] += typeOf(v).getDimSize(*axis);
  }
  auto v = n.create<xf::ConcatOp>(withShape(typeOf(inputs.front()), shape),
                                  inputs, *axis);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importExpand(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto requested = n.constInts(1, "shape");
  if (failed(requested))
    return failure();
  auto shape = broadcastShapes(typeOf(x).getShape(), *requested);
  if (!shape || !elementCountOf(*shape))
    return n.error() << "Expand cannot broadcast "
                     << formatShape(typeOf(x).getShape()) << " to "
                     << formatShape(*requested);
  if (ArrayRef<int64_t>(*shape) == typeOf(x).getShape())
    return n.setOutput(0, x);
  auto v = n.create<xf::BroadcastToOp>(withShape(typeOf(x), *shape), x);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

LogicalResult importTrilu(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  int64_t k = 0;
  if (n.hasInput(1)) {
    auto given = n.constInts(1, "k");
    if (failed(given))
      return failure();
    if (given->size() != 1)
      return n.error() << "Trilu k must be a scalar";
    k = given->front();
  }
  auto v =
      n.create<xf::TriluOp>(x.getType(), x, bool(n.attrInt("upper", 1)), k);
  return failed(v) ? failure() : n.setOutput(0, *v);
}

/// Shape (opset 15 adds start and end, clamped like Slice's bounds).
LogicalResult importShape(NodeContext &n) {
  RankedTensorType in = n.inputType(0);
  if (!in)
    return failure();
  int64_t rank = in.getRank();
  auto bound = [&](int64_t b) {
    return std::clamp<int64_t>(b < 0 ? b + rank : b, 0, rank);
  };
  int64_t start = bound(n.attrInt("start", 0));
  int64_t end = bound(n.attrInt("end", rank));
  SmallVector<int64_t> dims;
  for (int64_t d = start; d < end; ++d)
    dims.push_back(in.getDimSize(d));
  auto type =
      RankedTensorType::get({int64_t(dims.size())}, n.builder().getI64Type());
  return n.setConstOutput(
      0, DenseElementsAttr::get(type, ArrayRef<int64_t>(dims)));
}

LogicalResult importSize(NodeContext &n) {
  RankedTensorType in = n.inputType(0);
  if (!in)
    return failure();
  return n.setConstOutput(
      0, scalarAttr(n.builder().getI64Type(), double(in.getNumElements())));
}

LogicalResult importConstantOfShape(NodeContext &n) {
  auto shape = n.constInts(0, "input");
  if (failed(shape))
    return failure();
  if (!elementCountOf(*shape))
    return n.error() << "ConstantOfShape shape " << formatShape(*shape)
                     << " is negative or too large";
  DenseElementsAttr value;
  if (const auto *a = n.attr("value")) {
    auto attr = n.tensorAttr(a->t());
    if (failed(attr))
      return failure();
    if (attr->getNumElements() != 1)
      return n.error() << "ConstantOfShape value must have one element";
    value = *attr;
  } else {
    value = scalarAttr(n.builder().getF32Type(), 0.0);
  }
  return n.setConstOutput(0, value.resizeSplat(RankedTensorType::get(
                                 *shape, value.getElementType())));
}

/// Range: the sequence start, start + delta, ... before limit, computed at
/// import (its length is a shape, so its inputs must be constants).
LogicalResult importRange(NodeContext &n) {
  DenseElementsAttr start = n.constInput(0), limit = n.constInput(1),
                    delta = n.constInput(2);
  if (!start || !limit || !delta)
    return n.error() << "Range inputs must be constants, but they depend on "
                        "the graph inputs' values";
  Type elt = start.getElementType();
  auto scalar = [&](DenseElementsAttr a) {
    return isa<FloatType>(elt)
               ? a.getSplatValue<APFloat>().convertToDouble()
               : double(a.getSplatValue<APInt>().getSExtValue());
  };
  double s = scalar(start), l = scalar(limit), d = scalar(delta);
  if (d == 0)
    return n.error() << "Range delta is zero";
  double steps = std::max(std::ceil((l - s) / d), 0.0);
  if (!(steps <= double(kMaxFoldElements)))
    return n.error() << "Range of " << steps << " elements is too large";
  int64_t count = int64_t(steps);
  auto type = RankedTensorType::get({count}, elt);
  if (auto ft = dyn_cast<FloatType>(elt)) {
    SmallVector<APFloat> values;
    for (int64_t i = 0; i < count; ++i) {
      APFloat v(s + double(i) * d);
      bool lost;
      v.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(v);
    }
    return n.setConstOutput(0, DenseElementsAttr::get(type, values));
  }
  int64_t is = start.getSplatValue<APInt>().getSExtValue();
  int64_t id = delta.getSplatValue<APInt>().getSExtValue();
  SmallVector<APInt> values;
  for (int64_t i = 0; i < count; ++i)
    values.push_back(APInt(elt.getIntOrFloatBitWidth(), is + i * id, true));
  return n.setConstOutput(0, DenseElementsAttr::get(type, values));
}

LogicalResult importConstant(NodeContext &n) {
  Builder &b = n.builder();
  DenseElementsAttr value;
  if (const auto *a = n.attr("value")) {
    auto attr = n.tensorAttr(a->t());
    if (failed(attr))
      return failure();
    value = *attr;
  } else if (const auto *a = n.attr("value_float")) {
    value = scalarAttr(b.getF32Type(), a->f());
  } else if (const auto *a = n.attr("value_int")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   int64_t(a->i()));
  } else if (const auto *a = n.attr("value_floats")) {
    SmallVector<float> v(a->floats().begin(), a->floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(v.size())}, b.getF32Type()),
        ArrayRef<float>(v));
  } else if (const auto *a = n.attr("value_ints")) {
    SmallVector<int64_t> v(a->ints().begin(), a->ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(v.size())}, b.getI64Type()),
        ArrayRef<int64_t>(v));
  } else {
    return n.error() << "Constant without a supported value attribute "
                     << "(value, value_float(s), value_int(s))";
  }
  return n.setConstOutput(0, value);
}

LogicalResult importIdentity(NodeContext &n) {
  if (DenseElementsAttr c = n.constInput(0))
    return n.setConstOutput(0, c);
  Value v = n.input(0);
  return v ? n.setOutput(0, v) : failure();
}

/// Dropout at inference: the identity, with an all-true mask.
LogicalResult importDropout(NodeContext &n) {
  if (n.hasInput(2)) {
    DenseElementsAttr training = n.constInput(2);
    if (!training)
      return n.error() << "Dropout training_mode must be a constant";
    if (llvm::any_of(training.getValues<APInt>(),
                     [](const APInt &v) { return !v.isZero(); }))
      return n.error() << "Dropout in training mode is random; export the "
                          "model in eval mode";
  }
  RankedTensorType type = n.inputType(0);
  if (!type || failed(importIdentity(n)))
    return failure();
  auto maskType =
      RankedTensorType::get(type.getShape(), n.builder().getI1Type());
  return n.setConstOutput(1, DenseElementsAttr::get(maskType, true));
}

/// Broadcasts a LayerNormalization parameter to the normalized shape.
FailureOr<Value> normParameter(NodeContext &n, unsigned i,
                               ArrayRef<int64_t> normalized) {
  if (!n.hasInput(i))
    return Value();
  Value p = n.input(i);
  if (!p)
    return failure();
  if (typeOf(p).getShape() == normalized)
    return p;
  auto shape = broadcastShapes(typeOf(p).getShape(), normalized);
  if (!shape || ArrayRef<int64_t>(*shape) != normalized)
    return n.error() << "LayerNormalization parameter of shape "
                     << formatShape(typeOf(p).getShape())
                     << " does not broadcast to the normalized shape "
                     << formatShape(normalized);
  return n.create<xf::BroadcastToOp>(withShape(typeOf(p), normalized), p);
}

/// LayerNormalization (opset 17). The optional Mean and InvStdDev outputs
/// are computed from their definition in ONNX's function body.
LogicalResult importLayerNorm(NodeContext &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = typeOf(x);
  auto axis = normalizedAxis(n, n.attrInt("axis", -1), type.getRank(), "axis");
  if (failed(axis))
    return failure();
  ArrayRef<int64_t> normalized = type.getShape().drop_front(*axis);
  auto scale = normParameter(n, 1, normalized);
  if (failed(scale))
    return failure();
  auto bias = normParameter(n, 2, normalized);
  if (failed(bias))
    return failure();
  double epsilon = n.attrFloat("epsilon", 1e-5f);
  OpBuilder &b = n.builder();
  auto y = n.create<xf::LayerNormOp>(
      type, x, *scale, *bias,
      b.getIntegerAttr(b.getIntegerType(64, /*isSigned=*/true), *axis),
      b.getF64FloatAttr(epsilon));
  if (failed(y) || failed(n.setOutput(0, *y)))
    return failure();
  if (!n.hasOutput(1) && !n.hasOutput(2))
    return success();
  SmallVector<int64_t> axes =
      llvm::to_vector(llvm::seq<int64_t>(*axis, type.getRank()));
  SmallVector<int64_t> statShape(type.getShape().take_front(*axis));
  statShape.append(axes.size(), 1);
  auto statType = withShape(type, statShape);
  auto mean =
      n.create<xf::ReduceMeanOp>(statType, x, ArrayRef<int64_t>(axes), true);
  if (failed(mean) || failed(n.setOutput(1, *mean)))
    return failure();
  if (!n.hasOutput(2))
    return success();
  auto d = n.create<xf::SubOp>(type, x, *mean);
  if (failed(d))
    return failure();
  auto dd = n.create<xf::MulOp>(type, *d, *d);
  if (failed(dd))
    return failure();
  auto var =
      n.create<xf::ReduceMeanOp>(statType, *dd, ArrayRef<int64_t>(axes), true);
  if (failed(var))
    return failure();
  auto varEps = n.create<xf::AddOp>(
      statType, *var, n.constant(scalarAttr(type.getElementType(), epsilon)));
  if (failed(varEps))
    return failure();
  auto stdDev = n.create<xf::SqrtOp>(statType, *varEps);
  if (failed(stdDev))
    return failure();
  auto inv = n.create<xf::ReciprocalOp>(statType, *stdDev);
  return failed(inv) ? failure() : n.setOutput(2, *inv);
}

llvm::StringMap<SmallVector<HandlerEntry, 1>> &handlerRegistry() {
  static llvm::StringMap<SmallVector<HandlerEntry, 1>> registry = [] {
    llvm::StringMap<SmallVector<HandlerEntry, 1>> r;
    auto on = [&](llvm::StringRef op, int64_t since, Handler fn) {
      r[op].push_back({since, std::move(fn)});
    };
    // Linear algebra.
    on("MatMul", 13, importMatMul);
    on("Gemm", 13, importGemm);
    // Elementwise.
    on("Add", 13, importBinary<xf::AddOp>);
    on("Sub", 13, importBinary<xf::SubOp>);
    on("Mul", 13, importBinary<xf::MulOp>);
    on("Div", 13, importBinary<xf::DivOp>);
    on("Pow", 13, importBinary<xf::PowOp>);
    on("Max", 13, importVariadic<xf::MaximumOp>);
    on("Min", 13, importVariadic<xf::MinimumOp>);
    on("Clip", 13, importClip);
    on("Sqrt", 13, importUnary<xf::SqrtOp>);
    on("Reciprocal", 13, importUnary<xf::ReciprocalOp>);
    on("Exp", 13, importUnary<xf::ExpOp>);
    on("Erf", 13, importUnary<xf::ErfOp>);
    on("Neg", 13, importUnary<xf::NegOp>);
    on("Abs", 13, importUnary<xf::AbsOp>);
    on("Relu", 13, importUnary<xf::ReluOp>);
    on("Sigmoid", 13, importUnary<xf::SigmoidOp>);
    on("Tanh", 13, importUnary<xf::TanhOp>);
    on("Equal", 13, importCompare<xf::EqualOp>);
    on("Less", 13, importCompare<xf::LessOp>);
    on("Greater", 13, importCompare<xf::LessOp, /*swap=*/true>);
    on("LessOrEqual", 12, importCompare<xf::LessEqualOp>);
    on("GreaterOrEqual", 12, importCompare<xf::LessEqualOp, /*swap=*/true>);
    on("Not", 1, importUnary<xf::NotOp>);
    on("Where", 9, importWhere);
    on("Cast", 13, importCast);
    // Reductions and normalizations.
    on("ReduceMean", 13, importReduce<xf::ReduceMeanOp>);
    on("ReduceMax", 13, importReduce<xf::ReduceMaxOp>);
    on("ReduceMin", 13, importReduce<xf::ReduceMinOp>);
    on("ReduceSum", 11, importReduce<xf::ReduceSumOp>);
    on("Softmax", 13, importSoftmax);
    on("LayerNormalization", 17, importLayerNorm);
    // Data movement.
    on("Gather", 13, importGather);
    on("Reshape", 13, importReshape);
    on("Flatten", 13, importFlatten);
    on("Squeeze", 11, importSqueeze);
    on("Unsqueeze", 11, importUnsqueeze);
    on("Transpose", 13, importTranspose);
    on("Split", 11, importSplit);
    on("Slice", 13, importSlice);
    on("Concat", 13, importConcat);
    on("Expand", 13, importExpand);
    on("Trilu", 14, importTrilu);
    on("Identity", 13, importIdentity);
    on("Dropout", 13, importDropout);
    // Shapes and constants: folded at import.
    on("Shape", 13, importShape);
    on("Size", 13, importSize);
    on("Constant", 13, importConstant);
    on("ConstantOfShape", 9, importConstantOfShape);
    on("Range", 11, importRange);
    return r;
  }();
  return registry;
}

} // namespace

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

/// Fixes symbolic input dims from --input-shape so shape inference can make
/// every value static.
static LogicalResult applyInputShapes(onnx::ModelProto &model,
                                      const ImportOptions &options,
                                      Location loc) {
  for (const auto &entry : options.inputShapes) {
    bool found = llvm::any_of(model.graph().input(), [&](const auto &in) {
      return in.name() == entry.first;
    });
    if (!found)
      return emitError(loc) << "--input-shape names '" << entry.first
                            << "', which is not a graph input";
  }
  std::set<std::string> initializers;
  for (const auto &init : model.graph().initializer())
    initializers.insert(init.name());
  size_t feedIndex = 0;
  for (auto &in : *model.mutable_graph()->mutable_input()) {
    if (initializers.count(in.name()))
      continue;
    size_t index = feedIndex++;
    auto *shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
    auto it = options.inputShapes.find(in.name());
    const std::vector<int64_t> *given = nullptr;
    if (it != options.inputShapes.end()) {
      given = &it->second;
    } else if (index < options.feedShapes.size()) {
      bool symbolic = llvm::any_of(
          shape->dim(), [](const auto &d) { return !d.has_dim_value(); });
      if (!symbolic)
        continue;
      given = &options.feedShapes[index];
    } else {
      continue;
    }
    const std::vector<int64_t> &dims = *given;
    std::string source = it != options.inputShapes.end()
                             ? "--input-shape gives"
                             : "the tensor given has";
    std::string shown = "[";
    for (size_t d = 0; d < dims.size(); ++d)
      shown += (d ? ", " : "") + std::to_string(dims[d]);
    shown += "]";
    if (shape->dim_size() != 0 && shape->dim_size() != int(dims.size()))
      return emitError(loc)
             << "graph input '" << in.name() << "': " << source << " shape "
             << shown << ", but the model declares rank " << shape->dim_size();
    for (int i = 0; i < shape->dim_size(); ++i)
      if (shape->dim(i).has_dim_value() && shape->dim(i).dim_value() != dims[i])
        return emitError(loc)
               << "graph input '" << in.name() << "': " << source << " shape "
               << shown << ", but the model fixes dim " << i << " to "
               << shape->dim(i).dim_value();
    shape->clear_dim();
    for (int64_t d : dims)
      shape->add_dim()->set_dim_value(d);
  }
  return success();
}

/// Reads the external data of `t` into its raw_data. Only files inside the
/// model's directory are read, so a model cannot make snnc read any file.
static LogicalResult loadExternalData(onnx::TensorProto &t,
                                      llvm::StringRef modelDir, Location loc) {
  auto error = [&]() {
    return emitError(loc) << "tensor '" << t.name() << "': ";
  };
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const auto &entry : t.external_data()) {
    if (entry.key() == "location") {
      location = entry.value();
      continue;
    }
    if (entry.key() != "offset" && entry.key() != "length")
      continue;
    uint64_t v;
    if (llvm::StringRef(entry.value()).getAsInteger(10, v))
      return error() << "invalid external data " << entry.key() << " '"
                     << entry.value() << "'";
    if (entry.key() == "offset")
      offset = v;
    else
      length = v;
  }
  if (location.empty())
    return error() << "external data without a location";
  namespace path = llvm::sys::path;
  bool outside =
      path::is_absolute(location) ||
      llvm::is_contained(
          llvm::make_range(path::begin(location), path::end(location)), "..");
  llvm::SmallString<256> file(modelDir), realFile, realDir;
  path::append(file, location);
  if (!outside) {
    // Symbolic links must not lead out of the directory either.
    if (std::error_code ec = llvm::sys::fs::real_path(file, realFile))
      return error() << "cannot read external data file '" << location
                     << "': " << ec.message();
    if (std::error_code ec = llvm::sys::fs::real_path(modelDir, realDir))
      return error() << "cannot resolve the model's directory: "
                     << ec.message();
    outside = !llvm::StringRef(realFile).starts_with(
        (realDir + path::get_separator()).str());
  }
  if (outside)
    return error() << "external data file '" << location
                   << "' is outside the model's directory; snnc reads "
                   << "external data only from files beside the model";
  uint64_t size;
  if (std::error_code ec = llvm::sys::fs::file_size(file, size))
    return error() << "cannot read external data file '" << location
                   << "': " << ec.message();
  if (offset > size || (length && *length > size - offset))
    return error() << "external data range (offset " << offset << ", length "
                   << (length ? std::to_string(*length) : "to the end")
                   << ") exceeds file '" << location << "' of " << size
                   << " bytes";
  uint64_t bytes = length.value_or(size - offset);
  auto buffer = llvm::MemoryBuffer::getFileSlice(file, bytes, offset);
  if (!buffer)
    return error() << "cannot read external data file '" << location
                   << "': " << buffer.getError().message();
  t.set_raw_data((*buffer)->getBufferStart(), bytes);
  t.clear_external_data();
  t.set_data_location(onnx::TensorProto::DEFAULT);
  return success();
}

/// Loads the external data of initializers and Constant nodes, so the checker
/// and the importer see an ordinary model.
static LogicalResult loadExternalData(onnx::ModelProto &model,
                                      llvm::StringRef fileName, Location loc) {
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(fileName));
  if (dir.empty())
    dir = ".";
  auto *graph = model.mutable_graph();
  for (auto &t : *graph->mutable_initializer())
    if (t.data_location() == onnx::TensorProto::EXTERNAL &&
        failed(loadExternalData(t, dir, loc)))
      return failure();
  for (auto &node : *graph->mutable_node())
    for (auto &a : *node.mutable_attribute())
      if (a.has_t() && a.t().data_location() == onnx::TensorProto::EXTERNAL &&
          failed(loadExternalData(*a.mutable_t(), dir, loc)))
        return failure();
  return success();
}

OwningOpRef<ModuleOp> snnc::importONNXBytes(llvm::StringRef bytes,
                                            llvm::StringRef fileName,
                                            const ImportOptions &options,
                                            MLIRContext *context) {
  context->loadDialect<xf::XFDialect, func::FuncDialect>();
  Location loc = FileLineColLoc::get(context, fileName, 0, 0);
  onnx::ModelProto model;
  google::protobuf::io::CodedInputStream cin(
      reinterpret_cast<const uint8_t *>(bytes.data()), int(bytes.size()));
  cin.SetTotalBytesLimit(std::numeric_limits<int>::max());
  if (bytes.size() > size_t(std::numeric_limits<int>::max()) ||
      !model.ParseFromCodedStream(&cin) || !cin.ConsumedEntireMessage()) {
    emitError(loc) << "not a valid ONNX model (protobuf parse failed)";
    return nullptr;
  }
  if (!model.has_graph()) {
    emitError(loc) << "not a valid ONNX model (no graph)";
    return nullptr;
  }
  if (model.ir_version() > kMaxIRVersion) {
    emitError(loc) << "ONNX IR version " << model.ir_version()
                   << " is newer than snnc supports (<= " << kMaxIRVersion
                   << "); save it with IR version 8 (ONNX <= 1.12) or "
                   << "convert it with onnx.version_converter";
    return nullptr;
  }
  int64_t opset = -1;
  for (const auto &imp : model.opset_import())
    if (imp.domain().empty() || imp.domain() == "ai.onnx")
      opset = imp.version();
  if (opset < kMinOpset || opset > kMaxOpset) {
    auto diag = emitError(loc);
    if (opset < 0)
      diag << "the model imports no default ONNX opset";
    else
      diag << "opset " << opset << " is not supported";
    diag << " (snnc imports opsets " << kMinOpset << "-" << kMaxOpset
         << "; re-export with torch.onnx.export(..., opset_version=17))";
    return nullptr;
  }
  if (failed(loadExternalData(model, fileName, loc)) ||
      failed(applyInputShapes(model, options, loc)))
    return nullptr;
  try {
    onnx::checker::check_model(model);
    onnx::ShapeInferenceOptions siOptions{/*check_type=*/true,
                                          /*error_mode=*/1,
                                          /*enable_data_propagation=*/true};
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), siOptions);
  } catch (const std::exception &e) {
    // ONNX messages span lines (the node is often on the second): join
    // them, since snnc reports one line per error.
    SmallVector<llvm::StringRef> words;
    llvm::SplitString(e.what(), words);
    emitError(loc) << "ONNX validation failed: " << llvm::join(words, " ");
    return nullptr;
  }
  GraphImporter importer(context, fileName, opset);
  return importer.run(model.graph());
}

OwningOpRef<ModuleOp> snnc::importONNXFile(llvm::StringRef path,
                                           const ImportOptions &options,
                                           MLIRContext *context) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read the model: " << buffer.getError().message();
    return nullptr;
  }
  return importONNXBytes((*buffer)->getBuffer(), path, options, context);
}

std::vector<std::string> snnc::supportedONNXOps() {
  std::vector<std::string> ops;
  for (const auto &entry : handlerRegistry())
    ops.push_back(entry.getKey().str());
  llvm::sort(ops);
  return ops;
}

bool snnc::parseInputShape(llvm::StringRef spec, ImportOptions &options,
                           std::string &error) {
  auto [name, dims] = spec.rsplit('=');
  if (name.empty() || dims.empty() || name == spec) {
    error = "expected NAME=DIMS (for example input=1x8x64), got '" +
            spec.str() + "'";
    return false;
  }
  std::vector<int64_t> shape;
  SmallVector<llvm::StringRef> parts;
  dims.split(parts, 'x');
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d <= 0) {
      error = "invalid dimension '" + p.str() + "' in '" + spec.str() +
              "' (dims are positive integers separated by 'x')";
      return false;
    }
    shape.push_back(d);
  }
  options.inputShapes[name.str()] = std::move(shape);
  return true;
}
