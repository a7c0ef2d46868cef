# Finds Debian's LLVM/MLIR 19 (out of tree) and sets up TableGen, lit and the
# LLVM build conventions for everything under dialects/, lib/ (compiler side)
# and tools/.

# Debian does not put /usr/lib/llvm-19/lib/cmake on CMake's search path, and
# MLIRConfigVersion requires a major.minor match ("19" alone is rejected).
find_package(MLIR 19.1 REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/mlir)
message(STATUS "Using MLIRConfig.cmake in: ${MLIR_DIR}")

list(APPEND CMAKE_MODULE_PATH "${MLIR_CMAKE_DIR}" "${LLVM_CMAKE_DIR}")
set(LLVM_RUNTIME_OUTPUT_INTDIR ${CMAKE_BINARY_DIR}/bin)
set(LLVM_LIBRARY_OUTPUT_INTDIR ${CMAKE_BINARY_DIR}/lib)
set(MLIR_BINARY_DIR ${CMAKE_BINARY_DIR})

include(TableGen)
include(AddLLVM)
include(AddMLIR)
include(HandleLLVMOptions)

# MLIR_INCLUDE_DIR (singular) points into Debian's build tree; the plural is right.
include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
include_directories(${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include)
# ODS files include each other as "XF/XFOps.td", "SNN/SNNTypes.td", ...
include_directories(${PROJECT_SOURCE_DIR}/dialects)
link_directories(${LLVM_BUILD_LIBRARY_DIR})
add_definitions(${LLVM_DEFINITIONS})

# `python3` on PATH may be an interpreter that does not see Debian's packages.
set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python for lit")
find_package(Python3 REQUIRED COMPONENTS Interpreter)

# Debian ships no llvm-lit; lit.py lives in llvm-19-tools.
set(LLVM_EXTERNAL_LIT "${LLVM_TOOLS_BINARY_DIR}/../build/utils/lit/lit.py"
    CACHE STRING "Command used to spawn lit")
if(NOT EXISTS "${LLVM_EXTERNAL_LIT}")
  message(FATAL_ERROR "lit not found at ${LLVM_EXTERNAL_LIT}: install llvm-19-tools (scripts/setup.sh)")
endif()

# Protobuf must be found before ONNX: ONNXConfig.cmake references
# protobuf::libprotobuf without finding it.
find_package(Protobuf REQUIRED)
find_package(ONNX REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)

configure_file(${PROJECT_SOURCE_DIR}/include/snnc/Config.h.in
               ${PROJECT_BINARY_DIR}/include/snnc/Config.h @ONLY)
add_custom_target(SNNCConfigHeader DEPENDS ${PROJECT_BINARY_DIR}/include/snnc/Config.h)
