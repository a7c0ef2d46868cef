//===- SNNTypes.cpp - snn type parsing, printing and verifiers ------------===//

#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include <limits>

using namespace mlir;
using namespace snnc;
using namespace snnc::snn;

#define GET_TYPEDEF_CLASSES
#include "snnc/Dialect/SNN/SNNTypes.cpp.inc"

void SNNDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "snnc/Dialect/SNN/SNNTypes.cpp.inc"
      >();
}

static LogicalResult verifyShape(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef what, ArrayRef<int64_t> shape) {
  if (llvm::all_of(shape, [](int64_t dim) { return dim >= 1; }))
    return success();
  return emitError() << what << " dimensions must be static and >= 1, got "
                     << formatShape(shape);
}

/// Parses a possibly empty static dimension list; a non-empty one is followed
/// by a comma when `trailingComma` is set. Rank 0 is spelled with no dims.
static ParseResult parseShape(AsmParser &parser,
                              SmallVectorImpl<int64_t> &shape,
                              bool trailingComma) {
  if (parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/false))
    return failure();
  if (trailingComma && !shape.empty())
    return parser.parseComma();
  return success();
}

//===----------------------------------------------------------------------===//
// SpikesType
//===----------------------------------------------------------------------===//

Type SpikesType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape;
  int64_t window;
  if (parser.parseLess() || parseShape(parser, shape, /*trailingComma=*/true))
    return {};
  FailureOr<Encoding> encoding = FieldParser<Encoding>::parse(parser);
  if (failed(encoding) || parser.parseComma() || parser.parseKeyword("T") ||
      parser.parseEqual() || parser.parseInteger(window) ||
      parser.parseGreater())
    return {};
  return parser.getChecked<SpikesType>(loc, parser.getContext(), shape,
                                       *encoding, window);
}

void SpikesType::print(AsmPrinter &printer) const {
  printer << '<';
  if (!getShape().empty()) {
    printer.printDimensionList(getShape());
    printer << ", ";
  }
  printer << stringifyEncoding(getEncoding()) << ", T = " << getWindow() << '>';
}

LogicalResult SpikesType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> shape, Encoding encoding,
                                 int64_t window) {
  if (failed(verifyShape(emitError, "spike train", shape)))
    return failure();
  if (encoding == Encoding::Bitplane) {
    // 32 planes give the full i32 code range of snn.decode.
    if (window < 2 || window > 32)
      return emitError() << "bitplane spike train needs T (bit planes) in "
                            "[2, 32], got "
                         << window;
    return success();
  }
  if (window < 1 || window > std::numeric_limits<int32_t>::max())
    return emitError() << stringifyEncoding(encoding)
                       << " spike train needs T (window length) in [1, "
                       << std::numeric_limits<int32_t>::max() << "], got "
                       << window;
  return success();
}

std::optional<int64_t> SpikesType::getMaxCode() const {
  switch (getEncoding()) {
  case Encoding::Unary:
    return getWindow();
  case Encoding::Bitplane:
    return (int64_t(1) << (getWindow() - 1)) - 1;
  case Encoding::Graded:
    return std::nullopt;
  }
  llvm_unreachable("unknown encoding");
}

//===----------------------------------------------------------------------===//
// CurrentType
//===----------------------------------------------------------------------===//

Type CurrentType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape;
  if (parser.parseLess() ||
      parseShape(parser, shape, /*trailingComma=*/false) ||
      parser.parseGreater())
    return {};
  return parser.getChecked<CurrentType>(loc, parser.getContext(), shape);
}

void CurrentType::print(AsmPrinter &printer) const {
  printer << '<';
  printer.printDimensionList(getShape());
  printer << '>';
}

LogicalResult CurrentType::verify(function_ref<InFlightDiagnostic()> emitError,
                                  ArrayRef<int64_t> shape) {
  return verifyShape(emitError, "current", shape);
}
