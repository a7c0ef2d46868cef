//===- Neuron.h - ST-BIF neuron (signed soft-reset IF) ----------*- C++ -*-===//
//
// The one neuron model of semantics.md. State V (int64 potential) and n
// (int32 spike count); threshold theta = 2^thresholdShift; start V = theta/2,
// n = 0. Each step adds the input current I = M*da, then
//   unit:   V >= theta and n < nmax -> V -= theta, n += 1, emit +1
//           V < 0      and n > nmin -> V += theta, n -= 1, emit -1
//           otherwise emit 0
//   graded: k = clamp(floor(V/theta), -G, G) limited to [nmin-n, nmax-n];
//           V -= k*theta, n += k, emit k          (G = burst; G = 1 == unit)
//
// Why it reproduces requantization: every spike moves theta between V and
// n*theta, so V + n*theta = theta/2 + P (P = sum of currents so far) at all
// times. Quiescent means neither branch fires with zero input, i.e.
// 0 <= V < theta, or V >= theta with n = nmax, or V < 0 with n = nmin; in each
// case n = clamp(floor((theta/2 + P)/theta), nmin, nmax)
//    = requantize(sum da, {M, thresholdShift}, nmin, nmax),
// independent of how the input was split over steps or ordered.
//
// Draining terminates: with zero input a step emitting k > 0 subtracts at
// most floor(V/theta)*theta, so V stays >= 0 and no negative spike follows
// (symmetrically for k < 0). So n moves monotonically, and each emitting step
// either moves it by G or leaves V in [0, theta) or n at its bound, after
// which the neuron is quiescent: at most maxDrainSteps() zero-input steps.
//
// The step functions are free functions on a plain state struct so the
// simulator can keep populations as arrays; STBIFNeuron wraps them for
// scalar use.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_NEURON_H
#define SNNC_ARITH_NEURON_H

#include "snnc/Arith/Rounding.h"

#include <cassert>
#include <cstdint>
#include <optional>

namespace snnc::arith {

struct NeuronParams {
  /// theta = 2^thresholdShift, in [0, 62]. To reproduce
  /// requantize(acc, {M, s}, ...) use thresholdShift = s and currents M*da.
  int32_t thresholdShift = 0;
  /// Count bounds, nmin <= 0 <= nmax (nmin = 0: ReLU / clip).
  int32_t nmin = 0;
  int32_t nmax = 0;
  /// Largest |spike| per step (G); 1 is the unit (ternary) neuron.
  int32_t burst = 1;

  constexpr int64_t threshold() const { return int64_t(1) << thresholdShift; }
};

/// thresholdShift in [0, 62], nmin <= 0 <= nmax, burst >= 1.
constexpr bool isValid(const NeuronParams &p) {
  return p.thresholdShift >= 0 && p.thresholdShift <= 62 && p.nmin <= 0 &&
         p.nmax >= 0 && p.burst >= 1;
}

struct NeuronState {
  int64_t v = 0; ///< membrane potential V
  int32_t n = 0; ///< accumulated spike count, in [nmin, nmax]
};

/// V = theta/2, n = 0. For theta = 1 (shift 0) theta/2 is 0, matching
/// requantize at shift 0 (no rounding term).
constexpr NeuronState initialState(const NeuronParams &p) {
  return {p.threshold() / 2, 0};
}

/// Unit ST-BIF step; returns the emitted spike in {-1, 0, +1}.
/// Precondition: V + current fits int64 (see potentialRange).
inline int32_t stepUnit(NeuronState &s, const NeuronParams &p,
                        int64_t current) {
  const int64_t theta = p.threshold();
  s.v += current;
  // Branch-free: the two conditions exclude each other (V >= theta > 0 vs
  // V < 0), and with random currents branches mispredict (2x slower).
  const int32_t k = (int32_t(s.v >= theta) & int32_t(s.n < p.nmax)) -
                    (int32_t(s.v < 0) & int32_t(s.n > p.nmin));
  s.v -= k * theta;
  s.n += k;
  return k;
}

/// Graded (burst) ST-BIF step; returns k in [-burst, burst].
/// Precondition: V + current fits int64 (see potentialRange).
inline int32_t stepGraded(NeuronState &s, const NeuronParams &p,
                          int64_t current) {
  s.v += current;
  // 0 lies in both [-G, G] and [nmin-n, nmax-n], so clamping one after the
  // other equals clamping to their intersection.
  int64_t k = s.v >> p.thresholdShift; // floor(V / theta)
  k = clamp<int64_t>(k, -p.burst, p.burst);
  k = clamp<int64_t>(k, int64_t(p.nmin) - s.n, int64_t(p.nmax) - s.n);
  // |k*theta| <= |V| rounded to a multiple of theta: no overflow, since
  // INT64_MIN is a multiple of every theta.
  s.v -= k * p.threshold();
  s.n += int32_t(k);
  return int32_t(k);
}

/// Dispatches on p.burst (1: unit step).
inline int32_t step(NeuronState &s, const NeuronParams &p, int64_t current) {
  return p.burst == 1 ? stepUnit(s, p, current) : stepGraded(s, p, current);
}

/// True when a step with zero input would emit 0 (and change nothing); then
/// n equals the requantized total input. Same condition for unit and graded.
constexpr bool isQuiescent(const NeuronState &s, const NeuronParams &p) {
  return !(s.v >= p.threshold() && s.n < p.nmax) && !(s.v < 0 && s.n > p.nmin);
}

/// Upper bound on the zero-input steps that bring any reachable state to
/// quiescence: ceil((nmax - nmin) / burst).
constexpr int64_t maxDrainSteps(const NeuronParams &p) {
  return (int64_t(p.nmax) - p.nmin + p.burst - 1) / p.burst;
}

/// The current M*da for one input, or std::nullopt if it overflows int64.
inline std::optional<int64_t> multiplyCurrent(int32_t m, int64_t da) {
  return checkedMul(m, da);
}

/// Closed range of V (before and after the reset of every step).
struct PotentialRange {
  int64_t lo;
  int64_t hi;
};

/// Range that V can take when every prefix sum of the currents,
/// P_t = I_1 + ... + I_t, satisfies |P_t| <= maxAbsPrefixSum; std::nullopt
/// when it may leave int64. From V = theta/2 + P - n*theta and the fact that
/// n only rises while theta/2 + P >= (n+1)*theta (and only falls while
/// theta/2 + P < n*theta), n stays within
/// [max(nmin, floor((theta/2 - B)/theta)), min(nmax, floor((theta/2 +
/// B)/theta))]. Verifiers use it to choose int32 vs int64 potentials.
std::optional<PotentialRange> potentialRange(const NeuronParams &p,
                                             uint64_t maxAbsPrefixSum);

/// True when potentialRange fits a signed `bits`-bit integer, bits in [1, 64].
bool potentialFitsSigned(const NeuronParams &p, uint64_t maxAbsPrefixSum,
                         int bits);

/// Scalar convenience wrapper around NeuronParams + NeuronState.
class STBIFNeuron {
public:
  explicit STBIFNeuron(const NeuronParams &params)
      : params_(params), state_(initialState(params)) {
    assert(isValid(params) && "invalid ST-BIF parameters");
  }

  void reset() { state_ = initialState(params_); }
  int32_t step(int64_t current) {
    return arith::step(state_, params_, current);
  }
  bool isQuiescent() const { return arith::isQuiescent(state_, params_); }

  int32_t count() const { return state_.n; }
  int64_t potential() const { return state_.v; }
  const NeuronState &state() const { return state_; }
  const NeuronParams &params() const { return params_; }

private:
  NeuronParams params_;
  NeuronState state_;
};

} // namespace snnc::arith

#endif // SNNC_ARITH_NEURON_H
