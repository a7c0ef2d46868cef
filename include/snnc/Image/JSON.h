//===- JSON.h - deterministic JSON writer -----------------------*- C++ -*-===//
//
// Hand-written so the runtime libraries need no JSON dependency. Output is a
// pure function of the calls: members in call order, two-space indentation,
// integers exact, doubles in their shortest round-trip form (std::to_chars),
// strings escaped per RFC 8259 with invalid UTF-8 replaced by U+FFFD.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_JSON_H
#define SNNC_IMAGE_JSON_H

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace snnc::image {

class JSONWriter {
public:
  /// Compact arrays put their elements on one line (long numeric series).
  enum class Layout { Block, Compact };

  JSONWriter &beginObject();
  JSONWriter &endObject();
  JSONWriter &beginArray(Layout layout = Layout::Block);
  JSONWriter &endArray();
  /// The next member's name; must be inside an object.
  JSONWriter &key(std::string_view name);

  JSONWriter &value(std::string_view s);
  JSONWriter &value(const char *s) { return value(std::string_view(s)); }
  JSONWriter &value(const std::string &s) { return value(std::string_view(s)); }
  JSONWriter &value(bool b);
  /// Shortest decimal that reads back as the same value; non-finite values
  /// (not representable in JSON) are written as null.
  JSONWriter &value(double d);
  JSONWriter &value(float f);
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>,
                             int> = 0>
  JSONWriter &value(T v) {
    if constexpr (std::is_signed_v<T>)
      return integer(int64_t(v));
    else
      return unsignedInteger(uint64_t(v));
  }

  /// key(name).value(v)
  template <typename T> JSONWriter &member(std::string_view name, const T &v) {
    key(name);
    return value(v);
  }

  /// The document; complete once every begin has its end.
  const std::string &str() const { return out_; }

private:
  JSONWriter &integer(int64_t v);
  JSONWriter &unsignedInteger(uint64_t v);
  /// Separator and indentation before a value or key.
  void prefix();
  void open(char bracket, bool isObject, Layout layout);
  void close(char bracket);

  struct Level {
    bool isObject;
    bool compact;
    bool empty = true;
  };
  std::string out_;
  std::vector<Level> stack_;
  bool afterKey_ = false;
};

/// s as a quoted JSON string literal.
std::string jsonQuote(std::string_view s);

} // namespace snnc::image

#endif // SNNC_IMAGE_JSON_H
