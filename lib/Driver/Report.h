//===- Report.h - the HTML report of snnc report ----------------*- C++ -*-===//
//
// Everything `snnc report` shows, gathered by the driver, and its rendering
// as one self-contained HTML page: inline CSS, inline SVG and a few lines of
// inline JavaScript, nothing fetched. MLIR-free; the page is a pure function
// of these data, so equal inputs give equal bytes.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_LIB_DRIVER_REPORT_H
#define SNNC_LIB_DRIVER_REPORT_H

#include "snnc/Driver/VerifyReport.h"
#include "snnc/Image/Image.h"
#include "snnc/Sim/Simulator.h"

#include <optional>
#include <string>

namespace snnc {

/// Spike events kept for the rasters; beyond them the page says the raster
/// is cut short.
inline constexpr uint64_t kReportMaxSpikeEvents = 200000;

struct ReportData {
  std::string input;  ///< the model or image file, as given
  std::string target; ///< the image's target name
  std::vector<std::string> inputs;
  const image::Image *image = nullptr;
  /// The recorded simulator run on `inputs` (RecordOptions: spikes and
  /// traffic).
  const sim::Result *run = nullptr;
  /// The error table's data; absent for an image, which has no model.
  std::optional<VerifyReport> verify;
};

/// The whole page.
std::string renderReportHTML(const ReportData &data);

} // namespace snnc

#endif // SNNC_LIB_DRIVER_REPORT_H
