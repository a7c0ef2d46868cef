//===- TensorIO.h - ONNX TensorProto (.pb) files ----------------*- C++ -*-===//
//
// Reads and writes tensors in the layout of ONNX's backend tests
// (serialized onnx.TensorProto). Errors are returned, never thrown.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TENSOR_TENSORIO_H
#define SNNC_TENSOR_TENSORIO_H

#include "snnc/Tensor/Tensor.h"

#include <cstddef>
#include <string>

namespace snnc {

/// Parses a serialized TensorProto held in memory; as readTensorFile.
bool parseTensor(const void *data, size_t size, Tensor &out, std::string &error,
                 std::string *name = nullptr);

/// Reads a .pb tensor. On failure returns false and sets `error` to a message
/// naming the cause (the caller prefixes the file name).
bool readTensorFile(const std::string &path, Tensor &out, std::string &error,
                    std::string *name = nullptr);

/// Writes a .pb tensor atomically (temporary file + rename): on failure no
/// file is left and `error` says why.
bool writeTensorFile(const std::string &path, const Tensor &tensor,
                     const std::string &name, std::string &error);

} // namespace snnc

#endif // SNNC_TENSOR_TENSORIO_H
