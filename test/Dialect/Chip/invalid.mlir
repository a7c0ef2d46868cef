// RUN: snn-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.coord parameter 'chip' must be >= 0, got -1}}
  chip.core @c0 at #chip.coord<chip = -1, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.coord parameter 'x' must be >= 0, got -1}}
  chip.core @c0 at #chip.coord<chip = 0, x = -1, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.coord parameter 'y' must be >= 0, got -3}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = -3> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    // expected-error @+1 {{#chip.mesh parameter 'width' must be >= 1, got 0}}
    mesh #chip.mesh<kind = mesh2d, width = 0, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    // expected-error @+1 {{#chip.mesh parameter 'height' must be >= 1, got -2}}
    mesh #chip.mesh<kind = mesh2d, width = 2, height = -2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    // expected-error @+1 {{#chip.mesh parameter 'chips' must be >= 1, got 0}}
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 0>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    // expected-error @+2 {{expected ::snnc::chip::Topology to be one of: mesh2d, triangular, engines}}
    // expected-error @+1 {{failed to parse Chip_MeshAttr parameter 'kind'}}
    mesh #chip.mesh<kind = torus, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    // expected-error @+1 {{#chip.core_limits parameter 'neurons' must be >= 1, got 0}}
    limits #chip.core_limits<neurons = 0, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    // expected-error @+1 {{#chip.core_limits parameter 'synapse_words' must be >= 1, got 0}}
    limits #chip.core_limits<neurons = 100, synapse_words = 0, input_axons = 100, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    // expected-error @+1 {{#chip.core_limits parameter 'input_axons' must be >= 1, got -1}}
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = -1, output_axons = 100> {
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    // expected-error @+1 {{#chip.core_limits parameter 'output_axons' must be >= 1, got 0}}
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 0> {
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.slice population name must not be empty}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.slice parameter 'begin' must be >= 0, got -5}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", -5, 5>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.slice of population "p" is empty or reversed: begin 10 must be less than end 10}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 10, 10>], neurons = 0, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{#chip.slice of population "p" is empty or reversed: begin 10 must be less than end 3}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 10, 3>], neurons = 0, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

//===----------------------------------------------------------------------===//
// chip.module
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'chip.module' op 'target' must name a target description, got an empty string}}
chip.module @m target ""
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
}

// -----

// expected-error @+1 {{'chip.module' op may only contain chip.core, chip.route and chip.port ops, found 'func.func'}}
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  func.func @f() {
    return
  }
}

// -----

// Several chips are one module with `chips` > 1, not nested modules.
// expected-error @+1 {{'chip.module' op may only contain chip.core, chip.route and chip.port ops, found 'chip.module'}}
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.module @inner target "loihi"
      mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
      limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  }
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-note @+1 {{see existing symbol definition here}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{redefinition of symbol named 'c0'}}
  chip.port @c0 input population "p" cores [@c0]
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.core' op @c1 is placed at #chip.coord<chip = 0, x = 1, y = 0>, already taken by @c0}}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"p", 10, 20>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

// The slices of a population neither overlap (on different cores or on one)
// nor leave a gap.
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.core' op @c1 holds neurons [5, 15) of population "p", which overlap neurons [0, 10) on @c0}}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"p", 5, 15>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 holds neurons [0, 10) of population "p", which overlap neurons [0, 10) on @c0}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>, #chip.slice<"p", 0, 10>], neurons = 20, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

// expected-error @+1 {{'chip.module' op neurons [10, 20) of population "p" are on no core}}
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"p", 20, 30>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

// expected-error @+1 {{'chip.module' op neurons [0, 4) of population "p" are on no core}}
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 4, 14>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 20, output_axons = 0}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"q", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 10}
  chip.route @c1 -> @c0 {axons = 10}
  // expected-error @+1 {{'chip.route' op duplicates the route @c1 -> @c0; merge their axons into one route}}
  chip.route @c1 -> @c0 {axons = 10}
}

// -----

// A core declares every axon its routes bring in.
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 10}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"q", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 10}
  // expected-error @+1 {{'chip.core' op @c2 receives 20 axons over its routes but declares input_axons = 15}}
  chip.core @c2 at #chip.coord<chip = 0, x = 0, y = 1> {slices = [#chip.slice<"r", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 15, output_axons = 0}
  chip.route @c0 -> @c2 {axons = 10}
  chip.route @c1 -> @c2 {axons = 10}
}

// -----

//===----------------------------------------------------------------------===//
// chip.core
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'chip.core' op expects parent op 'chip.module'}}
chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 is outside the mesh: chip = 1 but the mesh has chips = 1}}
  chip.core @c0 at #chip.coord<chip = 1, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 is outside the mesh: x = 2 but the mesh has width = 2}}
  chip.core @c0 at #chip.coord<chip = 0, x = 2, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 is outside the mesh: y = 5 but the mesh has height = 2}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 5> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op 'synapse_words' must be non-negative, got -1}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = -1, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 uses 101 neurons but the per-core limit is 100}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 101>], neurons = 101, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 uses 4096 synapse_words but the per-core limit is 100}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 4096, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 uses 101 input_axons but the per-core limit is 100}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 101, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 uses 200 output_axons but the per-core limit is 100}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 200}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 holds no neuron slices}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [], neurons = 0, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op @c0 declares neurons = 12 but its slices hold 10}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 12, synapse_words = 0, input_axons = 0, output_axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  // expected-error @+1 {{'chip.core' op requires attribute 'output_axons'}}
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0}
}

// -----

//===----------------------------------------------------------------------===//
// chip.route
//===----------------------------------------------------------------------===//

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 10, output_axons = 10}
  // expected-error @+1 {{'chip.route' op 'axons' must be >= 1, got 0}}
  chip.route @c0 -> @c0 {axons = 0}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 10, output_axons = 10}
  // expected-error @+1 {{'chip.route' op 'hops' must be >= 0, got -1}}
  chip.route @c0 -> @c0 {axons = 10, hops = -1}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 10, output_axons = 10}
  // expected-error @+1 {{'chip.route' op source @c9 is not defined in the enclosing chip.module}}
  chip.route @c9 -> @c0 {axons = 10}
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 10, output_axons = 10}
  chip.port @in input population "p" cores [@c0]
  // expected-error @+1 {{'chip.route' op target @in is a 'chip.port', not a 'chip.core'}}
  chip.route @c0 -> @in {axons = 10}
}

// -----

// Within one mesh2d chip, a route goes X then Y.
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 10}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 1> {slices = [#chip.slice<"q", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 10, output_axons = 0}
  // expected-error @+1 {{'chip.route' op 'hops' is 1 but the X-then-Y route from @c0 (x = 0, y = 0) to @c1 (x = 1, y = 1) takes 2}}
  chip.route @c0 -> @c1 {axons = 10, hops = 1}
}

// -----

//===----------------------------------------------------------------------===//
// chip.port
//===----------------------------------------------------------------------===//

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.port' op @in connects no cores}}
  chip.port @in input population "p" cores []
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.port' op @in lists core @c0 twice}}
  chip.port @in input population "p" cores [@c0, @c0]
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.port' op core @c1 is not defined in the enclosing chip.module}}
  chip.port @in input population "p" cores [@c0, @c1]
}

// -----

chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"q", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.port' op @out connects @c1, which holds no neurons of population "p"}}
  chip.port @out output population "p" cores [@c0, @c1]
}

// -----

// A port connects every core holding its population.
chip.module @m target "loihi"
    mesh #chip.mesh<kind = mesh2d, width = 2, height = 2, chips = 1>
    limits #chip.core_limits<neurons = 100, synapse_words = 100, input_axons = 100, output_axons = 100> {
  chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {slices = [#chip.slice<"p", 0, 10>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  chip.core @c1 at #chip.coord<chip = 0, x = 1, y = 0> {slices = [#chip.slice<"p", 10, 20>], neurons = 10, synapse_words = 0, input_axons = 0, output_axons = 0}
  // expected-error @+1 {{'chip.port' op @in does not connect @c1, which holds neurons of population "p"}}
  chip.port @in input population "p" cores [@c0]
}

// -----

//===----------------------------------------------------------------------===//
// Synapse formats
//===----------------------------------------------------------------------===//

// expected-error @+1 {{#chip.synapse_format parameter 'mantissa_bits' must be in [1, 16], got 17}}
func.func private @f() attributes {format = #chip.synapse_format<mantissa_bits = 17, exponent = 0>}

// -----

// expected-error @+1 {{#chip.synapse_format parameter 'exponent' must be in [-8, 54], got -9}}
func.func private @f() attributes {format = #chip.synapse_format<mantissa_bits = 8, exponent = -9>}
