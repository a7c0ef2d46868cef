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
