//===- TensorIO.cpp - ONNX TensorProto (.pb) files ------------------------===//

#include "snnc/Tensor/TensorIO.h"

#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <unistd.h>

using namespace snnc;

// Tensors beyond this are not test inputs: refuse before allocating.
static constexpr int64_t kMaxElements = int64_t(1) << 31;

namespace {
template <typename T> T readLE(const char *p) {
  T v;
  std::memcpy(&v, p, sizeof(T)); // the build targets little-endian hosts only
  return v;
}
} // namespace

bool snnc::readTensorFile(const std::string &path, Tensor &out,
                          std::string &error, std::string *name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  return parseTensor(bytes.data(), bytes.size(), out, error, name);
}

bool snnc::parseTensor(const void *data, size_t size, Tensor &out,
                       std::string &error, std::string *name) {
  onnx::TensorProto proto;
  if (size > size_t(std::numeric_limits<int>::max())) {
    error = "tensor file is larger than 2 GiB";
    return false;
  }
  {
    google::protobuf::io::CodedInputStream cin(
        static_cast<const uint8_t *>(data), int(size));
    cin.SetTotalBytesLimit(std::numeric_limits<int>::max());
    if (!proto.ParseFromCodedStream(&cin) || !cin.ConsumedEntireMessage()) {
      error = "not a valid ONNX TensorProto (.pb) file";
      return false;
    }
  }
  if (name)
    *name = proto.name();
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    error = "tensors with external data are not supported";
    return false;
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  int64_t n = elementCount(shape);
  if (n < 0 || n > kMaxElements) {
    error = "tensor shape is invalid or too large";
    return false;
  }
  const std::string &raw = proto.raw_data();
  auto checkCount = [&](int64_t have, const char *field) {
    if (have == n)
      return true;
    error = "tensor has " + std::to_string(n) + " elements by its shape but " +
            std::to_string(have) + " in " + field;
    return false;
  };
  switch (proto.data_type()) {
  case onnx::TensorProto::FLOAT: {
    std::vector<float> data;
    if (!raw.empty()) {
      if (raw.size() % 4) {
        error = "raw_data size is not a multiple of the element size";
        return false;
      }
      if (!checkCount(raw.size() / 4, "raw_data"))
        return false;
      data.resize(n);
      for (int64_t i = 0; i < n; ++i)
        data[i] = readLE<float>(raw.data() + 4 * i);
    } else {
      if (!checkCount(proto.float_data_size(), "float_data"))
        return false;
      data.assign(proto.float_data().begin(), proto.float_data().end());
    }
    out = Tensor::floats(std::move(shape), std::move(data));
    return true;
  }
  case onnx::TensorProto::BOOL: {
    // Booleans are read as 0/1 integers, as the interpreters hold them.
    std::vector<int64_t> data;
    if (!raw.empty()) {
      if (!checkCount(int64_t(raw.size()), "raw_data"))
        return false;
      for (char c : raw)
        data.push_back(c != 0);
    } else {
      if (!checkCount(proto.int32_data_size(), "int32_data"))
        return false;
      for (int32_t v : proto.int32_data())
        data.push_back(v != 0);
    }
    out = Tensor::ints(std::move(shape), std::move(data));
    return true;
  }
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::INT32: {
    bool is64 = proto.data_type() == onnx::TensorProto::INT64;
    size_t width = is64 ? 8 : 4;
    std::vector<int64_t> data;
    if (!raw.empty()) {
      if (raw.size() % width) {
        error = "raw_data size is not a multiple of the element size";
        return false;
      }
      if (!checkCount(raw.size() / width, "raw_data"))
        return false;
      data.resize(n);
      for (int64_t i = 0; i < n; ++i)
        data[i] = is64 ? readLE<int64_t>(raw.data() + 8 * i)
                       : readLE<int32_t>(raw.data() + 4 * i);
    } else if (is64) {
      if (!checkCount(proto.int64_data_size(), "int64_data"))
        return false;
      data.assign(proto.int64_data().begin(), proto.int64_data().end());
    } else {
      if (!checkCount(proto.int32_data_size(), "int32_data"))
        return false;
      data.assign(proto.int32_data().begin(), proto.int32_data().end());
    }
    out = Tensor::ints(std::move(shape), std::move(data));
    return true;
  }
  default:
    error = "unsupported tensor element type " +
            std::to_string(proto.data_type()) +
            " (supported: float, int32, int64, bool)";
    return false;
  }
}

bool snnc::writeTensorFile(const std::string &path, const Tensor &tensor,
                           const std::string &name, std::string &error) {
  onnx::TensorProto proto;
  proto.set_name(name);
  for (int64_t d : tensor.shape)
    proto.add_dims(d);
  std::string raw;
  if (tensor.dtype == DType::F32) {
    proto.set_data_type(onnx::TensorProto::FLOAT);
    raw.resize(tensor.f32.size() * 4);
    if (!tensor.f32.empty())
      std::memcpy(raw.data(), tensor.f32.data(), raw.size());
  } else {
    proto.set_data_type(onnx::TensorProto::INT64);
    raw.resize(tensor.i64.size() * 8);
    if (!tensor.i64.empty())
      std::memcpy(raw.data(), tensor.i64.data(), raw.size());
  }
  proto.set_raw_data(std::move(raw));
  std::string bytes;
  if (!proto.SerializeToString(&bytes)) {
    error = "cannot serialize the tensor";
    return false;
  }

  // Write beside the destination and rename, so readers never see a partial
  // file and a failure leaves nothing behind.
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) {
    error =
        std::string("cannot create a file beside it: ") + std::strerror(errno);
    return false;
  }
  const char *p = bytes.data();
  size_t left = bytes.size();
  bool ok = true;
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      ok = false;
      break;
    }
    p += w;
    left -= static_cast<size_t>(w);
  }
  if (ok && ::fsync(fd) != 0)
    ok = false;
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    error = std::string("cannot write: ") + std::strerror(saved);
    return false;
  }
  return true;
}
