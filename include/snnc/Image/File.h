//===- File.h - whole-file reads and atomic writes --------------*- C++ -*-===//
//
// Outputs are never left half-written: the bytes go to a temporary file in
// the destination's directory, are flushed to disk, and the temporary is
// renamed over the destination (atomic on POSIX file systems). On any error
// the temporary is removed and an existing destination is left untouched.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_FILE_H
#define SNNC_IMAGE_FILE_H

#include "snnc/Image/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snnc::image {

Error writeFileAtomic(const std::string &path, const uint8_t *data,
                      size_t size);
inline Error writeFileAtomic(const std::string &path,
                             const std::vector<uint8_t> &bytes) {
  return writeFileAtomic(path, bytes.data(), bytes.size());
}

Expected<std::vector<uint8_t>> readFile(const std::string &path);

} // namespace snnc::image

#endif // SNNC_IMAGE_FILE_H
