// RUN: snn-opt %s --snn-to-chip=target=loihi-small | FileCheck %s

// A 64-96-48-10 MLP (as convert-xf-to-snn emits it) mapped onto loihi-small
// (cores of 32 neurons, 256 synapse words, 128 input and output axons on a
// 4 x 4 mesh).
//
// Legalization: each layer's worst-case input sums need the threshold
// shift lowered from 36/35/34 to 16/16/14 for the 24-bit potential.
//
// Partition: fc1 (fan-in 64) fills three cores of 32 neurons exactly at the
// memory limit (64 rows x 4 words); fc2 (fan-in 96) is memory bound at 16
// neurons per core (96 rows x 2 words); fc3 fits one core. Every fc1 core
// sends its 32 neurons to each of the three fc2 cores.
//
// Placement and routing: the snake is improved by local search so that
// seven of the nine fc1 -> fc2 routes are one hop long, the best a 2 x 3
// block allows.

// CHECK-LABEL: func.func @main
// CHECK-SAME: attributes {chip.mapping = @main_chip}
// CHECK: snn.encode %{{.*}} {snn.name = "x"}
// CHECK: snn.synapse {{.*}}chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>
// CHECK: snn.neurons {{.*}}model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 16>, multipliers = array<i64: 1229, 1434, 1638, 1229,
// CHECK-SAME: snn.name = "/fc1/Gemm"
// CHECK: snn.neurons {{.*}}model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 16>, multipliers = array<i64: 2253, 2662, 2253,
// CHECK-SAME: snn.name = "/fc2/Gemm"
// CHECK: snn.neurons {{.*}}model = #snn.stbif<threshold_shift = 14, nmin = -16, nmax = 16>, multipliers = array<i64: 1536, 1536,
// CHECK-SAME: snn.name = "/fc3/Gemm"

// CHECK-LABEL: chip.module @main_chip target "loihi-small"
// CHECK-NEXT: chip.core @c0 at #chip.coord<chip = 0, x = 3, y = 1> {input_axons = 64 : i64, neurons = 32 : i64, output_axons = 96 : i64, slices = [#chip.slice<"/fc1/Gemm", 0, 32>], synapse_words = 256 : i64}
// CHECK-NEXT: chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 1> {input_axons = 64 : i64, neurons = 32 : i64, output_axons = 96 : i64, slices = [#chip.slice<"/fc1/Gemm", 32, 64>], synapse_words = 256 : i64}
// CHECK-NEXT: chip.core @c2 at #chip.coord<chip = 0, x = 2, y = 0> {input_axons = 64 : i64, neurons = 32 : i64, output_axons = 96 : i64, slices = [#chip.slice<"/fc1/Gemm", 64, 96>], synapse_words = 256 : i64}
// CHECK-NEXT: chip.core @c3 at #chip.coord<chip = 0, x = 3, y = 0> {input_axons = 96 : i64, neurons = 16 : i64, output_axons = 16 : i64, slices = [#chip.slice<"/fc2/Gemm", 0, 16>], synapse_words = 192 : i64}
// CHECK-NEXT: chip.core @c4 at #chip.coord<chip = 0, x = 1, y = 0> {input_axons = 96 : i64, neurons = 16 : i64, output_axons = 16 : i64, slices = [#chip.slice<"/fc2/Gemm", 16, 32>], synapse_words = 192 : i64}
// CHECK-NEXT: chip.core @c5 at #chip.coord<chip = 0, x = 2, y = 1> {input_axons = 96 : i64, neurons = 16 : i64, output_axons = 16 : i64, slices = [#chip.slice<"/fc2/Gemm", 32, 48>], synapse_words = 192 : i64}
// CHECK-NEXT: chip.core @c6 at #chip.coord<chip = 0, x = 0, y = 0> {input_axons = 48 : i64, neurons = 10 : i64, output_axons = 0 : i64, slices = [#chip.slice<"/fc3/Gemm", 0, 10>], synapse_words = 96 : i64}
// CHECK-NEXT: chip.route @c0 -> @c3 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c0 -> @c4 {axons = 32 : i64, hops = 3 : i64}
// CHECK-NEXT: chip.route @c0 -> @c5 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c1 -> @c3 {axons = 32 : i64, hops = 3 : i64}
// CHECK-NEXT: chip.route @c1 -> @c4 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c1 -> @c5 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c2 -> @c3 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c2 -> @c4 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c2 -> @c5 {axons = 32 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c3 -> @c6 {axons = 16 : i64, hops = 3 : i64}
// CHECK-NEXT: chip.route @c4 -> @c6 {axons = 16 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c5 -> @c6 {axons = 16 : i64, hops = 3 : i64}
// CHECK-NEXT: chip.port @x input population "/fc1/Gemm" cores [@c0, @c1, @c2]
// CHECK-NEXT: chip.port @logits output population "/fc3/Gemm" cores [@c6]
// CHECK-NEXT: }

func.func @main(%x: tensor<1x64xi32> {onnx.name = "x", snn.qmin = 0 : i64, snn.qmax = 16 : i64}) -> (tensor<1x10xi32> {onnx.name = "logits"}) {
  %s0 = snn.encode %x : tensor<1x64xi32> -> !snn.spikes<1x64, unary, T = 16>
  %c1 = snn.synapse %s0 {weights = dense<3> : tensor<96x64xi8>, bias = dense<-40> : tensor<96xi32>} : !snn.spikes<1x64, unary, T = 16> -> !snn.current<1x96> loc("/fc1/Gemm")
  %s1 = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 36, nmin = 0, nmax = 16>, multipliers = array<i64: 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918, 1288490189, 1503238554, 1717986918>} : (!snn.current<1x96>) -> !snn.spikes<1x96, unary, T = 16> loc("/fc1/Gemm")
  %c2 = snn.synapse %s1 {weights = dense<-2> : tensor<48x96xi8>, bias = dense<500> : tensor<48xi32>} : !snn.spikes<1x96, unary, T = 16> -> !snn.current<1x48> loc("/fc2/Gemm")
  %s2 = snn.neurons %c2 {model = #snn.stbif<threshold_shift = 35, nmin = 0, nmax = 16>, multipliers = array<i64: 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371, 1181116006, 1395864371>} : (!snn.current<1x48>) -> !snn.spikes<1x48, unary, T = 16> loc("/fc2/Gemm")
  %c3 = snn.synapse %s2 {weights = dense<5> : tensor<10x48xi8>} : !snn.spikes<1x48, unary, T = 16> -> !snn.current<1x10> loc("/fc3/Gemm")
  %s3 = snn.neurons %c3 {model = #snn.stbif<threshold_shift = 34, nmin = -16, nmax = 16>, multipliers = array<i64: 1610612736, 1610612736, 1610612736, 1610612736, 1610612736, 1610612736, 1610612736, 1610612736, 1610612736, 1610612736>} : (!snn.current<1x10>) -> !snn.spikes<1x10, unary, T = 16> loc("/fc3/Gemm")
  %out = snn.decode %s3 : !snn.spikes<1x10, unary, T = 16> -> tensor<1x10xi32>
  return %out : tensor<1x10xi32>
}
