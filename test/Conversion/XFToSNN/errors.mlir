// RUN: snn-opt %s -split-input-file --convert-xf-to-snn -verify-diagnostics

// expected-error @+1 {{has no calibrated range (xf.range); run calibration first}}
func.func @uncalibrated(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = xf.relu %x : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @relu_alone(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{a ReLU that does not follow a linear layer has no spiking form yet}}
  %r = xf.relu %x {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @unsupported(%x: tensor<2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  // expected-error @+1 {{'xf.softmax' has no spiking form yet (snnc converts linear layers and ReLU so far)}}
  %r = xf.softmax %x {xf.range = array<f64: 0.0, 1.0>} : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @dynamic_weight(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}, %w: tensor<2x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  // expected-error @+1 {{linear layer with a non-constant weight has no spiking form yet}}
  %y = xf.linear %x, %w {xf.range = array<f64: -1.0, 1.0>} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// expected-error @+1 {{argument #0 of type 'tensor<2xi64>' has no spiking encoder yet (float inputs only)}}
func.func @int_input(%x: tensor<2xi64>) -> tensor<1x2xi64> {
  %r = xf.reshape %x : (tensor<2xi64>) -> tensor<1x2xi64>
  return %r : tensor<1x2xi64>
}

// -----

func.func @no_range_output(%x: tensor<1x2xf32> {xf.range = array<f64: -1.0, 1.0>}) -> tensor<1x2xf32> {
  %w = xf.constant dense<1.0> : tensor<2x2xf32>
  // expected-error @+1 {{has no calibrated range (xf.range); run calibration first}}
  %y = xf.linear %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
