// RUN: snn-opt %s --chip-route | FileCheck %s

// On a triangular mesh the cores of a chip share its router, so hops count
// chip-to-chip links only. Four chips form a 2 x 2 board (chip c at column
// c % 2, row c / 2) whose links go E, NE, N, W, SW, S: chip 0 -> 3 is one
// NE hop, chip 1 -> 2 needs W then N (there is no NW link), 3 -> 0 one SW.

// CHECK-LABEL: chip.module @board
// CHECK: chip.route @a -> @b {axons = 4 : i64, hops = 0 : i64}
// CHECK-NEXT: chip.route @a -> @d {axons = 4 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @c -> @e {axons = 4 : i64, hops = 2 : i64}
// CHECK-NEXT: chip.route @d -> @a {axons = 4 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @a -> @c {axons = 4 : i64, hops = 1 : i64}
chip.module @board target "spinnaker"
    mesh #chip.mesh<kind = triangular, width = 16, height = 1, chips = 4>
    limits #chip.core_limits<neurons = 256, synapse_words = 1000,
                             input_axons = 100, output_axons = 100> {
  chip.core @a at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 4>], neurons = 4, synapse_words = 8, input_axons = 4, output_axons = 0}
  chip.core @b at #chip.coord<chip = 0, x = 15, y = 0> {slices = [#chip.slice<"q", 0, 4>], neurons = 4, synapse_words = 8, input_axons = 4, output_axons = 0}
  chip.core @c at #chip.coord<chip = 1, x = 0, y = 0> {slices = [#chip.slice<"q", 4, 8>], neurons = 4, synapse_words = 8, input_axons = 4, output_axons = 0}
  chip.core @d at #chip.coord<chip = 3, x = 2, y = 0> {slices = [#chip.slice<"r", 0, 4>], neurons = 4, synapse_words = 8, input_axons = 4, output_axons = 0}
  chip.core @e at #chip.coord<chip = 2, x = 0, y = 0> {slices = [#chip.slice<"r", 4, 8>], neurons = 4, synapse_words = 8, input_axons = 4, output_axons = 0}
  chip.route @a -> @b {axons = 4}
  chip.route @a -> @d {axons = 4}
  chip.route @c -> @e {axons = 4}
  chip.route @d -> @a {axons = 4}
  chip.route @a -> @c {axons = 4}
}
