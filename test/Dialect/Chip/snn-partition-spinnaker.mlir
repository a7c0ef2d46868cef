// RUN: snn-opt %s --split-input-file --snn-partition=target=spinnaker -verify-diagnostics | FileCheck %s
// RUN: not snn-opt %s --split-input-file --snn-partition="target=spinnaker chips=3" 2>&1 | FileCheck %s --check-prefix=BOARD

// The tick budget bounds a spinnaker core: with every source spiking, a
// core of n neurons fed by 100 inputs needs 100 x 50 cycles for the packets,
// 100 n x 16 for the synaptic events and 100 n for the neuron updates,
// within 200,000 cycles per tick: n <= 114, so 256 neurons take 3 cores
// (evened out to 86, 85, 85), not the one the 256-neuron limit allows.
// Synapse words are one 32-bit word per synapse plus a 3-word row header.

// CHECK-LABEL: chip.module @budget_chip target "spinnaker"
// CHECK-SAME: mesh #chip.mesh<kind = triangular, width = 16, height = 1, chips = 4>
// CHECK-NEXT: chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {{.*}}slices = [#chip.slice<"pop0", 0, 86>], synapse_words = 8900
// CHECK-NEXT: chip.core @c1 {{.*}}slices = [#chip.slice<"pop0", 86, 171>], synapse_words = 8800
// CHECK-NEXT: chip.core @c2 {{.*}}slices = [#chip.slice<"pop0", 171, 256>]
// CHECK-NOT: chip.core
func.func @budget(%x: tensor<100xi8>) -> tensor<256xi32> {
  %s = snn.encode %x : tensor<100xi8> -> !snn.spikes<100, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<256x100xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 16, exponent = -8>} : !snn.spikes<100, unary, T = 8> -> !snn.current<256>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<256>) -> !snn.spikes<256, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<256, unary, T = 8> -> tensor<256xi32>
  return %y : tensor<256xi32>
}

// -----

// One neuron whose fan-in alone overruns the tick is refused with the
// cycle count.
func.func @overrun(%x: tensor<4000xi8>) -> tensor<2xi32> {
  %s = snn.encode %x : tensor<4000xi8> -> !snn.spikes<4000, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<2x4000xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 16, exponent = -8>} : !snn.spikes<4000, unary, T = 8> -> !snn.current<2>
  // expected-error @+1 {{population 'pop0' does not fit a core of target 'spinnaker': one neuron with its 4000 input rows needs 264100 cycles per tick when every source spikes (4000 x 50 per packet, 4000 x 16 per synaptic event, 100 per neuron update) but a tick has 200000; hint: reduce the layer's fan-in or slow the tick (timing.tick_cycles)}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<2>) -> !snn.spikes<2, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<2, unary, T = 8> -> tensor<2xi32>
  return %y : tensor<2xi32>
}

// BOARD: error: 3 chips do not fill a triangular board of target 'spinnaker' (chip c sits at column c % ceil(sqrt(chips))); hint: use a multiple of the column count, e.g. 1, 2, 4, 6, 9, 12, 16
