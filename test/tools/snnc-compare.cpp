//===- snnc-compare.cpp - compare tensor files in tests -------------------===//
//
//   snnc-compare ACTUAL.pb EXPECTED.pb [--rtol R] [--atol A] [--exact]
//                [--labels LABELS.pb]
//
// Prints max abs/rel deviation, relative L2 and cosine similarity, and
// succeeds when shapes and types match and every element satisfies
// |a - e| <= atol + rtol·|e| (numpy.isclose), or is bit-identical with
// --exact. Along the last axis it also reports top-1 agreement (argmax), and
// with --labels the top-1 accuracy of both tensors against integer labels.
//
//===----------------------------------------------------------------------===//

#include "snnc/Tensor/TensorIO.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char **argv) {
  std::string files[2];
  int nfiles = 0;
  double rtol = 1e-5, atol = 1e-6;
  bool exact = false;
  std::string labelsPath;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rtol" && i + 1 < argc)
      rtol = std::atof(argv[++i]);
    else if (a == "--atol" && i + 1 < argc)
      atol = std::atof(argv[++i]);
    else if (a == "--labels" && i + 1 < argc)
      labelsPath = argv[++i];
    else if (a == "--exact")
      exact = true;
    else if (nfiles < 2)
      files[nfiles++] = a;
    else {
      std::fprintf(stderr, "usage: snnc-compare ACTUAL EXPECTED [--rtol R] "
                           "[--atol A] [--exact]\n");
      return 2;
    }
  }
  if (nfiles != 2) {
    std::fprintf(stderr, "usage: snnc-compare ACTUAL EXPECTED [--rtol R] "
                         "[--atol A] [--exact]\n");
    return 2;
  }
  snnc::Tensor t[2];
  for (int i = 0; i < 2; ++i) {
    std::string error;
    if (!snnc::readTensorFile(files[i], t[i], error)) {
      std::fprintf(stderr, "snnc-compare: %s: %s\n", files[i].c_str(),
                   error.c_str());
      return 1;
    }
  }
  if (t[0].dtype != t[1].dtype || t[0].shape != t[1].shape) {
    std::fprintf(stderr, "snnc-compare: %s vs %s\n", t[0].describe().c_str(),
                 t[1].describe().c_str());
    return 1;
  }
  int64_t n = t[0].numElements(), bad = 0, firstBad = -1;
  double maxAbs = 0, maxRel = 0, diff2 = 0, ref2 = 0, dot = 0, act2 = 0;
  for (int64_t i = 0; i < n; ++i) {
    double a = t[0].dtype == snnc::DType::F32 ? t[0].f32[i] : t[0].i64[i];
    double e = t[1].dtype == snnc::DType::F32 ? t[1].f32[i] : t[1].i64[i];
    double d = std::fabs(a - e);
    maxAbs = std::fmax(maxAbs, d);
    diff2 += d * d;
    ref2 += e * e;
    act2 += a * a;
    dot += a * e;
    if (e != 0)
      maxRel = std::fmax(maxRel, d / std::fabs(e));
    bool ok = exact ? (t[0].dtype == snnc::DType::F32
                           ? std::memcmp(&t[0].f32[i], &t[1].f32[i], 4) == 0
                           : t[0].i64[i] == t[1].i64[i])
                    : d <= atol + rtol * std::fabs(e);
    if (!ok && bad++ == 0)
      firstBad = i;
  }
  double relL2 = ref2 > 0 ? std::sqrt(diff2 / ref2) : std::sqrt(diff2);
  double cosine = act2 > 0 && ref2 > 0 ? dot / std::sqrt(act2 * ref2) : 1.0;
  std::printf("%s: %lld elements, max_abs=%.3g max_rel=%.3g rel_l2=%.4g "
              "cosine=%.6f, %lld outside\n",
              bad ? "MISMATCH" : "match", (long long)n, maxAbs, maxRel, relL2,
              cosine, (long long)bad);
  if (bad)
    std::printf("first mismatch at flat index %lld\n", (long long)firstBad);

  // Top-1 along the last axis.
  int64_t classes = t[0].shape.empty() ? 1 : t[0].shape.back();
  int64_t rows = classes ? n / classes : 0;
  auto argmax = [&](const snnc::Tensor &x, int64_t r) {
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c) {
      double v = x.dtype == snnc::DType::F32 ? x.f32[r * classes + c]
                                             : x.i64[r * classes + c];
      double b = x.dtype == snnc::DType::F32 ? x.f32[r * classes + best]
                                             : x.i64[r * classes + best];
      if (v > b)
        best = c;
    }
    return best;
  };
  int64_t agree = 0;
  for (int64_t r = 0; r < rows; ++r)
    agree += argmax(t[0], r) == argmax(t[1], r);
  std::printf("top1_agreement=%.4f (%lld/%lld rows)\n",
              rows ? double(agree) / rows : 1.0, (long long)agree,
              (long long)rows);
  if (!labelsPath.empty()) {
    snnc::Tensor labels;
    std::string error;
    if (!snnc::readTensorFile(labelsPath, labels, error) ||
        labels.dtype != snnc::DType::I64 || labels.numElements() != rows) {
      std::fprintf(stderr, "snnc-compare: %s: %s\n", labelsPath.c_str(),
                   error.empty() ? "expected one integer label per row"
                                 : error.c_str());
      return 1;
    }
    int64_t hitA = 0, hitE = 0;
    for (int64_t r = 0; r < rows; ++r) {
      hitA += argmax(t[0], r) == labels.i64[r];
      hitE += argmax(t[1], r) == labels.i64[r];
    }
    std::printf("accuracy actual=%.4f expected=%.4f\n", double(hitA) / rows,
                double(hitE) / rows);
  }
  return bad ? 1 : 0;
}
