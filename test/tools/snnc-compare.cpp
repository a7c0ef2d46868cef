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

#include "snnc/Tensor/Metrics.h"
#include "snnc/Tensor/TensorIO.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

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
  snnc::Deviation dev = snnc::deviation(t[0], t[1]);
  int64_t bad = 0, firstBad = -1;
  for (int64_t i = 0; i < dev.elements; ++i) {
    double a = snnc::elementAsDouble(t[0], i);
    double e = snnc::elementAsDouble(t[1], i);
    bool ok = exact ? (t[0].dtype == snnc::DType::F32
                           ? std::memcmp(&t[0].f32[i], &t[1].f32[i], 4) == 0
                           : t[0].i64[i] == t[1].i64[i])
                    : std::fabs(a - e) <= atol + rtol * std::fabs(e);
    if (!ok && bad++ == 0)
      firstBad = i;
  }
  std::printf("%s: %lld elements, max_abs=%.3g max_rel=%.3g rel_l2=%.4g "
              "cosine=%.6f, %lld outside\n",
              bad ? "MISMATCH" : "match", (long long)dev.elements, dev.maxAbs,
              dev.maxRel, dev.relL2, dev.cosine, (long long)bad);
  if (bad)
    std::printf("first mismatch at flat index %lld\n", (long long)firstBad);

  snnc::Top1 top1 = snnc::top1Agreement(t[0], t[1]);
  std::printf("top1_agreement=%.4f (%lld/%lld rows)\n", top1.fraction(),
              (long long)top1.agree, (long long)top1.rows);
  if (!labelsPath.empty()) {
    snnc::Tensor labels;
    std::string error;
    if (!snnc::readTensorFile(labelsPath, labels, error) ||
        labels.dtype != snnc::DType::I64 || labels.numElements() != top1.rows) {
      std::fprintf(stderr, "snnc-compare: %s: %s\n", labelsPath.c_str(),
                   error.empty() ? "expected one integer label per row"
                                 : error.c_str());
      return 1;
    }
    std::vector<int64_t> classA = snnc::argmaxLastAxis(t[0]);
    std::vector<int64_t> classE = snnc::argmaxLastAxis(t[1]);
    int64_t hitA = 0, hitE = 0;
    for (int64_t r = 0; r < top1.rows; ++r) {
      hitA += classA[r] == labels.i64[r];
      hitE += classE[r] == labels.i64[r];
    }
    std::printf("accuracy actual=%.4f expected=%.4f\n",
                double(hitA) / double(top1.rows),
                double(hitE) / double(top1.rows));
  }
  return bad ? 1 : 0;
}
