// RUN: snn-opt %s --snn-partition=target=loihi-small -split-input-file -verify-diagnostics
// RUN: not snn-opt %S/Inputs/tiny-memory.mlir --snn-partition=target=%S/Inputs/tiny-memory.json -split-input-file 2>&1 | FileCheck %s --check-prefix=TINY

// A target with 16 synapse words per core cannot hold one neuron's 20 rows,
// and one synapse format per core cannot hold a population reading two.
// TINY: error: population 'wide' does not fit a core of target 'tiny-memory': one neuron needs 20 synapse words (a row per input axon) but a core has 16; hint: reduce the layer's fan-in or use a target with more synaptic memory per core
// TINY: error: population 'mixed' reads synapses of 2 formats but a core of target 'tiny-memory' holds 1; hint: re-quantize its synapses to a common format

func.func @fan_in(%x: tensor<200xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<200xi8> -> !snn.spikes<200, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<4x200xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<200, unary, T = 8> -> !snn.current<4>
  // expected-error@+1 {{population 'fc1' does not fit a core of target 'loihi-small': each neuron receives 200 input axons (its fan-in) but a core has 128; hint: split the layer's input features over several synapses and populations, or use a target with more input axons per core}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "fc1"} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

// One neuron of "a" feeds the 129 cores of "b" (4128 neurons, 32 per core).

func.func @fan_out(%x: tensor<1xi8>) -> tensor<4128xi32> {
  %s = snn.encode %x : tensor<1xi8> -> !snn.spikes<1, unary, T = 8>
  %c1 = snn.synapse %s {weights = dense<1> : tensor<1x1xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<1, unary, T = 8> -> !snn.current<1>
  // expected-error@+1 {{population 'a' does not fit a core of target 'loihi-small': neuron 0 sends spikes to 129 cores (output axons) but a core has 128; hint: use a target with larger cores so that its consumers need fewer of them}}
  %a = snn.neurons %c1 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "a"} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 8>
  %c2 = snn.synapse %a {weights = dense<1> : tensor<4128x1xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<1, unary, T = 8> -> !snn.current<4128>
  %b = snn.neurons %c2 {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "b"} : (!snn.current<4128>) -> !snn.spikes<4128, unary, T = 8>
  %y = snn.decode %b : !snn.spikes<4128, unary, T = 8> -> tensor<4128xi32>
  return %y : tensor<4128xi32>
}

// -----

// 640 neurons need 20 cores; one 4 x 4 chip has 16.

// expected-error@+1 {{the network does not fit: it needs 20 cores but target 'loihi-small' has 16 (4 x 4 cores x 1 chip); hint: map onto 2 chips (snn-partition{chips=...}, snnc compile --chips) or use a bigger target}}
func.func @too_many_cores(%x: tensor<4xi8>) -> tensor<640xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<640x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<640>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<640>) -> !snn.spikes<640, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<640, unary, T = 8> -> tensor<640xi32>
  return %y : tensor<640xi32>
}

// -----

func.func @not_legalized(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  // expected-error@+1 {{has no 'chip.synapse_format'; run snn-legalize-target before snn-partition}}
  %c = snn.synapse %s {weights = dense<1> : tensor<4x4xi8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @foreign_format(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  // expected-error@+1 {{synapse format #chip.synapse_format<mantissa_bits = 9, exponent = -8> is not a format of target 'loihi-small'; run snn-legalize-target with this target}}
  %c = snn.synapse %s {weights = dense<1> : tensor<4x4xi16>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 9, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @lut(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 2>
  // expected-error@+1 {{'snn.lut' cannot be mapped onto cores of target 'loihi-small' yet (snn-partition maps snn.encode, snn.synapse, snn.neurons and snn.decode)}}
  %l = snn.lut <silu> %s {input_min = -2 : si64, table = dense<[0, -1, 0, 1, 2]> : tensor<5xi32>} : !snn.spikes<4, unary, T = 2> -> !snn.spikes<4, unary, T = 2>
  %y = snn.decode %l : !snn.spikes<4, unary, T = 2> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @current_argument(%c: !snn.current<4>) -> tensor<4xi32> {
  // expected-error@+1 {{an input current does not come from an snn.synapse, which snn-partition cannot map}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

// expected-error@+1 {{spike-train argument #0 has no source the chip can host; encode tensors with snn.encode}}
func.func @spike_argument(%s: !snn.spikes<4, unary, T = 8>) -> tensor<4xi32> {
  %c = snn.synapse %s {weights = dense<1> : tensor<4x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @decoded_encoder(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  // expected-error@+1 {{decodes spikes that no population on the chip emits; there is nothing to map}}
  %y = snn.decode %s : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @duplicate_name(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x {snn.name = "layer"} : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<4x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  // expected-error@+1 {{population name 'layer' is empty or used twice in @duplicate_name; 'snn.name' must be unique}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "layer"} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}
