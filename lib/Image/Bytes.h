//===- Bytes.h - explicit little-endian encoding ----------------*- C++ -*-===//
//
// Field-by-field serialization: no struct dumps, so the bytes do not depend
// on the host's endianness, padding or alignment.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_LIB_IMAGE_BYTES_H
#define SNNC_LIB_IMAGE_BYTES_H

#include "snnc/Image/Checksum.h"
#include "snnc/Image/Error.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace snnc::image::detail {

class ByteWriter {
public:
  explicit ByteWriter(std::vector<uint8_t> &out) : out_(out) {}

  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { le(v, 2); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void i8(int8_t v) { u8(uint8_t(v)); }
  void i32(int32_t v) { u32(uint32_t(v)); }
  void i64(int64_t v) { u64(uint64_t(v)); }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u32(bits);
  }
  void bytes(const uint8_t *data, size_t size) {
    out_.insert(out_.end(), data, data + size);
  }
  /// u32 length, then the bytes.
  void str(const std::string &s) {
    u32(uint32_t(s.size()));
    bytes(reinterpret_cast<const uint8_t *>(s.data()), s.size());
  }

private:
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      out_.push_back(uint8_t(v >> (8 * i)));
  }

  std::vector<uint8_t> &out_;
};

/// Bounds-checked reader over one section. The first failure is kept (with
/// its absolute offset) and later reads return 0 without advancing, so
/// callers check ok() once per loop, never per field.
class ByteReader {
public:
  ByteReader(const uint8_t *data, uint64_t size, uint64_t base,
             std::string label)
      : data_(data), size_(size), base_(base), label_(std::move(label)) {}

  uint8_t u8() { return uint8_t(le(1)); }
  uint16_t u16() { return uint16_t(le(2)); }
  uint32_t u32() { return uint32_t(le(4)); }
  uint64_t u64() { return le(8); }
  int8_t i8() { return int8_t(u8()); }
  int32_t i32() { return int32_t(u32()); }
  int64_t i64() { return int64_t(u64()); }
  float f32() {
    const uint32_t bits = u32();
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  Digest digest() {
    Digest d{};
    if (need(d.size(), "digest")) {
      std::memcpy(d.data(), data_ + pos_, d.size());
      pos_ += d.size();
    }
    return d;
  }
  /// u32 length (at most maxBytes), then the bytes.
  std::string str(uint32_t maxBytes) {
    const uint64_t at = offset();
    const uint32_t n = u32();
    if (!ok())
      return {};
    if (n > maxBytes) {
      fail(at, "string length " + std::to_string(n) + " exceeds " +
                   std::to_string(maxBytes));
      return {};
    }
    if (!need(n, "string"))
      return {};
    std::string s(reinterpret_cast<const char *>(data_ + pos_), n);
    pos_ += n;
    return s;
  }

  /// Before allocating for `count` items of at least `bytesEach` file bytes:
  /// fails (at `at`, where the count was read) when count exceeds cap or the
  /// remaining bytes.
  bool expect(uint64_t count, uint64_t bytesEach, uint64_t cap,
              const char *what, uint64_t at) {
    if (!ok())
      return false;
    if (count > cap) {
      fail(at, std::string(what) + " count " + std::to_string(count) +
                   " exceeds the cap " + std::to_string(cap));
      return false;
    }
    // count <= cap < 2^32 and bytesEach is small: no overflow.
    if (count * bytesEach > remaining()) {
      fail(at, std::string(what) + " count " + std::to_string(count) +
                   " needs " + std::to_string(count * bytesEach) +
                   " bytes, only " + std::to_string(remaining()) + " remain");
      return false;
    }
    return true;
  }

  bool ok() const { return !error_.failed(); }
  const Error &error() const { return error_; }
  uint64_t offset() const { return base_ + pos_; }
  uint64_t remaining() const { return size_ - pos_; }

  void fail(uint64_t at, const std::string &message) {
    if (ok())
      error_ = Error::failure(label_ + " at offset " + std::to_string(at) +
                              ": " + message);
  }

  /// Fails unless every byte was consumed.
  bool finish() {
    if (ok() && pos_ != size_)
      fail(offset(), std::to_string(remaining()) +
                         " unexpected bytes at the end of the section");
    return ok();
  }

private:
  bool need(uint64_t n, const char *what) {
    if (!ok())
      return false;
    if (n > remaining()) {
      fail(offset(), std::string(what) + " runs past the end of the section");
      return false;
    }
    return true;
  }
  uint64_t le(int n) {
    if (!need(n, "field"))
      return 0;
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= uint64_t(data_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
  }

  const uint8_t *data_;
  uint64_t size_;
  uint64_t pos_ = 0;
  uint64_t base_;
  std::string label_;
  Error error_;
};

} // namespace snnc::image::detail

#endif // SNNC_LIB_IMAGE_BYTES_H
