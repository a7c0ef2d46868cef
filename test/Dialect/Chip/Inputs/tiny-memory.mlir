// Inputs of snn-partition-errors.mlir for Inputs/tiny-memory.json.

func.func @wide(%x: tensor<20xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<20xi8> -> !snn.spikes<20, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<4x20xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<20, unary, T = 8> -> !snn.current<4>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>, snn.name = "wide"} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

func.func @mixed(%x: tensor<2xi8>) -> tensor<2xi32> {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, unary, T = 8>
  %a = snn.synapse %s {weights = dense<1> : tensor<2x2xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  %b = snn.synapse %s {weights = dense<2> : tensor<2x2xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -7>} : !snn.spikes<2, unary, T = 8> -> !snn.current<2>
  %n = snn.neurons %a, %b {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3, 3>, snn.name = "mixed"} : (!snn.current<2>, !snn.current<2>) -> !snn.spikes<2, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<2, unary, T = 8> -> tensor<2xi32>
  return %y : tensor<2xi32>
}
