// RUN: snn-opt %s --snn-partition="target=loihi-small chips=2" | FileCheck %s

// 640 neurons need 20 cores, more than one 4 x 4 chip of loihi-small (see
// snn-partition-errors.mlir): with chips = 2 the cores continue on chip 1.

// CHECK-LABEL: chip.module @two_chips_chip
// CHECK-SAME: mesh #chip.mesh<kind = mesh2d, width = 4, height = 4, chips = 2>
// CHECK: chip.core @c15 at #chip.coord<chip = 0, x = 3, y = 3>
// CHECK-NEXT: chip.core @c16 at #chip.coord<chip = 1, x = 0, y = 0>
// CHECK: chip.core @c19 at #chip.coord<chip = 1, x = 3, y = 0>
func.func @two_chips(%x: tensor<4xi8>) -> tensor<640xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<640x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<640>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<640>) -> !snn.spikes<640, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<640, unary, T = 8> -> tensor<640xi32>
  return %y : tensor<640xi32>
}
