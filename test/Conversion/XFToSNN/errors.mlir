// RUN: snn-opt %s -split-input-file --convert-xf-to-snn -verify-diagnostics

// expected-error @+1 {{has no calibrated range (xf.range); run calibration first}}
func.func @uncalibrated(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = xf.relu %x : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @no_range_output(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  %w = xf.constant dense<1.0> : tensor<2x2xf32>
  // expected-error @+1 {{has no calibrated range (xf.range); run calibration first}}
  %y = xf.linear %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @no_range_softmax(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{has no calibrated range (xf.range); run calibration first}}
  %p = xf.softmax %x : tensor<2xf32>
  return %p : tensor<2xf32>
}

// -----

func.func @unsupported(%x: tensor<2xf32> {xf.range = array<f64: 0.0, 1.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{'xf.sqrt' has no spiking form yet}}
  %r = xf.sqrt %x {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument #0 of type 'tensor<2xi64>' has no spiking encoder (float inputs, or integer ids that only feed embeddings)}}
func.func @int_input(%x: tensor<2xi64>) -> tensor<1x2xi64> {
  %r = xf.reshape %x : (tensor<2xi64>) -> tensor<1x2xi64>
  return %r : tensor<1x2xi64>
}

// -----

func.func @constant_result(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %c = xf.constant dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{result #0 is not a converted spike train}}
  return %c : tensor<2xf32>
}

// -----

func.func @relu_of_constant(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %c = xf.constant dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{a constant operand here has no spiking form yet}}
  %r = xf.relu %c {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Linear layers and products
//===----------------------------------------------------------------------===//

func.func @dynamic_weight(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}, %w: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  // expected-error @+1 {{linear layer with a non-constant weight has no spiking form yet}}
  %y = xf.linear %x, %w {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @dynamic_bias(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}, %b: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  %w = xf.constant dense<1.0> : tensor<2x2xf32>
  // expected-error @+1 {{linear layer with a non-constant bias has no spiking form yet}}
  %y = xf.linear %x, %w, %b {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @bias_overflow(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  %w = xf.constant dense<1.0> : tensor<2x2xf32>
  %b = xf.constant dense<1.0e12> : tensor<2xf32>
  // expected-error @+1 {{bias of output channel 0 is 2.032000e+15 accumulator units, beyond 32 bits; the input scale is too small for it (calibrate with representative inputs)}}
  %y = xf.linear %x, %w, %b {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @constant_lhs(%x: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  %c = xf.constant dense<1.0> : tensor<2x2xf32>
  // expected-error @+1 {{matrix product with a constant left operand has no spiking form yet}}
  %y = xf.matmul %c, %x {xf.range = array<f64: -1.0, 1.0>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @constant_rhs_batched(%x: tensor<2x2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2x2xf32> {
  %c = xf.constant dense<1.0> : tensor<2x2x2xf32>
  // expected-error @+1 {{matrix product with a constant right operand needs ranks >= 2 and 2 (a linear layer)}}
  %y = xf.matmul %x, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  return %y : tensor<2x2x2xf32>
}

// -----

// The ratio s_in / s_out = 2^31 has no int32 multiplier.
func.func @ratio_too_large(%x: tensor<2xf32> {xf.range = array<f64: -2147483648.0, 2147483648.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{requantization ratio 2.147484e+09 cannot be represented (needs (0, 2^31))}}
  %r = xf.relu %x {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// A ratio of 2^30 would need a threshold of 1.
func.func @threshold_too_small(%x: tensor<2xf32> {xf.range = array<f64: -1073741824.0, 1073741824.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{requantization ratio 1.073742e+09 needs a threshold below 2 (shift 0); the output range is far smaller than the input's}}
  %r = xf.relu %x {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

func.func @two_constants(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %a = xf.constant dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{arithmetic on two constants has no spiking form (fold it before conversion)}}
  %s = xf.add %a, %a {xf.range = array<f64: 2.0, 2.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %y = xf.add %x, %s {xf.range = array<f64: -1.0, 3.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @two_constants_mul(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %a = xf.constant dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{arithmetic on two constants has no spiking form (fold it before conversion)}}
  %s = xf.mul %a, %a {xf.range = array<f64: 1.0, 1.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %y = xf.add %x, %s {xf.range = array<f64: -1.0, 3.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @constant_overflow(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %c = xf.constant dense<1.0e12> : tensor<2xf32>
  // expected-error @+1 {{added constant 1.000000e+12 is 1.600000e+13 accumulator units, beyond 32 bits (calibrate with representative inputs)}}
  %y = xf.add %x, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @mul_zero(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %c = xf.constant dense<[0.0, 0.0]> : tensor<2xf32>
  // expected-error @+1 {{scaling by zero has no spiking form (fold it)}}
  %y = xf.mul %x, %c {xf.range = array<f64: -2.0, 2.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @mul_broadcast_input(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<3x2xf32> {
  %c = xf.constant dense<2.0> : tensor<3x1xf32>
  // expected-error @+1 {{scaling that broadcasts its input has no spiking form yet}}
  %y = xf.mul %x, %c {xf.range = array<f64: -2.0, 2.0>} : (tensor<2xf32>, tensor<3x1xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @scale_broadcast_input(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  %c = xf.constant dense<2.0> : tensor<1x1xf32>
  // expected-error @+1 {{scaling that broadcasts its input has no spiking form yet}}
  %y = xf.mul %x, %c {xf.range = array<f64: -2.0, 2.0>} : (tensor<2xf32>, tensor<1x1xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @div_by_train(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}, %y: tensor<2xf32> {xf.range = array<f64: 1.0, 2.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{division by a spike train has no spiking form; only division of a train by constants}}
  %q = xf.div %x, %y {xf.range = array<f64: -1.0, 1.0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %q : tensor<2xf32>
}

// -----

func.func @div_by_zero(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %c = xf.constant dense<0.0> : tensor<f32>
  // expected-error @+1 {{division by zero}}
  %y = xf.div %x, %c {xf.range = array<f64: -1.0, 1.0>} : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Softmax, masks, norms, embeddings
//===----------------------------------------------------------------------===//

func.func @mask_alone(%x: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  // expected-error @+1 {{a causal mask has a spiking form only as the input of a softmax along the last axis}}
  %m = xf.causal_mask %x {xf.range = array<f64: -1.0, 1.0>} : tensor<2x2xf32>
  return %m : tensor<2x2xf32>
}

// -----

func.func @mask_other_axis(%x: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  // expected-error @+1 {{a causal mask has a spiking form only as the input of a softmax along the last axis}}
  %m = xf.causal_mask %x {xf.range = array<f64: -1.0, 1.0>} : tensor<2x2xf32>
  %p = xf.softmax %m {axis = 0 : si64, xf.range = array<f64: 0.0, 1.0>} : tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}

// -----

func.func @norm_dynamic_scale(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}, %w: tensor<4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x4xf32> {
  // expected-error @+1 {{normalization with a non-constant scale or bias has no spiking form yet}}
  %y = xf.rms_norm %x scale %w {epsilon = 1.0e-5 : f64, xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @norm_epsilon(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x4xf32> {
  // expected-error @+1 {{epsilon 1.000000e+30 is too large for the input scale 6.250000e-02}}
  %y = xf.layer_norm %x {epsilon = 1.0e30 : f64, xf.range = array<f64: -2.0, 2.0>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @norm_overflow(%x: tensor<2x4xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x4xf32> {
  %w = xf.constant dense<1.0e18> : tensor<4xf32>
  // expected-error @+1 {{normalization over 4 features with codes up to 16 exceeds 64-bit integer arithmetic}}
  %y = xf.layer_norm %x scale %w {epsilon = 1.0e-5 : f64, xf.range = array<f64: -1.0, 1.0>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_constant_ids(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  %ids = xf.constant dense<[0, 1]> : tensor<2xi64>
  %t = xf.constant dense<1.0> : tensor<3x2xf32>
  // expected-error @+1 {{embedding ids must be a graph input}}
  %e = xf.embedding %ids, %t {xf.range = array<f64: 1.0, 1.0>} : (tensor<2xi64>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %e : tensor<2x2xf32>
}

// -----

func.func @embedding_dynamic_table(%ids: tensor<2xi64>, %t: tensor<3x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  // expected-error @+1 {{embedding with a non-constant table has no spiking form yet}}
  %e = xf.embedding %ids, %t {xf.range = array<f64: -1.0, 1.0>} : (tensor<2xi64>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %e : tensor<2x2xf32>
}
