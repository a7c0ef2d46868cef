//===- Tensor.h - dense host tensors ----------------------------*- C++ -*-===//
//
// The plain tensor the interpreters, the driver and the tensor files share.
// MLIR-free: a deployment runtime may use it to feed the simulator.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TENSOR_TENSOR_H
#define SNNC_TENSOR_TENSOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace snnc {

enum class DType { F32, I64 };

/// A dense row-major tensor of f32 or i64 elements (exactly one of the two
/// vectors is used, as `dtype` says).
struct Tensor {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::vector<float> f32;
  std::vector<int64_t> i64;

  static Tensor floats(std::vector<int64_t> shape, std::vector<float> data);
  static Tensor ints(std::vector<int64_t> shape, std::vector<int64_t> data);

  /// Product of the dims (1 for a scalar).
  int64_t numElements() const;
  /// "f32[2, 3]" for messages.
  std::string describe() const;
};

/// Element count of a shape; -1 when a dim is negative or the count
/// overflows int64.
int64_t elementCount(const std::vector<int64_t> &shape);

} // namespace snnc

#endif // SNNC_TENSOR_TENSOR_H
