//===- FloatInterpreter.cpp - reference interpreter of xf -----------------===//

#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Dialect/XF/XFOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace snnc;

namespace {

std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

/// Row-major strides of `shape`, with stride 0 on broadcast (size-1) dims
/// once aligned to an output of rank `outRank`.
std::vector<int64_t> broadcastStrides(const std::vector<int64_t> &shape,
                                      size_t outRank) {
  std::vector<int64_t> strides(outRank, 0);
  int64_t s = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    size_t d = shape.size() - 1 - i;
    size_t o = outRank - 1 - i;
    strides[o] = shape[d] == 1 ? 0 : s;
    s *= shape[d];
  }
  return strides;
}

/// Calls fn(outIndex, aIndex, bIndex) for every element of `out`, with the
/// operand indices following NumPy broadcasting.
template <typename Fn>
void forEachBroadcast(const std::vector<int64_t> &out,
                      const std::vector<int64_t> &a,
                      const std::vector<int64_t> &b, Fn fn) {
  size_t rank = out.size();
  auto sa = broadcastStrides(a, rank), sb = broadcastStrides(b, rank);
  int64_t n = elementCount(out);
  std::vector<int64_t> idx(rank, 0);
  int64_t ia = 0, ib = 0;
  for (int64_t i = 0; i < n; ++i) {
    fn(i, ia, ib);
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < out[d])
        break;
      ia -= sa[d] * out[d];
      ib -= sb[d] * out[d];
      idx[d] = 0;
    }
  }
}

class Interpreter {
public:
  explicit Interpreter(const ValueObserver &observe) : observe(observe) {}
  LogicalResult run(func::FuncOp func, const std::vector<Tensor> &inputs,
                    std::vector<Tensor> &outputs);

private:
  llvm::DenseMap<Value, Tensor> env;
  const ValueObserver &observe;

  const Tensor &get(Value v) { return env.find(v)->second; }
  void set(Value v, Tensor t) {
    Tensor &slot = env[v] = std::move(t);
    if (observe)
      observe(v, slot);
  }

  LogicalResult eval(Operation *op);
  LogicalResult constant(xf::ConstantOp op);
  void binary(Operation *op, float (*fn)(float, float));
  void unary(Operation *op, float (*fn)(float));
  void linear(xf::LinearOp op);
  void matmul(xf::MatMulOp op);
  void softmax(xf::SoftmaxOp op);
  void norm(Operation *op, Value input, Value scale, Value bias, int64_t axis,
            double eps, bool rms);
  void causalMask(xf::CausalMaskOp op);
  LogicalResult embedding(xf::EmbeddingOp op);
  void transpose(xf::TransposeOp op);
};

LogicalResult Interpreter::constant(xf::ConstantOp op) {
  auto attr = dyn_cast<DenseElementsAttr>(op.getValue());
  if (!attr)
    return op.emitOpError("float interpreter needs dense constant values");
  Type elt = attr.getElementType();
  std::vector<int64_t> shape = shapeOf(op);
  if (isa<FloatType>(elt)) {
    std::vector<float> data;
    data.reserve(attr.getNumElements());
    for (APFloat v : attr.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      data.push_back(v.convertToFloat());
    }
    set(op, Tensor::floats(shape, std::move(data)));
  } else {
    std::vector<int64_t> data;
    data.reserve(attr.getNumElements());
    bool isBool = elt.isInteger(1);
    for (APInt v : attr.getValues<APInt>())
      data.push_back(isBool ? int64_t(v.getZExtValue()) : v.getSExtValue());
    set(op, Tensor::ints(shape, std::move(data)));
  }
  return success();
}

void Interpreter::binary(Operation *op, float (*fn)(float, float)) {
  const Tensor &a = get(op->getOperand(0)), &b = get(op->getOperand(1));
  std::vector<int64_t> out = shapeOf(op->getResult(0));
  std::vector<float> data(elementCount(out));
  forEachBroadcast(out, a.shape, b.shape,
                   [&](int64_t i, int64_t ia, int64_t ib) {
                     data[i] = fn(a.f32[ia], b.f32[ib]);
                   });
  set(op->getResult(0), Tensor::floats(out, std::move(data)));
}

void Interpreter::unary(Operation *op, float (*fn)(float)) {
  const Tensor &a = get(op->getOperand(0));
  std::vector<float> data(a.f32.size());
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = fn(a.f32[i]);
  set(op->getResult(0), Tensor::floats(a.shape, std::move(data)));
}

void Interpreter::linear(xf::LinearOp op) {
  const Tensor &x = get(op.getInput()), &w = get(op.getWeight());
  const Tensor *b = op.getBias() ? &get(op.getBias()) : nullptr;
  int64_t n = w.shape[0], k = w.shape[1];
  int64_t rows = x.numElements() / k;
  std::vector<float> out(rows * n);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t o = 0; o < n; ++o) {
      double acc = b ? b->f32[o] : 0.0;
      const float *xr = &x.f32[r * k], *wr = &w.f32[o * k];
      for (int64_t j = 0; j < k; ++j)
        acc += double(xr[j]) * wr[j];
      out[r * n + o] = float(acc);
    }
  set(op, Tensor::floats(shapeOf(op), std::move(out)));
}

void Interpreter::matmul(xf::MatMulOp op) {
  const Tensor &a = get(op.getLhs()), &b = get(op.getRhs());
  // Promote vectors to matrices as numpy.matmul does.
  std::vector<int64_t> as = a.shape, bs = b.shape;
  if (as.size() == 1)
    as.insert(as.begin(), 1);
  if (bs.size() == 1)
    bs.push_back(1);
  int64_t m = as[as.size() - 2], k = as.back(), n = bs.back();
  std::vector<int64_t> aBatch(as.begin(), as.end() - 2),
      bBatch(bs.begin(), bs.end() - 2);
  size_t batchRank = std::max(aBatch.size(), bBatch.size());
  std::vector<int64_t> batch(batchRank);
  for (size_t i = 0; i < batchRank; ++i) {
    auto dim = [&](const std::vector<int64_t> &s) {
      size_t off = batchRank - s.size();
      return i < off ? int64_t(1) : s[i - off];
    };
    batch[i] = std::max(dim(aBatch), dim(bBatch));
  }
  int64_t nb = elementCount(batch);
  std::vector<float> out(nb * m * n);
  std::vector<int64_t> batchIdx(nb * 2);
  int64_t slot = 0;
  forEachBroadcast(batch, aBatch, bBatch, [&](int64_t, int64_t ia, int64_t ib) {
    batchIdx[2 * slot] = ia;
    batchIdx[2 * slot + 1] = ib;
    ++slot;
  });
  for (int64_t bi = 0; bi < nb; ++bi) {
    const float *pa = &a.f32[batchIdx[2 * bi] * m * k];
    const float *pb = &b.f32[batchIdx[2 * bi + 1] * k * n];
    float *po = &out[bi * m * n];
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double acc = 0;
        for (int64_t p = 0; p < k; ++p)
          acc += double(pa[i * k + p]) * pb[p * n + j];
        po[i * n + j] = float(acc);
      }
  }
  set(op, Tensor::floats(shapeOf(op), std::move(out)));
}

/// Views `shape` as [outer, size(axis), inner] for reductions along `axis`.
void splitAround(const std::vector<int64_t> &shape, int64_t axis,
                 int64_t &outer, int64_t &len, int64_t &inner) {
  outer = inner = 1;
  for (int64_t i = 0; i < axis; ++i)
    outer *= shape[i];
  len = shape[axis];
  for (size_t i = axis + 1; i < shape.size(); ++i)
    inner *= shape[i];
}

void Interpreter::softmax(xf::SoftmaxOp op) {
  const Tensor &x = get(op.getInput());
  int64_t rank = x.shape.size();
  int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
  int64_t outer, len, inner;
  splitAround(x.shape, axis, outer, len, inner);
  std::vector<float> out(x.f32.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t in = 0; in < inner; ++in) {
      auto at = [&](int64_t j) { return (o * len + j) * inner + in; };
      float mx = -std::numeric_limits<float>::infinity();
      for (int64_t j = 0; j < len; ++j)
        mx = std::max(mx, x.f32[at(j)]);
      double sum = 0;
      for (int64_t j = 0; j < len; ++j)
        sum += std::exp(double(x.f32[at(j)]) - mx);
      for (int64_t j = 0; j < len; ++j)
        out[at(j)] = float(std::exp(double(x.f32[at(j)]) - mx) / sum);
    }
  set(op, Tensor::floats(x.shape, std::move(out)));
}

void Interpreter::norm(Operation *op, Value input, Value scale, Value bias,
                       int64_t axis, double eps, bool rms) {
  const Tensor &x = get(input);
  int64_t rank = x.shape.size();
  if (axis < 0)
    axis += rank;
  int64_t groups = 1, len = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? groups : len) *= x.shape[i];
  const Tensor *g = scale ? &get(scale) : nullptr;
  const Tensor *b = bias ? &get(bias) : nullptr;
  std::vector<float> out(x.f32.size());
  for (int64_t r = 0; r < groups; ++r) {
    const float *p = &x.f32[r * len];
    double mean = 0;
    if (!rms) {
      for (int64_t j = 0; j < len; ++j)
        mean += p[j];
      mean /= len;
    }
    double var = 0;
    for (int64_t j = 0; j < len; ++j)
      var += (p[j] - mean) * (p[j] - mean);
    var /= len;
    double inv = 1.0 / std::sqrt(var + eps);
    for (int64_t j = 0; j < len; ++j) {
      double y = (p[j] - mean) * inv;
      if (g)
        y *= g->f32[j];
      if (b)
        y += b->f32[j];
      out[r * len + j] = float(y);
    }
  }
  set(op->getResult(0), Tensor::floats(x.shape, std::move(out)));
}

void Interpreter::causalMask(xf::CausalMaskOp op) {
  const Tensor &x = get(op.getInput());
  int64_t rank = x.shape.size();
  int64_t q = x.shape[rank - 2], k = x.shape[rank - 1];
  std::vector<float> out = x.f32;
  int64_t planes = x.numElements() / (q * k);
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t i = 0; i < q; ++i)
      for (int64_t j = 0; j < k; ++j)
        if (j > i + op.getOffset())
          out[(p * q + i) * k + j] = -std::numeric_limits<float>::infinity();
  set(op, Tensor::floats(x.shape, std::move(out)));
}

LogicalResult Interpreter::embedding(xf::EmbeddingOp op) {
  const Tensor &ids = get(op.getIndices()), &table = get(op.getTable());
  int64_t vocab = table.shape[0], dim = table.shape[1];
  std::vector<float> out;
  out.reserve(ids.i64.size() * dim);
  for (int64_t id : ids.i64) {
    int64_t row = id < 0 ? id + vocab : id;
    if (row < 0 || row >= vocab)
      return op.emitOpError("index ")
             << id << " is out of range for a table of " << vocab << " rows";
    out.insert(out.end(), table.f32.begin() + row * dim,
               table.f32.begin() + (row + 1) * dim);
  }
  set(op, Tensor::floats(shapeOf(op), std::move(out)));
  return success();
}

void Interpreter::transpose(xf::TransposeOp op) {
  const Tensor &x = get(op.getInput());
  std::vector<int64_t> outShape = shapeOf(op);
  ArrayRef<int64_t> perm = op.getPerm();
  size_t rank = perm.size();
  std::vector<int64_t> inStrides(rank, 1);
  for (size_t d = rank; d-- > 1;)
    inStrides[d - 1] = inStrides[d] * x.shape[d];
  // Walk the output in order; the input index moves by the permuted stride.
  std::vector<int64_t> strides(rank);
  for (size_t d = 0; d < rank; ++d)
    strides[d] = inStrides[perm[d]];
  int64_t n = x.numElements();
  Tensor out;
  out.dtype = x.dtype;
  out.shape = outShape;
  if (x.dtype == DType::F32)
    out.f32.resize(n);
  else
    out.i64.resize(n);
  std::vector<int64_t> idx(rank, 0);
  int64_t src = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (x.dtype == DType::F32)
      out.f32[i] = x.f32[src];
    else
      out.i64[i] = x.i64[src];
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      src += strides[d];
      if (idx[d] < outShape[d])
        break;
      src -= strides[d] * outShape[d];
      idx[d] = 0;
    }
  }
  set(op, std::move(out));
}

float gelu(float x) {
  return float(0.5 * x * (1.0 + std::erf(double(x) / std::sqrt(2.0))));
}

float geluTanh(float x) {
  double k = std::sqrt(2.0 / M_PI);
  double xd = x;
  return float(0.5 * xd *
               (1.0 + std::tanh(k * (xd + 0.044715 * xd * xd * xd))));
}

LogicalResult Interpreter::eval(Operation *op) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](xf::ConstantOp c) { return constant(c); })
      .Case([&](xf::AddOp o) {
        binary(o, [](float a, float b) { return a + b; });
        return success();
      })
      .Case([&](xf::SubOp o) {
        binary(o, [](float a, float b) { return a - b; });
        return success();
      })
      .Case([&](xf::MulOp o) {
        binary(o, [](float a, float b) { return a * b; });
        return success();
      })
      .Case([&](xf::DivOp o) {
        binary(o, [](float a, float b) { return a / b; });
        return success();
      })
      .Case([&](xf::ReluOp o) {
        unary(o, [](float x) { return x > 0.0f ? x : 0.0f; });
        return success();
      })
      .Case([&](xf::SigmoidOp o) {
        unary(o, [](float x) {
          return float(1.0 / (1.0 + std::exp(-double(x))));
        });
        return success();
      })
      .Case([&](xf::TanhOp o) {
        unary(o, [](float x) { return std::tanh(x); });
        return success();
      })
      .Case([&](xf::SiluOp o) {
        unary(o,
              [](float x) { return float(x / (1.0 + std::exp(-double(x)))); });
        return success();
      })
      .Case([&](xf::GeluOp o) {
        unary(o, o.getApproximate() == xf::GeluApproximation::Tanh ? geluTanh
                                                                   : gelu);
        return success();
      })
      .Case([&](xf::LinearOp o) {
        linear(o);
        return success();
      })
      .Case([&](xf::MatMulOp o) {
        matmul(o);
        return success();
      })
      .Case([&](xf::SoftmaxOp o) {
        softmax(o);
        return success();
      })
      .Case([&](xf::LayerNormOp o) {
        norm(o, o.getInput(), o.getScale(), o.getBias(), o.getAxis(),
             o.getEpsilon().convertToDouble(), /*rms=*/false);
        return success();
      })
      .Case([&](xf::RMSNormOp o) {
        norm(o, o.getInput(), o.getScale(), Value(), o.getAxis(),
             o.getEpsilon().convertToDouble(), /*rms=*/true);
        return success();
      })
      .Case([&](xf::CausalMaskOp o) {
        causalMask(o);
        return success();
      })
      .Case([&](xf::EmbeddingOp o) { return embedding(o); })
      .Case([&](xf::ReshapeOp o) {
        Tensor t = get(o.getInput());
        t.shape = shapeOf(o);
        set(o, std::move(t));
        return success();
      })
      .Case([&](xf::TransposeOp o) {
        transpose(o);
        return success();
      })
      .Default([&](Operation *other) {
        return other->emitOpError("is not supported by the float interpreter");
      });
}

LogicalResult Interpreter::run(func::FuncOp func,
                               const std::vector<Tensor> &inputs,
                               std::vector<Tensor> &outputs) {
  if (func.getNumArguments() != inputs.size())
    return func.emitError("the model takes ")
           << func.getNumArguments() << " inputs, " << inputs.size()
           << " given";
  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    auto type = cast<RankedTensorType>(arg.getType());
    const Tensor &t = inputs[i];
    bool wantFloat = isa<FloatType>(type.getElementType());
    if ((t.dtype == DType::F32) != wantFloat ||
        t.shape != std::vector<int64_t>(type.getShape().begin(),
                                        type.getShape().end())) {
      auto name = func.getArgAttrOfType<StringAttr>(i, "onnx.name");
      return func.emitError("input #")
             << i << (name ? " ('" + name.str() + "')" : std::string())
             << " is " << t.describe() << " but the model expects " << type;
    }
    set(arg, t);
  }
  // Everything is computed in float32; other float widths would silently
  // change the model's numerics.
  WalkResult widthCheck = func.walk([&](Operation *op) {
    for (Type t : op->getResultTypes())
      if (auto ft = dyn_cast<FloatType>(getElementTypeOrSelf(t));
          ft && !ft.isF32()) {
        op->emitOpError("float interpreter supports f32 tensors only, got ")
            << t;
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  if (widthCheck.wasInterrupted())
    return failure();
  for (Operation &op : func.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        outputs.push_back(get(v));
      return success();
    }
    if (failed(eval(&op)))
      return failure();
  }
  return func.emitError("function has no return");
}

} // namespace

FailureOr<std::vector<Tensor>> snnc::runFloat(func::FuncOp func,
                                              const std::vector<Tensor> &inputs,
                                              const ValueObserver &observe) {
  Interpreter interp(observe);
  std::vector<Tensor> outputs;
  if (failed(interp.run(func, inputs, outputs)))
    return failure();
  return outputs;
}
