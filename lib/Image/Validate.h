//===- Validate.h - image invariants with their location --------*- C++ -*-===//
//
// One implementation of the image invariants for both validate() (in-memory
// images from the emitter) and the reader, which turns the location into a
// section name and byte offset.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_LIB_IMAGE_VALIDATE_H
#define SNNC_LIB_IMAGE_VALIDATE_H

#include "snnc/Image/Format.h"
#include "snnc/Image/Image.h"

#include <optional>
#include <string>

namespace snnc::image::detail {

inline constexpr uint32_t kWholeSection = ~uint32_t(0);

struct Issue {
  SectionKind section;
  /// Core index (cores section) or port index (inputs, outputs), else
  /// kWholeSection.
  uint32_t record;
  std::string message;
};

/// The first violated invariant, if any.
std::optional<Issue> findIssue(const Image &image);

} // namespace snnc::image::detail

#endif // SNNC_LIB_IMAGE_VALIDATE_H
