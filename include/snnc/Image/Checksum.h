//===- Checksum.h - CRC-32C and SHA-256 -------------------------*- C++ -*-===//
//
// Self-contained implementations so the image library needs nothing beyond
// the C++ standard library: CRC-32C (Castagnoli, as in iSCSI/ext4) guards
// each section and detects every single-bit error in it; SHA-256 (FIPS 180-4)
// identifies the whole file and the target description it was built for.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_CHECKSUM_H
#define SNNC_IMAGE_CHECKSUM_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace snnc::image {

/// CRC-32C of data, continuing from a previous result `crc` (0 to start):
/// crc32c(ab) == crc32c(b, crc32c(a)). Reflected polynomial 0x82F63B78,
/// initial value and final xor 0xFFFFFFFF.
uint32_t crc32c(const uint8_t *data, size_t size, uint32_t crc = 0);

using Digest = std::array<uint8_t, 32>;

/// Incremental SHA-256.
class SHA256 {
public:
  SHA256();
  void update(const uint8_t *data, size_t size);
  /// Pads and returns the digest; the object must not be updated afterwards.
  Digest finalize();

private:
  void compress(const uint8_t *block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_;
  size_t buffered_ = 0;
  uint64_t totalBytes_ = 0;
};

/// One-shot SHA-256.
Digest sha256(const uint8_t *data, size_t size);

/// Lower-case hexadecimal, two digits per byte.
std::string toHex(const uint8_t *data, size_t size);
inline std::string toHex(const Digest &d) { return toHex(d.data(), d.size()); }

/// "0x" and the low `digits` hexadecimal digits of v, lower case (no
/// iostreams, so no locale can change it).
std::string hexNumber(uint64_t v, int digits);

} // namespace snnc::image

#endif // SNNC_IMAGE_CHECKSUM_H
