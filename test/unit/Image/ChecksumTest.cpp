//===- ChecksumTest.cpp - CRC-32C and SHA-256 against known vectors -------===//

#include "snnc/Image/Checksum.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace snnc::image;

namespace {
const uint8_t *bytes(const std::string &s) {
  return reinterpret_cast<const uint8_t *>(s.data());
}

// RFC 3720 appendix B.4 and the common "123456789" check value.
TEST(Crc32c, KnownVectors) {
  EXPECT_EQ(crc32c(nullptr, 0), 0u);
  EXPECT_EQ(crc32c(bytes("123456789"), 9), 0xE3069283u);
  std::vector<uint8_t> v(32, 0x00);
  EXPECT_EQ(crc32c(v.data(), v.size()), 0x8A9136AAu);
  v.assign(32, 0xFF);
  EXPECT_EQ(crc32c(v.data(), v.size()), 0x62A8AB43u);
  for (int i = 0; i < 32; ++i)
    v[i] = uint8_t(i);
  EXPECT_EQ(crc32c(v.data(), v.size()), 0x46DD794Eu);
  for (int i = 0; i < 32; ++i)
    v[i] = uint8_t(31 - i);
  EXPECT_EQ(crc32c(v.data(), v.size()), 0x113FDB5Cu);
}

TEST(Crc32c, ContinuesAcrossChunks) {
  const std::string s = "The quick brown fox jumps over the lazy dog";
  const uint32_t whole = crc32c(bytes(s), s.size());
  for (size_t cut = 0; cut <= s.size(); ++cut)
    EXPECT_EQ(crc32c(bytes(s) + cut, s.size() - cut, crc32c(bytes(s), cut)),
              whole);
}

TEST(Crc32c, DetectsEverySingleBitFlip) {
  std::vector<uint8_t> v(100);
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = uint8_t(i * 37 + 11);
  const uint32_t good = crc32c(v.data(), v.size());
  for (size_t bit = 0; bit < v.size() * 8; ++bit) {
    v[bit / 8] ^= uint8_t(1u << (bit % 8));
    EXPECT_NE(crc32c(v.data(), v.size()), good) << "bit " << bit;
    v[bit / 8] ^= uint8_t(1u << (bit % 8));
  }
}

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf", SHA2 additional examples).
TEST(Sha256, FipsVectors) {
  EXPECT_EQ(toHex(sha256(nullptr, 0)),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(toHex(sha256(bytes("abc"), 3)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(toHex(sha256(bytes(two), two.size())),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string four =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
      "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  EXPECT_EQ(toHex(sha256(bytes(four), four.size())),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(toHex(sha256(bytes(million), million.size())),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
  // Messages of 55, 56, 63 and 64 bytes straddle the one/two-block padding.
  const std::pair<size_t, const char *> cases[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const auto &[n, hex] : cases) {
    const std::string s(n, 'a');
    EXPECT_EQ(toHex(sha256(bytes(s), s.size())), hex) << n << " bytes";
  }
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::mt19937 rng(7);
  std::vector<uint8_t> data(1000);
  for (uint8_t &b : data)
    b = uint8_t(rng());
  const Digest whole = sha256(data.data(), data.size());
  for (int trial = 0; trial < 200; ++trial) {
    SHA256 h;
    for (size_t at = 0; at < data.size();) {
      const size_t n = std::min<size_t>(rng() % 130, data.size() - at);
      h.update(data.data() + at, n);
      at += n;
    }
    EXPECT_EQ(h.finalize(), whole);
  }
}
} // namespace
