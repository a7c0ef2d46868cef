//===- JSONTest.cpp - deterministic JSON writer ---------------------------===//

#include "snnc/Image/JSON.h"

#include "JSONCheck.h"

#include <gtest/gtest.h>

#include <limits>

using namespace snnc::image;
using snnc::image::test::JSONChecker;

namespace {
TEST(JSONWriter, LayoutIsExact) {
  JSONWriter j;
  j.beginObject();
  j.member("a", 1).member("b", "two");
  j.key("c").beginArray(JSONWriter::Layout::Compact);
  j.value(1).value(2).value(3);
  j.endArray();
  j.key("d").beginArray();
  j.beginObject().member("e", true).endObject();
  j.beginObject().endObject();
  j.endArray();
  j.key("f").beginArray().endArray();
  j.endObject();
  EXPECT_EQ(j.str(), "{\n"
                     "  \"a\": 1,\n"
                     "  \"b\": \"two\",\n"
                     "  \"c\": [1, 2, 3],\n"
                     "  \"d\": [\n"
                     "    {\n"
                     "      \"e\": true\n"
                     "    },\n"
                     "    {}\n"
                     "  ],\n"
                     "  \"f\": []\n"
                     "}");
  EXPECT_TRUE(JSONChecker::valid(j.str()));
}

TEST(JSONWriter, Numbers) {
  JSONWriter j;
  j.beginArray(JSONWriter::Layout::Compact);
  j.value(std::numeric_limits<int64_t>::min());
  j.value(std::numeric_limits<uint64_t>::max());
  j.value(int8_t(-5)).value(uint16_t(7));
  j.value(0.1).value(0.1f).value(1e-7).value(-2.5e300);
  j.value(std::numeric_limits<double>::quiet_NaN());
  j.value(std::numeric_limits<float>::infinity());
  j.endArray();
  EXPECT_EQ(j.str(), "[-9223372036854775808, 18446744073709551615, -5, 7, "
                     "0.1, 0.1, 1e-07, -2.5e+300, null, null]");
  EXPECT_TRUE(JSONChecker::valid(j.str()));
}

TEST(JSONQuote, EscapesPerRfc8259) {
  EXPECT_EQ(jsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(jsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(jsonQuote("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(jsonQuote(std::string("\x01\x1f\x7f", 3)),
            "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(jsonQuote(std::string("nul\0in", 6)), "\"nul\\u0000in\"");
  EXPECT_EQ(jsonQuote("/"), "\"/\"");
}

TEST(JSONQuote, KeepsValidUtf8AndReplacesInvalid) {
  EXPECT_EQ(jsonQuote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  // Lone continuation byte, truncated sequence, overlong encoding,
  // surrogate, beyond U+10FFFF.
  EXPECT_EQ(jsonQuote("\x80"), "\"\\ufffd\"");
  EXPECT_EQ(jsonQuote("\xc3"), "\"\\ufffd\"");
  EXPECT_EQ(jsonQuote("\xc0\x80"), "\"\\ufffd\\ufffd\"");
  EXPECT_EQ(jsonQuote("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
  EXPECT_EQ(jsonQuote("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
  EXPECT_EQ(jsonQuote("a\xe2\x82z"), "\"a\\ufffd\\ufffdz\"");
  for (int b = 0; b < 256; ++b) {
    const std::string s(1, char(b));
    EXPECT_TRUE(JSONChecker::valid(jsonQuote(s))) << b;
  }
}

TEST(JSONChecker, RejectsInvalidDocuments) {
  EXPECT_FALSE(JSONChecker::valid("{\"a\": 1,}"));
  EXPECT_FALSE(JSONChecker::valid("[1 2]"));
  EXPECT_FALSE(JSONChecker::valid("\"\x01\""));
  EXPECT_FALSE(JSONChecker::valid("01"));
  EXPECT_FALSE(JSONChecker::valid("{} {}"));
  EXPECT_TRUE(JSONChecker::valid(" {\"a\": [1, -0.5e3, \"\\u00e9\"]} "));
}
} // namespace
