//===- DumpTest.cpp - text and JSON dumps ---------------------------------===//

#include "snnc/Image/Dump.h"

#include "JSONCheck.h"
#include "TestImage.h"

#include <gtest/gtest.h>

using namespace snnc::image;
using snnc::image::test::JSONChecker;
using snnc::image::test::makeSmallImage;

namespace {
struct Decoded {
  Image image;
  FileInfo info;
};

Decoded roundTrip(const Image &img) {
  Decoded d;
  const std::vector<uint8_t> bytes = *encodeImage(img);
  d.image = *decodeImage(bytes.data(), bytes.size(), &d.info);
  return d;
}

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(DumpText, ShowsHeaderSectionsOccupancyAndRouting) {
  const Decoded d = roundTrip(makeSmallImage());
  const std::string text = dumpText(d.image, d.info);
  EXPECT_EQ(text, dumpText(d.image, d.info));
  EXPECT_EQ(text.rfind("snnc image, format 1.0, " +
                           std::to_string(d.info.size) + " bytes\n",
                       0),
            0u)
      << text;
  for (const char *needle :
       {"sha256    " /*file digest*/, "target    loihi (family loihi)",
        "compiler  snnc 0.1.0",
        "options   encoding unary, timesteps 4, bits 8, seed "
        "81985529216486895",
        "window    until_quiescent, max 64 steps",
        "mesh      mesh2d, 4 x 4 cores per chip in tiles of 2 x 2, 2 chip(s), "
        "2 per row",
        "sections (6):", "0x0103  cores       required",
        "core 0 at chip 0 (0, 0): neurons 3/8192 (0.0%), synapse words "
        "2/16384 (0.0%), input axons 2/4096 (0.0%), output axons 3/4096 "
        "(0.0%), profiles 2/32 (6.2%), formats 2/8 (25.0%); sends to 2 "
        "core(s), max fan-out 2",
        "routing   4 output axon entries, 3 core-to-core links (1 within a "
        "tile)",
        "  x [1, 2], scale 0.25 (0x3e800000), codes [-4, 4], encoder unary, 3 "
        "axon targets",
        "  y [2], scale 0.5 (0x3f000000)"})
    EXPECT_TRUE(contains(text, needle)) << needle << "\n--- in ---\n" << text;
}

TEST(DumpJSON, IsValidAndComplete) {
  Image img = makeSmallImage();
  img.inputs[0].name = "in\"put\n\x01\xff";
  const Decoded d = roundTrip(img);
  const std::string json = dumpJSON(d.image, d.info);
  EXPECT_EQ(json, dumpJSON(d.image, d.info));
  EXPECT_TRUE(JSONChecker::valid(json)) << json;
  for (const char *needle :
       {"\"format_major\": 1", "\"target\": \"loihi\"",
        "\"seed\": 81985529216486895", "\"window\": \"until_quiescent\"",
        "\"state_bits\": 24", "\"static_power_uw\": 104000",
        "\"name\": \"cores\"", "\"destination_cores\": [1, 2]",
        "\"within_tile_links\": 1", "\"name\": \"in\\\"put\\n\\u0001\\ufffd\"",
        "\"scale\": 0.25", "\"scale_bits\": \"0x3e800000\""})
    EXPECT_TRUE(contains(json, needle)) << needle << "\n--- in ---\n" << json;
}
} // namespace
