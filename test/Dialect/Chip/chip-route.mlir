// RUN: snn-opt %s --chip-route | FileCheck %s

// Hops are the X-then-Y distance; between chips (side by side in one row)
// the route runs along x across the columns in between (@b -> @d: 2 columns
// to x = 1 of chip 1, then 1 row). Output axons become what each core sends
// over its routes.

// CHECK-LABEL: chip.module @routes
// CHECK-NEXT: chip.core @a {{.*}}output_axons = 24 : i64
// CHECK-NEXT: chip.core @b {{.*}}output_axons = 8 : i64
// CHECK-NEXT: chip.core @c {{.*}}output_axons = 0 : i64
// CHECK-NEXT: chip.core @d {{.*}}output_axons = 0 : i64
// CHECK-NEXT: chip.route @a -> @b {axons = 16 : i64, hops = 3 : i64}
// CHECK-NEXT: chip.route @a -> @a {axons = 8 : i64, hops = 0 : i64}
// CHECK-NEXT: chip.route @b -> @c {axons = 4 : i64, hops = 1 : i64}
// CHECK-NEXT: chip.route @b -> @d {axons = 4 : i64, hops = 3 : i64}
chip.module @routes target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 3, height = 3, chips = 2>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  chip.core @a at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.core @b at #chip.coord<chip = 0, x = 2, y = 1> {slices = [#chip.slice<"q", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 16, output_axons = 0}
  chip.core @c at #chip.coord<chip = 0, x = 2, y = 2> {slices = [#chip.slice<"r", 0, 4>], neurons = 4, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.core @d at #chip.coord<chip = 1, x = 1, y = 0> {slices = [#chip.slice<"r", 4, 8>], neurons = 4, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.route @a -> @b {axons = 16}
  chip.route @a -> @a {axons = 8}
  chip.route @b -> @c {axons = 4}
  chip.route @b -> @d {axons = 4}
}
