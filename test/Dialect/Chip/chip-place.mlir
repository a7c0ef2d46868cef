// RUN: snn-opt %s --chip-place -split-input-file | FileCheck %s

// A chain placed far apart: the snake lays it out in core order, each core
// next to the previous one, and nothing improves on that (cost 3).

// CHECK-LABEL: chip.module @chain
// CHECK-NEXT: chip.core @a at #chip.coord<chip = 0, x = 0, y = 0>
// CHECK-NEXT: chip.core @b at #chip.coord<chip = 0, x = 1, y = 0>
// CHECK-NEXT: chip.core @c at #chip.coord<chip = 0, x = 2, y = 0>
// CHECK-NEXT: chip.core @d at #chip.coord<chip = 0, x = 2, y = 1>
chip.module @chain target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 3, height = 3, chips = 1>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  chip.core @a at #chip.coord<chip = 0, x = 2, y = 2> {slices = [#chip.slice<"l0", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @b at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"l1", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @c at #chip.coord<chip = 0, x = 2, y = 0> {slices = [#chip.slice<"l2", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @d at #chip.coord<chip = 0, x = 0, y = 2> {slices = [#chip.slice<"l3", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.route @a -> @b {axons = 8}
  chip.route @b -> @c {axons = 8}
  chip.route @c -> @d {axons = 8}
}

// -----

// A hub exchanging 2 x 16 axons with each of four cores: the snake puts it
// at the end of the row (hops 1 + 2 + 3 + 2, cost 256); swapping it with @n0
// brings it next to three of them (hops 1 + 1 + 2 + 1, cost 160), a local
// optimum of single moves and swaps.

// CHECK-LABEL: chip.module @hub
// CHECK-NEXT: chip.core @hub at #chip.coord<chip = 0, x = 1, y = 0>
// CHECK-NEXT: chip.core @n0 at #chip.coord<chip = 0, x = 0, y = 0>
// CHECK-NEXT: chip.core @n1 at #chip.coord<chip = 0, x = 2, y = 0>
// CHECK-NEXT: chip.core @n2 at #chip.coord<chip = 0, x = 2, y = 1>
// CHECK-NEXT: chip.core @n3 at #chip.coord<chip = 0, x = 1, y = 1>
chip.module @hub target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 3, height = 3, chips = 1>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  chip.core @hub at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"hub", 0, 16>], neurons = 16, synapse_words = 64, input_axons = 64, output_axons = 64}
  chip.core @n0 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"n", 0, 16>], neurons = 16, synapse_words = 16, input_axons = 16, output_axons = 16}
  chip.core @n1 at #chip.coord<chip = 0, x = 2, y = 0> {slices = [#chip.slice<"n", 16, 32>], neurons = 16, synapse_words = 16, input_axons = 16, output_axons = 16}
  chip.core @n2 at #chip.coord<chip = 0, x = 2, y = 1> {slices = [#chip.slice<"n", 32, 48>], neurons = 16, synapse_words = 16, input_axons = 16, output_axons = 16}
  chip.core @n3 at #chip.coord<chip = 0, x = 1, y = 1> {slices = [#chip.slice<"n", 48, 64>], neurons = 16, synapse_words = 16, input_axons = 16, output_axons = 16}
  chip.route @hub -> @n0 {axons = 16}
  chip.route @hub -> @n1 {axons = 16}
  chip.route @hub -> @n2 {axons = 16}
  chip.route @hub -> @n3 {axons = 16}
  chip.route @n0 -> @hub {axons = 16}
  chip.route @n1 -> @hub {axons = 16}
  chip.route @n2 -> @hub {axons = 16}
  chip.route @n3 -> @hub {axons = 16}
}

// -----

// Two 2 x 2 chips side by side: the snake fills chip 0 and puts the sink @e
// on chip 1 (hops 2 + 1 + 2 + 3, counting the columns between chips); local
// search moves it to the right edge of chip 0, one hop from three sources
// and from chip 1 (hops 1 + 1 + 1 + 2). A route to itself costs nothing.

// CHECK-LABEL: chip.module @chips
// CHECK-NEXT: chip.core @a at #chip.coord<chip = 1, x = 0, y = 0>
// CHECK-NEXT: chip.core @b at #chip.coord<chip = 0, x = 0, y = 0>
// CHECK-NEXT: chip.core @c at #chip.coord<chip = 0, x = 1, y = 1>
// CHECK-NEXT: chip.core @d at #chip.coord<chip = 0, x = 0, y = 1>
// CHECK-NEXT: chip.core @e at #chip.coord<chip = 0, x = 1, y = 0>
chip.module @chips target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 2>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  chip.core @a at #chip.coord<chip = 1, x = 1, y = 1> {slices = [#chip.slice<"p", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @b at #chip.coord<chip = 1, x = 0, y = 1> {slices = [#chip.slice<"p", 8, 16>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @c at #chip.coord<chip = 1, x = 1, y = 0> {slices = [#chip.slice<"p", 16, 24>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @d at #chip.coord<chip = 0, x = 1, y = 1> {slices = [#chip.slice<"p", 24, 32>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 8}
  chip.core @e at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"q", 0, 8>], neurons = 8, synapse_words = 32, input_axons = 40, output_axons = 8}
  chip.route @a -> @e {axons = 8}
  chip.route @b -> @e {axons = 8}
  chip.route @c -> @e {axons = 8}
  chip.route @d -> @e {axons = 8}
  chip.route @e -> @e {axons = 8}
  chip.port @x input population "p" cores [@a, @b, @c, @d]
}
