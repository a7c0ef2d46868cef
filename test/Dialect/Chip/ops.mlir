// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s --mlir-print-op-generic | snn-opt | FileCheck %s

// A two-layer network on a Loihi-like 2 x 2 mesh: layer1 split over two
// cores, layer2 on a third, fed and read through ports.

// CHECK-LABEL: chip.module @small target "loihi"
// CHECK-SAME: mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
// CHECK-SAME: limits #chip.core_limits<neurons = 8192, synapse_words = 16384, input_axons = 4096, output_axons = 4096> {
chip.module @small target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 8192, synapse_words = 16384,
                             input_axons = 4096, output_axons = 4096> {
  // CHECK-NEXT: chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {input_axons = 784 : i64, neurons = 512 : i64, output_axons = 512 : i64, slices = [#chip.slice<"layer1", 0, 512>], synapse_words = 6272 : i64}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {
      slices = [#chip.slice<"layer1", 0, 512>], neurons = 512,
      synapse_words = 6272, input_axons = 784, output_axons = 512}
  // CHECK-NEXT: chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {input_axons = 784 : i64, neurons = 512 : i64, output_axons = 512 : i64, slices = [#chip.slice<"layer1", 512, 1024>], synapse_words = 6272 : i64}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {
      slices = [#chip.slice<"layer1", 512, 1024>], neurons = 512,
      synapse_words = 6272, input_axons = 784, output_axons = 512}
  // Struct parameters parse in any order and print in declaration order.
  // CHECK-NEXT: chip.core @c2 at #chip.coord<chip = 0, x = 1, y = 1> {input_axons = 1034 : i64, neurons = 10 : i64, output_axons = 10 : i64, slices = [#chip.slice<"layer2", 0, 10>], synapse_words = 160 : i64}
  chip.core @c2 at #chip.coord<y = 1, x = 1, chip = 0> {
      slices = [#chip.slice<"layer2", 0, 10>], neurons = 10,
      synapse_words = 160, input_axons = 1034, output_axons = 10}
  // CHECK-NEXT: chip.route @c0 -> @c2 {axons = 512 : i64, hops = 2 : i64}
  chip.route @c0 -> @c2 {axons = 512, hops = 2}
  // CHECK-NEXT: chip.route @c1 -> @c2 {axons = 512 : i64}
  chip.route @c1 -> @c2 {axons = 512}
  // A recurrent route stays on its core.
  // CHECK-NEXT: chip.route @c2 -> @c2 {axons = 10 : i64, hops = 0 : i64}
  chip.route @c2 -> @c2 {axons = 10, hops = 0}
  // CHECK-NEXT: chip.port @pixels input population "layer1" cores [@c0, @c1]
  chip.port @pixels input population "layer1" cores [@c0, @c1]
  // CHECK-NEXT: chip.port @logits output population "layer2" cores [@c2]
  chip.port @logits output population "layer2" cores [@c2]
}

// Cores at the limits, several slices per core, and a population whose
// slices interleave over two cores.

// CHECK-LABEL: chip.module @full target "loihi1"
// CHECK-SAME: mesh #chip.mesh<kind = mesh2d, width = 8, height = 16, chips = 2>
// CHECK-SAME: limits #chip.core_limits<neurons = 1024, synapse_words = 16384, input_axons = 4096, output_axons = 4096> {
chip.module @full target "loihi1"
    mesh #chip.mesh<kind = mesh2d, width = 8, height = 16, chips = 2>
    limits #chip.core_limits<neurons = 1024, synapse_words = 16384,
                             input_axons = 4096, output_axons = 4096> {
  // CHECK-NEXT: chip.core @a at #chip.coord<chip = 0, x = 7, y = 15> {input_axons = 4096 : i64, neurons = 1024 : i64, output_axons = 4096 : i64, slices = [#chip.slice<"q", 0, 512>, #chip.slice<"k", 256, 768>], synapse_words = 16384 : i64}
  chip.core @a at #chip.coord<chip = 0, x = 7, y = 15> {
      slices = [#chip.slice<"q", 0, 512>, #chip.slice<"k", 256, 768>],
      neurons = 1024, synapse_words = 16384, input_axons = 4096,
      output_axons = 4096}
  // CHECK-NEXT: chip.core @b at #chip.coord<chip = 1, x = 0, y = 0> {input_axons = 0 : i64, neurons = 512 : i64, output_axons = 0 : i64, slices = [#chip.slice<"k", 768, 1024>, #chip.slice<"k", 0, 256>], synapse_words = 0 : i64}
  chip.core @b at #chip.coord<chip = 1, x = 0, y = 0> {
      slices = [#chip.slice<"k", 768, 1024>, #chip.slice<"k", 0, 256>],
      neurons = 512, synapse_words = 0, input_axons = 0, output_axons = 0}
  // Chip-to-chip hops are the router's choice.
  // CHECK-NEXT: chip.route @b -> @a {axons = 1 : i64, hops = 40 : i64}
  chip.route @b -> @a {axons = 1, hops = 40}
}

// Triangular meshes leave hop counts to the router, even within a chip.

// CHECK-LABEL: chip.module @spinnaker target "spinnaker"
// CHECK-SAME: mesh #chip.mesh<kind = triangular, width = 2, height = 2, chips = 1>
chip.module @spinnaker target "spinnaker"
    mesh #chip.mesh<kind = triangular, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 256, synapse_words = 8192,
                             input_axons = 1024, output_axons = 256> {
  // CHECK: chip.core @p0 at #chip.coord<chip = 0, x = 0, y = 0>
  chip.core @p0 at #chip.coord<chip = 0, x = 0, y = 0> {
      slices = [#chip.slice<"in", 0, 256>], neurons = 256,
      synapse_words = 0, input_axons = 0, output_axons = 256}
  // CHECK: chip.core @p1 at #chip.coord<chip = 0, x = 1, y = 1>
  chip.core @p1 at #chip.coord<chip = 0, x = 1, y = 1> {
      slices = [#chip.slice<"out", 0, 100>], neurons = 100,
      synapse_words = 6400, input_axons = 256, output_axons = 100}
  // CHECK: chip.route @p0 -> @p1 {axons = 256 : i64, hops = 1 : i64}
  chip.route @p0 -> @p1 {axons = 256, hops = 1}
}

// CHECK-LABEL: chip.module @fpga target "xc7z020"
// CHECK-SAME: mesh #chip.mesh<kind = engines, width = 4, height = 1, chips = 1>
chip.module @fpga target "xc7z020"
    mesh #chip.mesh<kind = engines, width = 4, height = 1, chips = 1>
    limits #chip.core_limits<neurons = 4096, synapse_words = 65536,
                             input_axons = 4096, output_axons = 4096> {
  // CHECK: chip.core @e0 at #chip.coord<chip = 0, x = 3, y = 0>
  chip.core @e0 at #chip.coord<chip = 0, x = 3, y = 0> {
      slices = [#chip.slice<"fc", 0, 4096>], neurons = 4096,
      synapse_words = 65536, input_axons = 4096, output_axons = 4096}
  // CHECK: chip.port @in input population "fc" cores [@e0]
  chip.port @in input population "fc" cores [@e0]
  // CHECK: chip.port @out output population "fc" cores [@e0]
  chip.port @out output population "fc" cores [@e0]
}

// CHECK-LABEL: chip.module @empty target "loihi"
// CHECK-SAME: attributes {snnc.note = "nothing placed yet"} {
// CHECK-NEXT: }
chip.module @empty target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 1, height = 1, chips = 1>
    limits #chip.core_limits<neurons = 1, synapse_words = 1,
                             input_axons = 1, output_axons = 1>
    attributes {snnc.note = "nothing placed yet"} {
}

// Synapse formats (attached to snn.synapse by target legalization).
// CHECK-LABEL: chip.module @formats target "loihi"
// CHECK-SAME: attributes {formats = [#chip.synapse_format<mantissa_bits = 8, exponent = -8>, #chip.synapse_format<mantissa_bits = 16, exponent = 54>]} {
chip.module @formats target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 1, height = 1, chips = 1>
    limits #chip.core_limits<neurons = 1, synapse_words = 1,
                             input_axons = 1, output_axons = 1>
    attributes {formats = [
      #chip.synapse_format<mantissa_bits = 8, exponent = -8>,
      #chip.synapse_format<exponent = 54, mantissa_bits = 16>]} {
}
