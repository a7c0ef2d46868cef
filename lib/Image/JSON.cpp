//===- JSON.cpp - deterministic JSON writer -------------------------------===//

#include "snnc/Image/JSON.h"

#include <cassert>
#include <charconv>
#include <cmath>

using namespace snnc::image;

namespace {
/// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid
/// (truncated, overlong, surrogate or above U+10FFFF).
size_t utf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return uint8_t(s[k]); };
  const uint8_t b = byte(i);
  size_t n;
  uint32_t cp;
  if (b < 0x80)
    return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size())
    return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return n;
}
} // namespace

std::string snnc::image::jsonQuote(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = uint8_t(s[i]);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else if (const size_t n = utf8Length(s, i)) {
        out.append(s.substr(i, n));
        i += n;
        continue;
      } else {
        out += "\\ufffd";
      }
    }
    ++i;
  }
  out += '"';
  return out;
}

void JSONWriter::prefix() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (stack_.empty())
    return;
  Level &l = stack_.back();
  if (!l.empty)
    out_ += ',';
  if (l.compact) {
    if (!l.empty)
      out_ += ' ';
  } else {
    out_ += '\n';
    out_.append(2 * stack_.size(), ' ');
  }
  l.empty = false;
}

void JSONWriter::open(char bracket, bool isObject, Layout layout) {
  prefix();
  out_ += bracket;
  // Nested containers of a compact array stay on its line.
  const bool compact =
      layout == Layout::Compact || (!stack_.empty() && stack_.back().compact);
  stack_.push_back({isObject, compact});
}

void JSONWriter::close(char bracket) {
  assert(!stack_.empty() && !afterKey_ && "unbalanced JSON");
  const Level l = stack_.back();
  stack_.pop_back();
  if (!l.empty && !l.compact) {
    out_ += '\n';
    out_.append(2 * stack_.size(), ' ');
  }
  out_ += bracket;
}

JSONWriter &JSONWriter::beginObject() {
  open('{', true, Layout::Block);
  return *this;
}

JSONWriter &JSONWriter::endObject() {
  assert(stack_.back().isObject && "endObject in an array");
  close('}');
  return *this;
}

JSONWriter &JSONWriter::beginArray(Layout layout) {
  open('[', false, layout);
  return *this;
}

JSONWriter &JSONWriter::endArray() {
  assert(!stack_.back().isObject && "endArray in an object");
  close(']');
  return *this;
}

JSONWriter &JSONWriter::key(std::string_view name) {
  assert(!stack_.empty() && stack_.back().isObject && !afterKey_ &&
         "key outside an object");
  prefix();
  out_ += jsonQuote(name);
  out_ += ": ";
  afterKey_ = true;
  return *this;
}

JSONWriter &JSONWriter::value(std::string_view s) {
  prefix();
  out_ += jsonQuote(s);
  return *this;
}

JSONWriter &JSONWriter::value(bool b) {
  prefix();
  out_ += b ? "true" : "false";
  return *this;
}

JSONWriter &JSONWriter::value(double d) {
  prefix();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  out_.append(buf, r.ptr);
  return *this;
}

JSONWriter &JSONWriter::value(float f) {
  prefix();
  if (!std::isfinite(f)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, f);
  out_.append(buf, r.ptr);
  return *this;
}

JSONWriter &JSONWriter::integer(int64_t v) {
  prefix();
  out_ += std::to_string(v);
  return *this;
}

JSONWriter &JSONWriter::unsignedInteger(uint64_t v) {
  prefix();
  out_ += std::to_string(v);
  return *this;
}
