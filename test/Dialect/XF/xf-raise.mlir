// RUN: snn-opt %s --xf-raise -split-input-file | FileCheck %s

// LayerNorm as opset <= 16 exports it (Pow by 2, Div by Sqrt), with its
// affine scale and bias folded in.
// CHECK-LABEL: func.func @layer_norm_affine
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32>)
// CHECK-DAG: %[[G:.*]] = xf.constant dense<2.000000e+00> : tensor<4xf32>
// CHECK-DAG: %[[B:.*]] = xf.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK: %[[Y:.*]] = xf.layer_norm %[[X]] scale %[[G]] bias %[[B]] {axis = 1 : si64, epsilon = 9.9999997473787516E-6 : f64}
// CHECK-NOT: xf.reduce_mean
// CHECK: return %[[Y]]
func.func @layer_norm_affine(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %m = xf.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %d = xf.sub %x, %m : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %two = xf.constant dense<2.0> : tensor<f32>
  %sq = xf.pow %d, %two : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %eps = xf.constant dense<9.99999974E-6> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = xf.sqrt %ve : tensor<2x1xf32>
  %n = xf.div %d, %s : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %g = xf.constant dense<2.0> : tensor<1x4xf32>
  %ng = xf.mul %g, %n : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %b = xf.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %y = xf.add %ng, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// LayerNorm without affine parameters over the last two dimensions, the
// square as a product and epsilon on the left of the add.
// CHECK-LABEL: func.func @layer_norm_two_axes_mul_square
// CHECK: %[[Y:.*]] = xf.layer_norm %{{.*}} {axis = 1 : si64, epsilon = 0.0010000000474974513 : f64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_two_axes_mul_square(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %m = xf.reduce_mean %x {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %d = xf.sub %x, %m : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
  %sq = xf.mul %d, %d : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %eps = xf.constant dense<1.0E-3> : tensor<f32>
  %ve = xf.add %eps, %v : (tensor<f32>, tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
  %s = xf.sqrt %ve : tensor<2x1x1xf32>
  %n = xf.div %d, %s : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
  return %n : tensor<2x3x4xf32>
}

// -----

// Near miss: the variance is over another axis than the mean.
// CHECK-LABEL: func.func @layer_norm_wrong_axis
// CHECK-NOT: xf.layer_norm
// CHECK-NOT: xf.rms_norm
// CHECK: xf.sqrt
func.func @layer_norm_wrong_axis(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %m = xf.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %d = xf.sub %x, %m : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %sq = xf.mul %d, %d : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 0>} : (tensor<2x4xf32>) -> tensor<1x4xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %s = xf.sqrt %ve : tensor<1x4xf32>
  %n = xf.div %d, %s : (tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return %n : tensor<2x4xf32>
}

// -----

// Near miss: the squared deviations have another user.
// CHECK-LABEL: func.func @layer_norm_square_reused
// CHECK-NOT: xf.layer_norm
// CHECK-NOT: xf.rms_norm
// CHECK: xf.sqrt
func.func @layer_norm_square_reused(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %m = xf.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %d = xf.sub %x, %m : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %sq = xf.mul %d, %d : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = xf.sqrt %ve : tensor<2x1xf32>
  %n = xf.div %d, %s : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %n, %sq : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// ONNX's function body of LayerNormalization (the `_expanded` node tests):
// the variance as mean(x²) - mean(x)², the mean and the standard deviation
// also feeding the Mean and InvStdDev outputs (they stay), and the scale
// and bias graph inputs reshaped to [1, N].
// CHECK-LABEL: func.func @layer_norm_onnx_function_body
// CHECK-SAME: (%[[X:.*]]: tensor<2x6xf32>, %[[W:.*]]: tensor<6xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[M:.*]] = xf.reduce_mean %[[X]]
// CHECK: %[[S:.*]] = xf.sqrt
// CHECK: %[[Y:.*]] = xf.layer_norm %[[X]] scale %[[W]] bias %[[B]] {axis = 1 : si64, epsilon = 0.10000000149011612 : f64}
// CHECK: %[[R:.*]] = xf.reciprocal %[[S]]
// CHECK: return %[[Y]], %[[M]], %[[R]]
func.func @layer_norm_onnx_function_body(%x: tensor<2x6xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> (tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>) {
  %eps = xf.constant dense<1.000000e-01> : tensor<f32>
  %m = xf.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x6xf32>) -> tensor<2x1xf32>
  %xx = xf.mul %x, %x : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
  %ex2 = xf.reduce_mean %xx {axes = array<i64: 1>} : (tensor<2x6xf32>) -> tensor<2x1xf32>
  %m2 = xf.mul %m, %m : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %v = xf.sub %ex2, %m2 : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %ve = xf.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = xf.sqrt %ve : tensor<2x1xf32>
  %d = xf.sub %x, %m : (tensor<2x6xf32>, tensor<2x1xf32>) -> tensor<2x6xf32>
  %n = xf.div %d, %s : (tensor<2x6xf32>, tensor<2x1xf32>) -> tensor<2x6xf32>
  %w2 = xf.reshape %w : (tensor<6xf32>) -> tensor<1x6xf32>
  %ng = xf.mul %n, %w2 : (tensor<2x6xf32>, tensor<1x6xf32>) -> tensor<2x6xf32>
  %b2 = xf.reshape %b : (tensor<6xf32>) -> tensor<1x6xf32>
  %y = xf.add %ng, %b2 : (tensor<2x6xf32>, tensor<1x6xf32>) -> tensor<2x6xf32>
  %r = xf.reciprocal %s : tensor<2x1xf32>
  return %y, %m, %r : tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// Near miss: a square by another exponent.
// CHECK-LABEL: func.func @layer_norm_cube
// CHECK-NOT: xf.layer_norm
// CHECK: xf.pow
func.func @layer_norm_cube(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %m = xf.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %d = xf.sub %x, %m : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %three = xf.constant dense<3.0> : tensor<f32>
  %sq = xf.pow %d, %three : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = xf.sqrt %ve : tensor<2x1xf32>
  %n = xf.div %d, %s : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %n : tensor<2x4xf32>
}

// -----

// An opset-17 LayerNormalization imports as xf.layer_norm and stays.
// CHECK-LABEL: func.func @layer_norm_named
// CHECK: xf.layer_norm %{{.*}} scale
func.func @layer_norm_named(%x: tensor<2x4xf32>, %g: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = xf.layer_norm %x scale %g {axis = -1 : si64, epsilon = 1.0E-5 : f64} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// RMSNorm as LLaMA exports it: Pow, 1 / Sqrt, Mul, then the weight.
// CHECK-LABEL: func.func @rms_norm_div_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x4xf32>)
// CHECK: %[[Y:.*]] = xf.rms_norm %[[X]] scale %{{.*}} {axis = 2 : si64, epsilon = 9.9999999747524271E-7 : f64}
// CHECK-NEXT: return %[[Y]]
func.func @rms_norm_div_one(%x: tensor<1x3x4xf32>) -> tensor<1x3x4xf32> {
  %two = xf.constant dense<2.0> : tensor<f32>
  %sq = xf.pow %x, %two : (tensor<1x3x4xf32>, tensor<f32>) -> tensor<1x3x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 2>} : (tensor<1x3x4xf32>) -> tensor<1x3x1xf32>
  %eps = xf.constant dense<1.0E-6> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<1x3x1xf32>, tensor<f32>) -> tensor<1x3x1xf32>
  %s = xf.sqrt %ve : tensor<1x3x1xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %r = xf.div %one, %s : (tensor<f32>, tensor<1x3x1xf32>) -> tensor<1x3x1xf32>
  %n = xf.mul %x, %r : (tensor<1x3x4xf32>, tensor<1x3x1xf32>) -> tensor<1x3x4xf32>
  %w = xf.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %y = xf.mul %n, %w : (tensor<1x3x4xf32>, tensor<4xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

// -----

// RMSNorm from torch.rsqrt (Sqrt + Reciprocal) and a square as a product.
// CHECK-LABEL: func.func @rms_norm_reciprocal
// CHECK: %[[Y:.*]] = xf.rms_norm %{{.*}} {axis = 1 : si64, epsilon = 9.9999997473787516E-6 : f64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rms_norm_reciprocal(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %sq = xf.mul %x, %x : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s = xf.sqrt %ve : tensor<3x1xf32>
  %r = xf.reciprocal %s : tensor<3x1xf32>
  %n = xf.mul %r, %x : (tensor<3x1xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %n : tensor<3x4xf32>
}

// -----

// RMSNorm as Div by Sqrt.
// CHECK-LABEL: func.func @rms_norm_div
// CHECK: xf.rms_norm %{{.*}} {axis = 1 : si64
// CHECK-NOT: xf.sqrt
func.func @rms_norm_div(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %sq = xf.mul %x, %x : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s = xf.sqrt %ve : tensor<3x1xf32>
  %n = xf.div %x, %s : (tensor<3x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %n : tensor<3x4xf32>
}

// -----

// Near miss: the reduction keeps no dimension (keepdims = false), so the
// division broadcasts differently.
// CHECK-LABEL: func.func @rms_norm_no_keepdims
// CHECK-NOT: xf.rms_norm
func.func @rms_norm_no_keepdims(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %sq = xf.mul %x, %x : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %v = xf.reduce_mean %sq {axes = array<i64: 1>, keepdims = false} : (tensor<4x4xf32>) -> tensor<4xf32>
  %eps = xf.constant dense<1.0E-5> : tensor<f32>
  %ve = xf.add %v, %eps : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %s = xf.sqrt %ve : tensor<4xf32>
  %n = xf.div %x, %s : (tensor<4x4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return %n : tensor<4x4xf32>
}

// -----

// Exact GELU as PyTorch exports it: ((x * (erf(x / 1.41421354) + 1)) * 0.5.
// CHECK-LABEL: func.func @gelu_erf
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = xf.gelu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_erf(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %c = xf.constant dense<1.41421354> : tensor<f32>
  %a = xf.div %x, %c : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %e = xf.erf %a : tensor<2x8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %e, %one : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %m = xf.mul %x, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %y = xf.mul %m, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Exact GELU as x * 0.70710678, with 0.5 * x grouped first.
// CHECK-LABEL: func.func @gelu_erf_mul_half_first
// CHECK-NEXT: xf.gelu
// CHECK-NEXT: return
func.func @gelu_erf_mul_half_first(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c = xf.constant dense<0.707106769> : tensor<f32>
  %a = xf.mul %c, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %e = xf.erf %a : tensor<8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %one, %e : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %hx = xf.mul %half, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %y = xf.mul %hx, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: erf(x / 2) is not GELU.
// CHECK-LABEL: func.func @gelu_erf_wrong_constant
// CHECK-NOT: xf.gelu
// CHECK: xf.erf
func.func @gelu_erf_wrong_constant(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c = xf.constant dense<2.0> : tensor<f32>
  %a = xf.div %x, %c : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %e = xf.erf %a : tensor<8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %e, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %m = xf.mul %x, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %y = xf.mul %m, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: the erf result is used elsewhere too.
// CHECK-LABEL: func.func @gelu_erf_extra_use
// CHECK-NOT: xf.gelu
func.func @gelu_erf_extra_use(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %c = xf.constant dense<1.41421354> : tensor<f32>
  %a = xf.div %x, %c : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %e = xf.erf %a : tensor<8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %e, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %m = xf.mul %x, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %y = xf.mul %m, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %y, %e : tensor<8xf32>, tensor<8xf32>
}

// -----

// tanh GELU as GPT-2 exports it: x³ as x * (x * x), constants on the left.
// CHECK-LABEL: func.func @gelu_tanh_products
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = xf.gelu %[[X]] {approximate = #xf.gelu_approximation<tanh>} : tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_tanh_products(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %x2 = xf.mul %x, %x : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %x3 = xf.mul %x, %x2 : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %k = xf.constant dense<4.471500e-02> : tensor<f32>
  %t = xf.mul %k, %x3 : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %s = xf.add %x, %t : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %c = xf.constant dense<0.797884583> : tensor<f32>
  %a = xf.mul %c, %s : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %th = xf.tanh %a : tensor<2x8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %one, %th : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %m = xf.mul %x, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %y = xf.mul %half, %m : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// tanh GELU with Pow(x, 3) and (1 + tanh) * 0.5 grouped first.
// CHECK-LABEL: func.func @gelu_tanh_pow
// CHECK-NEXT: xf.gelu %{{.*}} {approximate = #xf.gelu_approximation<tanh>}
// CHECK-NEXT: return
func.func @gelu_tanh_pow(%x: tensor<8xf32>) -> tensor<8xf32> {
  %three = xf.constant dense<3.0> : tensor<f32>
  %x3 = xf.pow %x, %three : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %k = xf.constant dense<4.471500e-02> : tensor<f32>
  %t = xf.mul %x3, %k : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %s = xf.add %t, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %c = xf.constant dense<0.797884583> : tensor<f32>
  %a = xf.mul %s, %c : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %th = xf.tanh %a : tensor<8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %th, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %hp = xf.mul %p, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %y = xf.mul %x, %hp : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: 0.04 instead of 0.044715.
// CHECK-LABEL: func.func @gelu_tanh_wrong_constant
// CHECK-NOT: xf.gelu
// CHECK: xf.tanh
func.func @gelu_tanh_wrong_constant(%x: tensor<8xf32>) -> tensor<8xf32> {
  %three = xf.constant dense<3.0> : tensor<f32>
  %x3 = xf.pow %x, %three : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %k = xf.constant dense<4.0e-02> : tensor<f32>
  %t = xf.mul %x3, %k : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %s = xf.add %t, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %c = xf.constant dense<0.797884583> : tensor<f32>
  %a = xf.mul %s, %c : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %th = xf.tanh %a : tensor<8xf32>
  %one = xf.constant dense<1.0> : tensor<f32>
  %p = xf.add %th, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %half = xf.constant dense<0.5> : tensor<f32>
  %hp = xf.mul %p, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %y = xf.mul %x, %hp : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// SiLU in both operand orders.
// CHECK-LABEL: func.func @silu
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = xf.silu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = xf.silu %[[A]] : tensor<8xf32>
// CHECK-NEXT: return %[[B]]
func.func @silu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %s = xf.sigmoid %x : tensor<8xf32>
  %a = xf.mul %x, %s : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %t = xf.sigmoid %a : tensor<8xf32>
  %b = xf.mul %t, %a : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %b : tensor<8xf32>
}

// -----

// Near misses: the sigmoid of another value, and a sigmoid used twice.
// CHECK-LABEL: func.func @silu_near_miss
// CHECK-NOT: xf.silu
func.func @silu_near_miss(%x: tensor<8xf32>, %z: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %s = xf.sigmoid %z : tensor<8xf32>
  %a = xf.mul %x, %s : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %t = xf.sigmoid %x : tensor<8xf32>
  %b = xf.mul %x, %t : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %a, %b, %t : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

// MatMul by a constant [K, N] weight plus a bias: xf.linear with the
// transposed [N, K] weight.
// CHECK-LABEL: func.func @linear_bias
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x2xf32>)
// CHECK-DAG: %[[W:.*]] = xf.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[B:.*]] = xf.constant dense<[7.000000e+00, 8.000000e+00, 9.000000e+00]> : tensor<3xf32>
// CHECK: %[[Y:.*]] = xf.linear %[[X]], %[[W]], %[[B]] : (tensor<2x3x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<2x3x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_bias(%x: tensor<2x3x2xf32>) -> tensor<2x3x3xf32> {
  %w = xf.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %m = xf.matmul %x, %w : (tensor<2x3x2xf32>, tensor<2x3xf32>) -> tensor<2x3x3xf32>
  %b = xf.constant dense<[7.0, 8.0, 9.0]> : tensor<3xf32>
  %y = xf.add %b, %m : (tensor<3xf32>, tensor<2x3x3xf32>) -> tensor<2x3x3xf32>
  return %y : tensor<2x3x3xf32>
}

// -----

// MatMul by a constant without a bias; the product of two activations and
// the add of a non-constant stay.
// CHECK-LABEL: func.func @linear_no_bias
// CHECK: %[[L:.*]] = xf.linear %{{.*}}, %{{.*}} : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
// CHECK: xf.add %[[L]], %{{.*}} : (tensor<4x3xf32>, tensor<4x3xf32>)
// CHECK: xf.matmul
func.func @linear_no_bias(%x: tensor<4x2xf32>, %r: tensor<4x3xf32>, %v: tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %w = xf.constant dense<1.0> : tensor<2x3xf32>
  %m = xf.matmul %x, %w : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %y = xf.add %m, %r : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %z = xf.matmul %x, %v : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %y, %z : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// Near miss for the bias: a constant of the full output shape is not a
// per-feature bias.
// CHECK-LABEL: func.func @linear_full_shape_add
// CHECK: %[[L:.*]] = xf.linear %{{.*}}, %{{.*}} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK: xf.add
func.func @linear_full_shape_add(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = xf.constant dense<1.0> : tensor<2x2xf32>
  %m = xf.matmul %x, %w : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %c = xf.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %y = xf.add %m, %c : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Token lookup on axis 0 of a constant table; a gather on axis 1 stays.
// CHECK-LABEL: func.func @embedding
// CHECK-SAME: (%[[IDS:.*]]: tensor<2x3xi64>
// CHECK: xf.embedding %[[IDS]], %{{.*}} : (tensor<2x3xi64>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
// CHECK: xf.gather %{{.*}} {axis = 1 : si64}
func.func @embedding(%ids: tensor<2x3xi64>, %cols: tensor<2xi64>) -> (tensor<2x3x4xf32>, tensor<5x2xf32>) {
  %t = xf.constant dense<1.0> : tensor<5x4xf32>
  %e = xf.gather %t, %ids {axis = 0 : si64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  %g = xf.gather %t, %cols {axis = 1 : si64} : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<5x2xf32>
  return %e, %g : tensor<2x3x4xf32>, tensor<5x2xf32>
}

// -----

// LLaMA's additive mask of 0 and -inf.
// CHECK-LABEL: func.func @causal_mask_additive_inf
// CHECK-SAME: (%[[S:.*]]: tensor<1x2x3x3xf32>)
// CHECK-NEXT: %[[M:.*]] = xf.causal_mask %[[S]] : tensor<1x2x3x3xf32>
// CHECK-NEXT: return %[[M]]
func.func @causal_mask_additive_inf(%s: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %m = xf.constant dense<[[0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0]]> : tensor<3x3xf32>
  %y = xf.add %s, %m : (tensor<1x2x3x3xf32>, tensor<3x3xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// A large negative mask with a key cache (offset 1) before softmax.
// CHECK-LABEL: func.func @causal_mask_additive_finite_offset
// CHECK: %[[M:.*]] = xf.causal_mask %{{.*}} {offset = 1 : si64} : tensor<1x2x3xf32>
// CHECK-NEXT: xf.softmax %[[M]]
func.func @causal_mask_additive_finite_offset(%s: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  %m = xf.constant dense<[[0.0, 0.0, -1.0e9], [0.0, 0.0, 0.0]]> : tensor<2x3xf32>
  %y = xf.add %m, %s : (tensor<2x3xf32>, tensor<1x2x3xf32>) -> tensor<1x2x3xf32>
  %p = xf.softmax %y : tensor<1x2x3xf32>
  return %p : tensor<1x2x3xf32>
}

// -----

// Near misses: a finite mask whose result is not only fed to softmax, a
// mask that is not triangular, and a padding mask over keys.
// CHECK-LABEL: func.func @causal_mask_near_miss
// CHECK-NOT: xf.causal_mask
func.func @causal_mask_near_miss(%s: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %m = xf.constant dense<[[0.0, -1.0e9], [0.0, 0.0]]> : tensor<2x2xf32>
  %a = xf.add %s, %m : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %n = xf.constant dense<[[0.0, 0xFF800000], [0xFF800000, 0.0]]> : tensor<2x2xf32>
  %b = xf.add %s, %n : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %pad = xf.constant dense<[[0.0, 0xFF800000], [0.0, 0xFF800000]]> : tensor<2x2xf32>
  %c = xf.add %s, %pad : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %a, %b, %c : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// GPT-2's Where with a boolean mask that is true above the diagonal.
// CHECK-LABEL: func.func @causal_mask_where
// CHECK: %[[M:.*]] = xf.causal_mask %{{.*}} : tensor<1x2x3x3xf32>
// CHECK-NEXT: xf.softmax %[[M]]
func.func @causal_mask_where(%s: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c = xf.constant dense<[[[[false, true, true], [false, false, true], [false, false, false]]]]> : tensor<1x1x3x3xi1>
  %f = xf.constant dense<-3.40282347E+38> : tensor<f32>
  %y = xf.where %c, %f, %s : (tensor<1x1x3x3xi1>, tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %p = xf.softmax %y : tensor<1x2x3x3xf32>
  return %p : tensor<1x2x3x3xf32>
}

// -----

// Where keeping the lower triangle, filled with -inf: exact without softmax.
// CHECK-LABEL: func.func @causal_mask_where_keep
// CHECK-NEXT: xf.causal_mask %{{.*}} : tensor<3x3xf32>
func.func @causal_mask_where_keep(%s: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %c = xf.constant dense<[[true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
  %f = xf.constant dense<0xFF800000> : tensor<f32>
  %y = xf.where %c, %s, %f : (tensor<3x3xi1>, tensor<3x3xf32>, tensor<f32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// -----

// Near miss: a fill value that is not very negative.
// CHECK-LABEL: func.func @causal_mask_where_small_fill
// CHECK-NOT: xf.causal_mask
// CHECK: xf.where
func.func @causal_mask_where_small_fill(%s: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %c = xf.constant dense<[[true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
  %f = xf.constant dense<-1.0> : tensor<f32>
  %y = xf.where %c, %s, %f : (tensor<3x3xi1>, tensor<3x3xf32>, tensor<f32>) -> tensor<3x3xf32>
  %p = xf.softmax %y : tensor<3x3xf32>
  return %p : tensor<3x3xf32>
}

// -----

// Softmax decomposed with the maximum subtracted, along the first axis.
// CHECK-LABEL: func.func @softmax_max_shifted
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK-NEXT: %[[Y:.*]] = xf.softmax %[[X]] {axis = 0 : si64} : tensor<3x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @softmax_max_shifted(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %m = xf.reduce_max %x {axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<1x4xf32>
  %t = xf.sub %x, %m : (tensor<3x4xf32>, tensor<1x4xf32>) -> tensor<3x4xf32>
  %e = xf.exp %t : tensor<3x4xf32>
  %s = xf.reduce_sum %e {axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<1x4xf32>
  %y = xf.div %e, %s : (tensor<3x4xf32>, tensor<1x4xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// Softmax as exp(x) / sum(exp(x)) along the last axis.
// CHECK-LABEL: func.func @softmax_plain_exp
// CHECK-NEXT: xf.softmax %{{.*}} {axis = 1 : si64} : tensor<3x4xf32>
// CHECK-NEXT: return
func.func @softmax_plain_exp(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %e = xf.exp %x : tensor<3x4xf32>
  %s = xf.reduce_sum %e {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  %y = xf.div %e, %s : (tensor<3x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// Near misses: the sum over two axes, and the exponentials used elsewhere.
// CHECK-LABEL: func.func @softmax_near_miss
// CHECK-NOT: xf.softmax
func.func @softmax_near_miss(%x: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) {
  %e = xf.exp %x : tensor<3x4xf32>
  %s = xf.reduce_sum %e {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<1x1xf32>
  %y = xf.div %e, %s : (tensor<3x4xf32>, tensor<1x1xf32>) -> tensor<3x4xf32>
  %f = xf.exp %x : tensor<3x4xf32>
  %t = xf.reduce_sum %f {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  %z = xf.div %f, %t : (tensor<3x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %y, %z, %f : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
}
