// RUN: snn-opt %s -split-input-file -verify-diagnostics

func.func @constant_type_mismatch() {
  // expected-error @+1 {{value type 'tensor<2xf32>' does not match result type 'tensor<3xf32>'}}
  %0 = "xf.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return
}

// -----

func.func @linear_input_rank0(%x: tensor<f32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{input must have rank >= 1}}
  %0 = xf.linear %x, %w : (tensor<f32>, tensor<4x8xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @linear_weight_rank(%x: tensor<2x8xf32>, %w: tensor<8xf32>) {
  // expected-error @+1 {{weight must have rank 2 ([out_features, in_features]), got rank 1}}
  %0 = xf.linear %x, %w : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_in_features(%x: tensor<2x8xf32>, %w: tensor<4x7xf32>) {
  // expected-error @+1 {{input feature size 8 does not match weight in_features 7}}
  %0 = xf.linear %x, %w : (tensor<2x8xf32>, tensor<4x7xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_bias_shape(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias must have shape [4] (out_features), got [8]}}
  %0 = xf.linear %x, %w, %b : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_element_type(%x: tensor<2x8xf16>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'f16' and 'f32'}}
  %0 = xf.linear %x, %w : (tensor<2x8xf16>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_result_shape(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{result shape [2, 8] does not match the expected shape [2, 4]}}
  %0 = xf.linear %x, %w : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_dynamic(%x: tensor<?x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values}}
  %0 = xf.linear %x, %w : (tensor<?x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_rank0(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operands must have rank >= 1}}
  %0 = xf.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @matmul_contract(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{contracted dimensions differ: lhs has 3, rhs has 4}}
  %0 = xf.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x2x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error @+1 {{batch dimensions [2] and [3] are not broadcast-compatible}}
  %0 = xf.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x5xf32>) -> tensor<2x2x5xf32>
  return
}

// -----

func.func @matmul_result(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{result shape [5, 2] does not match the expected shape [2, 5]}}
  %0 = xf.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<5x2xf32>
  return
}

// -----

func.func @matmul_element_type(%a: tensor<2x3xf32>, %b: tensor<3x5xf16>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'f16' and 'f32'}}
  %0 = xf.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf16>) -> tensor<2x5xf32>
  return
}

// -----

func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{operand shapes [2, 3] and [4, 3] are not broadcast-compatible}}
  %0 = xf.add %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @sub_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result shape [3] does not match the expected shape [2, 3]}}
  %0 = xf.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @mul_element_type(%a: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'f16' and 'f32'}}
  %0 = xf.mul %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return
}

// -----

func.func @div_broadcast(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operand shapes [2] and [3] are not broadcast-compatible}}
  %0 = xf.div %a, %b : (tensor<2xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @softmax_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = xf.softmax %a {axis = 2 : si64} : tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = xf.layer_norm %x {axis = -3 : si64, epsilon = 1.0e-5 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_epsilon(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{epsilon must be positive, got 0}}
  %0 = xf.layer_norm %x {epsilon = 0.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_scale(%x: tensor<2x3xf32>, %g: tensor<2x3xf32>) {
  // expected-error @+1 {{affine parameter shape [2, 3] does not match the normalized shape [3]}}
  %0 = xf.layer_norm %x scale %g {epsilon = 1.0e-5 : f64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [3, 2] does not match the expected shape [2, 3]}}
  %0 = xf.layer_norm %x {epsilon = 1.0e-5 : f64} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @layer_norm_element_type(%x: tensor<2x3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'f16' and 'f32'}}
  %0 = xf.layer_norm %x bias %b {epsilon = 1.0e-5 : f64} : (tensor<2x3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @rms_norm_scale(%x: tensor<2x3xf32>, %g: tensor<2xf32>) {
  // expected-error @+1 {{affine parameter shape [2] does not match the normalized shape [3]}}
  %0 = xf.rms_norm %x scale %g {epsilon = 1.0e-6 : f64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @rms_norm_epsilon(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{epsilon must be positive, got -1}}
  %0 = xf.rms_norm %x {epsilon = -1.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @causal_mask_rank(%x: tensor<5xf32>) {
  // expected-error @+1 {{input must have rank >= 2 (..., query, key), got rank 1}}
  %0 = xf.causal_mask %x : tensor<5xf32>
  return
}

// -----

func.func @embedding_table_rank(%ids: tensor<5xi64>, %t: tensor<16xf32>) {
  // expected-error @+1 {{table must have rank 2 ([vocab, dim]), got rank 1}}
  %0 = xf.embedding %ids, %t : (tensor<5xi64>, tensor<16xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @embedding_element_type(%ids: tensor<5xi64>, %t: tensor<16x8xf32>) {
  // expected-error @+1 {{result element type 'f16' does not match table element type 'f32'}}
  %0 = xf.embedding %ids, %t : (tensor<5xi64>, tensor<16x8xf32>) -> tensor<5x8xf16>
  return
}

// -----

func.func @embedding_result(%ids: tensor<5xi64>, %t: tensor<16x8xf32>) {
  // expected-error @+1 {{result shape [5, 16] does not match the expected shape [5, 8]}}
  %0 = xf.embedding %ids, %t : (tensor<5xi64>, tensor<16x8xf32>) -> tensor<5x16xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{cannot reshape [2, 3] (6 elements) to [7] (7 elements)}}
  %0 = xf.reshape %x : (tensor<2x3xf32>) -> tensor<7xf32>
  return
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i32'}}
  %0 = xf.reshape %x : (tensor<2x3xf32>) -> tensor<6xi32>
  return
}

// -----

func.func @transpose_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm has 3 entries but the input has rank 2}}
  %0 = xf.transpose %x, [0, 1, 2] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_perm(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm [1, 1] is not a permutation of [0, 2)}}
  %0 = xf.transpose %x, [1, 1] : (tensor<2x3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @transpose_element_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'f16'}}
  %0 = xf.transpose %x, [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf16>
  return
}

// -----

func.func @transpose_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [2, 3] does not match the expected shape [3, 2]}}
  %0 = xf.transpose %x, [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pow_broadcast(%x: tensor<2x3xf32>, %e: tensor<4xf32>) {
  // expected-error @+1 {{operand shapes [2, 3] and [4] are not broadcast-compatible}}
  %0 = xf.pow %x, %e : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pow_element_type(%x: tensor<2xf32>, %e: tensor<i64>) {
  // expected-error @+1 {{result element type 'i64' differs from the base's 'f32'}}
  %0 = xf.pow %x, %e : (tensor<2xf32>, tensor<i64>) -> tensor<2xi64>
  return
}

// -----

func.func @maximum_element_type(%a: tensor<2xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'i64' and 'f32'}}
  %0 = xf.maximum %a, %b : (tensor<2xf32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @compare_element_types(%a: tensor<2xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'i64'}}
  %0 = xf.equal %a, %b : (tensor<2xf32>, tensor<2xi64>) -> tensor<2xi1>
  return
}

// -----

func.func @compare_result_shape(%a: tensor<2x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result shape [2] does not match the expected shape [2, 3]}}
  %0 = xf.less %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2xi1>
  return
}

// -----

func.func @compare_result_type(%a: tensor<2xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = xf.less %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @where_broadcast(%c: tensor<4xi1>, %a: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{operand shapes [4] and [3] are not broadcast-compatible}}
  %0 = xf.where %c, %a, %b : (tensor<4xi1>, tensor<3xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @where_element_type(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<i64>) {
  // expected-error @+1 {{selected values and result must have the same element type, got 'i64' and 'f32'}}
  %0 = xf.where %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<i64>) -> tensor<4xf32>
  return
}

// -----

func.func @cast_shape(%x: tensor<2x3xi64>) {
  // expected-error @+1 {{result shape [6] does not match the expected shape [2, 3]}}
  %0 = xf.cast %x : (tensor<2x3xi64>) -> tensor<6xf32>
  return
}

// -----

func.func @reduce_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = xf.reduce_sum %x {axes = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_axes_order(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axes [1, 0] must be sorted and distinct}}
  %0 = xf.reduce_mean %x {axes = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return
}

// -----

func.func @reduce_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [2, 1] does not match the expected shape [2]}}
  %0 = xf.reduce_max %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @reduce_element_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'f32' and 'i64'}}
  %0 = xf.reduce_min %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return
}

// -----

func.func @gather_axis(%x: tensor<4x8xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = xf.gather %x, %i {axis = -3 : si64} : (tensor<4x8xf32>, tensor<3xi64>) -> tensor<3x8xf32>
  return
}

// -----

func.func @gather_bool_indices(%x: tensor<4x8xf32>, %i: tensor<3xi1>) {
  // expected-error @+1 {{indices must be integers, got i1}}
  %0 = xf.gather %x, %i {axis = 0 : si64} : (tensor<4x8xf32>, tensor<3xi1>) -> tensor<3x8xf32>
  return
}

// -----

func.func @gather_element_type(%x: tensor<4x8xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i64'}}
  %0 = xf.gather %x, %i {axis = 0 : si64} : (tensor<4x8xf32>, tensor<3xi64>) -> tensor<3x8xi64>
  return
}

// -----

func.func @gather_result(%x: tensor<4x8xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+1 {{result shape [3, 8] does not match the expected shape [4, 2, 3]}}
  %0 = xf.gather %x, %i {axis = 1 : si64} : (tensor<4x8xf32>, tensor<2x3xi64>) -> tensor<3x8xf32>
  return
}

// -----

func.func @slice_attr_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{needs one start and one step per dimension (rank 2), got 1 and 2}}
  %0 = xf.slice %x {starts = array<i64: 0>, steps = array<i64: 1, 1>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @slice_rank(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{result rank 1 differs from the input rank 2}}
  %0 = xf.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : (tensor<4x8xf32>) -> tensor<32xf32>
  return
}

// -----

func.func @slice_element_type(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i64'}}
  %0 = xf.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : (tensor<4x8xf32>) -> tensor<4x8xi64>
  return
}

// -----

func.func @slice_zero_step(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{step of dimension 1 is zero}}
  %0 = xf.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 0>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @slice_bounds(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{dimension 1 reads indices 6 to 8, outside [0, 8)}}
  %0 = xf.slice %x {starts = array<i64: 0, 6>, steps = array<i64: 1, 2>} : (tensor<4x8xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @concat_empty() {
  // expected-error @+1 {{needs at least one input}}
  %0 = xf.concat {axis = 0 : si64} : () -> tensor<4xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = xf.concat %a, %a {axis = 2 : si64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_shapes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{input shapes [2, 3] and [3, 3] differ outside axis 1}}
  %0 = xf.concat %a, %b {axis = 1 : si64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_element_type(%a: tensor<2xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{operands and result must have the same element type, got 'i64' and 'f32'}}
  %0 = xf.concat %a, %b {axis = 0 : si64} : (tensor<2xf32>, tensor<2xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @concat_result(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [2, 5] does not match the expected shape [2, 6]}}
  %0 = xf.concat %a, %a {axis = 1 : si64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @split_no_results(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs at least one result}}
  xf.split %x {axis = 0 : si64} : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @split_axis(%x: tensor<4xf32>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = xf.split %x {axis = 1 : si64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @split_shape(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{result shape [3, 2] differs from the input shape [2, 4] outside axis 1}}
  %0:2 = xf.split %x {axis = 1 : si64} : (tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>)
  return
}

// -----

func.func @split_element_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i64'}}
  %0:2 = xf.split %x {axis = 0 : si64} : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @split_cover(%x: tensor<4xf32>) {
  // expected-error @+1 {{results cover 3 elements of axis 0, the input has 4}}
  %0:2 = xf.split %x {axis = 0 : si64} : (tensor<4xf32>) -> (tensor<2xf32>, tensor<1xf32>)
  return
}

// -----

func.func @broadcast_to_shape(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{cannot broadcast [3, 4] to [2, 4]}}
  %0 = xf.broadcast_to %x : (tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_to_element_type(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i64'}}
  %0 = xf.broadcast_to %x : (tensor<1x4xf32>) -> tensor<2x4xi64>
  return
}

// -----

func.func @trilu_rank(%x: tensor<4xf32>) {
  // expected-error @+1 {{input must have rank >= 2, got rank 1}}
  %0 = xf.trilu %x {upper = false} : tensor<4xf32>
  return
}
