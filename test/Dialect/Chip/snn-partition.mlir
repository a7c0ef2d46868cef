// RUN: snn-opt %s --snn-partition=target=loihi-small -split-input-file | FileCheck %s
// RUN: snn-opt %s --snn-partition=target=loihi-small --snn-partition=target=loihi-small -split-input-file | FileCheck %s

// One layer within every limit: one core. Populations are named after the
// encoded argument's ONNX name and the neurons' ONNX node; the host feeds
// the layer through an input port and reads it through an output port
// named after the ONNX output.

// CHECK-LABEL: func.func @one_core
// CHECK-SAME: attributes {chip.mapping = @one_core_chip}
// CHECK: snn.encode %{{.*}} {snn.name = "x"}
// CHECK: snn.neurons {{.*}}snn.name = "fc1"
// CHECK-LABEL: chip.module @one_core_chip target "loihi-small"
// CHECK-SAME: mesh #chip.mesh<kind = mesh2d, width = 4, height = 4, chips = 1>
// CHECK-SAME: limits #chip.core_limits<neurons = 32, synapse_words = 256, input_axons = 128, output_axons = 128>
// CHECK-SAME: attributes {chip.target_sha256 = "{{[0-9a-f]+}}"}
// CHECK-NEXT: chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {input_axons = 16 : i64, neurons = 10 : i64, output_axons = 0 : i64, slices = [#chip.slice<"fc1", 0, 10>], synapse_words = 32 : i64}
// CHECK-NEXT: chip.port @x input population "fc1" cores [@c0]
// CHECK-NEXT: chip.port @y output population "fc1" cores [@c0]
// CHECK-NEXT: }
func.func @one_core(%x: tensor<16xi8> {onnx.name = "x"}) -> (tensor<10xi32> {onnx.name = "y"}) {
  %s = snn.encode %x : tensor<16xi8> -> !snn.spikes<16, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<10x16xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<16, unary, T = 8> -> !snn.current<10>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<10>) -> !snn.spikes<10, unary, T = 8> loc("fc1")
  %y = snn.decode %n : !snn.spikes<10, unary, T = 8> -> tensor<10xi32>
  return %y : tensor<10xi32>
}

// -----

// 100 neurons on cores of 32: greedily 32 + 32 + 32 + 4, evened out to
// four slices of 25. Each core holds 16 rows of ceil(25 / 8) = 4 words.
// Unnamed populations get generated names.

// CHECK-LABEL: chip.module @neuron_limit_chip
// CHECK-NEXT: chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {input_axons = 16 : i64, neurons = 25 : i64, output_axons = 0 : i64, slices = [#chip.slice<"pop0", 0, 25>], synapse_words = 64 : i64}
// CHECK-NEXT: chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {{.*}}slices = [#chip.slice<"pop0", 25, 50>]
// CHECK-NEXT: chip.core @c2 at #chip.coord<chip = 0, x = 2, y = 0> {{.*}}slices = [#chip.slice<"pop0", 50, 75>]
// CHECK-NEXT: chip.core @c3 at #chip.coord<chip = 0, x = 3, y = 0> {{.*}}slices = [#chip.slice<"pop0", 75, 100>]
// CHECK-NEXT: chip.port @input0 input population "pop0" cores [@c0, @c1, @c2, @c3]
// CHECK-NEXT: chip.port @output0 output population "pop0" cores [@c0, @c1, @c2, @c3]
func.func @neuron_limit(%x: tensor<16xi8>) -> tensor<100xi32> {
  %s = snn.encode %x : tensor<16xi8> -> !snn.spikes<16, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<100x16xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<16, unary, T = 8> -> !snn.current<100>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<100>) -> !snn.spikes<100, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<100, unary, T = 8> -> tensor<100xi32>
  return %y : tensor<100xi32>
}

// -----

// Synaptic memory binds: 100 input axons with rows of ceil(n / 8) words
// allow 16 neurons per core (200 words; 24 neurons would need 300), so 30
// neurons take two cores of 15.

// CHECK-LABEL: chip.module @memory_limit_chip
// CHECK-NEXT: chip.core @c0 {{.*}}input_axons = 100 : i64, neurons = 15 : i64{{.*}}synapse_words = 200 : i64
// CHECK-NEXT: chip.core @c1 {{.*}}input_axons = 100 : i64, neurons = 15 : i64{{.*}}synapse_words = 200 : i64
func.func @memory_limit(%x: tensor<100xi8>) -> tensor<30xi32> {
  %s = snn.encode %x : tensor<100xi8> -> !snn.spikes<100, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<30x100xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<100, unary, T = 8> -> !snn.current<30>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<30>) -> !snn.spikes<30, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<30, unary, T = 8> -> tensor<30xi32>
  return %y : tensor<30xi32>
}

// -----

// Output axons bind: every neuron of "a" feeds the 5 cores of "b", so a
// core of "a" holds at most 25 of them (128 output axons); 32 neurons take
// two cores of 16, each with 16 axons to every core of "b".

// CHECK-LABEL: chip.module @fan_out_chip
// CHECK-NEXT: chip.core @c0 {{.*}}neurons = 16 : i64, output_axons = 80 : i64, slices = [#chip.slice<"a", 0, 16>]
// CHECK-NEXT: chip.core @c1 {{.*}}neurons = 16 : i64, output_axons = 80 : i64, slices = [#chip.slice<"a", 16, 32>]
// CHECK-NEXT: chip.core @c2 {{.*}}input_axons = 32 : i64, neurons = 32 : i64, output_axons = 0 : i64, slices = [#chip.slice<"b", 0, 32>], synapse_words = 128 : i64
// CHECK-COUNT-4: chip.core {{.*}}slices = [#chip.slice<"b",
// CHECK-NEXT: chip.route @c0 -> @c2 {axons = 16 : i64}
// CHECK-COUNT-4: chip.route @c0
// CHECK-NEXT: chip.route @c1 -> @c2 {axons = 16 : i64}
// CHECK-COUNT-4: chip.route @c1
// CHECK-NEXT: chip.port @input0 input population "a" cores [@c0, @c1]
// CHECK-NEXT: chip.port @output0 output population "b" cores [@c2, @c3, @c4, @c5, @c6]
func.func @fan_out(%x: tensor<8xi8>) -> tensor<160xi32> {
  %s = snn.encode %x : tensor<8xi8> -> !snn.spikes<8, unary, T = 8>
  %c1 = snn.synapse %s {weights = dense<1> : tensor<32x8xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<8, unary, T = 8> -> !snn.current<32>
  %a = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "a"} : (!snn.current<32>) -> !snn.spikes<32, unary, T = 8>
  %c2 = snn.synapse %a {weights = dense<1> : tensor<160x32xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<32, unary, T = 8> -> !snn.current<160>
  %b = snn.neurons %c2 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "b"} : (!snn.current<160>) -> !snn.spikes<160, unary, T = 8>
  %y = snn.decode %b : !snn.spikes<160, unary, T = 8> -> tensor<160xi32>
  return %y : tensor<160xi32>
}

// -----

// Neuron profiles bind: each of the 20 channels has its own multiplier, and
// a core has 16 profiles, so 20 neurons take two cores of 10.

// CHECK-LABEL: chip.module @profiles_chip
// CHECK-NEXT: chip.core @c0 {{.*}}slices = [#chip.slice<"pop0", 0, 10>]
// CHECK-NEXT: chip.core @c1 {{.*}}slices = [#chip.slice<"pop0", 10, 20>]
func.func @profiles(%x: tensor<4xi8>) -> tensor<20xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<20x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<20>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 8>, multipliers = array<i64: 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019>} : (!snn.current<20>) -> !snn.spikes<20, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<20, unary, T = 8> -> tensor<20xi32>
  return %y : tensor<20xi32>
}

// -----

// Leading dimensions: rows of "h" (3 x 20) and "o" (3 x 16) are separate
// tokens. A core needs the inputs of every row it spans, a memory row per
// input axon and row: "o" [0, 24) spans rows 0 and 1, so it has 2 x 20
// input axons and reads "h" neurons [0, 40), which lie on @c0 [0, 30) and
// @c1 [30, 60). Neurons of "h" row 1 feed both cores of "o".

// CHECK-LABEL: chip.module @rows_chip
// CHECK-NEXT: chip.core @c0 {{.*}}input_axons = 32 : i64, neurons = 30 : i64, output_axons = 40 : i64, slices = [#chip.slice<"h", 0, 30>], synapse_words = 80 : i64
// CHECK-NEXT: chip.core @c1 {{.*}}input_axons = 32 : i64, neurons = 30 : i64, output_axons = 40 : i64, slices = [#chip.slice<"h", 30, 60>], synapse_words = 80 : i64
// CHECK-NEXT: chip.core @c2 {{.*}}input_axons = 40 : i64, neurons = 24 : i64{{.*}}slices = [#chip.slice<"o", 0, 24>], synapse_words = 60 : i64
// CHECK-NEXT: chip.core @c3 {{.*}}input_axons = 40 : i64, neurons = 24 : i64{{.*}}slices = [#chip.slice<"o", 24, 48>], synapse_words = 60 : i64
// CHECK-NEXT: chip.route @c0 -> @c2 {axons = 30 : i64}
// CHECK-NEXT: chip.route @c0 -> @c3 {axons = 10 : i64}
// CHECK-NEXT: chip.route @c1 -> @c2 {axons = 10 : i64}
// CHECK-NEXT: chip.route @c1 -> @c3 {axons = 30 : i64}
func.func @rows(%x: tensor<3x16xi8>) -> tensor<3x16xi32> {
  %s = snn.encode %x : tensor<3x16xi8> -> !snn.spikes<3x16, unary, T = 8>
  %c1 = snn.synapse %s {weights = dense<1> : tensor<20x16xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<3x16, unary, T = 8> -> !snn.current<3x20>
  %h = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "h"} : (!snn.current<3x20>) -> !snn.spikes<3x20, unary, T = 8>
  %c2 = snn.synapse %h {weights = dense<1> : tensor<16x20xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<3x20, unary, T = 8> -> !snn.current<3x16>
  %o = snn.neurons %c2 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "o"} : (!snn.current<3x16>) -> !snn.spikes<3x16, unary, T = 8>
  %y = snn.decode %o : !snn.spikes<3x16, unary, T = 8> -> tensor<3x16xi32>
  return %y : tensor<3x16xi32>
}

// -----

// A residual add: "sum" reads the encoder and "fc" through two synapses, so
// its cores have 8 + 12 input axons and two rows of memory per neuron
// group. The encoder feeds two populations: one input port for each.
// Generated names avoid taken ones.

// CHECK-LABEL: func.func @residual
// CHECK: snn.neurons {{.*}}snn.name = "fc_1"
// CHECK: snn.neurons {{.*}}snn.name = "fc_2"
// CHECK-LABEL: chip.module @residual_chip
// CHECK-NEXT: chip.core @c0 {{.*}}input_axons = 8 : i64, neurons = 12 : i64, output_axons = 12 : i64, slices = [#chip.slice<"fc_1", 0, 12>], synapse_words = 16 : i64
// CHECK-NEXT: chip.core @c1 {{.*}}input_axons = 20 : i64, neurons = 8 : i64, output_axons = 0 : i64, slices = [#chip.slice<"fc_2", 0, 8>], synapse_words = 20 : i64
// CHECK-NEXT: chip.route @c0 -> @c1 {axons = 12 : i64}
// CHECK-NEXT: chip.port @fc.fc_1 input population "fc_1" cores [@c0]
// CHECK-NEXT: chip.port @fc.fc_2 input population "fc_2" cores [@c1]
// CHECK-NEXT: chip.port @output0 output population "fc_2" cores [@c1]
func.func @residual(%x: tensor<8xi8>) -> tensor<8xi32> {
  %s = snn.encode %x {snn.name = "fc"} : tensor<8xi8> -> !snn.spikes<8, unary, T = 8>
  %c1 = snn.synapse %s {weights = dense<1> : tensor<12x8xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<8, unary, T = 8> -> !snn.current<12>
  %h = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<12>) -> !snn.spikes<12, unary, T = 8> loc("fc")
  %c2 = snn.synapse %h {weights = dense<1> : tensor<8x12xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<12, unary, T = 8> -> !snn.current<8>
  %c3 = snn.synapse %s {weights = dense<1> : tensor<8x8xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<8, unary, T = 8> -> !snn.current<8>
  %r = snn.neurons %c2, %c3 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3, 5>} : (!snn.current<8>, !snn.current<8>) -> !snn.spikes<8, unary, T = 8> loc("fc")
  %y = snn.decode %r : !snn.spikes<8, unary, T = 8> -> tensor<8xi32>
  return %y : tensor<8xi32>
}

// -----

// Functions without snn ops are left alone; running the pass again
// replaces the earlier mapping (see the second RUN line).

// CHECK-LABEL: func.func @host_only
// CHECK-NOT: chip.mapping
func.func @host_only(%x: tensor<4xi32>) -> tensor<4xi32> {
  return %x : tensor<4xi32>
}
