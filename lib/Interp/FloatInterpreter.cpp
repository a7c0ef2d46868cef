//===- FloatInterpreter.cpp - reference interpreter of xf -----------------===//
//
// Floats are f32 with double accumulation; integers (and i1, as 0/1) are
// int64. The importer folds constant subgraphs through the same code, so a
// folded value is exactly what the interpreter would have computed.
//
//===----------------------------------------------------------------------===//

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

bool isFloat(Value v) {
  return isa<FloatType>(cast<ShapedType>(v.getType()).getElementType());
}

/// Row-major strides of `shape`.
std::vector<int64_t> stridesOf(const std::vector<int64_t> &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
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

/// Calls fn(outIndex, operandIndices) for every element of `out`, with the
/// operand indices following NumPy broadcasting.
template <typename Fn>
void forEachBroadcast(const std::vector<int64_t> &out,
                      const std::vector<const std::vector<int64_t> *> &shapes,
                      Fn fn) {
  size_t rank = out.size(), n = shapes.size();
  std::vector<std::vector<int64_t>> strides;
  for (const auto *s : shapes)
    strides.push_back(broadcastStrides(*s, rank));
  int64_t count = elementCount(out);
  std::vector<int64_t> idx(rank, 0), at(n, 0);
  for (int64_t i = 0; i < count; ++i) {
    fn(i, at);
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      for (size_t k = 0; k < n; ++k)
        at[k] += strides[k][d];
      if (idx[d] < out[d])
        break;
      for (size_t k = 0; k < n; ++k)
        at[k] -= strides[k][d] * out[d];
      idx[d] = 0;
    }
  }
}

/// Calls fn(outIndex, inIndex) for a strided view of an input with
/// `inStrides` (one per output dim), walking the output in row-major order.
template <typename Fn>
void forEachStrided(const std::vector<int64_t> &out,
                    const std::vector<int64_t> &inStrides, int64_t base,
                    Fn fn) {
  size_t rank = out.size();
  int64_t count = elementCount(out);
  std::vector<int64_t> idx(rank, 0);
  int64_t src = base;
  for (int64_t i = 0; i < count; ++i) {
    fn(i, src);
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      src += inStrides[d];
      if (idx[d] < out[d])
        break;
      src -= inStrides[d] * out[d];
      idx[d] = 0;
    }
  }
}

/// A tensor of `shape` whose element i is element src[i] of `in` (any
/// dtype): every data-movement op is such a selection.
Tensor select(const Tensor &in, std::vector<int64_t> shape,
              const std::vector<int64_t> &src) {
  Tensor out;
  out.dtype = in.dtype;
  out.shape = std::move(shape);
  if (in.dtype == DType::F32) {
    out.f32.reserve(src.size());
    for (int64_t s : src)
      out.f32.push_back(in.f32[s]);
  } else {
    out.i64.reserve(src.size());
    for (int64_t s : src)
      out.i64.push_back(in.i64[s]);
  }
  return out;
}

/// Element i of `t` as a double, whatever its dtype.
double asDouble(const Tensor &t, int64_t i) {
  return t.dtype == DType::F32 ? double(t.f32[i]) : double(t.i64[i]);
}

class Interpreter {
public:
  explicit Interpreter(ValueObserver observe) : observe(std::move(observe)) {}
  LogicalResult run(func::FuncOp func, const std::vector<Tensor> &inputs,
                    std::vector<Tensor> &outputs);

  LogicalResult eval(Operation *op);
  const Tensor &get(Value v) { return env.find(v)->second; }

private:
  llvm::DenseMap<Value, Tensor> env;
  ValueObserver observe;

  void set(Value v, Tensor t) {
    Tensor &slot = env[v] = std::move(t);
    if (observe)
      observe(v, slot);
  }

  LogicalResult constant(xf::ConstantOp op);
  LogicalResult binary(Operation *op, double (*ffn)(double, double),
                       int64_t (*ifn)(int64_t, int64_t));
  void compare(Operation *op, bool (*fn)(double, double));
  void unary(Operation *op, float (*fn)(float));
  void where(xf::WhereOp op);
  void convert(xf::CastOp op);
  void reduce(Operation *op, ArrayRef<int64_t> axes);
  void linear(xf::LinearOp op);
  void matmul(xf::MatMulOp op);
  void softmax(xf::SoftmaxOp op);
  void norm(Operation *op, Value input, Value scale, Value bias, int64_t axis,
            double eps, bool rms);
  void causalMask(xf::CausalMaskOp op);
  LogicalResult embedding(xf::EmbeddingOp op);
  LogicalResult gather(xf::GatherOp op);
  void transpose(xf::TransposeOp op);
  void slice(xf::SliceOp op);
  void concat(xf::ConcatOp op);
  void split(xf::SplitOp op);
  void broadcastTo(xf::BroadcastToOp op);
  void trilu(xf::TriluOp op);
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

LogicalResult Interpreter::binary(Operation *op, double (*ffn)(double, double),
                                  int64_t (*ifn)(int64_t, int64_t)) {
  const Tensor &a = get(op->getOperand(0)), &b = get(op->getOperand(1));
  std::vector<int64_t> out = shapeOf(op->getResult(0));
  Tensor r;
  r.shape = out;
  if (isFloat(op->getResult(0))) {
    r.dtype = DType::F32;
    r.f32.resize(elementCount(out));
    forEachBroadcast(out, {&a.shape, &b.shape},
                     [&](int64_t i, const std::vector<int64_t> &at) {
                       r.f32[i] =
                           float(ffn(asDouble(a, at[0]), asDouble(b, at[1])));
                     });
  } else {
    r.dtype = DType::I64;
    r.i64.resize(elementCount(out));
    bool divByZero = false;
    forEachBroadcast(out, {&a.shape, &b.shape},
                     [&](int64_t i, const std::vector<int64_t> &at) {
                       // Pow may raise an integer to a float power.
                       if (b.dtype == DType::F32) {
                         r.i64[i] = int64_t(
                             ffn(double(a.i64[at[0]]), double(b.f32[at[1]])));
                         return;
                       }
                       int64_t y = b.i64[at[1]];
                       if (y == 0 && isa<xf::DivOp>(op)) {
                         divByZero = true;
                         return;
                       }
                       r.i64[i] = ifn(a.i64[at[0]], y);
                     });
    if (divByZero)
      return op->emitOpError("integer division by zero");
  }
  set(op->getResult(0), std::move(r));
  return success();
}

void Interpreter::compare(Operation *op, bool (*fn)(double, double)) {
  const Tensor &a = get(op->getOperand(0)), &b = get(op->getOperand(1));
  std::vector<int64_t> out = shapeOf(op->getResult(0));
  std::vector<int64_t> data(elementCount(out));
  forEachBroadcast(out, {&a.shape, &b.shape},
                   [&](int64_t i, const std::vector<int64_t> &at) {
                     // Integers compare through the sign of their
                     // difference: doubles would merge values beyond 2^53.
                     data[i] = a.dtype == DType::I64
                                   ? fn(double(a.i64[at[0]] > b.i64[at[1]]) -
                                            double(a.i64[at[0]] < b.i64[at[1]]),
                                        0.0)
                                   : fn(a.f32[at[0]], b.f32[at[1]]);
                   });
  set(op->getResult(0), Tensor::ints(out, std::move(data)));
}

void Interpreter::unary(Operation *op, float (*fn)(float)) {
  const Tensor &a = get(op->getOperand(0));
  std::vector<float> data(a.f32.size());
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = fn(a.f32[i]);
  set(op->getResult(0), Tensor::floats(a.shape, std::move(data)));
}

void Interpreter::where(xf::WhereOp op) {
  const Tensor &c = get(op.getCondition());
  const Tensor &t = get(op.getOnTrue()), &f = get(op.getOnFalse());
  std::vector<int64_t> out = shapeOf(op);
  std::vector<int64_t> src(elementCount(out));
  // Select from the concatenation [t, f].
  int64_t offset = t.numElements();
  forEachBroadcast(out, {&c.shape, &t.shape, &f.shape},
                   [&](int64_t i, const std::vector<int64_t> &at) {
                     src[i] = c.i64[at[0]] ? at[1] : offset + at[2];
                   });
  Tensor both = t;
  both.f32.insert(both.f32.end(), f.f32.begin(), f.f32.end());
  both.i64.insert(both.i64.end(), f.i64.begin(), f.i64.end());
  set(op, select(both, out, src));
}

void Interpreter::convert(xf::CastOp op) {
  const Tensor &x = get(op.getInput());
  Type to = getElementTypeOrSelf(op.getType());
  int64_t n = x.numElements();
  if (isa<FloatType>(to)) {
    std::vector<float> data(n);
    for (int64_t i = 0; i < n; ++i)
      data[i] = float(asDouble(x, i));
    set(op, Tensor::floats(x.shape, std::move(data)));
    return;
  }
  unsigned width = to.getIntOrFloatBitWidth();
  std::vector<int64_t> data(n);
  for (int64_t i = 0; i < n; ++i) {
    if (width == 1) {
      data[i] = asDouble(x, i) != 0.0;
      continue;
    }
    int64_t v;
    if (x.dtype == DType::I64) {
      v = x.i64[i];
    } else {
      // Toward zero; NaN and out-of-range values are undefined in ONNX and
      // saturate here.
      double d = std::trunc(double(x.f32[i]));
      v = std::isnan(d) ? 0
          : d >= 0x1p63 ? std::numeric_limits<int64_t>::max()
          : d < -0x1p63 ? std::numeric_limits<int64_t>::min()
                        : int64_t(d);
    }
    data[i] = width >= 64 ? v : APInt(64, v).trunc(width).getSExtValue();
  }
  set(op, Tensor::ints(x.shape, std::move(data)));
}

void Interpreter::reduce(Operation *op, ArrayRef<int64_t> axes) {
  const Tensor &x = get(op->getOperand(0));
  size_t rank = x.shape.size();
  // The output with kept (size-1) reduced dims, and the reduced element count.
  std::vector<int64_t> kept = x.shape;
  int64_t count = 1;
  for (int64_t a : axes) {
    count *= kept[a];
    kept[a] = 1;
  }
  std::vector<int64_t> keptStrides = stridesOf(kept);
  std::vector<int64_t> inStrides(rank);
  for (size_t d = 0; d < rank; ++d)
    inStrides[d] = kept[d] == 1 ? 0 : keptStrides[d];
  int64_t outCount = elementCount(kept);
  bool isMax = isa<xf::ReduceMaxOp>(op), isMin = isa<xf::ReduceMinOp>(op);
  double init = isMax   ? -std::numeric_limits<double>::infinity()
                : isMin ? std::numeric_limits<double>::infinity()
                        : 0.0;
  std::vector<double> acc(outCount, init);
  std::vector<int64_t> iacc(outCount, isMax   ? INT64_MIN
                                      : isMin ? INT64_MAX
                                              : 0);
  bool ints = x.dtype == DType::I64;
  // Walk the input; each element lands on its kept-dims output slot.
  forEachStrided(x.shape, inStrides, 0, [&](int64_t i, int64_t o) {
    if (ints) {
      int64_t v = x.i64[i];
      iacc[o] = isMax   ? std::max(iacc[o], v)
                : isMin ? std::min(iacc[o], v)
                        : iacc[o] + v;
    } else {
      double v = x.f32[i];
      acc[o] = isMax   ? (std::isnan(v) ? v : std::max(acc[o], v))
               : isMin ? (std::isnan(v) ? v : std::min(acc[o], v))
                       : acc[o] + v;
    }
  });
  bool mean = isa<xf::ReduceMeanOp>(op);
  std::vector<int64_t> out = shapeOf(op->getResult(0));
  if (ints) {
    if (mean)
      for (int64_t &v : iacc)
        v = count ? v / count : 0;
    set(op->getResult(0), Tensor::ints(out, std::move(iacc)));
    return;
  }
  std::vector<float> data(outCount);
  for (int64_t i = 0; i < outCount; ++i)
    data[i] = float(mean ? acc[i] / double(count) : acc[i]);
  set(op->getResult(0), Tensor::floats(out, std::move(data)));
}

void Interpreter::linear(xf::LinearOp op) {
  const Tensor &x = get(op.getInput()), &w = get(op.getWeight());
  const Tensor *b = op.getBias() ? &get(op.getBias()) : nullptr;
  int64_t n = w.shape[0], k = w.shape[1];
  int64_t rows = k ? x.numElements() / k : elementCount(shapeOf(op)) / n;
  std::vector<float> out(rows * n);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t o = 0; o < n; ++o) {
      double acc = b ? b->f32[o] : 0.0;
      for (int64_t j = 0; j < k; ++j)
        acc += double(x.f32[r * k + j]) * w.f32[o * k + j];
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
  forEachBroadcast(batch, {&aBatch, &bBatch},
                   [&](int64_t i, const std::vector<int64_t> &at) {
                     batchIdx[2 * i] = at[0];
                     batchIdx[2 * i + 1] = at[1];
                   });
  for (int64_t bi = 0; bi < nb; ++bi) {
    const float *pa = a.f32.data() + batchIdx[2 * bi] * m * k;
    const float *pb = b.f32.data() + batchIdx[2 * bi + 1] * k * n;
    float *po = out.data() + bi * m * n;
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
  int64_t planes = q * k ? x.numElements() / (q * k) : 0;
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

LogicalResult Interpreter::gather(xf::GatherOp op) {
  const Tensor &x = get(op.getInput()), &ids = get(op.getIndices());
  int64_t rank = x.shape.size();
  int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
  int64_t outer, len, inner;
  splitAround(x.shape, axis, outer, len, inner);
  int64_t n = ids.numElements();
  std::vector<int64_t> src;
  src.reserve(outer * n * inner);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t id : ids.i64) {
      int64_t row = id < 0 ? id + len : id;
      if (row < 0 || row >= len)
        return op.emitOpError("index ") << id << " is out of range for axis "
                                        << axis << " of size " << len;
      for (int64_t in = 0; in < inner; ++in)
        src.push_back((o * len + row) * inner + in);
    }
  set(op, select(x, shapeOf(op), src));
  return success();
}

void Interpreter::transpose(xf::TransposeOp op) {
  const Tensor &x = get(op.getInput());
  std::vector<int64_t> out = shapeOf(op), inStrides = stridesOf(x.shape);
  ArrayRef<int64_t> perm = op.getPerm();
  std::vector<int64_t> strides;
  for (int64_t p : perm)
    strides.push_back(inStrides[p]);
  std::vector<int64_t> src(elementCount(out));
  forEachStrided(out, strides, 0, [&](int64_t i, int64_t s) { src[i] = s; });
  set(op, select(x, out, src));
}

void Interpreter::slice(xf::SliceOp op) {
  const Tensor &x = get(op.getInput());
  std::vector<int64_t> out = shapeOf(op), inStrides = stridesOf(x.shape);
  int64_t base = 0;
  std::vector<int64_t> strides;
  for (size_t d = 0; d < out.size(); ++d) {
    base += op.getStarts()[d] * inStrides[d];
    strides.push_back(op.getSteps()[d] * inStrides[d]);
  }
  std::vector<int64_t> src(elementCount(out));
  // An empty result reads nothing, so its (unchecked) start never matters.
  if (!src.empty())
    forEachStrided(out, strides, base,
                   [&](int64_t i, int64_t s) { src[i] = s; });
  set(op, select(x, out, src));
}

void Interpreter::concat(xf::ConcatOp op) {
  std::vector<int64_t> out = shapeOf(op);
  int64_t rank = out.size();
  int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
  int64_t outer, len, inner;
  splitAround(out, axis, outer, len, inner);
  // Select from the inputs laid end to end.
  Tensor all;
  all.dtype = get(op.getInputs().front()).dtype;
  std::vector<int64_t> offsets;
  for (Value in : op.getInputs()) {
    const Tensor &t = get(in);
    offsets.push_back(all.f32.size() + all.i64.size());
    all.f32.insert(all.f32.end(), t.f32.begin(), t.f32.end());
    all.i64.insert(all.i64.end(), t.i64.begin(), t.i64.end());
  }
  std::vector<int64_t> src;
  src.reserve(elementCount(out));
  for (int64_t o = 0; o < outer; ++o)
    for (auto [k, in] : llvm::enumerate(op.getInputs())) {
      int64_t block = get(in).shape[axis] * inner;
      for (int64_t j = 0; j < block; ++j)
        src.push_back(offsets[k] + o * block + j);
    }
  set(op, select(all, out, src));
}

void Interpreter::split(xf::SplitOp op) {
  const Tensor &x = get(op.getInput());
  int64_t rank = x.shape.size();
  int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
  int64_t outer, len, inner;
  splitAround(x.shape, axis, outer, len, inner);
  int64_t start = 0;
  for (Value result : op.getOutputs()) {
    std::vector<int64_t> out = shapeOf(result);
    int64_t size = out[axis];
    std::vector<int64_t> src;
    src.reserve(elementCount(out));
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < size * inner; ++j)
        src.push_back((o * len + start) * inner + j);
    start += size;
    set(result, select(x, out, src));
  }
}

void Interpreter::broadcastTo(xf::BroadcastToOp op) {
  const Tensor &x = get(op.getInput());
  std::vector<int64_t> out = shapeOf(op);
  std::vector<int64_t> src(elementCount(out));
  forEachBroadcast(
      out, {&x.shape},
      [&](int64_t i, const std::vector<int64_t> &at) { src[i] = at[0]; });
  set(op, select(x, out, src));
}

void Interpreter::trilu(xf::TriluOp op) {
  Tensor t = get(op.getInput());
  int64_t rank = t.shape.size();
  int64_t rows = t.shape[rank - 2], cols = t.shape[rank - 1];
  int64_t planes = rows * cols ? t.numElements() / (rows * cols) : 0;
  int64_t k = op.getDiagonal();
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        bool keep = op.getUpper() ? j - i >= k : j - i <= k;
        if (keep)
          continue;
        int64_t at = (p * rows + i) * cols + j;
        if (t.dtype == DType::F32)
          t.f32[at] = 0.0f;
        else
          t.i64[at] = 0;
      }
  set(op, std::move(t));
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

/// Integer power with a non-negative exponent; a negative one gives the
/// truncated real result (0 unless the base is 1 or -1).
int64_t ipow(int64_t base, int64_t exp) {
  if (exp < 0)
    return base == 1 ? 1 : base == -1 ? (exp % 2 ? -1 : 1) : 0;
  uint64_t result = 1, b = base;
  for (; exp; exp >>= 1, b *= b)
    if (exp & 1)
      result *= b;
  return int64_t(result);
}

LogicalResult Interpreter::eval(Operation *op) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](xf::ConstantOp c) { return constant(c); })
      .Case([&](xf::AddOp o) {
        return binary(
            o, [](double a, double b) { return a + b; },
            [](int64_t a, int64_t b) {
              return int64_t(uint64_t(a) + uint64_t(b));
            });
      })
      .Case([&](xf::SubOp o) {
        return binary(
            o, [](double a, double b) { return a - b; },
            [](int64_t a, int64_t b) {
              return int64_t(uint64_t(a) - uint64_t(b));
            });
      })
      .Case([&](xf::MulOp o) {
        return binary(
            o, [](double a, double b) { return a * b; },
            [](int64_t a, int64_t b) {
              return int64_t(uint64_t(a) * uint64_t(b));
            });
      })
      .Case([&](xf::DivOp o) {
        return binary(
            o, [](double a, double b) { return a / b; },
            [](int64_t a, int64_t b) {
              return a == INT64_MIN && b == -1 ? a : a / b;
            });
      })
      .Case([&](xf::MaximumOp o) {
        return binary(
            o,
            [](double a, double b) {
              return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b);
            },
            [](int64_t a, int64_t b) { return std::max(a, b); });
      })
      .Case([&](xf::MinimumOp o) {
        return binary(
            o,
            [](double a, double b) {
              return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b);
            },
            [](int64_t a, int64_t b) { return std::min(a, b); });
      })
      .Case([&](xf::PowOp o) {
        return binary(
            o, [](double a, double b) { return std::pow(a, b); }, ipow);
      })
      .Case([&](xf::EqualOp o) {
        compare(o, [](double a, double b) { return a == b; });
        return success();
      })
      .Case([&](xf::LessOp o) {
        compare(o, [](double a, double b) { return a < b; });
        return success();
      })
      .Case([&](xf::LessEqualOp o) {
        compare(o, [](double a, double b) { return a <= b; });
        return success();
      })
      .Case([&](xf::NotOp o) {
        Tensor t = get(o.getInput());
        for (int64_t &v : t.i64)
          v = !v;
        set(o, std::move(t));
        return success();
      })
      .Case([&](xf::NegOp o) {
        Tensor t = get(o.getInput());
        for (float &v : t.f32)
          v = -v;
        for (int64_t &v : t.i64)
          v = int64_t(0 - uint64_t(v));
        set(o, std::move(t));
        return success();
      })
      .Case([&](xf::AbsOp o) {
        Tensor t = get(o.getInput());
        for (float &v : t.f32)
          v = std::fabs(v);
        for (int64_t &v : t.i64)
          v = v < 0 ? int64_t(0 - uint64_t(v)) : v;
        set(o, std::move(t));
        return success();
      })
      .Case([&](xf::WhereOp o) { return where(o), success(); })
      .Case([&](xf::CastOp o) { return convert(o), success(); })
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
      .Case([&](xf::SqrtOp o) {
        unary(o, [](float x) { return float(std::sqrt(double(x))); });
        return success();
      })
      .Case([&](xf::ReciprocalOp o) {
        unary(o, [](float x) { return float(1.0 / double(x)); });
        return success();
      })
      .Case([&](xf::ExpOp o) {
        unary(o, [](float x) { return float(std::exp(double(x))); });
        return success();
      })
      .Case([&](xf::ErfOp o) {
        unary(o, [](float x) { return float(std::erf(double(x))); });
        return success();
      })
      .Case<xf::ReduceSumOp, xf::ReduceMeanOp, xf::ReduceMaxOp,
            xf::ReduceMinOp>([&](auto o) {
        reduce(o, o.getAxes());
        return success();
      })
      .Case([&](xf::LinearOp o) { return linear(o), success(); })
      .Case([&](xf::MatMulOp o) { return matmul(o), success(); })
      .Case([&](xf::SoftmaxOp o) { return softmax(o), success(); })
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
      .Case([&](xf::CausalMaskOp o) { return causalMask(o), success(); })
      .Case([&](xf::EmbeddingOp o) { return embedding(o); })
      .Case([&](xf::GatherOp o) { return gather(o); })
      .Case([&](xf::ReshapeOp o) {
        Tensor t = get(o.getInput());
        t.shape = shapeOf(o);
        set(o, std::move(t));
        return success();
      })
      .Case([&](xf::TransposeOp o) { return transpose(o), success(); })
      .Case([&](xf::SliceOp o) { return slice(o), success(); })
      .Case([&](xf::ConcatOp o) { return concat(o), success(); })
      .Case([&](xf::SplitOp o) { return split(o), success(); })
      .Case([&](xf::BroadcastToOp o) { return broadcastTo(o), success(); })
      .Case([&](xf::TriluOp o) { return trilu(o), success(); })
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

/// The attribute holding `t` as a value of `type`.
DenseElementsAttr toAttr(const Tensor &t, RankedTensorType type) {
  Type elt = type.getElementType();
  if (elt.isF32())
    return DenseElementsAttr::get(type, ArrayRef<float>(t.f32));
  if (auto ft = dyn_cast<FloatType>(elt)) {
    SmallVector<APFloat> values;
    for (float v : t.f32) {
      APFloat f(v);
      bool lost;
      f.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(f);
    }
    return DenseElementsAttr::get(type, values);
  }
  if (elt.isInteger(1)) {
    SmallVector<bool> bits(t.i64.begin(), t.i64.end());
    return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  }
  if (elt.isInteger(64))
    return DenseElementsAttr::get(type, ArrayRef<int64_t>(t.i64));
  SmallVector<APInt> values;
  for (int64_t v : t.i64)
    values.push_back(APInt(64, v).trunc(elt.getIntOrFloatBitWidth()));
  return DenseElementsAttr::get(type, values);
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

FailureOr<SmallVector<DenseElementsAttr>> snnc::foldConstantOp(Operation *op) {
  Interpreter interp(nullptr);
  for (Value operand : op->getOperands()) {
    auto c = operand.getDefiningOp<xf::ConstantOp>();
    if (!c || failed(interp.eval(c)))
      return failure();
  }
  if (failed(interp.eval(op)))
    return failure();
  SmallVector<DenseElementsAttr> values;
  for (Value result : op->getResults())
    values.push_back(
        toAttr(interp.get(result), cast<RankedTensorType>(result.getType())));
  return values;
}
