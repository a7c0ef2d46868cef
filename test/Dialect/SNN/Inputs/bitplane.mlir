// Input of snn-legalize-target-errors.mlir for a target that transports
// bitplane trains.

func.func @bitplane(%x: tensor<2xi8>) -> !snn.spikes<1, unary, T = 4> {
  %s = snn.encode %x : tensor<2xi8> -> !snn.spikes<2, bitplane, T = 4>
  %c = snn.synapse %s {weights = dense<1> : tensor<1x2xi8>} : !snn.spikes<2, bitplane, T = 4> -> !snn.current<1>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 4>, multipliers = array<i64: 256>} : (!snn.current<1>) -> !snn.spikes<1, unary, T = 4>
  return %n : !snn.spikes<1, unary, T = 4>
}
