//===- Dump.h - human- and machine-readable image summaries -----*- C++ -*-===//
//
// What `snnc inspect` prints: the header, the file's sections with offsets
// and sizes, per-core occupancy against the target's limits, the output
// axon (routing) tables in summary, and the ports. Both forms are
// deterministic functions of the image and its file layout.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_DUMP_H
#define SNNC_IMAGE_DUMP_H

#include "snnc/Image/Format.h"
#include "snnc/Image/Image.h"

#include <string>

namespace snnc::image {

/// Precondition: `image` is valid (as decodeImage returns it) and `info`
/// its file layout.
std::string dumpText(const Image &image, const FileInfo &info);
std::string dumpJSON(const Image &image, const FileInfo &info);

} // namespace snnc::image

#endif // SNNC_IMAGE_DUMP_H
