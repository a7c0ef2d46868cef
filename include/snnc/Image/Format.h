//===- Format.h - the chip image file format --------------------*- C++ -*-===//
//
// Reading and writing image files (byte layout: docs/image-format.md).
//
// Two layers: a container (preamble, section table, sections, SHA-256
// trailer; every byte covered by a CRC-32C or the trailer) that knows
// nothing of the payloads, and the codec between Image and the sections.
// Every error names the section and the absolute byte offset:
//   section 'cores' at offset 1234: CRC-32C mismatch (...)
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_FORMAT_H
#define SNNC_IMAGE_FORMAT_H

#include "snnc/Image/Checksum.h"
#include "snnc/Image/Error.h"
#include "snnc/Image/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snnc::image {

/// Section kinds. 0x00xx are common to every target family; each family has
/// its own range for its payloads (0x01xx Loihi-like, 0x02xx SpiNNaker-like;
/// FPGA payloads will take 0x03xx).
enum class SectionKind : uint32_t {
  Header = 0x0001,
  Inputs = 0x0002,
  Outputs = 0x0003,
  LoihiMesh = 0x0101,
  LoihiCost = 0x0102,
  LoihiCores = 0x0103,
  SpiNNakerMachine = 0x0201,
  SpiNNakerCores = 0x0202,
  SpiNNakerRouters = 0x0203,
};

/// Section flag: a reader that does not know the kind must refuse the file
/// (otherwise it skips the section after checking its CRC).
inline constexpr uint32_t kSectionRequired = 1;

/// Name of a known section kind ("cores"), nullptr for an unknown kind.
const char *sectionName(uint32_t kind);

/// Sizes of the fixed parts of the container.
inline constexpr uint64_t kPreambleBytes = 28;
inline constexpr uint64_t kSectionEntryBytes = 28;
inline constexpr uint64_t kTrailerBytes = 32;
inline constexpr uint32_t kMaxSections = 256;

struct SectionInfo {
  uint32_t kind = 0;
  uint32_t flags = 0;
  uint64_t offset = 0; ///< absolute offset of the payload
  uint64_t size = 0;
  uint32_t crc32c = 0;
};

/// Layout of a checked file, for dumps and for reading payloads.
struct FileInfo {
  uint16_t major = 0;
  uint16_t minor = 0;
  uint64_t size = 0;
  Digest sha256{}; ///< of every byte before the trailer
  std::vector<SectionInfo> sections;
};

/// A section to write: the container computes offsets and checksums.
struct SectionData {
  uint32_t kind = 0;
  uint32_t flags = kSectionRequired;
  std::vector<uint8_t> payload;
};

/// Assembles a container. Sections are laid out contiguously in the given
/// order. Precondition: at most kMaxSections sections.
std::vector<uint8_t> writeContainer(uint16_t major, uint16_t minor,
                                    const std::vector<SectionData> &sections);

/// Checks magic, version, sizes, layout, every CRC and the SHA-256; section
/// payloads are then data[offset, offset + size).
Expected<FileInfo> readContainer(const uint8_t *data, size_t size);

/// Validates and serializes an image; deterministic (byte-identical for
/// equal images).
Expected<std::vector<uint8_t>> encodeImage(const Image &image);

/// Reads and validates an image from bytes. On success, `info` (if given)
/// receives the file layout.
Expected<Image> decodeImage(const uint8_t *data, size_t size,
                            FileInfo *info = nullptr);

/// encodeImage + writeFileAtomic.
Error writeImageFile(const Image &image, const std::string &path);

/// readFile + decodeImage.
Expected<Image> readImageFile(const std::string &path,
                              FileInfo *info = nullptr);

} // namespace snnc::image

#endif // SNNC_IMAGE_FORMAT_H
