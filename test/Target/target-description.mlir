// Target descriptions: resolution by name or path, the SHA-256 the mapping
// records, and a precise message with the JSON path for every malformed
// field. Broken variants are made from loihi-small.json with sed.

// RUN: (sha256sum %snnc_src/targets/loihi-small/loihi-small.json; snn-opt %s --snn-partition=target=loihi-small) | FileCheck %s --check-prefix=SHA
// SHA: [[DIGEST:[0-9a-f]+]] {{.*}}loihi-small.json
// SHA: chip.module @main_chip target "loihi-small"
// SHA-SAME: chip.target_sha256 = "[[DIGEST]]"

// A path works as well as a name, and SNNC_TARGETS_DIR moves the directory
// names resolve in; a named description must carry its directory's name.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/mini %t.dir/copy
// RUN: sed 's/"name": "loihi-small"/"name": "mini"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.dir/mini/mini.json
// RUN: snn-opt %s --snn-partition=target=%t.dir/mini/mini.json | FileCheck %s --check-prefix=MINI
// RUN: env SNNC_TARGETS_DIR=%t.dir snn-opt %s --snn-partition=target=mini | FileCheck %s --check-prefix=MINI
// MINI: chip.module @main_chip target "mini"
// RUN: cp %t.dir/mini/mini.json %t.dir/copy/copy.json
// RUN: env SNNC_TARGETS_DIR=%t.dir not snn-opt %s --snn-partition=target=copy 2>&1 | FileCheck %s --check-prefix=COPY
// COPY: error: {{.*}}copy.json: name: expected "copy" (the directory's name), got "mini"
// RUN: env SNNC_TARGETS_DIR=%t.dir not snn-opt %s --snn-legalize-target=target=loihi 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: unknown target 'loihi': no {{.*}}loihi.json (known targets: copy, mini; set SNNC_TARGETS_DIR or give a path to a .json file)
// RUN: not snn-opt %s --snn-legalize-target=target=loihi:2 2>&1 | FileCheck %s --check-prefix=BADNAME
// BADNAME: error: invalid target name 'loihi:2': use letters, digits, '-', '_' and '.', or give a path to a .json file
// RUN: not snn-opt %s --snn-legalize-target=target=%t.dir/absent.json 2>&1 | FileCheck %s --check-prefix=ABSENT
// ABSENT: error: cannot read target description {{.*}}absent.json: {{[Nn]}}o such file or directory

// RUN: echo '{"format": 1,' > %t.malformed.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.malformed.json 2>&1 | FileCheck %s --check-prefix=MALFORMED
// MALFORMED: error: {{.*}}malformed.json: invalid JSON: [2:0, byte=14]: Expected object key
// RUN: echo '[1]' > %t.array.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.array.json 2>&1 | FileCheck %s --check-prefix=ARRAY
// ARRAY: error: {{.*}}array.json: expected a JSON object at the top level

// RUN: sed 's/"format": 1/"format": 2/' %snnc_src/targets/loihi-small/loihi-small.json > %t.version.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.version.json 2>&1 | FileCheck %s --check-prefix=VERSION
// VERSION: error: {{.*}}version.json: format: unsupported format version (this snnc reads 1)
// RUN: sed 's/"family": "loihi"/"family": "truenorth"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.family.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.family.json 2>&1 | FileCheck %s --check-prefix=FAMILY
// FAMILY: error: {{.*}}family.json: family: unknown target family "truenorth" (known: loihi, spinnaker)

// The family fixes the topology and the sections: a spinnaker description
// has a triangular mesh whose tile is the chip, DTCM and router-table
// limits, and tick-budget timing.
// RUN: snn-opt %s --snn-partition=target=spinnaker | FileCheck %s --check-prefix=SPIN
// SPIN: chip.module @main_chip target "spinnaker" mesh #chip.mesh<kind = triangular, width = 16, height = 1, chips = 4>
// RUN: sed 's/"family": "loihi"/"family": "spinnaker"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.spinkind.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.spinkind.json 2>&1 | FileCheck %s --check-prefix=SPINKIND
// SPINKIND: error: {{.*}}spinkind.json: mesh.kind: expected "triangular", got "mesh2d"
// RUN: sed 's/"tile_width": {"value": 16,/"tile_width": {"value": 8,/' %snnc_src/targets/spinnaker/spinnaker.json > %t.spintile.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.spintile.json 2>&1 | FileCheck %s --check-prefix=SPINTILE
// SPINTILE: error: {{.*}}spintile.json: mesh.tile_width: the cores of a triangular-mesh chip share its router, so the tile is the whole chip (16 x 1)
// RUN: sed '/"dtcm_bytes"/d' %snnc_src/targets/spinnaker/spinnaker.json > %t.spinrouter.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.spinrouter.json 2>&1 | FileCheck %s --check-prefix=SPINROUTER
// SPINROUTER: error: {{.*}}spinrouter.json: limits.dtcm_bytes: missing field
// RUN: sed 's/"tick_cycles": {"value": 200000, "unit": "cycles"/"tick_cycles": {"value": 200000, "unit": "ps"/' %snnc_src/targets/spinnaker/spinnaker.json > %t.spintick.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.spintick.json 2>&1 | FileCheck %s --check-prefix=SPINTICK
// SPINTICK: error: {{.*}}spintick.json: timing.tick_cycles.unit: expected "cycles", got "ps"
// RUN: sed 's/"hop_east_west": {"value": 4100,/"hop": {"value": 4100,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.loihihop.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.loihihop.json 2>&1 | FileCheck %s --check-prefix=LOIHIHOP
// LOIHIHOP: error: {{.*}}loihihop.json: timing.hop: unknown field
// RUN: sed 's/"name": "loihi-small"/"name": "small target"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.name.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.name.json 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: error: {{.*}}name.json: name: "small target" must consist of letters, digits, '-', '_' and '.'
// RUN: sed 's/"summary": /"sumary": /' %snnc_src/targets/loihi-small/loihi-small.json > %t.typo.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.typo.json 2>&1 | FileCheck %s --check-prefix=TYPO
// TYPO: error: {{.*}}typo.json: sumary: unknown field
// RUN: sed 's/"kind": "mesh2d"/"kind": "torus"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.kind.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.kind.json 2>&1 | FileCheck %s --check-prefix=KIND
// KIND: error: {{.*}}kind.json: mesh.kind: expected "mesh2d", got "torus"
// RUN: sed 's/"tile_height": {"value": 2,/"tile_height": {"value": 3,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.tile.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.tile.json 2>&1 | FileCheck %s --check-prefix=TILE
// TILE: error: {{.*}}tile.json: mesh.tile_height: 3 does not divide mesh.height = 4

// RUN: sed '/"neurons": {"value"/d' %snnc_src/targets/loihi-small/loihi-small.json > %t.missing.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: {{.*}}missing.json: limits.neurons: missing field
// RUN: sed 's/"neurons": {"value": 32,/"neurons": {"value": 0,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.zero.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.zero.json 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: {{.*}}zero.json: limits.neurons.value: expected a positive integer, got 0
// RUN: sed 's/"neurons": {"value": 32,/"neurons": {"value": "32",/' %snnc_src/targets/loihi-small/loihi-small.json > %t.string.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.string.json 2>&1 | FileCheck %s --check-prefix=STRING
// STRING: error: {{.*}}string.json: limits.neurons.value: expected a positive integer, got a string
// RUN: sed 's/"input_axons": {"value": 128,/"input_axons": {"value": 1.5,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.fraction.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.fraction.json 2>&1 | FileCheck %s --check-prefix=FRACTION
// FRACTION: error: {{.*}}fraction.json: limits.input_axons.value: expected a positive integer, got a fractional number
// RUN: sed 's/"neurons": {"value": 32.*}/"neurons": 32/' %snnc_src/targets/loihi-small/loihi-small.json > %t.object.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.object.json 2>&1 | FileCheck %s --check-prefix=OBJECT
// OBJECT: error: {{.*}}object.json: limits.neurons: expected an object, got an integer
// RUN: sed 's/"unit": "neurons", "grade": "assumed"/"unit": "neurons", "grade": "assumed", "note": ""/' %snnc_src/targets/loihi-small/loihi-small.json > %t.extra.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.extra.json 2>&1 | FileCheck %s --check-prefix=EXTRA
// EXTRA: error: {{.*}}extra.json: limits.neurons.note: unknown field
// RUN: sed 's/"cycle": {"value": 291, "unit": "ps"/"cycle": {"value": 291, "unit": "ns"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.unit.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.unit.json 2>&1 | FileCheck %s --check-prefix=UNIT
// UNIT: error: {{.*}}unit.json: timing.cycle.unit: expected "ps", got "ns"
// RUN: sed 's/"grade": "measured"/"grade": "guessed"/' %snnc_src/targets/loihi-small/loihi-small.json > %t.grade.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.grade.json 2>&1 | FileCheck %s --check-prefix=GRADE
// GRADE: error: {{.*}}grade.json: timing.barrier_multi_chip.grade: expected one of measured, paper, code, assumed, got "guessed"
// RUN: sed 's/"source": "Davies et al. 2018 Table 2 (min, 0.75 V)"/"source": ""/' %snnc_src/targets/loihi-small/loihi-small.json > %t.source.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.source.json 2>&1 | FileCheck %s --check-prefix=SOURCE
// SOURCE: error: {{.*}}source.json: energy.synaptic_op.source: expected a non-empty string, got an empty one
// RUN: sed 's/"synapse_word_bits": {"value": 64,/"synapse_word_bits": {"value": 4,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.word.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.word.json 2>&1 | FileCheck %s --check-prefix=WORD
// WORD: error: {{.*}}word.json: formats.weight_mantissa_bits: 8 bits do not fit a synapse word of limits.synapse_word_bits = 4
// RUN: sed 's/"weight_exponent_max": {"value": 7,/"weight_exponent_max": {"value": -9,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.exprange.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.exprange.json 2>&1 | FileCheck %s --check-prefix=EXPRANGE
// EXPRANGE: error: {{.*}}exprange.json: formats.weight_exponent_max.value: expected an integer in [-8, 54], got -9
// RUN: sed 's/"weight_exponent_max": {"value": 7,/"weight_exponent_max": {"value": -8,/; s/"weight_exponent_min": {"value": -8,/"weight_exponent_min": {"value": 0,/' %snnc_src/targets/loihi-small/loihi-small.json > %t.exporder.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.exporder.json 2>&1 | FileCheck %s --check-prefix=EXPORDER
// EXPORDER: error: {{.*}}exporder.json: formats.weight_exponent_max: -8 is below formats.weight_exponent_min = 0
// RUN: sed 's/\["unary", "graded"\]/["unary", "spiky"]/' %snnc_src/targets/loihi-small/loihi-small.json > %t.encoding.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.encoding.json 2>&1 | FileCheck %s --check-prefix=ENCODING
// ENCODING: error: {{.*}}encoding.json: capabilities.encodings.value[1]: expected "unary", "bitplane" or "graded"
// RUN: sed 's/\["unary", "graded"\]/["unary", "unary"]/' %snnc_src/targets/loihi-small/loihi-small.json > %t.twice.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.twice.json 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: error: {{.*}}twice.json: capabilities.encodings.value[1]: "unary" is listed twice
// RUN: sed 's/\["unary", "graded"\]/[]/' %snnc_src/targets/loihi-small/loihi-small.json > %t.none.json
// RUN: not snn-opt %s --snn-legalize-target=target=%t.none.json 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: {{.*}}none.json: capabilities.encodings.value: expected a non-empty array of encodings, got an empty array

func.func @main(%x: tensor<4xi8>) -> tensor<4xi32> {
  %s = snn.encode %x : tensor<4xi8> -> !snn.spikes<4, unary, T = 8>
  %c = snn.synapse %s {weights = dense<1> : tensor<4x4xi8>, chip.synapse_format = #chip.synapse_format<mantissa_bits = 8, exponent = -8>} : !snn.spikes<4, unary, T = 8> -> !snn.current<4>
  %n = snn.neurons %c {model = #snn.stbif<threshold_shift = 8, nmin = 0, nmax = 8>, multipliers = array<i64: 3>} : (!snn.current<4>) -> !snn.spikes<4, unary, T = 8>
  %y = snn.decode %n : !snn.spikes<4, unary, T = 8> -> tensor<4xi32>
  return %y : tensor<4xi32>
}
