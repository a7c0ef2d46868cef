// RUN: snn-opt %s --chip-route -verify-diagnostics

chip.module @overfull target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 3, height = 3, chips = 1>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  // expected-error@+1 {{'chip.core' op @a sends 200 axons over its routes but the per-core output axon limit is 128}}
  chip.core @a at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.core @b at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"q", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 100, output_axons = 0}
  chip.core @c at #chip.coord<chip = 0, x = 2, y = 0> {slices = [#chip.slice<"r", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 100, output_axons = 0}
  chip.route @a -> @b {axons = 100}
  chip.route @a -> @c {axons = 100}
}
