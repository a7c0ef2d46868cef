//===- SpikeProduct.h - incremental spike x spike products ------*- C++ -*-===//
//
// Products of two spike trains without waiting for the window end
// (SpikeZIP-TF / BrainTransformers SNNMatmul). Counts S include this step's
// spikes a, b (any integers: ternary or graded payloads):
//   delta(t) = S_A(t)*b_t + a_t*S_B(t) - a_t*b_t
//            = S_A(t)*S_B(t) - S_A(t-1)*S_B(t-1),
// so the deltas telescope to S_A(T)*S_B(T), the integer product of the final
// codes. Feeding them (times M) into an ST-BIF neuron therefore yields
// requantize(C_A*C_B) at quiescence.
//
// Bit-plane (MSB-first signed digits): with Horner accumulations
// A_t = 2A_{t-1} + a_t, B_t = 2B_{t-1} + b_t,
//   P(t) = 4P(t-1) + 2(A_{t-1}b_t + a_t B_{t-1}) + a_t b_t = A_t*B_t.
// The bracket equals the unary delta evaluated on the updated accumulations
// (A_t b_t + a_t B_t - a_t b_t), so both forms share one kernel.
//
// All products are formed in int64; keeping sums within int64 is the
// verifier's job (accumulator-width check). Matrices are dense row-major.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_SPIKEPRODUCT_H
#define SNNC_ARITH_SPIKEPRODUCT_H

#include <cstddef>
#include <cstdint>

namespace snnc::arith {

/// S_A(t)*S_B(t) - S_A(t-1)*S_B(t-1) from the counts including this step
/// (countA, countB) and this step's spikes (a, b); written as
/// countA*b + a*(countB - b) to save a multiply.
constexpr int64_t spikeProductDelta(int64_t countA, int64_t countB, int64_t a,
                                    int64_t b) {
  return countA * b + a * (countB - b);
}

/// Bit-plane step: 4*prevProduct + (A_t b + a B_t - a b), where accA, accB
/// are the Horner accumulations including this step's digits a, b.
/// Returns A_t * B_t when prevProduct = A_{t-1} * B_{t-1}.
constexpr int64_t bitPlaneProductStep(int64_t prevProduct, int64_t accA,
                                      int64_t accB, int64_t a, int64_t b) {
  return 4 * prevProduct + spikeProductDelta(accA, accB, a, b);
}

/// Horner accumulation of one MSB-first digit: 2*acc + digit.
constexpr int64_t bitPlaneAccumulate(int64_t acc, int64_t digit) {
  return 2 * acc + digit;
}

/// counts[i] += spikes[i] (unary accumulation, run before the deltas).
template <typename CountT, typename SpikeT>
inline void accumulateCounts(size_t size, CountT *counts,
                             const SpikeT *spikes) {
  for (size_t i = 0; i < size; ++i)
    counts[i] = CountT(counts[i] + spikes[i]);
}

/// acc[i] = 2*acc[i] + digits[i] (bit-plane accumulation, run before the
/// products).
template <typename CountT, typename SpikeT>
inline void bitPlaneAccumulate(size_t size, CountT *acc, const SpikeT *digits) {
  for (size_t i = 0; i < size; ++i)
    acc[i] = CountT(2 * acc[i] + digits[i]);
}

/// Elementwise product (e.g. SwiGLU gate*up): out[i] += delta for every i.
/// Elements where neither input spiked contribute 0 and are skipped.
template <typename CountT, typename SpikeT>
inline void spikeProductDeltaElementwise(size_t size, const CountT *countA,
                                         const SpikeT *spikesA,
                                         const CountT *countB,
                                         const SpikeT *spikesB, int64_t *out) {
  for (size_t i = 0; i < size; ++i) {
    const int64_t a = spikesA[i], b = spikesB[i];
    if (a == 0 && b == 0)
      continue;
    out[i] += spikeProductDelta(countA[i], countB[i], a, b);
  }
}

/// Matrix product step: out (n x m) += S_A(t) S_B(t) - S_A(t-1) S_B(t-1) for
/// A (n x k) and B (k x m), given counts including this step and this step's
/// spikes. Uses delta = S_A(t)*b + a*S_B(t-1), S_B(t-1) = S_B(t) - b, and
/// touches only nonzero spikes: cost O(n*k + k*m) for the scan plus n per
/// event of B and m per event of A.
template <typename CountT, typename SpikeT>
inline void spikeMatmulDelta(size_t n, size_t k, size_t m, const CountT *countA,
                             const SpikeT *spikesA, const CountT *countB,
                             const SpikeT *spikesB, int64_t *out) {
  // S_A(t) * b: each event b[p][j] adds column p of S_A to column j of out.
  for (size_t p = 0; p < k; ++p) {
    const SpikeT *bRow = spikesB + p * m;
    for (size_t j = 0; j < m; ++j) {
      const int64_t b = bRow[j];
      if (b == 0)
        continue;
      for (size_t i = 0; i < n; ++i)
        out[i * m + j] += int64_t(countA[i * k + p]) * b;
    }
  }
  // a * S_B(t-1): each event a[i][p] adds row p of S_B(t-1) to row i of out.
  for (size_t i = 0; i < n; ++i) {
    int64_t *outRow = out + i * m;
    for (size_t p = 0; p < k; ++p) {
      const int64_t a = spikesA[i * k + p];
      if (a == 0)
        continue;
      const CountT *cRow = countB + p * m;
      const SpikeT *bRow = spikesB + p * m;
      for (size_t j = 0; j < m; ++j)
        outRow[j] += a * (int64_t(cRow[j]) - int64_t(bRow[j]));
    }
  }
}

/// Bit-plane matrix step: product (n x m) = 4*product + (A_t b + a B_t - a b)
/// with accA (n x k), accB (k x m) the Horner accumulations including this
/// step's digits. After the last plane, product = A_T * B_T.
template <typename CountT, typename SpikeT>
inline void bitPlaneMatmulStep(size_t n, size_t k, size_t m, const CountT *accA,
                               const SpikeT *digitsA, const CountT *accB,
                               const SpikeT *digitsB, int64_t *product) {
  for (size_t i = 0; i < n * m; ++i)
    product[i] *= 4;
  spikeMatmulDelta(n, k, m, accA, digitsA, accB, digitsB, product);
}

/// Elementwise bit-plane step: product[i] = A_t[i] * B_t[i] after the call.
template <typename CountT, typename SpikeT>
inline void
bitPlaneProductStepElementwise(size_t size, const CountT *accA,
                               const SpikeT *digitsA, const CountT *accB,
                               const SpikeT *digitsB, int64_t *product) {
  for (size_t i = 0; i < size; ++i)
    product[i] = bitPlaneProductStep(product[i], accA[i], accB[i], digitsA[i],
                                     digitsB[i]);
}

} // namespace snnc::arith

#endif // SNNC_ARITH_SPIKEPRODUCT_H
