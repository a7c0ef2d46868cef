// RUN: snn-opt %s -split-input-file --convert-xf-to-snn=timesteps=8 | FileCheck %s

// Two linear layers, the first with a fused ReLU. Scales are max|range|/T:
// input 1/8 (never negative: qmin 0), hidden 1.5/8, output 1.5/8.
// Row 0 of the first weight, [0.5, -0.25], has scale 0.5/127: codes 127 and
// -63 (-63.5 rounds half up); its bias 0.125 is 0.125 / (1/8 · 0.5/127) =
// 254 accumulator units. The ratio 1/8 · (0.5/127) / (1.5/8) = 2.6247e-3 is
// 721464323 / 2^38.

// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[X:.*]]: tensor<1x2xi32> {snn.qmax = 8 : i64, snn.qmin = 0 : i64, snn.scale = 1.250000e-01 : f64})
// CHECK-SAME: -> (tensor<1x2xi32> {snn.scale = 1.875000e-01 : f64})
// CHECK: %[[S0:.*]] = snn.encode %[[X]] : tensor<1x2xi32> -> !snn.spikes<1x2, unary, T = 8>
// CHECK: %[[C1:.*]] = snn.synapse %[[S0]] {bias = dense<[254, -508]> : tensor<2xi32>, weights = dense<{{\[}}[127, -63], [127, 64]]> : tensor<2x2xi8>}
// CHECK: %[[S1:.*]] = snn.neurons %[[C1]] {model = #snn.stbif<threshold_shift = 38, nmin = 0, nmax = 8>, multipliers = array<i64: 721464323, 1442928645>}
// CHECK: %[[C2:.*]] = snn.synapse %[[S1]] {bias = dense<0> : tensor<2xi32>, weights = dense<{{\[}}[127, -127], [127, 127]]> : tensor<2x2xi8>}
// CHECK: %[[S2:.*]] = snn.neurons %[[C2]] {model = #snn.stbif<threshold_shift = 37, nmin = -8, nmax = 8>, multipliers = array<i64: 1082196484, 541098242>}
// CHECK: %[[D:.*]] = snn.decode %[[S2]] : !snn.spikes<1x2, unary, T = 8> -> tensor<1x2xi32>
// CHECK: return %[[D]]
// CHECK-NOT: xf.
func.func @mlp(%x: tensor<1x2xf32> {xf.range = array<f64: 0.0, 1.0>}) -> tensor<1x2xf32> {
  %w = xf.constant dense<[[0.5, -0.25], [1.0, 0.5]]> : tensor<2x2xf32>
  %b = xf.constant dense<[0.125, -0.5]> : tensor<2xf32>
  %y = xf.linear %x, %w, %b {xf.range = array<f64: -0.5, 1.5>} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %r = xf.relu %y {xf.range = array<f64: 0.0, 1.5>} : tensor<1x2xf32>
  %w2 = xf.constant dense<[[1.0, -1.0], [0.5, 0.5]]> : tensor<2x2xf32>
  %z = xf.linear %r, %w2 {xf.range = array<f64: -1.5, 1.5>} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %z : tensor<1x2xf32>
}

// -----

// A signed input gets qmin = -T; a ReLU with a second user is not fused
// (here it is returned too), so the linear output keeps its signed range.

// CHECK-LABEL: func.func @signed_input
// CHECK-SAME: snn.qmin = -8 : i64, snn.scale = 2.500000e-01 : f64
// CHECK: snn.neurons {{.*}}nmin = 0, nmax = 8
func.func @signed_input(%x: tensor<3xf32> {xf.range = array<f64: -2.0, 1.0>}) -> tensor<2xf32> {
  %w = xf.constant dense<[[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]]> : tensor<2x3xf32>
  %y = xf.linear %x, %w {xf.range = array<f64: -4.0, 6.0>} : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2xf32>
  %r = xf.relu %y {xf.range = array<f64: 0.0, 6.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// One causal attention head. Scales: q 2/8, k 1/8, v 4/8, scores 6/8 (the
// range after the division by 2, which folds into the QKᵀ population:
// 0.25 · 0.125 / 2 / 0.75 = 1/48 = 1431655765 / 2^36). The mask becomes the
// softmax's causal_offset; its exp table is round(2^20 · exp(0.75 d)) for
// d = -16..0, and levels = floor(8 / 0.8) = 10 (output scale 1/10). P·V
// requantizes by 0.1 · 0.5 / 0.375 (0.1 as a float32: 1145324629 / 2^33).

// CHECK-LABEL: func.func @attention
// CHECK: %[[Q:.*]] = snn.encode %arg0
// CHECK: %[[K:.*]] = snn.encode %arg1
// CHECK: %[[V:.*]] = snn.encode %arg2
// CHECK: %[[KT:.*]] = snn.transpose %[[K]], [0, 2, 1] : !snn.spikes<1x4x8, unary, T = 8> -> !snn.spikes<1x8x4, unary, T = 8>
// CHECK: %[[QK:.*]] = snn.spike_matmul %[[Q]], %[[KT]] : (!snn.spikes<1x4x8, unary, T = 8>, !snn.spikes<1x8x4, unary, T = 8>) -> !snn.current<1x4x4>
// CHECK: %[[S:.*]] = snn.neurons %[[QK]] {model = #snn.stbif<threshold_shift = 36, nmin = -8, nmax = 8>, multipliers = array<i64: 1431655765>}
// CHECK: %[[P:.*]] = snn.softmax %[[S]] {causal_offset = 0 : i64, exp_table = dense<[6, 14, 29, 61, 129, 274, 580, 1228, 2599, 5502, 11649, 24660, 52206, 110519, 233969, 495312, 1048576]> : tensor<17xi32>, levels = 10 : i64} : !snn.spikes<1x4x4, unary, T = 8> -> !snn.spikes<1x4x4, unary, T = 8>
// CHECK: %[[PV:.*]] = snn.spike_matmul %[[P]], %[[V]] : (!snn.spikes<1x4x4, unary, T = 8>, !snn.spikes<1x4x8, unary, T = 8>) -> !snn.current<1x4x8>
// CHECK: %[[O:.*]] = snn.neurons %[[PV]] {model = #snn.stbif<threshold_shift = 33, nmin = -8, nmax = 8>, multipliers = array<i64: 1145324629>}
// CHECK: snn.decode %[[O]]
// CHECK-NOT: xf.
func.func @attention(%q: tensor<1x4x8xf32> {xf.range = array<f64: -2.0, 2.0>},
                     %k: tensor<1x4x8xf32> {xf.range = array<f64: -1.0, 1.0>},
                     %v: tensor<1x4x8xf32> {xf.range = array<f64: -4.0, 4.0>}) -> tensor<1x4x8xf32> {
  %kt = xf.transpose %k, [0, 2, 1] {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x4x8xf32>) -> tensor<1x8x4xf32>
  %s = xf.matmul %q, %kt {xf.range = array<f64: -10.0, 12.0>} : (tensor<1x4x8xf32>, tensor<1x8x4xf32>) -> tensor<1x4x4xf32>
  %d = xf.constant dense<2.0> : tensor<f32>
  %sd = xf.div %s, %d {xf.range = array<f64: -5.0, 6.0>} : (tensor<1x4x4xf32>, tensor<f32>) -> tensor<1x4x4xf32>
  %m = xf.causal_mask %sd {xf.range = array<f64: -5.0, 6.0>} : tensor<1x4x4xf32>
  %p = xf.softmax %m {xf.range = array<f64: 0.0, 0.8>} : tensor<1x4x4xf32>
  %o = xf.matmul %p, %v {xf.range = array<f64: -3.0, 3.0>} : (tensor<1x4x4xf32>, tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  return %o : tensor<1x4x8xf32>
}

// -----

// A residual add of a linear layer: its synapse current and the relay of x
// feed one population (no intermediate requantization): x at
// 0.125 / 0.375 = 1431655765 / 2^32, the synapse at 0.125 · (0.5/127) / 0.375.

// CHECK-LABEL: func.func @residual
// CHECK: %[[X:.*]] = snn.encode
// CHECK: %[[H:.*]] = snn.synapse %[[X]] {bias = dense<0> : tensor<4xi32>, weights = dense<127> : tensor<4x4xi8>}
// CHECK: %[[R:.*]] = snn.relay %[[X]] : !snn.spikes<2x4, unary, T = 8> -> !snn.current<2x4>
// CHECK: snn.neurons %[[R]], %[[H]] {model = #snn.stbif<threshold_shift = 32, nmin = -8, nmax = 8>, multipliers = array<i64: 1431655765, 1431655765, 1431655765, 1431655765, 5636440, 5636440, 5636440, 5636440>} : (!snn.current<2x4>, !snn.current<2x4>) -> !snn.spikes<2x4, unary, T = 8>
// CHECK-NOT: snn.neurons
func.func @residual(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x4xf32> {
  %w = xf.constant dense<0.5> : tensor<4x4xf32>
  %h = xf.linear %x, %w {xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %y = xf.add %x, %h {xf.range = array<f64: -3.0, 3.0>} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// x − y + c: y is broadcast and relayed negated, the constant is a bias
// current of unit 0.25 (multiplier 2^30 at shift 30).

// CHECK-LABEL: func.func @sub_const
// CHECK: %[[X:.*]] = snn.encode %arg0
// CHECK: %[[Y:.*]] = snn.encode %arg1
// CHECK: %[[RX:.*]] = snn.relay %[[X]] : !snn.spikes<2x4, unary, T = 8> -> !snn.current<2x4>
// CHECK: %[[BY:.*]] = snn.broadcast %[[Y]] : !snn.spikes<4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
// CHECK: %[[RY:.*]] = snn.relay %[[BY]] {negate} : !snn.spikes<2x4, unary, T = 8> -> !snn.current<2x4>
// CHECK: %[[C:.*]] = snn.bias {value = dense<{{\[\[}}2, -1, 0, 4], [2, -1, 0, 4]]> : tensor<2x4xi32>} : !snn.current<2x4>
// CHECK: snn.neurons %[[RX]], %[[RY]], %[[C]] {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>, multipliers = array<i64: 536870912, 1073741824, 1073741824>}
func.func @sub_const(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}, %y: tensor<4xf32> {xf.range = array<f64: 0.0, 2.0>}) -> tensor<2x4xf32> {
  %c = xf.constant dense<[0.5, -0.25, 0.0, 1.0]> : tensor<4xf32>
  %a = xf.sub %x, %y {xf.range = array<f64: -3.0, 1.0>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %b = xf.add %a, %c {xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %b : tensor<2x4xf32>
}

// -----

// An elementwise product of two trains (y broadcast); the negative scale
// that follows cannot negate a product's current, so the product gets its
// own population and a negated relay.

// CHECK-LABEL: func.func @products
// CHECK: %[[X:.*]] = snn.encode %arg0
// CHECK: %[[Y:.*]] = snn.encode %arg1
// CHECK: %[[BY:.*]] = snn.broadcast %[[Y]]
// CHECK: %[[M:.*]] = snn.spike_mul %[[X]], %[[BY]] : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x4, unary, T = 8>) -> !snn.current<2x4>
// CHECK: %[[P:.*]] = snn.neurons %[[M]] {model = #snn.stbif<threshold_shift = 33, nmin = -8, nmax = 8>, multipliers = array<i64: 1073741824>}
// CHECK: %[[R:.*]] = snn.relay %[[P]] {negate}
// CHECK: snn.neurons %[[R]] {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>, multipliers = array<i64: 1073741824>}
func.func @products(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}, %y: tensor<4xf32> {xf.range = array<f64: -2.0, 2.0>}) -> tensor<2x4xf32> {
  %m = xf.mul %x, %y {xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %c = xf.constant dense<-0.5> : tensor<f32>
  %n = xf.mul %m, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %n : tensor<2x4xf32>
}

// -----

// A ReLU of an input train is a relayed population with nmin = 0; the
// per-channel scale after it folds into per-channel multipliers
// (0.125 · c / 0.5 = c / 4 at shift 30).

// CHECK-LABEL: func.func @relu_scale
// CHECK: %[[R:.*]] = snn.relay
// CHECK: snn.neurons %[[R]] {model = #snn.stbif<threshold_shift = 30, nmin = 0, nmax = 8>, multipliers = array<i64: 268435456, 536870912, 805306368, 1073741824>}
// CHECK-NOT: snn.neurons
func.func @relu_scale(%x: tensor<4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<4xf32> {
  %c = xf.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %r = xf.relu %x {xf.range = array<f64: 0.0, 1.0>} : tensor<4xf32>
  %s = xf.mul %r, %c {xf.range = array<f64: 0.0, 4.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// Nonlinearities are tables over the 17 input codes (scale 1/4):
// round(f(c/4) / s_out) clamped to the output codes.

// CHECK-LABEL: func.func @luts
// CHECK: snn.lut <gelu> %{{.*}} {input_min = -8 : si64, table = dense<[0, 0, 0, -1, -1, -1, -1, 0, 0, 1, 1, 2, 3, 4, 6, 7, 8]> : tensor<17xi32>} : !snn.spikes<3, unary, T = 8> -> !snn.spikes<3, unary, T = 8>
// CHECK: snn.lut <silu> %{{.*}} {input_min = -8 : si64, table = dense<[-1, -1, -1, -1, -1, -1, -1, 0, 0, 1, 1, 2, 3, 4, 5, 7, 8]> : tensor<17xi32>}
// CHECK: snn.lut <sigmoid> %{{.*}} {input_min = -8 : si64, table = dense<[1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 6, 6, 7, 7, 8, 8]> : tensor<17xi32>}
// CHECK: snn.lut <tanh> %{{.*}} {input_min = -8 : si64, table = dense<[-8, -8, -7, -7, -6, -5, -4, -2, 0, 2, 4, 5, 6, 7, 7, 8, 8]> : tensor<17xi32>}
func.func @luts(%x: tensor<3xf32> {xf.range = array<f64: -2.0, 2.0>}) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %g = xf.gelu %x {xf.range = array<f64: -0.2, 2.0>} : tensor<3xf32>
  %s = xf.silu %x {xf.range = array<f64: -0.3, 1.8>} : tensor<3xf32>
  %i = xf.sigmoid %x {xf.range = array<f64: 0.1, 0.9>} : tensor<3xf32>
  %h = xf.tanh %x {xf.range = array<f64: -1.0, 1.0>} : tensor<3xf32>
  return %g, %s, %i, %h : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// INORM constants for s_x = 0.5 over 4 features, F = 16 and G = 24 (they
// fit 64 bits): epsilon round(16 · 1e-5 / 0.25 · 2^32) = 2748779 (1e-6:
// 274878); gains w / s_y · 2^24 (s_y = 3/8: 1 / 0.375 · 2^24 = 44739243),
// biases likewise.

// CHECK-LABEL: func.func @norms
// CHECK: snn.norm <layer> %{{.*}} {bias = dense<[0, 4473924, 8947849, -13421773]> : tensor<4xi64>, epsilon = 2748779 : i64, frac_bits = 16 : i64, gain = dense<[44739243, 22369621, -44739243, 89478485]> : tensor<4xi64>, gain_shift = 24 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
// CHECK: snn.norm <rms> %{{.*}} {bias = dense<0> : tensor<4xi64>, epsilon = 274878 : i64, frac_bits = 16 : i64, gain = dense<67108864> : tensor<4xi64>, gain_shift = 24 : i64}
func.func @norms(%x: tensor<2x4xf32> {xf.range = array<f64: -4.0, 4.0>}) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %w = xf.constant dense<[1.0, 0.5, -1.0, 2.0]> : tensor<4xf32>
  %b = xf.constant dense<[0.0, 0.1, 0.2, -0.3]> : tensor<4xf32>
  %l = xf.layer_norm %x scale %w bias %b {epsilon = 1.0e-5 : f64, xf.range = array<f64: -3.0, 3.0>} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %r = xf.rms_norm %x {epsilon = 1.0e-6 : f64, xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %l, %r : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// Integer ids stay a graph input (no scale); the table rows are quantized
// with the output's scale 2/8.

// CHECK-LABEL: func.func @embedding
// CHECK-SAME: (%[[IDS:.*]]: tensor<1x3xi64>) -> (tensor<1x3x2xi32> {snn.scale = 2.500000e-01 : f64})
// CHECK: snn.embed %[[IDS]] {table = dense<{{\[\[}}2, -4], [1, 8], [0, -8]]> : tensor<3x2xi32>} : tensor<1x3xi64> -> !snn.spikes<1x3x2, unary, T = 8>
func.func @embedding(%ids: tensor<1x3xi64>) -> tensor<1x3x2xf32> {
  %t = xf.constant dense<[[0.5, -1.0], [0.25, 2.0], [0.0, -2.0]]> : tensor<3x2xf32>
  %e = xf.embedding %ids, %t {xf.range = array<f64: -2.0, 2.0>} : (tensor<1x3xi64>, tensor<3x2xf32>) -> tensor<1x3x2xf32>
  return %e : tensor<1x3x2xf32>
}

// -----

// MatMul by a constant (PyTorch's export of a 3-D linear layer) is a synapse
// with the transposed weights; the Add of a per-channel constant joins its
// bias: 0.5 / (0.125 · 1/127) = 508 and -0.5 / (0.125 · 2/127) = -254.

// CHECK-LABEL: func.func @matmul_const
// CHECK: %[[C:.*]] = snn.synapse %{{.*}} {bias = dense<[508, 0, -254]> : tensor<3xi32>, weights = dense<{{\[\[}}127, -127], [127, 64], [0, 127]]> : tensor<3x2xi8>} : !snn.spikes<2x3x2, unary, T = 8> -> !snn.current<2x3x3>
// CHECK: snn.neurons %[[C]] {model = #snn.stbif<threshold_shift = 38, nmin = -8, nmax = 8>, multipliers = array<i64: 721464323, 360732161, 1442928645>}
// CHECK-NOT: snn.bias
func.func @matmul_const(%x: tensor<2x3x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x3x3xf32> {
  %w = xf.constant dense<[[1.0, 0.5, 0.0], [-1.0, 0.25, 2.0]]> : tensor<2x3xf32>
  %b = xf.constant dense<[0.5, 0.0, -0.5]> : tensor<3xf32>
  %y = xf.matmul %x, %w {xf.range = array<f64: -3.0, 3.0>} : (tensor<2x3x2xf32>, tensor<2x3xf32>) -> tensor<2x3x3xf32>
  %z = xf.add %y, %b {xf.range = array<f64: -3.0, 3.0>} : (tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<2x3x3xf32>
  return %z : tensor<2x3x3xf32>
}

// -----

// Views: a softmax along axis 1 between transposes, a layer norm over the
// last two dimensions on a [2, 12] reshape, and a product with a vector
// (reshaped to a column, broadcast over the batch, the result reshaped).

// CHECK-LABEL: func.func @views
// CHECK: %[[X:.*]] = snn.encode %arg0
// CHECK: %[[V:.*]] = snn.encode %arg1
// CHECK: %[[T:.*]] = snn.transpose %[[X]], [0, 2, 1] : !snn.spikes<2x3x4, unary, T = 8> -> !snn.spikes<2x4x3, unary, T = 8>
// CHECK: %[[S:.*]] = snn.softmax %[[T]] {exp_table = {{.*}} : tensor<17xi32>, levels = 8 : i64} : !snn.spikes<2x4x3, unary, T = 8> -> !snn.spikes<2x4x3, unary, T = 8>
// CHECK: snn.transpose %[[S]], [0, 2, 1] : !snn.spikes<2x4x3, unary, T = 8> -> !snn.spikes<2x3x4, unary, T = 8>
// CHECK: %[[F:.*]] = snn.reshape %[[X]] : !snn.spikes<2x3x4, unary, T = 8> -> !snn.spikes<2x12, unary, T = 8>
// CHECK: %[[N:.*]] = snn.norm <layer> %[[F]] {{.*}} : !snn.spikes<2x12, unary, T = 8> -> !snn.spikes<2x12, unary, T = 8>
// CHECK: snn.reshape %[[N]] : !snn.spikes<2x12, unary, T = 8> -> !snn.spikes<2x3x4, unary, T = 8>
// CHECK: %[[COL:.*]] = snn.reshape %[[V]] : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4x1, unary, T = 8>
// CHECK: %[[B:.*]] = snn.broadcast %[[COL]] : !snn.spikes<4x1, unary, T = 8> -> !snn.spikes<2x4x1, unary, T = 8>
// CHECK: %[[MV:.*]] = snn.spike_matmul %[[X]], %[[B]] : (!snn.spikes<2x3x4, unary, T = 8>, !snn.spikes<2x4x1, unary, T = 8>) -> !snn.current<2x3x1>
// CHECK: %[[P:.*]] = snn.neurons %[[MV]] {{.*}} -> !snn.spikes<2x3x1, unary, T = 8>
// CHECK: snn.reshape %[[P]] : !snn.spikes<2x3x1, unary, T = 8> -> !snn.spikes<2x3, unary, T = 8>
func.func @views(%x: tensor<2x3x4xf32> {xf.range = array<f64: -1.0, 1.0>}, %v: tensor<4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32>) {
  %s = xf.softmax %x {axis = 1 : si64, xf.range = array<f64: 0.0, 1.0>} : tensor<2x3x4xf32>
  %l = xf.layer_norm %x {axis = 1 : si64, epsilon = 1.0e-5 : f64, xf.range = array<f64: -2.0, 2.0>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %m = xf.matmul %x, %v {xf.range = array<f64: -4.0, 4.0>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %s, %l, %m : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32>
}

// -----

// A linear layer on [batch, seq, features] keeps the leading dimensions; the
// ReLU and the positive scale after it fold into its population, quantized
// with the scale's range: 0.5 · (1/8 · 0.5/127) / (0.75/8) equals the first
// test's ratio, so the multipliers are the same.

// CHECK-LABEL: func.func @linear_3d
// CHECK: %[[C:.*]] = snn.synapse %{{.*}} {bias = dense<[254, -508]> : tensor<2xi32>, weights = dense<{{\[\[}}127, -63], [127, 64]]> : tensor<2x2xi8>} : !snn.spikes<2x3x2, unary, T = 8> -> !snn.current<2x3x2>
// CHECK: snn.neurons %[[C]] {model = #snn.stbif<threshold_shift = 38, nmin = 0, nmax = 8>, multipliers = array<i64: 721464323, 1442928645>} : (!snn.current<2x3x2>) -> !snn.spikes<2x3x2, unary, T = 8>
// CHECK-NOT: snn.neurons
func.func @linear_3d(%x: tensor<2x3x2xf32> {xf.range = array<f64: 0.0, 1.0>}) -> tensor<2x3x2xf32> {
  %w = xf.constant dense<[[0.5, -0.25], [1.0, 0.5]]> : tensor<2x2xf32>
  %b = xf.constant dense<[0.125, -0.5]> : tensor<2xf32>
  %y = xf.linear %x, %w, %b {xf.range = array<f64: -0.5, 1.5>} : (tensor<2x3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x3x2xf32>
  %r = xf.relu %y {xf.range = array<f64: 0.0, 1.5>} : tensor<2x3x2xf32>
  %h = xf.constant dense<0.5> : tensor<f32>
  %z = xf.mul %r, %h {xf.range = array<f64: 0.0, 0.75>} : (tensor<2x3x2xf32>, tensor<f32>) -> tensor<2x3x2xf32>
  return %z : tensor<2x3x2xf32>
}

// -----

// Split parts are slices at their offsets; a negated train keeps its scale
// (multiplier 2^30 at shift 30 copies the codes), so the concatenation of
// parts at one scale is a view.

// CHECK-LABEL: func.func @rotate_half
// CHECK: %[[S:.*]] = snn.encode
// CHECK: %[[A:.*]] = snn.slice %[[S]] {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : !snn.spikes<2x6, unary, T = 8> -> !snn.spikes<2x2, unary, T = 8>
// CHECK: %[[B:.*]] = snn.slice %[[S]] {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : !snn.spikes<2x6, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
// CHECK: %[[R:.*]] = snn.relay %[[B]] {negate}
// CHECK: %[[N:.*]] = snn.neurons %[[R]] {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>, multipliers = array<i64: 1073741824>}
// CHECK: snn.concat %[[N]], %[[A]] {axis = 1 : i64} : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x2, unary, T = 8>) -> !snn.spikes<2x6, unary, T = 8>
func.func @rotate_half(%x: tensor<2x6xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x6xf32> {
  %a, %b = xf.split %x {axis = 1 : si64} : (tensor<2x6xf32>) -> (tensor<2x2xf32>, tensor<2x4xf32>)
  %n = xf.neg %b {xf.range = array<f64: -0.5, 0.5>} : tensor<2x4xf32>
  %c = xf.concat %n, %a {axis = -1 : si64, xf.range = array<f64: -1.0, 1.0>} : (tensor<2x4xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
  return %c : tensor<2x6xf32>
}

// -----

// Parts at another scale than the concatenation's are requantized to it:
// ratio (1/8) / (2/8) = 2^30 / 2^31.

// CHECK-LABEL: func.func @concat_rescale
// CHECK: %[[R:.*]] = snn.relay %{{.*}} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
// CHECK: %[[N:.*]] = snn.neurons %[[R]] {model = #snn.stbif<threshold_shift = 31, nmin = -8, nmax = 8>, multipliers = array<i64: 1073741824>}
// CHECK: snn.concat %[[N]], %{{.*}} {axis = 0 : i64}
func.func @concat_rescale(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}, %y: tensor<3xf32> {xf.range = array<f64: -2.0, 2.0>}) -> tensor<5xf32> {
  %c = xf.concat %x, %y {axis = 0 : si64, xf.range = array<f64: -2.0, 2.0>} : (tensor<2xf32>, tensor<3xf32>) -> tensor<5xf32>
  return %c : tensor<5xf32>
}

// -----

// A factor per element (rotary tables): the dimensions the factors vary over
// become one channel dimension; a relay carries the positive part and a
// negated twin the negative part. Where one twin's factor is 0 its
// multiplier is 1, cancelled by one more on the other: cos = [0.5, -0.25,
// 0, 1, -1, 0.5] at shift 30 nets 2^29, -2^28, 0, 2^30, -2^30, 2^29.

// CHECK-LABEL: func.func @rotary
// CHECK: %[[F:.*]] = snn.reshape %{{.*}} : !snn.spikes<1x2x3x2, unary, T = 8> -> !snn.spikes<1x2x6, unary, T = 8>
// CHECK: %[[P:.*]] = snn.relay %[[F]] : !snn.spikes<1x2x6, unary, T = 8> -> !snn.current<1x2x6>
// CHECK: %[[M:.*]] = snn.relay %[[F]] {negate}
// CHECK: %[[N:.*]] = snn.neurons %[[P]], %[[M]] {model = #snn.stbif<threshold_shift = 30, nmin = -8, nmax = 8>, multipliers = array<i64: 536870913, 1, 2, 1073741825, 1, 536870913, 1, 268435457, 2, 1, 1073741825, 1>}
// CHECK: snn.reshape %[[N]] : !snn.spikes<1x2x6, unary, T = 8> -> !snn.spikes<1x2x3x2, unary, T = 8>
func.func @rotary(%x: tensor<1x2x3x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2x3x2xf32> {
  %c = xf.constant dense<[[0.5, -0.25], [0.0, 1.0], [-1.0, 0.5]]> : tensor<3x2xf32>
  %y = xf.mul %x, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x2x3x2xf32>, tensor<3x2xf32>) -> tensor<1x2x3x2xf32>
  return %y : tensor<1x2x3x2xf32>
}

// -----

// Per-channel factors of both signs need no reshape, so the twins fuse into
// the residual add's population.

// CHECK-LABEL: func.func @signed_channels
// CHECK: %[[P:.*]] = snn.relay %[[S:.*]] : !snn.spikes<2x2, unary, T = 8> -> !snn.current<2x2>
// CHECK: %[[M:.*]] = snn.relay %[[S]] {negate}
// CHECK: %[[X:.*]] = snn.relay %[[S]] : !snn.spikes<2x2, unary, T = 8> -> !snn.current<2x2>
// CHECK: snn.neurons %[[P]], %[[M]], %[[X]] {model = #snn.stbif<threshold_shift = 31, nmin = -8, nmax = 8>, multipliers = array<i64: 536870913, 1, 1, 1073741825, 1073741824, 1073741824>}
func.func @signed_channels(%x: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  %c = xf.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = xf.mul %x, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %z = xf.add %y, %x {xf.range = array<f64: -2.0, 2.0>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %z : tensor<2x2xf32>
}
