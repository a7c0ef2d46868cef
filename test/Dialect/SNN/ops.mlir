// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s --mlir-print-op-generic | snn-opt | FileCheck %s

// CHECK-LABEL: func.func @types
// CHECK-SAME: !snn.spikes<4x16, unary, T = 8>
// CHECK-SAME: !snn.spikes<16, bitplane, T = 32>
// CHECK-SAME: !snn.spikes<graded, T = 1>
// CHECK-SAME: !snn.current<2x3x4>
// CHECK-SAME: !snn.current<>
func.func @types(%a: !snn.spikes<4x16, unary, T = 8>,
                 %b: !snn.spikes<16, bitplane, T = 32>,
                 %c: !snn.spikes<graded, T = 1>,
                 %d: !snn.current<2x3x4>,
                 %e: !snn.current<>) {
  return
}

// CHECK-LABEL: func.func @attributes
// CHECK: snn.encoding = #snn.encoding<bitplane>
// CHECK-SAME: snn.graded = #snn.stbif<threshold_shift = 1, nmin = 0, nmax = 0, max_burst = 3>
// CHECK-SAME: snn.kind = #snn.lut_kind<tanh>
// CHECK-SAME: snn.model = #snn.stbif<threshold_shift = 62, nmin = -2147483648, nmax = 2147483647>
// CHECK-SAME: snn.rule = #snn.stdp<a_plus = 0, a_minus = 2147483647, trace_shift = 31, update_shift = 62, w_min = -5, w_max = -5>
func.func @attributes() attributes {
    snn.encoding = #snn.encoding<bitplane>,
    snn.kind = #snn.lut_kind<tanh>,
    snn.model = #snn.stbif<nmax = 2147483647, nmin = -2147483648, threshold_shift = 62>,
    snn.graded = #snn.stbif<threshold_shift = 1, nmin = 0, nmax = 0, max_burst = 3>,
    snn.rule = #snn.stdp<a_plus = 0, a_minus = 2147483647, trace_shift = 31,
                         update_shift = 62, w_min = -5, w_max = -5>} {
  return
}

// CHECK-LABEL: func.func @mlp
func.func @mlp(%x: tensor<2x16xi8>) -> tensor<2x4xi32> {
  // CHECK: %[[S:.*]] = snn.encode %{{.*}} : tensor<2x16xi8> -> !snn.spikes<2x16, unary, T = 8>
  %s = snn.encode %x : tensor<2x16xi8> -> !snn.spikes<2x16, unary, T = 8>
  // CHECK: %[[C:.*]] = snn.synapse %[[S]] {bias = dense<[1, 2, 3, 4]> : tensor<4xi32>, weights = dense<1> : tensor<4x16xi8>} : !snn.spikes<2x16, unary, T = 8> -> !snn.current<2x4>
  %c = snn.synapse %s {weights = dense<1> : tensor<4x16xi8>,
                       bias = dense<[1, 2, 3, 4]> : tensor<4xi32>}
      : !snn.spikes<2x16, unary, T = 8> -> !snn.current<2x4>
  // CHECK: %[[N:.*]] = snn.neurons %[[C]] {model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 8>, multipliers = array<i64: 1073741824>} : (!snn.current<2x4>) -> !snn.spikes<2x4, unary, T = 8>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 8>,
                       multipliers = array<i64: 1073741824>}
      : (!snn.current<2x4>) -> !snn.spikes<2x4, unary, T = 8>
  // CHECK: snn.decode %[[N]] : !snn.spikes<2x4, unary, T = 8> -> tensor<2x4xi32>
  %y = snn.decode %n : !snn.spikes<2x4, unary, T = 8> -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// CHECK-LABEL: func.func @residual
func.func @residual(%a: !snn.current<16>, %b: !snn.current<16>) -> !snn.spikes<16, unary, T = 16> {
  // CHECK: snn.neurons %{{.*}}, %{{.*}} {model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 15>, multipliers = array<i64: 32768, 2147483647>} : (!snn.current<16>, !snn.current<16>) -> !snn.spikes<16, unary, T = 16>
  %s = snn.neurons %a, %b {model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 15>,
                           multipliers = array<i64: 32768, 2147483647>}
      : (!snn.current<16>, !snn.current<16>) -> !snn.spikes<16, unary, T = 16>
  return %s : !snn.spikes<16, unary, T = 16>
}

// Per-channel multipliers: one per input and output channel, input-major.
// CHECK-LABEL: func.func @per_channel
func.func @per_channel(%a: !snn.current<2x3>) -> !snn.spikes<2x3, unary, T = 4> {
  // CHECK: multipliers = array<i64: 1073741824, 1200000000, 1500000000>
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 40, nmin = -4, nmax = 4>,
                       multipliers = array<i64: 1073741824, 1200000000, 1500000000>}
      : (!snn.current<2x3>) -> !snn.spikes<2x3, unary, T = 4>
  return %s : !snn.spikes<2x3, unary, T = 4>
}

// CHECK-LABEL: func.func @graded
func.func @graded(%x: tensor<i32>, %c: !snn.current<>) -> !snn.spikes<graded, T = 4> {
  // CHECK: snn.encode %{{.*}} : tensor<i32> -> !snn.spikes<graded, T = 4>
  %e = snn.encode %x : tensor<i32> -> !snn.spikes<graded, T = 4>
  // CHECK: snn.neurons %{{.*}} {model = #snn.stbif<threshold_shift = 8, nmin = -12, nmax = 12, max_burst = 3>, multipliers = array<i64: 1>} : (!snn.current<>) -> !snn.spikes<graded, T = 4>
  %s = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = -12, nmax = 12, max_burst = 3>,
                       multipliers = array<i64: 1>}
      : (!snn.current<>) -> !snn.spikes<graded, T = 4>
  return %s : !snn.spikes<graded, T = 4>
}

// CHECK-LABEL: func.func @plastic
func.func @plastic(%s: !snn.spikes<3, bitplane, T = 4>) -> !snn.current<2> {
  // CHECK: snn.synapse %{{.*}} {bias = dense<[-7, 7]> : tensor<2xi64>, plasticity = #snn.stdp<a_plus = 4, a_minus = 3, trace_shift = 2, update_shift = 6, w_min = -8, w_max = 7>, weights = dense<{{\[\[}}-8, 0, 7], [1, -1, 2]]> : tensor<2x3xi4>} : !snn.spikes<3, bitplane, T = 4> -> !snn.current<2>
  %c = snn.synapse %s {weights = dense<[[-8, 0, 7], [1, -1, 2]]> : tensor<2x3xi4>,
                       bias = dense<[-7, 7]> : tensor<2xi64>,
                       plasticity = #snn.stdp<a_plus = 4, a_minus = 3, trace_shift = 2,
                                              update_shift = 6, w_min = -8, w_max = 7>}
      : !snn.spikes<3, bitplane, T = 4> -> !snn.current<2>
  return %c : !snn.current<2>
}

// CHECK-LABEL: func.func @binary_weights
func.func @binary_weights(%s: !snn.spikes<1x3, unary, T = 1>) -> !snn.current<1x2> {
  // CHECK: snn.synapse %{{.*}} {weights = dense<{{\[\[}}true, false, true], [false, false, true]]> : tensor<2x3xi1>} : !snn.spikes<1x3, unary, T = 1> -> !snn.current<1x2>
  %c = snn.synapse %s {weights = dense<[[true, false, true], [false, false, true]]> : tensor<2x3xi1>}
      : !snn.spikes<1x3, unary, T = 1> -> !snn.current<1x2>
  return %c : !snn.current<1x2>
}

// CHECK-LABEL: func.func @attention
func.func @attention(%q: !snn.spikes<2x5x8, unary, T = 8>, %k: !snn.spikes<2x8x5, unary, T = 8>,
                     %p: !snn.spikes<5x5, bitplane, T = 6>, %v: !snn.spikes<5x8, bitplane, T = 6>)
    -> (!snn.current<2x5x5>, !snn.current<5x8>) {
  // CHECK: snn.spike_matmul %{{.*}}, %{{.*}} : (!snn.spikes<2x5x8, unary, T = 8>, !snn.spikes<2x8x5, unary, T = 8>) -> !snn.current<2x5x5>
  %s = snn.spike_matmul %q, %k
      : (!snn.spikes<2x5x8, unary, T = 8>, !snn.spikes<2x8x5, unary, T = 8>) -> !snn.current<2x5x5>
  // CHECK: snn.spike_matmul %{{.*}}, %{{.*}} : (!snn.spikes<5x5, bitplane, T = 6>, !snn.spikes<5x8, bitplane, T = 6>) -> !snn.current<5x8>
  %o = snn.spike_matmul %p, %v
      : (!snn.spikes<5x5, bitplane, T = 6>, !snn.spikes<5x8, bitplane, T = 6>) -> !snn.current<5x8>
  return %s, %o : !snn.current<2x5x5>, !snn.current<5x8>
}

// CHECK-LABEL: func.func @swiglu
func.func @swiglu(%gate: !snn.spikes<4x16, unary, T = 4>, %up: !snn.spikes<4x16, unary, T = 4>) -> !snn.current<4x16> {
  // CHECK: %[[G:.*]] = snn.lut <silu> %{{.*}} {input_min = -4 : si64, table = dense<[0, -1, -1, 0, 0, 1, 2, 3, 4]> : tensor<9xi32>} : !snn.spikes<4x16, unary, T = 4> -> !snn.spikes<4x16, unary, T = 4>
  %g = snn.lut <silu> %gate {input_min = -4 : si64,
                             table = dense<[0, -1, -1, 0, 0, 1, 2, 3, 4]> : tensor<9xi32>}
      : !snn.spikes<4x16, unary, T = 4> -> !snn.spikes<4x16, unary, T = 4>
  // CHECK: snn.spike_mul %[[G]], %{{.*}} : (!snn.spikes<4x16, unary, T = 4>, !snn.spikes<4x16, unary, T = 4>) -> !snn.current<4x16>
  %m = snn.spike_mul %g, %up
      : (!snn.spikes<4x16, unary, T = 4>, !snn.spikes<4x16, unary, T = 4>) -> !snn.current<4x16>
  return %m : !snn.current<4x16>
}

// CHECK-LABEL: func.func @luts
func.func @luts(%x: !snn.spikes<8, unary, T = 2>) -> (!snn.spikes<8, bitplane, T = 8>, !snn.spikes<8, graded, T = 2>, !snn.spikes<8, unary, T = 1>) {
  // CHECK: snn.lut <exp> %{{.*}} {input_min = -2 : si64, table = dense<[17, 47, 127]> : tensor<3xi32>} : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, bitplane, T = 8>
  %e = snn.lut <exp> %x {input_min = -2 : si64, table = dense<[17, 47, 127]> : tensor<3xi32>}
      : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, bitplane, T = 8>
  // CHECK: snn.lut <gelu> %{{.*}} {input_min = 2147483647 : si64, table = dense<1000> : tensor<1xi32>} : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, graded, T = 2>
  %g = snn.lut <gelu> %x {input_min = 2147483647 : si64, table = dense<1000> : tensor<1xi32>}
      : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, graded, T = 2>
  // CHECK: snn.lut <custom> %{{.*}} {input_min = -2147483648 : si64, table = dense<[-1, 1]> : tensor<2xi32>} : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, unary, T = 1>
  %c = snn.lut <custom> %x {input_min = -2147483648 : si64, table = dense<[-1, 1]> : tensor<2xi32>}
      : !snn.spikes<8, unary, T = 2> -> !snn.spikes<8, unary, T = 1>
  return %e, %g, %c : !snn.spikes<8, bitplane, T = 8>, !snn.spikes<8, graded, T = 2>, !snn.spikes<8, unary, T = 1>
}

// CHECK-LABEL: func.func @embed
func.func @embed(%ids: tensor<1x4xi64>) -> !snn.spikes<1x4x2, unary, T = 8> {
  // CHECK: snn.embed %{{.*}} {table = dense<{{\[\[}}1, -2], [3, 0], [0, 8]]> : tensor<3x2xi32>} : tensor<1x4xi64> -> !snn.spikes<1x4x2, unary, T = 8>
  %e = snn.embed %ids {table = dense<[[1, -2], [3, 0], [0, 8]]> : tensor<3x2xi32>}
      : tensor<1x4xi64> -> !snn.spikes<1x4x2, unary, T = 8>
  return %e : !snn.spikes<1x4x2, unary, T = 8>
}

// CHECK-LABEL: func.func @views
func.func @views(%s: !snn.spikes<2x8, unary, T = 8>, %k: !snn.spikes<2x5x8, graded, T = 3>)
    -> (!snn.spikes<2x2x4, unary, T = 8>, !snn.spikes<2x8x5, graded, T = 3>, !snn.spikes<3x2x8, unary, T = 8>) {
  // CHECK: snn.reshape %{{.*}} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x2x4, unary, T = 8>
  %r = snn.reshape %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x2x4, unary, T = 8>
  // CHECK: snn.transpose %{{.*}}, [0, 2, 1] : !snn.spikes<2x5x8, graded, T = 3> -> !snn.spikes<2x8x5, graded, T = 3>
  %t = snn.transpose %k, [0, 2, 1] : !snn.spikes<2x5x8, graded, T = 3> -> !snn.spikes<2x8x5, graded, T = 3>
  // CHECK: snn.broadcast %{{.*}} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<3x2x8, unary, T = 8>
  %b = snn.broadcast %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<3x2x8, unary, T = 8>
  return %r, %t, %b : !snn.spikes<2x2x4, unary, T = 8>, !snn.spikes<2x8x5, graded, T = 3>, !snn.spikes<3x2x8, unary, T = 8>
}

// CHECK-LABEL: func.func @slice_concat
func.func @slice_concat(%s: !snn.spikes<2x8, unary, T = 8>)
    -> !snn.spikes<2x6, unary, T = 8> {
  // CHECK: snn.slice %{{.*}} {starts = array<i64: 0, 7>, steps = array<i64: 1, -2>} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  %a = snn.slice %s {starts = array<i64: 0, 7>, steps = array<i64: 1, -2>}
      : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  %b = snn.slice %s {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>}
      : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x2, unary, T = 8>
  // CHECK: snn.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x2, unary, T = 8>) -> !snn.spikes<2x6, unary, T = 8>
  %c = snn.concat %a, %b {axis = 1 : i64}
      : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x2, unary, T = 8>) -> !snn.spikes<2x6, unary, T = 8>
  return %c : !snn.spikes<2x6, unary, T = 8>
}

// A residual subtraction of a constant: a - b + c.
// CHECK-LABEL: func.func @relay_bias
func.func @relay_bias(%a: !snn.spikes<2, unary, T = 8>, %b: !snn.spikes<2, unary, T = 8>) -> !snn.spikes<2, unary, T = 8> {
  // CHECK: %[[A:.*]] = snn.relay %{{.*}} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  %ca = snn.relay %a : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  // CHECK: %[[B:.*]] = snn.relay %{{.*}} {negate} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  %cb = snn.relay %b {negate} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  // CHECK: %[[C:.*]] = snn.bias {value = dense<[3, -4]> : tensor<2xi64>} : !snn.current<2>
  %cc = snn.bias {value = dense<[3, -4]> : tensor<2xi64>} : !snn.current<2>
  // CHECK: snn.neurons %[[A]], %[[B]], %[[C]]
  %s = snn.neurons %ca, %cb, %cc {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>,
                                  multipliers = array<i64: 1073741824, 536870912, 1>}
      : (!snn.current<2>, !snn.current<2>, !snn.current<2>) -> !snn.spikes<2, unary, T = 8>
  return %s : !snn.spikes<2, unary, T = 8>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%s: !snn.spikes<2x4x4, unary, T = 2>) -> (!snn.spikes<2x4x4, unary, T = 8>, !snn.spikes<2x4x4, graded, T = 1>) {
  // CHECK: snn.softmax %{{.*}} {causal_offset = 0 : i64, exp_table = dense<[0, 1, 3, 8]> : tensor<4xi32>, levels = 8 : i64} : !snn.spikes<2x4x4, unary, T = 2> -> !snn.spikes<2x4x4, unary, T = 8>
  %p = snn.softmax %s {exp_table = dense<[0, 1, 3, 8]> : tensor<4xi32>, levels = 8 : i64, causal_offset = 0 : i64}
      : !snn.spikes<2x4x4, unary, T = 2> -> !snn.spikes<2x4x4, unary, T = 8>
  // CHECK: snn.softmax %{{.*}} {exp_table = dense<1> : tensor<1xi32>, levels = 100 : i64} : !snn.spikes<2x4x4, unary, T = 2> -> !snn.spikes<2x4x4, graded, T = 1>
  %q = snn.softmax %s {exp_table = dense<1> : tensor<1xi32>, levels = 100 : i64}
      : !snn.spikes<2x4x4, unary, T = 2> -> !snn.spikes<2x4x4, graded, T = 1>
  return %p, %q : !snn.spikes<2x4x4, unary, T = 8>, !snn.spikes<2x4x4, graded, T = 1>
}

// CHECK-LABEL: func.func @norms
func.func @norms(%x: !snn.spikes<2x4, unary, T = 8>) -> (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x4, unary, T = 16>) {
  // CHECK: snn.norm <layer> %{{.*}} {bias = dense<[0, 1, 2, 3]> : tensor<4xi64>, epsilon = 1 : i64, frac_bits = 8 : i64, gain = dense<256> : tensor<4xi64>, gain_shift = 8 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  %l = snn.norm <layer> %x {gain = dense<256> : tensor<4xi64>, bias = dense<[0, 1, 2, 3]> : tensor<4xi64>,
                            epsilon = 1 : i64, frac_bits = 8 : i64, gain_shift = 8 : i64}
      : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  // CHECK: snn.norm <rms> %{{.*}} {bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 20 : i64, gain = dense<-3> : tensor<4xi64>, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 16>
  %r = snn.norm <rms> %x {gain = dense<-3> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>,
                          epsilon = 0 : i64, frac_bits = 20 : i64, gain_shift = 0 : i64}
      : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 16>
  return %l, %r : !snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x4, unary, T = 16>
}

// CHECK-LABEL: func.func @sigmoid
func.func @sigmoid(%x: !snn.spikes<3, unary, T = 1>) -> !snn.spikes<3, unary, T = 4> {
  // CHECK: snn.lut <sigmoid>
  %y = snn.lut <sigmoid> %x {input_min = -1 : si64, table = dense<[1, 2, 3]> : tensor<3xi32>}
      : !snn.spikes<3, unary, T = 1> -> !snn.spikes<3, unary, T = 4>
  return %y : !snn.spikes<3, unary, T = 4>
}
