//===- FunctionalUnits.h - integer LUT, softmax and norm ---------*- C++
//-*-===//
//
// The integer functions of the stateful spiking units (semantics.md): a
// lookup table over input codes, ISOFTMAX and INORM. The integer reference
// applies them to the final codes; the spiking forms apply them to the
// running counts and emit the difference from what they have emitted, so at
// quiescence both hold the same integers. Verifiers call the *Bound helpers
// to prove that no intermediate leaves int64 for any input in the code range.
//
// Header-only, no floating point: the tables and constants are built at
// compile time by the conversion.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_FUNCTIONALUNITS_H
#define SNNC_ARITH_FUNCTIONALUNITS_H

#include "snnc/Arith/Rounding.h"

#include <cstdint>
#include <optional>

namespace snnc::arith {

/// table[clamp(code - inputMin, 0, size - 1)]: codes beyond the table
/// saturate to its ends. Precondition: size >= 1.
inline int64_t lookup(const int32_t *table, int64_t size, int64_t inputMin,
                      int64_t code) {
  // No overflow: codes are counts (int32) and origins lie near them.
  return table[clamp<int64_t>(code - inputMin, 0, size - 1)];
}

/// ISOFTMAX over one row. Entries at or after `valid` are masked (a causal
/// mask keeps a prefix of each row) and get 0; so does every entry of a row
/// with no valid entry. Otherwise, with m the largest valid code,
///   e_j = expTable[clamp(c_j - m + N - 1, 0, N - 1)]   (the last entry is
///         exp(0), lower differences saturate to entry 0),
///   z   = sum of e_j over the valid entries,
///   p_j = min(div_round(e_j * levels, z), hi).
/// Preconditions: expTable entries >= 0 with expTable[N - 1] > 0 (so z > 0),
/// and softmaxFitsInt64 holds for n.
inline void isoftmaxRow(const int64_t *codes, int64_t n, int64_t valid,
                        const int32_t *expTable, int64_t tableSize,
                        int64_t levels, int64_t hi, int64_t *out) {
  valid = clamp<int64_t>(valid, 0, n);
  for (int64_t j = valid; j < n; ++j)
    out[j] = 0;
  if (valid == 0)
    return;
  int64_t m = codes[0];
  for (int64_t j = 1; j < valid; ++j)
    m = codes[j] > m ? codes[j] : m;
  int64_t z = 0;
  for (int64_t j = 0; j < valid; ++j) {
    out[j] = lookup(expTable, tableSize, m - (tableSize - 1), codes[j]);
    z += out[j];
  }
  for (int64_t j = 0; j < valid; ++j) {
    int64_t p = divRound(out[j] * levels, z);
    out[j] = p < hi ? p : hi;
  }
}

/// True when ISOFTMAX on rows of n entries cannot overflow: with E the
/// largest table entry, n*E (the sum) and E*levels (the numerator) fit int64.
inline bool softmaxFitsInt64(int64_t n, int64_t maxEntry, int64_t levels) {
  return checkedMul(n, maxEntry) && checkedMul(maxEntry, levels);
}

/// The constants of INORM (see inormRow).
struct NormParams {
  bool center = true;     ///< LayerNorm (subtract the mean) vs RMSNorm
  int64_t epsilon = 0;    ///< E = round(n^2 * eps / s_x^2 * 4^F)
  int32_t fracBits = 0;   ///< F: the root carries F fraction bits
  int32_t gainShift = 0;  ///< G: gain and bias carry G fraction bits
  int64_t lo = 0, hi = 0; ///< output code range
};

/// INORM over one row of n codes c_j, with per-feature gain g_j and bias b_j
/// (weight / s_y and bias / s_y, scaled by 2^G):
///   S1 = sum c_j,  S2 = sum c_j^2
///   LayerNorm: d_j = n*c_j - S1,  V = n*S2 - S1^2   (n^2 times the variance)
///   RMSNorm:   d_j = n*c_j,       V = n*S2          (n^2 times the mean
///   square) r   = max(1, isqrt(V * 4^F + E))               (2^F * n * sqrt(var
///   + eps)) y_j = clamp(div_round(d_j*g_j*2^F + b_j*r, r*2^G), lo, hi)
/// All exact in int64 when normFitsInt64 holds; r >= 1 covers a constant row
/// without epsilon (d = 0 there, so the output is the bias).
inline void inormRow(const int64_t *codes, int64_t n, const int64_t *gain,
                     const int64_t *bias, const NormParams &p, int64_t *out) {
  int64_t s1 = 0, s2 = 0;
  for (int64_t j = 0; j < n; ++j) {
    s1 += codes[j];
    s2 += codes[j] * codes[j];
  }
  const int64_t v = p.center ? n * s2 - s1 * s1 : n * s2;
  const uint64_t radicand = (uint64_t(v) << (2 * p.fracBits)) + p.epsilon;
  int64_t r = int64_t(isqrt(radicand));
  r = r < 1 ? 1 : r;
  const int64_t den = r * (int64_t(1) << p.gainShift);
  for (int64_t j = 0; j < n; ++j) {
    const int64_t d = n * codes[j] - (p.center ? s1 : 0);
    const int64_t num = d * gain[j] * (int64_t(1) << p.fracBits) + bias[j] * r;
    out[j] = clamp(divRound(num, den), p.lo, p.hi);
  }
}

/// True when inormRow cannot overflow for rows of n codes with |c| <=
/// maxCode, |g_j| <= maxGain and |b_j| <= maxBias: n^2*maxCode^2*4^F + E,
/// |d|*maxGain*2^F + maxBias*r and r*2^G all fit int64.
inline bool normFitsInt64(int64_t n, int64_t maxCode, const NormParams &p,
                          int64_t maxGain, int64_t maxBias) {
  if (n < 1 || maxCode < 0 || p.epsilon < 0 || p.fracBits < 0 ||
      p.fracBits > 31 || p.gainShift < 0 || p.gainShift > 62)
    return false;
  auto mul = [](std::optional<int64_t> a, std::optional<int64_t> b) {
    return a && b ? checkedMul(*a, *b) : std::nullopt;
  };
  auto add = [](std::optional<int64_t> a, std::optional<int64_t> b) {
    return a && b ? checkedAdd(*a, *b) : std::nullopt;
  };
  const std::optional<int64_t> nc = mul(n, maxCode);
  // V <= n*S2 <= (n*maxCode)^2; the squares of the sums bound every
  // intermediate of the statistics too.
  const std::optional<int64_t> radicand =
      add(mul(mul(nc, nc), int64_t(1) << (2 * p.fracBits)), p.epsilon);
  if (!radicand)
    return false;
  const int64_t root = int64_t(isqrt(uint64_t(*radicand)));
  const int64_t r = root < 1 ? 1 : root;
  const std::optional<int64_t> d = p.center ? mul(2, nc) : nc;
  const std::optional<int64_t> num =
      add(mul(mul(d, maxGain), int64_t(1) << p.fracBits), mul(maxBias, r));
  return num && mul(r, int64_t(1) << p.gainShift);
}

} // namespace snnc::arith

#endif // SNNC_ARITH_FUNCTIONALUNITS_H
