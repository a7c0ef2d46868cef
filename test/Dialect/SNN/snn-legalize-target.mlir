// RUN: snn-opt %s --snn-legalize-target=target=loihi -split-input-file | FileCheck %s

// A population whose potential already fits 24 bits keeps its threshold and
// multipliers; the synapse records its format. Unary codes in [0, 16] through
// weights [1, -2, 3] and bias 4 give prefix sums in [-28, 68].

// CHECK-LABEL: func.func @fits
// CHECK: snn.synapse
// CHECK-SAME: chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 4, nmin = 0, nmax = 16>
// CHECK-SAME: multipliers = array<i64: 5>
func.func @fits(%x: tensor<3xi32> {snn.qmin = 0 : i64, snn.qmax = 16 : i64}) -> !snn.spikes<1, unary, T = 16> {
  %s = snn.encode %x : tensor<3xi32> -> !snn.spikes<3, unary, T = 16>
  %c = snn.synapse %s {weights = dense<[[1, -2, 3]]> : tensor<1x3xi8>, bias = dense<4> : tensor<1xi32>} : !snn.spikes<3, unary, T = 16> -> !snn.current<1>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 4, nmin = 0, nmax = 16>, multipliers = array<i64: 5>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 16>
  return %n : !snn.spikes<1, unary, T = 16>
}

// -----

// Tiny input sums would fit at any shift, but the threshold 2^s must itself
// be a 24-bit state value: the shift drops to 22.

// CHECK-LABEL: func.func @threshold_cap
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 22, nmin = 0, nmax = 1>
// CHECK-SAME: multipliers = array<i64: 4096>
func.func @threshold_cap(%x: tensor<1xi2>) -> !snn.spikes<1, unary, T = 1> {
  %s = snn.encode %x : tensor<1xi2> -> !snn.spikes<1, unary, T = 1>
  %c = snn.synapse %s {weights = dense<1> : tensor<1x1xi8>} : !snn.spikes<1, unary, T = 1> -> !snn.current<1>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 40, nmin = 0, nmax = 1>, multipliers = array<i64: 1073741824>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 1>
  return %n : !snn.spikes<1, unary, T = 1>
}

// -----

// The quantizer's normalized multipliers (M in [2^30, 2^31), shift 36) need
// 64-bit potentials. Codes in [0, 16] through 64 weights of 100 and bias
// -1000 give prefix sums up to 101400, about 3200 counts at these ratios
// (~2^-5), so the shift drops to 11 and every multiplier to
// round(M / 2^25): the same ratios on a coarser grid.

// CHECK-LABEL: func.func @lowered
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 11, nmin = 0, nmax = 16>
// CHECK-SAME: multipliers = array<i64: 32, 45, 64>
func.func @lowered(%x: tensor<1x64xi32> {snn.qmin = 0 : i64, snn.qmax = 16 : i64}) -> !snn.spikes<1x3, unary, T = 16> {
  %s = snn.encode %x : tensor<1x64xi32> -> !snn.spikes<1x64, unary, T = 16>
  %c = snn.synapse %s {weights = dense<100> : tensor<3x64xi8>, bias = dense<-1000> : tensor<3xi32>} : !snn.spikes<1x64, unary, T = 16> -> !snn.current<1x3>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 36, nmin = 0, nmax = 16>, multipliers = array<i64: 1073741824, 1503238553, 2147483647>} : (!snn.current<1x3>) -> !snn.spikes<1x3, unary, T = 16>
  return %n : !snn.spikes<1x3, unary, T = 16>
}

// -----

// i4 codes in [-8, 7] halve the bound: one more bit of shift stays.

// CHECK-LABEL: func.func @narrow_codes
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 12, nmin = 0, nmax = 16>
// CHECK-SAME: multipliers = array<i64: 64, 90, 128>
func.func @narrow_codes(%x: tensor<1x64xi4>) -> !snn.spikes<1x3, unary, T = 16> {
  %s = snn.encode %x : tensor<1x64xi4> -> !snn.spikes<1x64, unary, T = 16>
  %c = snn.synapse %s {weights = dense<100> : tensor<3x64xi8>, bias = dense<-1000> : tensor<3xi32>} : !snn.spikes<1x64, unary, T = 16> -> !snn.current<1x3>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 36, nmin = 0, nmax = 16>, multipliers = array<i64: 1073741824, 1503238553, 2147483647>} : (!snn.current<1x3>) -> !snn.spikes<1x3, unary, T = 16>
  return %n : !snn.spikes<1x3, unary, T = 16>
}

// -----

// A residual add: two currents with one multiplier each share the threshold,
// and the source population's count range [-4, 4] bounds the second one
// (8 · 128 · 4 = 4096 per step sum).

// CHECK-LABEL: func.func @residual
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 19, nmin = -4, nmax = 4>
// CHECK-SAME: multipliers = array<i64: 32768>
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 12, nmin = -8, nmax = 8>
// CHECK-SAME: multipliers = array<i64: 2048, 1024>
func.func @residual(%x: tensor<8xi4>) -> !snn.spikes<8, unary, T = 8> {
  %s = snn.encode %x : tensor<8xi4> -> !snn.spikes<8, unary, T = 8>
  %c1 = snn.synapse %s {weights = dense<1> : tensor<8x8xi8>} : !snn.spikes<8, unary, T = 8> -> !snn.current<8>
  %a = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 20, nmin = -4, nmax = 4>, multipliers = array<i64: 65536>} : (!snn.current<8>) -> !snn.spikes<8, unary, T = 8>
  %c2 = snn.synapse %a {weights = dense<-128> : tensor<8x8xi8>} : !snn.spikes<8, unary, T = 8> -> !snn.current<8>
  %y = snn.neurons %c1, %c2 {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>, multipliers = array<i64: 536870912, 268435456>} : (!snn.current<8>, !snn.current<8>) -> !snn.spikes<8, unary, T = 8>
  return %y : !snn.spikes<8, unary, T = 8>
}

// -----

// Wider weights that are multiples of 2^2 within 8-bit mantissas take
// exponent -6 (mantissa · 2^2); all-zero weights the smallest exponent.

// CHECK-LABEL: func.func @formats
// CHECK: snn.synapse
// CHECK-SAME: chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -6>
// CHECK: snn.synapse
// CHECK-SAME: chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>
func.func @formats(%x: tensor<2xi8>) -> (!snn.current<2>, !snn.current<2>) {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, unary, T = 4>
  %a = snn.synapse %s {weights = dense<[[508, -512], [4, 0]]> : tensor<2x2xi16>} : !snn.spikes<2, unary, T = 4> -> !snn.current<2>
  %b = snn.synapse %s {weights = dense<0> : tensor<2x2xi16>} : !snn.spikes<2, unary, T = 4> -> !snn.current<2>
  return %a, %b : !snn.current<2>, !snn.current<2>
}

// -----

// Spike products and lookup tables: the product current's prefix sums are
// S_A·S_B (here at most 4 · 8 · 8, the table's running count staying within
// its entries [-2, 8]), and graded trains within the 24-bit payload pass.

// CHECK-LABEL: func.func @functional_units
// CHECK: snn.neurons
// CHECK-SAME: model = #snn.stbif<threshold_shift = 19, nmin = -4, nmax = 4, max_burst = 4>
// CHECK-SAME: multipliers = array<i64: 20000>
func.func @functional_units(%x: tensor<4x4xi8>) -> !snn.spikes<4x4, graded, T = 1> {
  %s = snn.encode %x : tensor<4x4xi8> -> !snn.spikes<4x4, unary, T = 8>
  %l = snn.lut <silu> %s {input_min = -8 : si64, table = dense<[-2, -1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]> : tensor<17xi32>} : !snn.spikes<4x4, unary, T = 8> -> !snn.spikes<4x4, unary, T = 8>
  %p = snn.spike_matmul %l, %s : (!snn.spikes<4x4, unary, T = 8>, !snn.spikes<4x4, unary, T = 8>) -> !snn.current<4x4>
  %y = snn.neurons %p {model = #snn.stbif<threshold_shift = 20, nmin = -4, nmax = 4, max_burst = 4>, multipliers = array<i64: 40000>} : (!snn.current<4x4>) -> !snn.spikes<4x4, graded, T = 1>
  return %y : !snn.spikes<4x4, graded, T = 1>
}
