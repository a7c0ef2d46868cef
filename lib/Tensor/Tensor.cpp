//===- Tensor.cpp - dense host tensors ------------------------------------===//

#include "snnc/Tensor/Tensor.h"

#include <limits>

using namespace snnc;

Tensor Tensor::floats(std::vector<int64_t> shape, std::vector<float> data) {
  Tensor t;
  t.dtype = DType::F32;
  t.shape = std::move(shape);
  t.f32 = std::move(data);
  return t;
}

Tensor Tensor::ints(std::vector<int64_t> shape, std::vector<int64_t> data) {
  Tensor t;
  t.dtype = DType::I64;
  t.shape = std::move(shape);
  t.i64 = std::move(data);
  return t;
}

int64_t snnc::elementCount(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return -1;
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d)
      return -1;
    n *= d;
  }
  return n;
}

int64_t Tensor::numElements() const { return elementCount(shape); }

std::string Tensor::describe() const {
  std::string s = dtype == DType::F32 ? "f32[" : "i64[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}
