//===- JSONCheck.h - strict RFC 8259 syntax check for tests -----*- C++ -*-===//

#ifndef SNNC_TEST_UNIT_IMAGE_JSONCHECK_H
#define SNNC_TEST_UNIT_IMAGE_JSONCHECK_H

#include <cctype>
#include <string_view>

namespace snnc::image::test {

/// Recursive-descent recognizer: true when `text` is one JSON value with
/// optional surrounding whitespace.
class JSONChecker {
public:
  static bool valid(std::string_view text) {
    JSONChecker c(text);
    c.ws();
    if (!c.value())
      return false;
    c.ws();
    return c.pos_ == text.size();
  }

private:
  explicit JSONChecker(std::string_view s) : s_(s) {}

  bool eof() const { return pos_ >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[pos_]; }
  void ws() {
    while (!eof() && (peek() == ' ' || peek() == '\n' || peek() == '\t' ||
                      peek() == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }
  bool digits() {
    const size_t start = pos_;
    while (!eof() && std::isdigit(uint8_t(peek())))
      ++pos_;
    return pos_ > start;
  }
  bool number() {
    if (peek() == '-')
      ++pos_;
    if (peek() == '0')
      ++pos_;
    else if (!digits())
      return false;
    if (peek() == '.') {
      ++pos_;
      if (!digits())
        return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-')
        ++pos_;
      if (!digits())
        return false;
    }
    return true;
  }
  bool string() {
    if (peek() != '"')
      return false;
    ++pos_;
    while (!eof()) {
      const uint8_t c = uint8_t(s_[pos_++]);
      if (c == '"')
        return true;
      if (c < 0x20)
        return false;
      if (c == '\\') {
        const char e = peek();
        ++pos_;
        if (e == 'u') {
          for (int i = 0; i < 4; ++i, ++pos_)
            if (!std::isxdigit(uint8_t(peek())))
              return false;
        } else if (std::string_view("\"\\/bfnrt").find(e) ==
                   std::string_view::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool value() {
    switch (peek()) {
    case '{': {
      ++pos_;
      ws();
      if (peek() == '}')
        return ++pos_, true;
      while (true) {
        ws();
        if (!string())
          return false;
        ws();
        if (peek() != ':')
          return false;
        ++pos_;
        ws();
        if (!value())
          return false;
        ws();
        if (peek() == '}')
          return ++pos_, true;
        if (peek() != ',')
          return false;
        ++pos_;
      }
    }
    case '[': {
      ++pos_;
      ws();
      if (peek() == ']')
        return ++pos_, true;
      while (true) {
        ws();
        if (!value())
          return false;
        ws();
        if (peek() == ']')
          return ++pos_, true;
        if (peek() != ',')
          return false;
        ++pos_;
      }
    }
    case '"':
      return string();
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    default:
      return number();
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

} // namespace snnc::image::test

#endif // SNNC_TEST_UNIT_IMAGE_JSONCHECK_H
