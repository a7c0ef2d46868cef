//===- ONNXImporter.cpp - ONNX to xf --------------------------------------===//
//
// Built with exceptions: ONNX's checker and shape inference throw. Every
// exception is caught here and turned into a diagnostic.
//
//===----------------------------------------------------------------------===//

#include "snnc/Frontend/ONNXImporter.h"
#include "snnc/Dialect/XF/XFOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <google/protobuf/io/coded_stream.h>

#include <cstring>
#include <functional>
#include <set>

using namespace mlir;
using namespace snnc;

namespace {

/// IR version the bundled ONNX 1.12 checker understands.
constexpr int64_t kMaxIRVersion = 8;

class GraphImporter;

/// What a per-op handler sees: the node, its inputs as values or constants,
/// its attributes, and its inferred output types.
class NodeContext {
public:
  NodeContext(GraphImporter &g, const onnx::NodeProto &node, Location loc)
      : g(g), node(node), loc(loc) {}

  const onnx::NodeProto &proto() const { return node; }
  Location getLoc() const { return loc; }
  OpBuilder &builder();
  InFlightDiagnostic error() { return emitError(loc); }

  unsigned numInputs() const { return node.input_size(); }
  /// ONNX marks omitted optional inputs with an empty name.
  bool hasInput(unsigned i) const {
    return i < unsigned(node.input_size()) && !node.input(i).empty();
  }
  Value input(unsigned i);
  /// The constant value of input i (an initializer or Constant output).
  DenseElementsAttr constInput(unsigned i);

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

  /// The static type ONNX shape inference gave output i, or null after an
  /// error naming the output.
  RankedTensorType outputType(unsigned i);
  void setOutput(unsigned i, Value v);
  /// Records output i as a constant, so later nodes can fold on it; it is
  /// materialized as xf.constant at its first non-folding use.
  void setConstOutput(unsigned i, DenseElementsAttr value);
  FailureOr<DenseElementsAttr> tensorAttr(const onnx::TensorProto &t);

private:
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
/// highest sinceVersion <= N. One handler may cover several op versions when
/// the difference is an attribute turned input (it checks both).
llvm::StringMap<SmallVector<HandlerEntry, 1>> &handlerRegistry();

class GraphImporter {
public:
  GraphImporter(MLIRContext *ctx, llvm::StringRef file, int64_t opset)
      : ctx(ctx), b(ctx), file(file.str()), opset(opset) {}

  OwningOpRef<ModuleOp> run(const onnx::GraphProto &graph,
                            const ImportOptions &options);

  MLIRContext *ctx;
  OpBuilder b;
  std::string file;
  int64_t opset;
  llvm::StringMap<Value> values;
  llvm::StringMap<DenseElementsAttr> constants;
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

Value NodeContext::input(unsigned i) {
  if (!hasInput(i))
    return {};
  auto it = g.values.find(node.input(i));
  if (it != g.values.end())
    return it->second;
  auto c = g.constants.find(node.input(i));
  if (c != g.constants.end()) {
    // Initializers are materialized at first use, next to their user.
    Value v = g.materialize(c->second, loc);
    g.values[node.input(i)] = v;
    return v;
  }
  error() << "input '" << node.input(i) << "' is not produced by any node, "
          << "initializer or graph input";
  return {};
}

DenseElementsAttr NodeContext::constInput(unsigned i) {
  if (!hasInput(i))
    return {};
  auto c = g.constants.find(node.input(i));
  return c == g.constants.end() ? DenseElementsAttr() : c->second;
}

RankedTensorType NodeContext::outputType(unsigned i) {
  if (i >= unsigned(node.output_size()) || node.output(i).empty()) {
    error() << "expected an output #" << i;
    return {};
  }
  auto it = g.types.find(node.output(i));
  if (it == g.types.end()) {
    error() << "ONNX shape inference gave output '" << node.output(i)
            << "' no type; give static input shapes with --input-shape";
    return {};
  }
  auto type = g.tensorType(*it->second, loc, "output '" + node.output(i) + "'");
  return succeeded(type) ? *type : RankedTensorType();
}

void NodeContext::setOutput(unsigned i, Value v) {
  if (i < unsigned(node.output_size()) && !node.output(i).empty())
    g.values[node.output(i)] = v;
}

void NodeContext::setConstOutput(unsigned i, DenseElementsAttr value) {
  if (i < unsigned(node.output_size()) && !node.output(i).empty())
    g.constants[node.output(i)] = value;
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
    return emitError(loc) << what << " has no inferred shape; give static "
                          << "input shapes with --input-shape";
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
    return emitError(loc) << what << " uses external data, which snnc does "
                          << "not read; save the model with its weights "
                          << "inside";
  auto elt = elementType(t.data_type(), loc, what);
  if (failed(elt))
    return failure();
  SmallVector<int64_t> dims(t.dims().begin(), t.dims().end());
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0 || (d && n > (int64_t(1) << 40) / d))
      return emitError(loc) << what << " has an invalid or huge shape";
    n *= d;
  }
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

OwningOpRef<ModuleOp> GraphImporter::run(const onnx::GraphProto &graph,
                                         const ImportOptions &options) {
  Location loc = fileLoc();
  for (const auto &vi : graph.input())
    types[vi.name()] = &vi.type();
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
  SmallVector<Type> resultTypes;
  for (const auto &out : graph.output()) {
    auto type =
        tensorType(out.type(), loc, "graph output '" + out.name() + "'");
    if (failed(type))
      return nullptr;
    resultTypes.push_back(*type);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  auto func = b.create<func::FuncOp>(loc, "main",
                                     b.getFunctionType(argTypes, resultTypes));
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
      emitError(nloc) << "ONNX op '" << node.op_type()
                      << "' is not supported (see snnc --list-ops)";
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
  for (auto [i, out] : llvm::enumerate(graph.output())) {
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
    if (v.getType() != resultTypes[i]) {
      emitError(loc) << "graph output '" << out.name() << "' has type "
                     << v.getType() << " but the model declares "
                     << resultTypes[i];
      return nullptr;
    }
    results.push_back(v);
    func.setResultAttr(i, "onnx.name", b.getStringAttr(out.name()));
  }
  b.create<func::ReturnOp>(loc, results);
  return module;
}

//===----------------------------------------------------------------------===//
// Handlers
//===----------------------------------------------------------------------===//

/// Shared by ops that map 1:1 onto an xf op with the inferred result type.
template <typename OpTy>
LogicalResult importSimple(NodeContext &n, unsigned numInputs) {
  SmallVector<Value> operands;
  for (unsigned i = 0; i < numInputs; ++i) {
    Value v = n.input(i);
    if (!v)
      return n.error() << "expected input #" << i;
    operands.push_back(v);
  }
  RankedTensorType type = n.outputType(0);
  if (!type)
    return failure();
  Operation *op = n.builder().create<OpTy>(n.getLoc(), type, operands);
  if (failed(mlir::verify(op)))
    return failure();
  n.setOutput(0, op->getResult(0));
  return success();
}

/// Multiplies every element of a float constant by `factor`.
DenseElementsAttr scaleConstant(DenseElementsAttr c, double factor) {
  if (factor == 1.0)
    return c;
  SmallVector<APFloat> values;
  for (APFloat v : c.getValues<APFloat>()) {
    bool lost;
    APFloat f(factor);
    f.convert(v.getSemantics(), APFloat::rmNearestTiesToEven, &lost);
    v.multiply(f, APFloat::rmNearestTiesToEven);
    values.push_back(v);
  }
  return DenseElementsAttr::get(c.getType(), values);
}

/// Transposes a rank-2 constant.
DenseElementsAttr transpose2D(DenseElementsAttr c) {
  auto type = cast<RankedTensorType>(c.getType());
  int64_t r = type.getDimSize(0), k = type.getDimSize(1);
  auto values = llvm::to_vector(c.getValues<Attribute>());
  SmallVector<Attribute> out(values.size());
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < k; ++j)
      out[j * r + i] = values[i * k + j];
  return DenseElementsAttr::get(
      RankedTensorType::get({k, r}, type.getElementType()), out);
}

/// Gemm: Y = alpha·A'·B' + beta·C. With a constant B (a PyTorch nn.Linear)
/// it becomes xf.linear with alpha and beta folded into the constants.
LogicalResult importGemm(NodeContext &n) {
  OpBuilder &b = n.builder();
  Location loc = n.getLoc();
  float alpha = n.attrFloat("alpha", 1.0f), beta = n.attrFloat("beta", 1.0f);
  bool transA = n.attrInt("transA", 0), transB = n.attrInt("transB", 0);
  Value a = n.input(0);
  if (!a || !n.hasInput(1))
    return failure();
  RankedTensorType type = n.outputType(0);
  if (!type)
    return failure();
  auto aType = cast<RankedTensorType>(a.getType());
  if (aType.getRank() != 2)
    return n.error() << "Gemm input A must have rank 2, got "
                     << aType.getRank();
  if (transA)
    a = b.create<xf::TransposeOp>(
        loc,
        RankedTensorType::get({aType.getDimSize(1), aType.getDimSize(0)},
                              aType.getElementType()),
        a, b.getDenseI64ArrayAttr({1, 0}));

  Value result;
  DenseElementsAttr bConst = n.constInput(1);
  DenseElementsAttr cConst = n.constInput(2);
  int64_t outFeatures = type.getDimSize(1);
  bool biasFolds =
      cConst && cConst.getNumElements() == outFeatures &&
      cast<RankedTensorType>(cConst.getType()).getRank() <= 2 &&
      (cast<RankedTensorType>(cConst.getType()).getRank() < 2 ||
       cast<RankedTensorType>(cConst.getType()).getDimSize(0) == 1);
  if (bConst && cast<RankedTensorType>(bConst.getType()).getRank() == 2) {
    DenseElementsAttr w = transB ? bConst : transpose2D(bConst);
    Value weight = b.create<xf::ConstantOp>(loc, scaleConstant(w, alpha));
    Value bias;
    if (biasFolds) {
      auto biasType =
          RankedTensorType::get({outFeatures}, type.getElementType());
      bias = b.create<xf::ConstantOp>(
          loc, scaleConstant(cConst, beta).reshape(biasType));
    }
    auto linear = b.create<xf::LinearOp>(loc, type, a, weight, bias);
    if (failed(mlir::verify(linear)))
      return failure();
    result = linear;
  } else {
    Value bv = n.input(1);
    if (!bv)
      return failure();
    auto bType = cast<RankedTensorType>(bv.getType());
    if (transB)
      bv = b.create<xf::TransposeOp>(
          loc,
          RankedTensorType::get({bType.getDimSize(1), bType.getDimSize(0)},
                                bType.getElementType()),
          bv, b.getDenseI64ArrayAttr({1, 0}));
    auto mm = b.create<xf::MatMulOp>(loc, type, a, bv);
    if (failed(mlir::verify(mm)))
      return failure();
    result = mm;
    if (alpha != 1.0f) {
      Value s = b.create<xf::ConstantOp>(
          loc, DenseElementsAttr::get(
                   RankedTensorType::get({}, type.getElementType()), alpha));
      result = b.create<xf::MulOp>(loc, type, result, s);
    }
    biasFolds = false;
  }
  if (n.hasInput(2) && !biasFolds) {
    Value c = n.input(2);
    if (!c)
      return failure();
    if (beta != 1.0f) {
      auto cType = cast<RankedTensorType>(c.getType());
      Value s = b.create<xf::ConstantOp>(
          loc, DenseElementsAttr::get(
                   RankedTensorType::get({}, cType.getElementType()), beta));
      c = b.create<xf::MulOp>(loc, cType, c, s);
    }
    auto add = b.create<xf::AddOp>(loc, type, result, c);
    if (failed(mlir::verify(add)))
      return failure();
    result = add;
  }
  n.setOutput(0, result);
  return success();
}

LogicalResult importConstant(NodeContext &n) {
  RankedTensorType type = n.outputType(0);
  if (!type)
    return failure();
  DenseElementsAttr value;
  if (const auto *a = n.attr("value")) {
    auto attr = n.tensorAttr(a->t());
    if (failed(attr))
      return failure();
    value = *attr;
  } else if (const auto *a = n.attr("value_float")) {
    value = DenseElementsAttr::get(type, a->f());
  } else if (const auto *a = n.attr("value_int")) {
    value = DenseElementsAttr::get(type, a->i());
  } else if (const auto *a = n.attr("value_floats")) {
    SmallVector<float> v(a->floats().begin(), a->floats().end());
    value = DenseElementsAttr::get(type, ArrayRef<float>(v));
  } else if (const auto *a = n.attr("value_ints")) {
    SmallVector<int64_t> v(a->ints().begin(), a->ints().end());
    value = DenseElementsAttr::get(type, ArrayRef<int64_t>(v));
  } else {
    return n.error() << "Constant without a supported value attribute "
                     << "(value, value_float(s), value_int(s))";
  }
  if (value.getType() != type)
    return n.error() << "Constant value has type " << value.getType()
                     << " but shape inference says " << type;
  n.setConstOutput(0, value);
  return success();
}

LogicalResult importIdentity(NodeContext &n) {
  if (DenseElementsAttr c = n.constInput(0)) {
    n.setConstOutput(0, c);
    return success();
  }
  Value v = n.input(0);
  if (!v)
    return failure();
  n.setOutput(0, v);
  return success();
}

/// Reshape and Flatten only change the shape, which shape inference has
/// already computed statically.
LogicalResult importReshapeLike(NodeContext &n) {
  Value v = n.input(0);
  RankedTensorType type = n.outputType(0);
  if (!v || !type)
    return failure();
  auto op = n.builder().create<xf::ReshapeOp>(n.getLoc(), type, v);
  if (failed(mlir::verify(op)))
    return failure();
  n.setOutput(0, op);
  return success();
}

LogicalResult importTranspose(NodeContext &n) {
  Value v = n.input(0);
  RankedTensorType type = n.outputType(0);
  if (!v || !type)
    return failure();
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  SmallVector<int64_t> perm;
  if (auto p = n.attrInts("perm"))
    perm = *p;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  auto op = n.builder().create<xf::TransposeOp>(
      n.getLoc(), type, v, n.builder().getDenseI64ArrayAttr(perm));
  if (failed(mlir::verify(op)))
    return failure();
  n.setOutput(0, op);
  return success();
}

LogicalResult importSoftmax(NodeContext &n) {
  Value v = n.input(0);
  RankedTensorType type = n.outputType(0);
  if (!v || !type)
    return failure();
  auto op = n.builder().create<xf::SoftmaxOp>(n.getLoc(), type, v,
                                              n.attrInt("axis", -1));
  if (failed(mlir::verify(op)))
    return failure();
  n.setOutput(0, op);
  return success();
}

llvm::StringMap<SmallVector<HandlerEntry, 1>> &handlerRegistry() {
  static llvm::StringMap<SmallVector<HandlerEntry, 1>> registry = [] {
    llvm::StringMap<SmallVector<HandlerEntry, 1>> r;
    auto on = [&](llvm::StringRef op, int64_t since, Handler fn) {
      r[op].push_back({since, std::move(fn)});
    };
    on("Gemm", 13, importGemm);
    on("MatMul", 13,
       [](NodeContext &n) { return importSimple<xf::MatMulOp>(n, 2); });
    on("Add", 13, [](NodeContext &n) { return importSimple<xf::AddOp>(n, 2); });
    on("Sub", 13, [](NodeContext &n) { return importSimple<xf::SubOp>(n, 2); });
    on("Mul", 13, [](NodeContext &n) { return importSimple<xf::MulOp>(n, 2); });
    on("Div", 13, [](NodeContext &n) { return importSimple<xf::DivOp>(n, 2); });
    on("Relu", 13,
       [](NodeContext &n) { return importSimple<xf::ReluOp>(n, 1); });
    on("Sigmoid", 13,
       [](NodeContext &n) { return importSimple<xf::SigmoidOp>(n, 1); });
    on("Tanh", 13,
       [](NodeContext &n) { return importSimple<xf::TanhOp>(n, 1); });
    on("Softmax", 13, importSoftmax);
    on("Constant", 13, importConstant);
    on("Identity", 13, importIdentity);
    on("Reshape", 13, importReshapeLike);
    on("Flatten", 13, importReshapeLike);
    on("Transpose", 13, importTranspose);
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
  if (failed(applyInputShapes(model, options, loc)))
    return nullptr;
  try {
    onnx::checker::check_model(model);
    onnx::ShapeInferenceOptions siOptions{/*check_type=*/true,
                                          /*error_mode=*/1,
                                          /*enable_data_propagation=*/true};
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), siOptions);
  } catch (const std::exception &e) {
    // ONNX messages can span lines; the first carries the cause.
    std::string what = e.what();
    emitError(loc) << "ONNX validation failed: "
                   << llvm::StringRef(what).split('\n').first.trim();
    return nullptr;
  }
  GraphImporter importer(context, fileName, opset);
  return importer.run(model.graph(), options);
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
