//===- FormatTest.cpp - image files: round trip, corruption, versions -----===//

#include "snnc/Image/Format.h"

#include "TestImage.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

using namespace snnc::image;
using snnc::image::test::makeSmallImage;
using snnc::image::test::makeSpiNNakerImage;

namespace {
std::vector<uint8_t> encodeOk(const Image &img) {
  Expected<std::vector<uint8_t>> bytes = encodeImage(img);
  EXPECT_TRUE(bool(bytes)) << bytes.error().message();
  return bytes ? *bytes : std::vector<uint8_t>();
}

FileInfo layoutOf(const std::vector<uint8_t> &bytes) {
  FileInfo info;
  Expected<Image> img = decodeImage(bytes.data(), bytes.size(), &info);
  EXPECT_TRUE(bool(img)) << img.error().message();
  return info;
}

/// Name of the region holding byte `offset`, as the reader reports it.
std::string regionOf(const FileInfo &info, uint64_t offset) {
  if (offset < kPreambleBytes)
    return "preamble";
  if (offset < info.sections.front().offset)
    return "section table";
  for (const SectionInfo &s : info.sections)
    if (offset < s.offset + s.size)
      return sectionName(s.kind);
  return "sha256";
}

/// Checks "section '<name>' at offset <n>: ..." and returns n.
uint64_t expectSectionMessage(const std::string &message,
                              const std::string &name) {
  const std::string prefix = "section '" + name + "' at offset ";
  EXPECT_EQ(message.rfind(prefix, 0), 0u)
      << "expected '" << name << "' in: " << message;
  return std::stoull(message.substr(prefix.size()));
}

/// The payloads of a valid file, to re-wrap modified copies.
std::vector<SectionData> sectionsOf(const std::vector<uint8_t> &bytes) {
  std::vector<SectionData> out;
  for (const SectionInfo &s : layoutOf(bytes).sections)
    out.push_back({s.kind, s.flags,
                   std::vector<uint8_t>(bytes.begin() + s.offset,
                                        bytes.begin() + s.offset + s.size)});
  return out;
}

SectionData &findSection(std::vector<SectionData> &sections, SectionKind k) {
  for (SectionData &s : sections)
    if (s.kind == uint32_t(k))
      return s;
  ADD_FAILURE() << "no section " << uint32_t(k);
  return sections.front();
}

void storeLE(std::vector<uint8_t> &v, size_t at, uint64_t x, int n) {
  for (int i = 0; i < n; ++i)
    v[at + i] = uint8_t(x >> (8 * i));
}

std::string decodeError(const std::vector<uint8_t> &bytes) {
  Expected<Image> img = decodeImage(bytes.data(), bytes.size());
  EXPECT_FALSE(bool(img));
  return img ? std::string() : img.error().message();
}

TEST(Format, RoundTrip) {
  const Image img = makeSmallImage();
  const std::vector<uint8_t> bytes = encodeOk(img);
  FileInfo info;
  Expected<Image> back = decodeImage(bytes.data(), bytes.size(), &info);
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
  EXPECT_EQ(info.major, kFormatMajor);
  // Loihi-like images are still written as 1.0.
  EXPECT_EQ(info.minor, 0);
  EXPECT_EQ(info.size, bytes.size());
  EXPECT_EQ(info.sha256, sha256(bytes.data(), bytes.size() - kTrailerBytes));
  ASSERT_EQ(info.sections.size(), 6u);
  uint64_t at = kPreambleBytes + 6 * kSectionEntryBytes + 4;
  for (const SectionInfo &s : info.sections) {
    EXPECT_EQ(s.offset, at);
    EXPECT_EQ(s.flags, kSectionRequired);
    EXPECT_NE(sectionName(s.kind), nullptr);
    at += s.size;
  }
  EXPECT_EQ(at + kTrailerBytes, bytes.size());
}

TEST(Format, EmptyNetworkRoundTrips) {
  Image img = test::makeBaseImage();
  const std::vector<uint8_t> bytes = encodeOk(img);
  Expected<Image> back = decodeImage(bytes.data(), bytes.size());
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
}

TEST(Format, IsDeterministic) {
  const Image img = makeSmallImage();
  const Image copy = img;
  const std::vector<uint8_t> bytes = encodeOk(img);
  EXPECT_EQ(bytes, encodeOk(copy));
  Expected<Image> back = decodeImage(bytes.data(), bytes.size());
  ASSERT_TRUE(bool(back));
  EXPECT_EQ(encodeOk(*back), bytes);
}

// Pins the byte layout: a change here is a format change and needs a version
// bump (docs/image-format.md).
TEST(Format, LayoutIsStable) {
  const std::vector<uint8_t> bytes = encodeOk(makeSmallImage());
  EXPECT_EQ(bytes.size(), 1084u);
  EXPECT_EQ(toHex(sha256(bytes.data(), bytes.size())),
            "001a26023459a3f1133dedaa40589a74d4413e4c4bd772600eade696e5888b09");
  // Magic, version 1.0, six sections.
  EXPECT_EQ(toHex(bytes.data(), 16), "89534e4e430d0a1a0100000006000000");
}

TEST(Format, EveryBitFlipIsDetectedAndLocated) {
  std::vector<uint8_t> bytes = encodeOk(makeSmallImage());
  const FileInfo info = layoutOf(bytes);
  for (size_t bit = 0; bit < bytes.size() * 8; ++bit) {
    const size_t byte = bit / 8;
    bytes[byte] ^= uint8_t(1u << (bit % 8));
    Expected<Image> img = decodeImage(bytes.data(), bytes.size());
    ASSERT_FALSE(bool(img)) << "bit " << bit << " not detected";
    const std::string region = regionOf(info, byte);
    const uint64_t at = expectSectionMessage(img.error().message(), region);
    EXPECT_EQ(regionOf(info, at), region) << img.error().message();
    bytes[byte] ^= uint8_t(1u << (bit % 8));
    if (::testing::Test::HasFailure())
      break;
  }
}

TEST(Format, EveryTruncationIsDetectedAndLocated) {
  const std::vector<uint8_t> bytes = encodeOk(makeSmallImage());
  const FileInfo info = layoutOf(bytes);
  for (size_t len = 0; len < bytes.size(); ++len) {
    Expected<Image> img = decodeImage(bytes.data(), len);
    ASSERT_FALSE(bool(img)) << "length " << len;
    const std::string &msg = img.error().message();
    EXPECT_EQ(expectSectionMessage(msg, regionOf(info, len)), len) << msg;
    EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
    if (::testing::Test::HasFailure())
      break;
  }
}

TEST(Format, TrailingBytesAreRejected) {
  std::vector<uint8_t> bytes = encodeOk(makeSmallImage());
  const size_t size = bytes.size();
  bytes.push_back(0);
  const std::string msg = decodeError(bytes);
  EXPECT_EQ(expectSectionMessage(msg, "sha256"), size);
  EXPECT_NE(msg.find("1 unexpected bytes"), std::string::npos) << msg;
}

TEST(Format, NotAnImage) {
  const std::string text = "hello, world: not an image at all, but long";
  const std::vector<uint8_t> bytes(text.begin(), text.end());
  EXPECT_EQ(decodeError(bytes),
            "section 'preamble' at offset 0: bad magic: not an snnc image");
}

/// Bytes with the given version and a recomputed preamble CRC.
std::vector<uint8_t> withVersion(std::vector<uint8_t> bytes, uint16_t major,
                                 uint16_t minor) {
  storeLE(bytes, 8, major, 2);
  storeLE(bytes, 10, minor, 2);
  storeLE(bytes, 24, crc32c(bytes.data(), 24), 4);
  return bytes;
}

TEST(Format, RefusesNewerMajorVersion) {
  const std::vector<uint8_t> bytes = encodeOk(makeSmallImage());
  EXPECT_EQ(decodeError(withVersion(bytes, kFormatMajor + 1, 3)),
            "section 'preamble' at offset 8: image format 2.3 is newer than "
            "this reader supports (1.1); use a newer snnc");
  EXPECT_EQ(decodeError(withVersion(bytes, 0, 9)),
            "section 'preamble' at offset 8: image format 0.9 is no longer "
            "supported (1.1); recompile the model");
}

TEST(Format, AcceptsNewerMinorAndSkipsUnknownOptionalSections) {
  const Image img = makeSmallImage();
  std::vector<SectionData> sections = sectionsOf(encodeOk(img));
  sections.insert(sections.begin() + 2, {0x0207, 0, {1, 2, 3, 4}});
  const std::vector<uint8_t> bytes =
      writeContainer(kFormatMajor, kFormatMinor + 5, sections);
  FileInfo info;
  Expected<Image> back = decodeImage(bytes.data(), bytes.size(), &info);
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
  EXPECT_EQ(info.minor, kFormatMinor + 5);
  EXPECT_EQ(info.sections.size(), 7u);
}

TEST(Format, RefusesUnknownRequiredSection) {
  std::vector<SectionData> sections = sectionsOf(encodeOk(makeSmallImage()));
  sections.push_back({0x0301, kSectionRequired, {9}});
  const std::vector<uint8_t> bytes = writeContainer(1, 4, sections);
  const std::string msg = decodeError(bytes);
  EXPECT_EQ(msg.rfind("section 0x0301 at offset ", 0), 0u) << msg;
  EXPECT_NE(msg.find("required section unknown to this reader (format 1.4)"),
            std::string::npos)
      << msg;
}

TEST(Format, RefusesMissingAndDuplicateSections) {
  std::vector<SectionData> sections = sectionsOf(encodeOk(makeSmallImage()));
  std::vector<SectionData> missing = sections;
  missing.erase(missing.begin() + 3);
  EXPECT_EQ(decodeError(writeContainer(1, 0, missing)),
            "section 'section table' at offset 28: missing section 'cores'");
  std::vector<SectionData> twice = sections;
  twice.push_back(sections[1]);
  EXPECT_EQ(decodeError(writeContainer(1, 0, twice)),
            "section 'section table' at offset 196: duplicate section 'mesh'");
}

TEST(Format, HostileCountsFailBeforeAllocating) {
  std::vector<SectionData> good = sectionsOf(encodeOk(makeSmallImage()));
  auto patched = [&](SectionKind kind, size_t at, uint64_t value, int n) {
    std::vector<SectionData> s = good;
    storeLE(findSection(s, kind).payload, at, value, n);
    return decodeError(writeContainer(1, 0, s));
  };
  const uint64_t cores =
      layoutOf(writeContainer(1, 0, good)).sections[3].offset;
  EXPECT_EQ(patched(SectionKind::LoihiCores, 0, 0xFFFFFFFF, 4),
            "section 'cores' at offset " + std::to_string(cores) +
                ": core count 4294967295 exceeds the cap 1048576");
  const size_t remain =
      findSection(good, SectionKind::LoihiCores).payload.size() - 4;
  EXPECT_EQ(patched(SectionKind::LoihiCores, 0, 1000, 4),
            "section 'cores' at offset " + std::to_string(cores) +
                ": core count 1000 needs 36000 bytes, only " +
                std::to_string(remain) + " remain");
  // Core 0's neuron count (descriptor field 4) far beyond the section.
  const std::string msg =
      patched(SectionKind::LoihiCores, 4 + 12, 0xFFFFFFF0, 4);
  EXPECT_NE(msg.find("core tables need"), std::string::npos) << msg;
  // Input port name length, rank, and a shape with 2^40 elements.
  EXPECT_NE(patched(SectionKind::Inputs, 4, 0x7FFFFFFF, 4)
                .find("string length 2147483647 exceeds 4096"),
            std::string::npos);
  EXPECT_NE(patched(SectionKind::Inputs, 4 + 4 + 1, 1000, 4)
                .find("dimension count 1000 exceeds the cap 16"),
            std::string::npos);
  EXPECT_NE(patched(SectionKind::Inputs, 4 + 4 + 1 + 4, int64_t(1) << 40, 8)
                .find("shape has a negative dimension"),
            std::string::npos);
}

TEST(Format, InvalidContentNamesSectionAndRecord) {
  const Image img = makeSmallImage();
  std::vector<SectionData> s = sectionsOf(encodeOk(img));
  // Core 1's first profile index: after the count, three descriptors, core
  // 0's tables and core 1's single profile.
  const Core &c0 = img.cores[0];
  const uint64_t body0 = c0.profiles.size() * 24 + c0.neuronCount * (2 + 8) +
                         c0.formats.size() * 2 + c0.synapseWords.size() * 8 +
                         c0.inputAxons.size() * 16 + (c0.neuronCount + 1) * 4 +
                         c0.outputAxons.size() * 8;
  std::vector<uint8_t> &payload =
      findSection(s, SectionKind::LoihiCores).payload;
  const uint64_t at = 4 + 3 * 36 + body0 + 24;
  ASSERT_EQ(payload[at], 0);
  payload[at] = 9;
  const std::vector<uint8_t> bytes = writeContainer(1, 0, s);
  const uint64_t section = layoutOf(encodeOk(img)).sections[3].offset;
  EXPECT_EQ(decodeError(bytes),
            "section 'cores' at offset " + std::to_string(section + 4 + 36) +
                ": core 1: neuron 0: profile index 9 out of range (1 "
                "profiles)");
}

TEST(Format, TruncatedPayloadsWithValidChecksumsAreRejected) {
  const std::vector<SectionData> good = sectionsOf(encodeOk(makeSmallImage()));
  for (size_t k = 0; k < good.size(); ++k) {
    for (size_t len = 0; len < good[k].payload.size(); ++len) {
      std::vector<SectionData> s = good;
      s[k].payload.resize(len);
      const std::vector<uint8_t> bytes = writeContainer(1, 0, s);
      Expected<Image> img = decodeImage(bytes.data(), bytes.size());
      ASSERT_FALSE(bool(img)) << sectionName(good[k].kind) << " " << len;
      expectSectionMessage(img.error().message(), sectionName(good[k].kind));
    }
  }
}

// Random damage behind valid checksums: the parser and validator must
// reject (or accept a still-valid image), never crash or over-allocate.
// Run under ASan/UBSan for full effect.
TEST(Format, FuzzedPayloadsNeverCrash) {
  const std::vector<SectionData> good = sectionsOf(encodeOk(makeSmallImage()));
  std::mt19937 rng(12345);
  int rejected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::vector<SectionData> s = good;
    SectionData &victim = s[rng() % s.size()];
    const int edits = 1 + rng() % 4;
    for (int e = 0; e < edits && !victim.payload.empty(); ++e) {
      const size_t at = rng() % victim.payload.size();
      switch (rng() % 4) {
      case 0:
        victim.payload[at] ^= uint8_t(1u << (rng() % 8));
        break;
      case 1:
        victim.payload[at] = uint8_t(rng());
        break;
      case 2:
        victim.payload[at] = 0xFF;
        break;
      default:
        victim.payload.erase(victim.payload.begin() + at);
      }
    }
    const std::vector<uint8_t> bytes = writeContainer(1, 0, s);
    FileInfo info;
    Expected<Image> img = decodeImage(bytes.data(), bytes.size(), &info);
    if (!img) {
      ++rejected;
      EXPECT_EQ(img.error().message().rfind("section '", 0), 0u)
          << img.error().message();
    } else {
      EXPECT_FALSE(validate(*img).failed());
    }
  }
  EXPECT_GT(rejected, 10000);
}
} // namespace

TEST(Format, SpiNNakerRoundTripsAsFormat11) {
  const Image img = makeSpiNNakerImage();
  const std::vector<uint8_t> bytes = encodeOk(img);
  FileInfo info;
  Expected<Image> back = decodeImage(bytes.data(), bytes.size(), &info);
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
  EXPECT_EQ(info.minor, 1);
  ASSERT_EQ(info.sections.size(), 6u);
  EXPECT_EQ(info.sections[1].kind, uint32_t(SectionKind::SpiNNakerMachine));
  EXPECT_EQ(info.sections[3].kind, uint32_t(SectionKind::SpiNNakerRouters));
}

TEST(Format, SpiNNakerBitFlipsAndTruncationsAreDetected) {
  std::vector<uint8_t> bytes = encodeOk(makeSpiNNakerImage());
  const FileInfo info = layoutOf(bytes);
  for (size_t bit = 0; bit < bytes.size() * 8; ++bit) {
    const size_t byte = bit / 8;
    bytes[byte] ^= uint8_t(1u << (bit % 8));
    Expected<Image> img = decodeImage(bytes.data(), bytes.size());
    ASSERT_FALSE(bool(img)) << "bit " << bit << " not detected";
    expectSectionMessage(img.error().message(), regionOf(info, byte));
    bytes[byte] ^= uint8_t(1u << (bit % 8));
    if (::testing::Test::HasFailure())
      break;
  }
  for (size_t len = 0; len < bytes.size(); ++len) {
    Expected<Image> img = decodeImage(bytes.data(), len);
    ASSERT_FALSE(bool(img)) << "length " << len;
    EXPECT_NE(img.error().message().find("truncated"), std::string::npos)
        << img.error().message();
    if (::testing::Test::HasFailure())
      break;
  }
}

TEST(Format, SpiNNakerInvariants) {
  auto message = [](void (*mutate)(Image &)) {
    Image img = makeSpiNNakerImage();
    mutate(img);
    return validate(img).message();
  };
  EXPECT_EQ(message([](Image &i) {
              i.spinnaker.cores[1].popTable.push_back({0x8, 0xFFFFFFF8u, 0, 1});
            }),
            "spinnaker cores: core 1: population table entry 1: key "
            "0x00000008 is not above the previous entry's keys");
  EXPECT_EQ(message([](Image &i) {
              i.spinnaker.cores[1].synapses[2] =
                  packSynapse(i.spinnaker.layout, 1, 0, 0, 1);
            }),
            "spinnaker cores: core 1: synapse word 2 (0x00010001): neuron "
            "index not below 2, type not below 1 or delay 0");
  EXPECT_EQ(message([](Image &i) {
              i.spinnaker.routers[0].assign(9, {0, 0, 1});
            }),
            "routers: chip 0: router entries 9 exceeds the core limit 8");
  EXPECT_EQ(message([](Image &i) { i.mesh.chips = 3; }),
            "machine: 3 chips in 2 columns are not a full triangular board");
  EXPECT_EQ(message([](Image &i) { i.spinnaker.dtcmBytes = 50; }),
            "spinnaker cores: core 0: DTCM use of 92 bytes exceeds the "
            "core's 50");
}
