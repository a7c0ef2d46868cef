// RUN: snn-opt %s --snn-legalize-target=target=loihi -split-input-file -verify-diagnostics
// RUN: sed 's/\["unary", "graded"\]/["unary", "bitplane"]/' %snnc_src/targets/loihi/loihi.json > %t.json
// RUN: not snn-opt %S/Inputs/bitplane.mlir --snn-legalize-target=target=%t.json 2>&1 | FileCheck %s --check-prefix=BITPLANE

// A target that transports bitplane trains still cannot bound their
// Horner-weighted currents.
// BITPLANE: error: cannot bound currents of bitplane trains (their digits are Horner-weighted); target legalization supports unary and graded inputs

func.func @bitplane(%x: tensor<4xi8>) -> !snn.spikes<4, bitplane, T = 8> {
  // expected-error@+1 {{bitplane spike trains are not supported by target 'loihi' (it transports unary, graded); convert with a supported encoding}}
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, bitplane, T = 8>
  return %s : !snn.spikes<4, bitplane, T = 8>
}

// -----

// expected-error@+1 {{bitplane spike trains are not supported by target 'loihi'}}
func.func @bitplane_argument(%s: !snn.spikes<4, bitplane, T = 8>) -> !snn.spikes<4, bitplane, T = 8> {
  return %s : !snn.spikes<4, bitplane, T = 8>
}

// -----

func.func @weights_too_wide(%x: tensor<2xi8>) -> !snn.current<2> {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, unary, T = 4>
  // expected-error@+1 {{weights in [-3, 300] are not 8-bit signed mantissas times a shared 2^(e + 8) with e in [-8, 7], the synapse format of target 'loihi'; re-quantize the layer to 8-bit weights (per-channel scales fold into the neurons' multipliers)}}
  %c = snn.synapse %s {weights = dense<[[300, -3], [1, 0]]> : tensor<2x2xi16>} : !snn.spikes<2, unary, T = 4> -> !snn.current<2>
  return %c : !snn.current<2>
}

// -----

func.func @state_overflow(%x: tensor<2xi8>) -> !snn.spikes<1, unary, T = 4> {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, unary, T = 4>
  %c = snn.synapse %s {weights = dense<1> : tensor<1x2xi8>, bias = dense<16777216> : tensor<1xi64>} : !snn.spikes<2, unary, T = 4> -> !snn.current<1>
  // expected-error@+1 {{the membrane potential does not fit the 24-bit state of target 'loihi' at any threshold: channel 0 integrates up to 33554448 (multiplier × input sum) even at threshold 2^1; reduce the fan-in, the bias or the source count range (fewer timesteps)}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4>, multipliers = array<i64: 256>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 4>
  return %n : !snn.spikes<1, unary, T = 4>
}

// -----

func.func @burst_too_large(%c: !snn.current<1>) -> !snn.spikes<1, graded, T = 1> {
  // expected-error@+1 {{graded spikes of up to 8388608 (max_burst) exceed the 24-bit spike payload of target 'loihi'; lower max_burst to at most 8388607}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 1, max_burst = 8388608>, multipliers = array<i64: 1>} : (!snn.current<1>) -> !snn.spikes<1, graded, T = 1>
  return %n : !snn.spikes<1, graded, T = 1>
}

// -----

func.func @graded_codes_too_large(%x: tensor<4xi32>) -> !snn.spikes<4, graded, T = 1> {
  // expected-error@+1 {{input codes up to 2147483648 in magnitude exceed the 24-bit spike payload of target 'loihi'; narrow the input range (snn.qmin/snn.qmax) or use the unary encoding}}
  %s = snn.encode %x : tensor<4xi32> -> !snn.spikes<4, graded, T = 1>
  return %s : !snn.spikes<4, graded, T = 1>
}

// -----

func.func @plastic(%x: tensor<2xi8>) -> !snn.spikes<1, unary, T = 4> {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, unary, T = 4>
  // expected-error@+1 {{plastic synapses are not supported by target legalization: the state bound assumes fixed weights}}
  %c = snn.synapse %s {weights = dense<1> : tensor<1x2xi8>, plasticity = #snn.stdp<a_plus = 4, a_minus = 3, trace_shift = 2, update_shift = 6, w_min = -64, w_max = 63>} : !snn.spikes<2, unary, T = 4> -> !snn.current<1>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4>, multipliers = array<i64: 256>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 4>
  return %n : !snn.spikes<1, unary, T = 4>
}

// -----

func.func @unbounded_argument(%s: !snn.spikes<2, graded, T = 4>) -> !snn.spikes<1, unary, T = 4> {
  // expected-error@+1 {{cannot bound the spike counts of this op's input (a graded train from outside the snn program); encode it with snn.encode}}
  %c = snn.synapse %s {weights = dense<1> : tensor<1x2xi8>} : !snn.spikes<2, graded, T = 4> -> !snn.current<1>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4>, multipliers = array<i64: 256>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 4>
  return %n : !snn.spikes<1, unary, T = 4>
}

// -----

func.func @current_argument(%c: !snn.current<1>) -> !snn.spikes<1, unary, T = 4> {
  // expected-error@+1 {{cannot bound an input current that does not come from snn.synapse, snn.spike_mul or snn.spike_matmul}}
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4>, multipliers = array<i64: 256>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 4>
  return %n : !snn.spikes<1, unary, T = 4>
}
