//===- Error.h - errors as values for the runtime libraries -----*- C++ -*-===//
//
// The image library and the simulator run inside deployment runtimes that may
// be built without exceptions, and they read untrusted files: every failure
// is returned as a value carrying a one-line message, never thrown.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_ERROR_H
#define SNNC_IMAGE_ERROR_H

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace snnc::image {

/// Success, or a failure with a message. Converts to true on failure, as
/// llvm::Error does: `if (Error e = f()) return e;`.
class [[nodiscard]] Error {
public:
  Error() = default;
  static Error success() { return Error(); }
  static Error failure(std::string message) {
    Error e;
    e.failed_ = true;
    e.message_ = std::move(message);
    return e;
  }

  bool failed() const { return failed_; }
  explicit operator bool() const { return failed_; }
  const std::string &message() const { return message_; }

private:
  bool failed_ = false;
  std::string message_;
};

/// A value of type T or a failed Error.
template <typename T> class [[nodiscard]] Expected {
public:
  Expected(T value) : value_(std::move(value)) {}
  Expected(Error error) : error_(std::move(error)) {
    assert(error_.failed() && "Expected built from a success");
  }

  /// True when a value is held.
  explicit operator bool() const { return value_.has_value(); }

  T &operator*() { return *value_; }
  const T &operator*() const { return *value_; }
  T *operator->() { return &*value_; }
  const T *operator->() const { return &*value_; }

  /// The failure; only meaningful when no value is held.
  const Error &error() const { return error_; }

private:
  std::optional<T> value_;
  Error error_;
};

} // namespace snnc::image

#endif // SNNC_IMAGE_ERROR_H
