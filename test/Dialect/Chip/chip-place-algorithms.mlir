// The benchmark placers of chip-place: a seeded random placement and the
// simulated-annealing reference, and the cost report.

// RUN: snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{report=true}))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONSTRUCTIVE
// CONSTRUCTIVE: remark: placement cost 3 (axons x hops, constructive)

// Annealing finds the optimum of this chain too, and is deterministic for
// a seed.
// RUN: snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{algorithm=annealing seed=7 report=true}))' 2>&1 | FileCheck %s --check-prefix=ANNEAL
// ANNEAL: remark: placement cost 3 (axons x hops, annealing)
// RUN: snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{algorithm=annealing seed=7}))' > %t.1
// RUN: snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{algorithm=annealing seed=7}))' > %t.2
// RUN: cmp %t.1 %t.2

// RUN: snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{algorithm=random report=true}))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANDOM
// RANDOM: remark: placement cost {{[0-9]+}} (axons x hops, random)

// RUN: not snn-opt %s --pass-pipeline='builtin.module(chip.module(chip-place{algorithm=psychic}))' 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: unknown placement algorithm 'psychic' (constructive, annealing or random)

chip.module @chain target "loihi-small"
    mesh #chip.mesh<kind = mesh2d, width = 3, height = 3, chips = 1>
    limits #chip.core_limits<neurons = 32, synapse_words = 256,
                             input_axons = 128, output_axons = 128> {
  chip.core @a at #chip.coord<chip = 0, x = 2, y = 2> {slices = [#chip.slice<"l0", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 1}
  chip.core @b at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"l1", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 1}
  chip.core @c at #chip.coord<chip = 0, x = 2, y = 0> {slices = [#chip.slice<"l2", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 1}
  chip.core @d at #chip.coord<chip = 0, x = 0, y = 2> {slices = [#chip.slice<"l3", 0, 8>], neurons = 8, synapse_words = 8, input_axons = 8, output_axons = 0}
  chip.route @a -> @b {axons = 1}
  chip.route @b -> @c {axons = 1}
  chip.route @c -> @d {axons = 1}
}
