//===- Arith.h - snnc-arith umbrella header ---------------------*- C++ -*-===//
//
// The shared integer core (semantics.md): one implementation of rounding,
// requantization, the ST-BIF neuron and spike products for constant folding,
// the integer reference, the functional interpreter and the simulator, so
// they cannot drift apart. MLIR- and LLVM-free.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_ARITH_H
#define SNNC_ARITH_ARITH_H

#include "snnc/Arith/Neuron.h"
#include "snnc/Arith/Requant.h"
#include "snnc/Arith/Rounding.h"
#include "snnc/Arith/SpikeProduct.h"

#endif // SNNC_ARITH_ARITH_H
