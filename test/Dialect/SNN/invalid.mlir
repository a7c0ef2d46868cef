// RUN: snn-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// expected-error @+1 {{spike train dimensions must be static and >= 1, got [4, 0]}}
func.func @spikes_zero_dim(%x: !snn.spikes<4x0, unary, T = 8>)

// -----

// expected-error @+1 {{expected static shape}}
func.func @spikes_dynamic_dim(%x: !snn.spikes<?x4, unary, T = 8>)

// -----

// expected-error @+1 {{unary spike train needs T (window length) in [1, 2147483647], got 0}}
func.func @unary_window_zero(%x: !snn.spikes<4, unary, T = 0>)

// -----

// expected-error @+1 {{graded spike train needs T (window length) in [1, 2147483647], got 2147483648}}
func.func @graded_window_too_long(%x: !snn.spikes<4, graded, T = 2147483648>)

// -----

// expected-error @+1 {{bitplane spike train needs T (bit planes) in [2, 32], got 1}}
func.func @bitplane_one_plane(%x: !snn.spikes<4, bitplane, T = 1>)

// -----

// expected-error @+1 {{bitplane spike train needs T (bit planes) in [2, 32], got 33}}
func.func @bitplane_too_many_planes(%x: !snn.spikes<4, bitplane, T = 33>)

// -----

// expected-error @+1 {{current dimensions must be static and >= 1, got [0]}}
func.func @current_zero_dim(%x: !snn.current<0>)

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{threshold_shift must be in [1, 62], got 0}}
func.func @stbif_threshold_shift_low() attributes {m = #snn.stbif<threshold_shift = 0, nmin = 0, nmax = 1>}

// -----

// expected-error @+1 {{threshold_shift must be in [1, 62], got 63}}
func.func @stbif_threshold_shift_high() attributes {m = #snn.stbif<threshold_shift = 63, nmin = 0, nmax = 1>}

// -----

// expected-error @+1 {{nmin must be in [-2147483648, 0], got 1}}
func.func @stbif_nmin_positive() attributes {m = #snn.stbif<threshold_shift = 8, nmin = 1, nmax = 4>}

// -----

// expected-error @+1 {{nmin must be in [-2147483648, 0], got -2147483649}}
func.func @stbif_nmin_beyond_i32() attributes {m = #snn.stbif<threshold_shift = 8, nmin = -2147483649, nmax = 4>}

// -----

// expected-error @+1 {{nmax must be in [0, 2147483647], got -1}}
func.func @stbif_nmax_negative() attributes {m = #snn.stbif<threshold_shift = 8, nmin = -4, nmax = -1>}

// -----

// expected-error @+1 {{max_burst must be in [1, 2147483647], got 0}}
func.func @stbif_max_burst_zero() attributes {m = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4, max_burst = 0>}

// -----

// expected-error @+1 {{a_plus must be in [0, 2147483647], got -1}}
func.func @stdp_a_plus() attributes {r = #snn.stdp<a_plus = -1, a_minus = 1, trace_shift = 2, update_shift = 4, w_min = -8, w_max = 7>}

// -----

// expected-error @+1 {{a_minus must be in [0, 2147483647], got 2147483648}}
func.func @stdp_a_minus() attributes {r = #snn.stdp<a_plus = 1, a_minus = 2147483648, trace_shift = 2, update_shift = 4, w_min = -8, w_max = 7>}

// -----

// expected-error @+1 {{trace_shift must be in [1, 31], got 0}}
func.func @stdp_trace_shift() attributes {r = #snn.stdp<a_plus = 1, a_minus = 1, trace_shift = 0, update_shift = 4, w_min = -8, w_max = 7>}

// -----

// expected-error @+1 {{update_shift must be in [0, 62], got 63}}
func.func @stdp_update_shift() attributes {r = #snn.stdp<a_plus = 1, a_minus = 1, trace_shift = 2, update_shift = 63, w_min = -8, w_max = 7>}

// -----

// expected-error @+1 {{w_min (3) must not exceed w_max (2)}}
func.func @stdp_weight_range() attributes {r = #snn.stdp<a_plus = 1, a_minus = 1, trace_shift = 2, update_shift = 4, w_min = 3, w_max = 2>}

//===----------------------------------------------------------------------===//
// snn.encode / snn.decode
//===----------------------------------------------------------------------===//

// -----

func.func @encode_i1(%x: tensor<4xi1>) {
  // expected-error @+1 {{'snn.encode' op input codes must be integers of width 2..32, got 'i1'}}
  %s = snn.encode %x : tensor<4xi1> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @encode_i64(%x: tensor<4xi64>) {
  // expected-error @+1 {{'snn.encode' op input codes must be integers of width 2..32, got 'i64'}}
  %s = snn.encode %x : tensor<4xi64> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @encode_dynamic(%x: tensor<?xi8>) {
  // expected-error @+1 {{'snn.encode' op operand #0 must be statically shaped tensor of signless integer values}}
  %s = snn.encode %x : tensor<?xi8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @encode_shape(%x: tensor<4x2xi8>) {
  // expected-error @+1 {{'snn.encode' op result shape [2, 4] does not match the expected shape [4, 2]}}
  %s = snn.encode %x : tensor<4x2xi8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @decode_i64(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.decode' op result #0 must be statically shaped tensor of 32-bit signless integer values}}
  %x = snn.decode %s : !snn.spikes<4, unary, T = 8> -> tensor<4xi64>
  return
}

// -----

func.func @decode_shape(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.decode' op result shape [5] does not match the expected shape [4]}}
  %x = snn.decode %s : !snn.spikes<4, unary, T = 8> -> tensor<5xi32>
  return
}

//===----------------------------------------------------------------------===//
// snn.synapse
//===----------------------------------------------------------------------===//

// -----

func.func @synapse_scalar_input(%s: !snn.spikes<unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op input must have rank >= 1 ([..., in])}}
  %c = snn.synapse %s {weights = dense<1> : tensor<1x1xi8>} : !snn.spikes<unary, T = 8> -> !snn.current<1>
  return
}

// -----

func.func @synapse_weights_rank(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op weights must have rank 2 ([out, in]), got rank 1}}
  %c = snn.synapse %s {weights = dense<1> : tensor<4xi8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  return
}

// -----

func.func @synapse_weights_wide(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op weights must be signless integers of width 1..16, got 'i32'}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_weights_unsigned(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op weights must be signless integers of width 1..16, got 'ui8'}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xui8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_weights_index(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op weights must be signless integers of width 1..16, got 'index'}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xindex>} : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_in_dim(%s: !snn.spikes<3x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op input feature size 4 does not match the weights' in dimension 5}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x5xi8>} : !snn.spikes<3x4, unary, T = 8> -> !snn.current<3x2>
  return
}

// -----

func.func @synapse_bias_shape(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op bias must have shape [2] ([out]), got [4]}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xi8>, bias = dense<0> : tensor<4xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_bias_type(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op bias must be i32 or i64 (accumulator units), got 'i16'}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xi8>, bias = dense<0> : tensor<2xi16>} : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_plastic_range(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op plasticity range [-9, 7] exceeds the range [-8, 7] of the 'i4' weights}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xi4>,
                       plasticity = #snn.stdp<a_plus = 1, a_minus = 1, trace_shift = 2, update_shift = 4, w_min = -9, w_max = 7>}
      : !snn.spikes<4, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_plastic_initial_weight(%s: !snn.spikes<2, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op weight 5 at [1, 0] is outside the plasticity range [-4, 4]}}
  %c = snn.synapse %s {weights = dense<[[1, 2], [5, 0]]> : tensor<2x2xi8>,
                       plasticity = #snn.stdp<a_plus = 1, a_minus = 1, trace_shift = 2, update_shift = 4, w_min = -4, w_max = 4>}
      : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  return
}

// -----

func.func @synapse_result_shape(%s: !snn.spikes<3x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.synapse' op result shape [3, 4] does not match the expected shape [3, 2]}}
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4xi8>} : !snn.spikes<3x4, unary, T = 8> -> !snn.current<3x4>
  return
}

//===----------------------------------------------------------------------===//
// snn.neurons
//===----------------------------------------------------------------------===//

// -----

func.func @neurons_no_input() {
  // expected-error @+1 {{'snn.neurons' op requires at least one input current}}
  %s = snn.neurons {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64>} : () -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_spike_input(%a: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.neurons' op operand #0 must be variadic of per-step synaptic current into a population, but got '!snn.spikes<4, unary, T = 8>'}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1>}
      : (!snn.spikes<4, unary, T = 8>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_input_shape(%a: !snn.current<4>, %b: !snn.current<2x2>) {
  // expected-error @+1 {{'snn.neurons' op input #1 shape [2, 2] does not match the result shape [4]}}
  %s = snn.neurons %a, %b {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1, 1>}
      : (!snn.current<4>, !snn.current<2x2>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_multiplier_count(%a: !snn.current<4>, %b: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op has 1 multipliers for 2 inputs; expected one per input (2) or one per input and channel (8)}}
  %s = snn.neurons %a, %b {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1>}
      : (!snn.current<4>, !snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_multiplier_zero(%a: !snn.current<4>, %b: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op multiplier #1 must be in [1, 2147483647], got 0}}
  %s = snn.neurons %a, %b {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1, 0>}
      : (!snn.current<4>, !snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_multiplier_large(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op multiplier #0 must be in [1, 2147483647], got 2147483648}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 2147483648>}
      : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_bitplane(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op cannot produce a bitplane spike train: MSB-first digits need the final count before the first spike}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1>}
      : (!snn.current<4>) -> !snn.spikes<4, bitplane, T = 8>
  return
}

// -----

func.func @neurons_unary_burst(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op unary result requires max_burst = 1, got 2}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8, max_burst = 2>, multipliers = array<i64: 1>}
      : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @neurons_graded_no_burst(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op graded result requires max_burst > 1, got 1}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 1>}
      : (!snn.current<4>) -> !snn.spikes<4, graded, T = 8>
  return
}

// -----

func.func @neurons_unary_range(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op model count range [0, 16] exceeds the result's code range [-15, 15]}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 16>, multipliers = array<i64: 1>}
      : (!snn.current<4>) -> !snn.spikes<4, unary, T = 15>
  return
}

// -----

func.func @neurons_graded_range(%a: !snn.current<4>) {
  // expected-error @+1 {{'snn.neurons' op model count range [-13, 12] exceeds the result's code range [-12, 12]}}
  %s = snn.neurons %a {model = #snn.stbif<threshold_shift = 8, nmin = -13, nmax = 12, max_burst = 3>, multipliers = array<i64: 1>}
      : (!snn.current<4>) -> !snn.spikes<4, graded, T = 4>
  return
}

//===----------------------------------------------------------------------===//
// snn.spike_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_rank(%a: !snn.spikes<8, unary, T = 8>, %b: !snn.spikes<8x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op operands must have rank >= 2, got ranks 1 and 2}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<8, unary, T = 8>, !snn.spikes<8x4, unary, T = 8>) -> !snn.current<4>
  return
}

// -----

func.func @matmul_batch(%a: !snn.spikes<2x3x8, unary, T = 8>, %b: !snn.spikes<3x8x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op batch dimensions [2] and [3] must be equal}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<2x3x8, unary, T = 8>, !snn.spikes<3x8x4, unary, T = 8>) -> !snn.current<2x3x4>
  return
}

// -----

func.func @matmul_batch_rank(%a: !snn.spikes<2x3x8, unary, T = 8>, %b: !snn.spikes<8x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op batch dimensions [2] and [] must be equal}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<2x3x8, unary, T = 8>, !snn.spikes<8x4, unary, T = 8>) -> !snn.current<2x3x4>
  return
}

// -----

func.func @matmul_contracted(%a: !snn.spikes<3x8, unary, T = 8>, %b: !snn.spikes<7x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op contracted dimensions differ: lhs has 8, rhs has 7}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<3x8, unary, T = 8>, !snn.spikes<7x4, unary, T = 8>) -> !snn.current<3x4>
  return
}

// -----

func.func @matmul_encoding(%a: !snn.spikes<3x8, unary, T = 8>, %b: !snn.spikes<8x4, bitplane, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op operand encodings differ: unary and bitplane}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<3x8, unary, T = 8>, !snn.spikes<8x4, bitplane, T = 8>) -> !snn.current<3x4>
  return
}

// -----

func.func @matmul_window(%a: !snn.spikes<3x8, unary, T = 8>, %b: !snn.spikes<8x4, unary, T = 16>) {
  // expected-error @+1 {{'snn.spike_matmul' op operand windows differ: T = 8 and T = 16}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<3x8, unary, T = 8>, !snn.spikes<8x4, unary, T = 16>) -> !snn.current<3x4>
  return
}

// -----

func.func @matmul_result_shape(%a: !snn.spikes<3x8, unary, T = 8>, %b: !snn.spikes<8x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_matmul' op result shape [4, 3] does not match the expected shape [3, 4]}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<3x8, unary, T = 8>, !snn.spikes<8x4, unary, T = 8>) -> !snn.current<4x3>
  return
}

//===----------------------------------------------------------------------===//
// snn.spike_mul
//===----------------------------------------------------------------------===//

// -----

func.func @mul_shapes(%a: !snn.spikes<4, unary, T = 8>, %b: !snn.spikes<2x2, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_mul' op operand shapes [4] and [2, 2] differ}}
  %c = snn.spike_mul %a, %b : (!snn.spikes<4, unary, T = 8>, !snn.spikes<2x2, unary, T = 8>) -> !snn.current<4>
  return
}

// -----

func.func @mul_encoding(%a: !snn.spikes<4, graded, T = 8>, %b: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_mul' op operand encodings differ: graded and unary}}
  %c = snn.spike_mul %a, %b : (!snn.spikes<4, graded, T = 8>, !snn.spikes<4, unary, T = 8>) -> !snn.current<4>
  return
}

// -----

func.func @mul_window(%a: !snn.spikes<4, bitplane, T = 8>, %b: !snn.spikes<4, bitplane, T = 4>) {
  // expected-error @+1 {{'snn.spike_mul' op operand windows differ: T = 8 and T = 4}}
  %c = snn.spike_mul %a, %b : (!snn.spikes<4, bitplane, T = 8>, !snn.spikes<4, bitplane, T = 4>) -> !snn.current<4>
  return
}

// -----

func.func @mul_result_shape(%a: !snn.spikes<4, unary, T = 8>, %b: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.spike_mul' op result shape [1, 4] does not match the expected shape [4]}}
  %c = snn.spike_mul %a, %b : (!snn.spikes<4, unary, T = 8>, !snn.spikes<4, unary, T = 8>) -> !snn.current<1x4>
  return
}

//===----------------------------------------------------------------------===//
// snn.lut
//===----------------------------------------------------------------------===//

// -----

func.func @lut_table_rank(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op table must have rank 1, got rank 2}}
  %y = snn.lut <silu> %x {input_min = 0 : si64, table = dense<0> : tensor<2x2xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @lut_table_type(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op table must hold i32 values, got 'i16'}}
  %y = snn.lut <gelu> %x {input_min = 0 : si64, table = dense<0> : tensor<4xi16>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @lut_table_empty(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op table must have at least one entry}}
  %y = snn.lut <exp> %x {input_min = 0 : si64, table = dense<> : tensor<0xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @lut_input_min_high(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op input_min 2147483647 with 2 table entries covers codes outside the i32 range [-2147483648, 2147483647]}}
  %y = snn.lut <tanh> %x {input_min = 2147483647 : si64, table = dense<[0, 1]> : tensor<2xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @lut_input_min_low(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op input_min -2147483649 with 1 table entries covers codes outside the i32 range [-2147483648, 2147483647]}}
  %y = snn.lut <custom> %x {input_min = -2147483649 : si64, table = dense<0> : tensor<1xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @lut_shape(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op result shape [2, 2] does not match the expected shape [4]}}
  %y = snn.lut <silu> %x {input_min = 0 : si64, table = dense<0> : tensor<1xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<2x2, unary, T = 8>
  return
}

// -----

func.func @lut_unary_range(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op table value -5 at index 2 exceeds the result's code range [-4, 4]}}
  %y = snn.lut <silu> %x {input_min = -1 : si64, table = dense<[0, 4, -5]> : tensor<3xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 4>
  return
}

// -----

func.func @lut_bitplane_range(%x: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.lut' op table value 128 at index 1 exceeds the result's code range [-127, 127]}}
  %y = snn.lut <exp> %x {input_min = -1 : si64, table = dense<[127, 128]> : tensor<2xi32>} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, bitplane, T = 8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// snn.embed
//===----------------------------------------------------------------------===//

func.func @embed_id_width(%ids: tensor<2xi128>) {
  // expected-error @+1 {{'snn.embed' op ids must be integers of width 1..64, got 'i128'}}
  %e = snn.embed %ids {table = dense<0> : tensor<3x2xi32>} : tensor<2xi128> -> !snn.spikes<2x2, unary, T = 4>
  return
}

// -----

func.func @embed_table_rank(%ids: tensor<2xi64>) {
  // expected-error @+1 {{'snn.embed' op table must have rank 2 ([vocab, dim]), got rank 1}}
  %e = snn.embed %ids {table = dense<0> : tensor<3xi32>} : tensor<2xi64> -> !snn.spikes<2x3, unary, T = 4>
  return
}

// -----

func.func @embed_table_type(%ids: tensor<2xi64>) {
  // expected-error @+1 {{'snn.embed' op table must hold i32 codes, got 'i8'}}
  %e = snn.embed %ids {table = dense<0> : tensor<3x2xi8>} : tensor<2xi64> -> !snn.spikes<2x2, unary, T = 4>
  return
}

// -----

func.func @embed_shape(%ids: tensor<2xi64>) {
  // expected-error @+1 {{'snn.embed' op result shape [2, 3] does not match the expected shape [2, 2]}}
  %e = snn.embed %ids {table = dense<0> : tensor<3x2xi32>} : tensor<2xi64> -> !snn.spikes<2x3, unary, T = 4>
  return
}

// -----

func.func @embed_range(%ids: tensor<2xi64>) {
  // expected-error @+1 {{'snn.embed' op table value -5 at [2, 1] exceeds the result's code range [-4, 4]}}
  %e = snn.embed %ids {table = dense<[[0, 1], [2, 3], [4, -5]]> : tensor<3x2xi32>} : tensor<2xi64> -> !snn.spikes<2x2, unary, T = 4>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Views
//===----------------------------------------------------------------------===//

func.func @reshape_count(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.reshape' op result has 15 neurons, the input 16}}
  %r = snn.reshape %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<3x5, unary, T = 8>
  return
}

// -----

func.func @reshape_window(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.reshape' op result encoding unary, T = 4 differs from the input's unary, T = 8}}
  %r = snn.reshape %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<16, unary, T = 4>
  return
}

// -----

func.func @transpose_rank(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.transpose' op perm has 3 entries for an input of rank 2}}
  %t = snn.transpose %s, [0, 1, 2] : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<8x2, unary, T = 8>
  return
}

// -----

func.func @transpose_perm(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.transpose' op perm [1, 1] is not a permutation of [0, 2)}}
  %t = snn.transpose %s, [1, 1] : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<8x8, unary, T = 8>
  return
}

// -----

func.func @transpose_shape(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.transpose' op result shape [2, 8] does not match the expected shape [8, 2]}}
  %t = snn.transpose %s, [1, 0] : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x8, unary, T = 8>
  return
}

// -----

func.func @transpose_encoding(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.transpose' op result encoding graded, T = 8 differs from the input's unary, T = 8}}
  %t = snn.transpose %s, [1, 0] : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<8x2, graded, T = 8>
  return
}

// -----

func.func @broadcast_shape(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.broadcast' op input shape [2, 8] does not broadcast to the result shape [2, 3, 8]}}
  %b = snn.broadcast %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x3x8, unary, T = 8>
  return
}

// -----

func.func @broadcast_rank(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.broadcast' op input shape [2, 8] does not broadcast to the result shape [8]}}
  %b = snn.broadcast %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<8, unary, T = 8>
  return
}

// -----

func.func @broadcast_window(%s: !snn.spikes<1x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.broadcast' op result encoding unary, T = 16 differs from the input's unary, T = 8}}
  %b = snn.broadcast %s : !snn.spikes<1x8, unary, T = 8> -> !snn.spikes<4x8, unary, T = 16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// snn.relay, snn.bias, accumulator bounds
//===----------------------------------------------------------------------===//

func.func @relay_shape(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.relay' op result shape [16] does not match the expected shape [2, 8]}}
  %c = snn.relay %s : !snn.spikes<2x8, unary, T = 8> -> !snn.current<16>
  return
}

// -----

func.func @bias_type() {
  // expected-error @+1 {{'snn.bias' op value must be i32 or i64 (accumulator units), got 'i16'}}
  %c = snn.bias {value = dense<1> : tensor<2xi16>} : !snn.current<2>
  return
}

// -----

func.func @bias_shape() {
  // expected-error @+1 {{'snn.bias' op result shape [3] does not match the expected shape [2]}}
  %c = snn.bias {value = dense<1> : tensor<2xi32>} : !snn.current<3>
  return
}

// -----

// 131073 inputs of weight -32768 on graded codes up to 2^31 - 1 pass 2^63.
func.func @synapse_accumulator(%s: !snn.spikes<131073, graded, T = 4>) {
  // expected-error @+1 {{'snn.synapse' op accumulator bound 131073·32768·2147483647 exceeds 64 bits}}
  %c = snn.synapse %s {weights = dense<-32768> : tensor<1x131073xi16>}
      : !snn.spikes<131073, graded, T = 4> -> !snn.current<1>
  return
}

// -----

func.func @synapse_accumulator_bias(%s: !snn.spikes<1, unary, T = 1>) {
  // expected-error @+1 {{'snn.synapse' op accumulator bound 1·1·1 + max|bias| exceeds 64 bits}}
  %c = snn.synapse %s {weights = dense<1> : tensor<1x1xi8>, bias = dense<9223372036854775807> : tensor<1xi64>}
      : !snn.spikes<1, unary, T = 1> -> !snn.current<1>
  return
}

// -----

func.func @spike_matmul_accumulator(%a: !snn.spikes<1x3, graded, T = 4>, %b: !snn.spikes<3x1, graded, T = 4>) {
  // expected-error @+1 {{'snn.spike_matmul' op accumulator bound k·|A|·|B| = 3·2147483647·2147483647 exceeds 64 bits}}
  %c = snn.spike_matmul %a, %b : (!snn.spikes<1x3, graded, T = 4>, !snn.spikes<3x1, graded, T = 4>) -> !snn.current<1x1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// snn.softmax
//===----------------------------------------------------------------------===//

func.func @softmax_rank(%s: !snn.spikes<unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op input must have rank >= 1 ([..., n])}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<1xi32>, levels = 8 : i64} : !snn.spikes<unary, T = 8> -> !snn.spikes<unary, T = 8>
  return
}

// -----

func.func @softmax_causal_rank(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op a causal mask needs rank >= 2 ([..., q, n]), got rank 1}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<1xi32>, levels = 8 : i64, causal_offset = 0 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_shape(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op result shape [2, 2] does not match the expected shape [4]}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<1xi32>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<2x2, unary, T = 8>
  return
}

// -----

func.func @softmax_table_rank(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op exp_table must be a non-empty rank-1 table}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<1x1xi32>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_table_empty(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op exp_table must be a non-empty rank-1 table}}
  %p = snn.softmax %s {exp_table = dense<> : tensor<0xi32>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_table_type(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op exp_table must hold i32 values, got 'i64'}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<2xi64>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_table_negative(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op exp_table value -1 at index 0 is negative}}
  %p = snn.softmax %s {exp_table = dense<[-1, 4]> : tensor<2xi32>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_table_last(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op the last exp_table entry (exp(0)) must be positive so that every row sums to a positive z}}
  %p = snn.softmax %s {exp_table = dense<[4, 0]> : tensor<2xi32>, levels = 8 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_levels(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op levels must be at least 1, got 0}}
  %p = snn.softmax %s {exp_table = dense<1> : tensor<1xi32>, levels = 0 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, unary, T = 8>
  return
}

// -----

func.func @softmax_overflow(%s: !snn.spikes<4, unary, T = 8>) {
  // expected-error @+1 {{'snn.softmax' op rows of 4 entries with exp_table values up to 2147483647 and 8589934592 levels exceed 64-bit sums or products}}
  %p = snn.softmax %s {exp_table = dense<2147483647> : tensor<1xi32>, levels = 8589934592 : i64} : !snn.spikes<4, unary, T = 8> -> !snn.spikes<4, graded, T = 8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// snn.norm
//===----------------------------------------------------------------------===//

func.func @norm_rank(%x: !snn.spikes<unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op input must have rank >= 1 ([..., n])}}
  %y = snn.norm <rms> %x {gain = dense<1> : tensor<1xi64>, bias = dense<0> : tensor<1xi64>, epsilon = 0 : i64, frac_bits = 0 : i64, gain_shift = 0 : i64} : !snn.spikes<unary, T = 8> -> !snn.spikes<unary, T = 8>
  return
}

// -----

func.func @norm_shape(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op result shape [8] does not match the expected shape [2, 4]}}
  %y = snn.norm <rms> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 0 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<8, unary, T = 8>
  return
}

// -----

func.func @norm_gain_type(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op gain must hold i64 values, got 'i32'}}
  %y = snn.norm <layer> %x {gain = dense<1> : tensor<4xi32>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 0 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @norm_bias_shape(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op bias must have shape [4] (the last dimension), got [2, 4]}}
  %y = snn.norm <layer> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<2x4xi64>, epsilon = 0 : i64, frac_bits = 0 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @norm_epsilon(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op epsilon must be >= 0, got -1}}
  %y = snn.norm <layer> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = -1 : i64, frac_bits = 0 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @norm_frac_bits(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op frac_bits must be in [0, 31], got 32}}
  %y = snn.norm <layer> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 32 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @norm_gain_shift(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op gain_shift must be in [0, 62], got 63}}
  %y = snn.norm <layer> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 0 : i64, gain_shift = 63 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

// (4·8)² · 4^16 fits, but 2·4·8 · 2^41 · 2^16 does not.
func.func @norm_overflow(%x: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.norm' op intermediates exceed 64 bits for rows of 4 codes up to 8 (lower frac_bits or gain_shift)}}
  %y = snn.norm <layer> %x {gain = dense<2199023255552> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 16 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

// The radicand (n·|c|)² · 4^F alone overflows for graded inputs.
func.func @norm_graded_radicand(%x: !snn.spikes<2x4, graded, T = 8>) {
  // expected-error @+1 {{'snn.norm' op intermediates exceed 64 bits for rows of 4 codes up to 2147483647 (lower frac_bits or gain_shift)}}
  %y = snn.norm <rms> %x {gain = dense<1> : tensor<4xi64>, bias = dense<0> : tensor<4xi64>, epsilon = 0 : i64, frac_bits = 1 : i64, gain_shift = 0 : i64} : !snn.spikes<2x4, graded, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @slice_out_of_bounds(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.slice' op dimension 1 reads indices 6 to 9, outside [0, 8)}}
  %y = snn.slice %s {starts = array<i64: 0, 6>, steps = array<i64: 1, 1>} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @slice_zero_step(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.slice' op step of dimension 0 is 0}}
  %y = snn.slice %s {starts = array<i64: 0, 0>, steps = array<i64: 0, 1>} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @slice_rank(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.slice' op needs one start and one step per dimension and a result of the input's rank 2}}
  %y = snn.slice %s {starts = array<i64: 0>, steps = array<i64: 1>} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @slice_window(%s: !snn.spikes<2x8, unary, T = 8>) {
  // expected-error @+1 {{'snn.slice' op result encoding unary, T = 4 differs from the input's unary, T = 8}}
  %y = snn.slice %s {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x4, unary, T = 4>
  return
}

// -----

func.func @concat_size(%a: !snn.spikes<2x4, unary, T = 8>, %b: !snn.spikes<2x2, unary, T = 8>) {
  // expected-error @+1 {{'snn.concat' op result shape [2, 7] does not match the expected shape [2, 6]}}
  %c = snn.concat %a, %b {axis = 1 : i64} : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x2, unary, T = 8>) -> !snn.spikes<2x7, unary, T = 8>
  return
}

// -----

func.func @concat_other_dim(%a: !snn.spikes<2x4, unary, T = 8>, %b: !snn.spikes<3x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.concat' op input shape [3, 4] differs from the result shape [2, 8] outside axis 1}}
  %c = snn.concat %a, %b {axis = 1 : i64} : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<3x4, unary, T = 8>) -> !snn.spikes<2x8, unary, T = 8>
  return
}

// -----

func.func @concat_axis(%a: !snn.spikes<2x4, unary, T = 8>) {
  // expected-error @+1 {{'snn.concat' op axis 2 is outside [0, 2)}}
  %c = snn.concat %a {axis = 2 : i64} : (!snn.spikes<2x4, unary, T = 8>) -> !snn.spikes<2x4, unary, T = 8>
  return
}

// -----

func.func @concat_window(%a: !snn.spikes<2x4, unary, T = 8>, %b: !snn.spikes<2x4, unary, T = 4>) {
  // expected-error @+1 {{'snn.concat' op result encoding unary, T = 8 differs from the input's unary, T = 4}}
  %c = snn.concat %a, %b {axis = 1 : i64} : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x4, unary, T = 4>) -> !snn.spikes<2x8, unary, T = 8>
  return
}
