// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s --mlir-print-op-generic | snn-opt | FileCheck %s

// CHECK-LABEL: func.func @mlp
func.func @mlp(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  // CHECK: %[[W:.*]] = xf.constant dense<5.000000e-01> : tensor<4x8xf32>
  %w = xf.constant dense<0.5> : tensor<4x8xf32>
  %b = xf.constant dense<0.25> : tensor<4xf32>
  // CHECK: %[[Y:.*]] = xf.linear %{{.*}}, %[[W]], %{{.*}} : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %y = xf.linear %x, %w, %b : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  // CHECK: xf.linear %{{.*}}, %[[W]] : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  %y2 = xf.linear %x, %w : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  // CHECK: xf.relu %[[Y]] : tensor<2x4xf32>
  %r = xf.relu %y : tensor<2x4xf32>
  %s = xf.add %r, %y2 : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %s : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  // CHECK: xf.add {{.*}} : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %0 = xf.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: xf.sub
  %1 = xf.sub %0, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: xf.mul
  %2 = xf.mul %1, %1 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: xf.div
  %3 = xf.div %2, %a : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: xf.sigmoid
  %4 = xf.sigmoid %3 : tensor<2x3x4xf32>
  // CHECK: xf.tanh
  %5 = xf.tanh %4 : tensor<2x3x4xf32>
  // CHECK: xf.silu
  %6 = xf.silu %5 : tensor<2x3x4xf32>
  // CHECK: xf.gelu %{{.*}} : tensor<2x3x4xf32>
  %7 = xf.gelu %6 : tensor<2x3x4xf32>
  // CHECK: xf.gelu %{{.*}} {approximate = #xf.gelu_approximation<tanh>} : tensor<2x3x4xf32>
  %8 = xf.gelu %7 {approximate = #xf.gelu_approximation<tanh>} : tensor<2x3x4xf32>
  return %8 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @attention
func.func @attention(%q: tensor<1x2x5x8xf32>, %k: tensor<1x2x8x5xf32>, %v: tensor<1x2x5x8xf32>) -> tensor<1x2x5x8xf32> {
  // CHECK: xf.matmul {{.*}} -> tensor<1x2x5x5xf32>
  %s = xf.matmul %q, %k : (tensor<1x2x5x8xf32>, tensor<1x2x8x5xf32>) -> tensor<1x2x5x5xf32>
  // CHECK: xf.causal_mask %{{.*}} : tensor<1x2x5x5xf32>
  %m = xf.causal_mask %s : tensor<1x2x5x5xf32>
  // CHECK: xf.causal_mask %{{.*}} {offset = 1 : si64} : tensor<1x2x5x5xf32>
  %m1 = xf.causal_mask %m {offset = 1 : si64} : tensor<1x2x5x5xf32>
  // CHECK: xf.softmax %{{.*}} : tensor<1x2x5x5xf32>
  %p = xf.softmax %m1 : tensor<1x2x5x5xf32>
  // CHECK: xf.softmax %{{.*}} {axis = 2 : si64} : tensor<1x2x5x5xf32>
  %p2 = xf.softmax %p {axis = 2 : si64} : tensor<1x2x5x5xf32>
  %o = xf.matmul %p2, %v : (tensor<1x2x5x5xf32>, tensor<1x2x5x8xf32>) -> tensor<1x2x5x8xf32>
  return %o : tensor<1x2x5x8xf32>
}

// CHECK-LABEL: func.func @matmul_vectors
func.func @matmul_vectors(%a: tensor<8xf32>, %b: tensor<3x8x4xf32>, %c: tensor<4xf32>) -> tensor<3xf32> {
  // CHECK: xf.matmul {{.*}} -> tensor<3x4xf32>
  %0 = xf.matmul %a, %b : (tensor<8xf32>, tensor<3x8x4xf32>) -> tensor<3x4xf32>
  // CHECK: xf.matmul {{.*}} -> tensor<3xf32>
  %1 = xf.matmul %0, %c : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// CHECK-LABEL: func.func @norms
func.func @norms(%x: tensor<1x5x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<1x5x8xf32> {
  // CHECK: xf.layer_norm %{{.*}} scale %{{.*}} bias %{{.*}} {epsilon = 1.000000e-05 : f64}
  %0 = xf.layer_norm %x scale %g bias %b {epsilon = 1.0e-5 : f64} : (tensor<1x5x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x5x8xf32>
  // CHECK: xf.layer_norm %{{.*}} {axis = 1 : si64, epsilon = 1.000000e-05 : f64} : (tensor<1x5x8xf32>) -> tensor<1x5x8xf32>
  %1 = xf.layer_norm %0 {axis = 1 : si64, epsilon = 1.0e-5 : f64} : (tensor<1x5x8xf32>) -> tensor<1x5x8xf32>
  // CHECK: xf.layer_norm %{{.*}} bias %{{.*}} {epsilon
  %2 = xf.layer_norm %1 bias %b {epsilon = 1.0e-5 : f64} : (tensor<1x5x8xf32>, tensor<8xf32>) -> tensor<1x5x8xf32>
  // CHECK: xf.rms_norm %{{.*}} scale %{{.*}} {epsilon = 9.9999999999999995E-7 : f64}
  %3 = xf.rms_norm %2 scale %g {epsilon = 1.0e-6 : f64} : (tensor<1x5x8xf32>, tensor<8xf32>) -> tensor<1x5x8xf32>
  return %3 : tensor<1x5x8xf32>
}

// CHECK-LABEL: func.func @embedding_and_shapes
func.func @embedding_and_shapes(%ids: tensor<1x5xi64>) -> tensor<8x5x1xf32> {
  %t = xf.constant dense<1.0> : tensor<16x8xf32>
  // CHECK: xf.embedding %{{.*}}, %{{.*}} : (tensor<1x5xi64>, tensor<16x8xf32>) -> tensor<1x5x8xf32>
  %e = xf.embedding %ids, %t : (tensor<1x5xi64>, tensor<16x8xf32>) -> tensor<1x5x8xf32>
  // CHECK: xf.reshape %{{.*}} : (tensor<1x5x8xf32>) -> tensor<5x8x1xf32>
  %r = xf.reshape %e : (tensor<1x5x8xf32>) -> tensor<5x8x1xf32>
  // CHECK: xf.transpose %{{.*}}, [1, 0, 2] : (tensor<5x8x1xf32>) -> tensor<8x5x1xf32>
  %p = xf.transpose %r, [1, 0, 2] : (tensor<5x8x1xf32>) -> tensor<8x5x1xf32>
  return %p : tensor<8x5x1xf32>
}

// CHECK-LABEL: func.func @elementwise_math
func.func @elementwise_math(%x: tensor<2x4xf32>, %e: tensor<i64>, %n: tensor<3xi64>) -> (tensor<2x4xf32>, tensor<3xi64>) {
  // CHECK: xf.sqrt %{{.*}} : tensor<2x4xf32>
  %0 = xf.sqrt %x : tensor<2x4xf32>
  // CHECK: xf.reciprocal
  %1 = xf.reciprocal %0 : tensor<2x4xf32>
  // CHECK: xf.exp
  %2 = xf.exp %1 : tensor<2x4xf32>
  // CHECK: xf.erf
  %3 = xf.erf %2 : tensor<2x4xf32>
  // CHECK: xf.neg %{{.*}} : tensor<2x4xf32>
  %4 = xf.neg %3 : tensor<2x4xf32>
  // CHECK: xf.pow %{{.*}}, %{{.*}} : (tensor<2x4xf32>, tensor<i64>) -> tensor<2x4xf32>
  %5 = xf.pow %4, %e : (tensor<2x4xf32>, tensor<i64>) -> tensor<2x4xf32>
  // CHECK: xf.maximum
  %6 = xf.maximum %5, %x : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: xf.minimum
  %7 = xf.minimum %6, %x : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  // Integer arithmetic on index computations.
  // CHECK: xf.add %{{.*}} : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %8 = xf.add %n, %e : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  // CHECK: xf.neg %{{.*}} : tensor<3xi64>
  %9 = xf.neg %8 : tensor<3xi64>
  // CHECK: xf.abs %{{.*}} : tensor<3xi64>
  %10 = xf.abs %9 : tensor<3xi64>
  return %7, %10 : tensor<2x4xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @masks
func.func @masks(%s: tensor<1x2x4x4xf32>, %m: tensor<4x4xf32>, %ids: tensor<4xi64>) -> (tensor<1x2x4x4xf32>, tensor<4xf32>) {
  %zero = xf.constant dense<0.0> : tensor<f32>
  %inf = xf.constant dense<0xFF800000> : tensor<f32>
  // CHECK: xf.trilu %{{.*}} {diagonal = 1 : si64, upper = true} : tensor<4x4xf32>
  %t = xf.trilu %m {upper = true, diagonal = 1 : si64} : tensor<4x4xf32>
  // CHECK: xf.equal %{{.*}}, %{{.*}} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  %eq = xf.equal %t, %zero : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  // CHECK: xf.less %{{.*}}, %{{.*}} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  %lt = xf.less %t, %zero : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  // CHECK: xf.less_equal %{{.*}}, %{{.*}} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  %le = xf.less_equal %t, %zero : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xi1>
  // CHECK: xf.not %{{.*}} : tensor<4x4xi1>
  %keep = xf.not %le : tensor<4x4xi1>
  // CHECK: xf.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x4xi1>, tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %w = xf.where %keep, %s, %inf : (tensor<4x4xi1>, tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  // CHECK: xf.cast %{{.*}} : (tensor<4xi64>) -> tensor<4xf32>
  %c = xf.cast %ids : (tensor<4xi64>) -> tensor<4xf32>
  return %w, %c : tensor<1x2x4x4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<2x3x1xf32>, tensor<3xf32>, tensor<2x1x1xf32>, tensor<f32>) {
  // CHECK: xf.reduce_mean %{{.*}} {axes = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  %0 = xf.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // CHECK: xf.reduce_sum %{{.*}} {axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %1 = xf.reduce_sum %x {axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  // CHECK: xf.reduce_max
  %2 = xf.reduce_max %x {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  // CHECK: xf.reduce_min
  %3 = xf.reduce_min %x {axes = array<i64: 0, 1, 2>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<2x3x1xf32>, tensor<3xf32>, tensor<2x1x1xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<1x4x12xf32>, %ids: tensor<2x3xi64>) -> (tensor<1x2x3x12xf32>, tensor<1x4x4xf32>, tensor<1x4x4xf32>, tensor<1x2x12xf32>, tensor<1x8x12xf32>, tensor<3x4x12xf32>) {
  // CHECK: xf.gather %{{.*}}, %{{.*}} {axis = 1 : si64} : (tensor<1x4x12xf32>, tensor<2x3xi64>) -> tensor<1x2x3x12xf32>
  %g = xf.gather %x, %ids {axis = 1 : si64} : (tensor<1x4x12xf32>, tensor<2x3xi64>) -> tensor<1x2x3x12xf32>
  // CHECK: %{{.*}}:3 = xf.split %{{.*}} {axis = 2 : si64} : (tensor<1x4x12xf32>) -> (tensor<1x4x4xf32>, tensor<1x4x4xf32>, tensor<1x4x4xf32>)
  %q, %k, %v = xf.split %x {axis = 2 : si64} : (tensor<1x4x12xf32>) -> (tensor<1x4x4xf32>, tensor<1x4x4xf32>, tensor<1x4x4xf32>)
  // CHECK: xf.slice %{{.*}} {starts = array<i64: 0, 3, 0>, steps = array<i64: 1, -2, 1>} : (tensor<1x4x12xf32>) -> tensor<1x2x12xf32>
  %s = xf.slice %x {starts = array<i64: 0, 3, 0>, steps = array<i64: 1, -2, 1>} : (tensor<1x4x12xf32>) -> tensor<1x2x12xf32>
  // CHECK: xf.concat %{{.*}}, %{{.*}} {axis = -2 : si64} : (tensor<1x4x12xf32>, tensor<1x4x12xf32>) -> tensor<1x8x12xf32>
  %c = xf.concat %x, %x {axis = -2 : si64} : (tensor<1x4x12xf32>, tensor<1x4x12xf32>) -> tensor<1x8x12xf32>
  // CHECK: xf.broadcast_to %{{.*}} : (tensor<1x4x12xf32>) -> tensor<3x4x12xf32>
  %b = xf.broadcast_to %x : (tensor<1x4x12xf32>) -> tensor<3x4x12xf32>
  return %g, %k, %v, %s, %c, %b : tensor<1x2x3x12xf32>, tensor<1x4x4xf32>, tensor<1x4x4xf32>, tensor<1x2x12xf32>, tensor<1x8x12xf32>, tensor<3x4x12xf32>
}
