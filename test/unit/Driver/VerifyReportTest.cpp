//===- VerifyReportTest.cpp - the verdict of snnc verify ------------------===//
//
// A correct compiler never makes `snnc verify` fail, so its failure path is
// tested here on hand-made results: every kind of disagreement between the
// integer reference, the spiking interpreter and the simulator must give
// exit status 1 and say which check failed; errors against float or the
// expected outputs must not.
//
//===----------------------------------------------------------------------===//

#include "snnc/Driver/VerifyReport.h"

#include "JSONCheck.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace snnc;

namespace {

/// Every quantized level computed counts {3, -1, 0} decoded at scale 0.5;
/// float is a little off, as quantization makes it.
VerifyResults agreeing() {
  VerifyResults r;
  r.outputNames = {"logits"};
  r[Level::Float].values = {Tensor::floats({1, 3}, {1.4f, -0.6f, 0.1f})};
  for (Level l : {Level::Integer, Level::Spiking, Level::Simulator}) {
    r[l].values = {Tensor::floats({1, 3}, {1.5f, -0.5f, 0.0f})};
    r[l].counts = {Tensor::ints({1, 3}, {3, -1, 0})};
  }
  return r;
}

VerifyReport reportOf(VerifyResults results) {
  VerifyReport report;
  report.model = "m.onnx";
  report.target = "loihi";
  report.timesteps = 16;
  report.encoding = "unary";
  report.inputs = {"in.pb"};
  report.results = std::move(results);
  report.stats.steps = 18;
  report.stats.cycles = 1000;
  report.stats.timePs = 2500000;
  report.stats.energyFj.total = 1234567;
  return report;
}

TEST(VerifyReport, AgreeingLevelsPass) {
  VerifyResults r = agreeing();
  EXPECT_EQ(verifyExitStatus(r), 0);
  for (const ExactnessCheck &c : checkExactness(r))
    EXPECT_TRUE(c.ok());
  EXPECT_EQ(checkExactness(r).size(), 2u);
}

TEST(VerifyReport, ErrorAgainstFloatOrExpectedDoesNotFail) {
  VerifyResults r = agreeing();
  r[Level::Float].values[0].f32 = {-9, 9, 9};
  r.expected = {Tensor::floats({1, 3}, {100, 200, 300})};
  EXPECT_EQ(verifyExitStatus(r), 0);
}

TEST(VerifyReport, DifferentCountFails) {
  VerifyResults r = agreeing();
  r[Level::Simulator].counts[0].i64[2] = 1;
  EXPECT_EQ(verifyExitStatus(r), 1);
  std::vector<ExactnessCheck> checks = checkExactness(r);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_TRUE(checks[0].ok()); // integer == spiking
  EXPECT_EQ(checks[1].lhs, Level::Spiking);
  EXPECT_EQ(checks[1].rhs, Level::Simulator);
  EXPECT_TRUE(checks[1].valuesIdentical);
  EXPECT_FALSE(checks[1].countsIdentical);
}

TEST(VerifyReport, DifferentValueFails) {
  VerifyResults r = agreeing();
  r[Level::Integer].values[0].f32[0] = std::nextafter(1.5f, 2.0f);
  EXPECT_EQ(verifyExitStatus(r), 1);
  EXPECT_FALSE(checkExactness(r)[0].valuesIdentical);
  EXPECT_TRUE(checkExactness(r)[0].countsIdentical);
}

TEST(VerifyReport, NegativeZeroIsNotBitExact) {
  // -0.0 == 0.0 as floats, but not as the bytes of an output file.
  VerifyResults r = agreeing();
  r[Level::Spiking].values[0].f32[2] = -0.0f;
  EXPECT_EQ(verifyExitStatus(r), 1);
}

TEST(VerifyReport, SameNaNIsBitExact) {
  VerifyResults r = agreeing();
  for (Level l : {Level::Integer, Level::Spiking, Level::Simulator})
    r[l].values[0].f32[1] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(verifyExitStatus(r), 0);
}

TEST(VerifyReport, ShapeOrTypeMismatchFails) {
  VerifyResults r = agreeing();
  r[Level::Simulator].counts[0].shape = {3, 1};
  EXPECT_EQ(verifyExitStatus(r), 1);
  r = agreeing();
  r[Level::Simulator].counts[0] = Tensor::floats({1, 3}, {3, -1, 0});
  EXPECT_EQ(verifyExitStatus(r), 1);
}

TEST(VerifyReport, MissingOutputFails) {
  VerifyResults r = agreeing();
  r[Level::Simulator].values.clear();
  r[Level::Simulator].counts.clear();
  EXPECT_EQ(verifyExitStatus(r), 1);
  r = agreeing();
  r[Level::Integer].counts.clear();
  EXPECT_EQ(verifyExitStatus(r), 1);
}

TEST(VerifyReport, EveryOutputIsChecked) {
  VerifyResults r = agreeing();
  r.outputNames.push_back("aux");
  for (LevelOutputs &l : r.levels) {
    l.values.push_back(Tensor::floats({2}, {1, 2}));
    if (!l.counts.empty())
      l.counts.push_back(Tensor::ints({2}, {1, 2}));
  }
  EXPECT_EQ(verifyExitStatus(r), 0);
  EXPECT_EQ(checkExactness(r).size(), 4u);
  r[Level::Spiking].counts[1].i64[1] = 3;
  EXPECT_EQ(verifyExitStatus(r), 1);
}

TEST(VerifyReport, TableShowsEveryLevelAndTheVerdict) {
  std::string table = formatVerifyTable(reportOf(agreeing()));
  for (const char *level :
       {"\nfloat ", "\ninteger ", "\nspiking ", "\nsimulator "})
    EXPECT_NE(table.find(level), std::string::npos) << level;
  EXPECT_NE(table.find("expected: none"), std::string::npos);
  EXPECT_EQ(table.find("against expected"), std::string::npos);
  EXPECT_NE(table.find("18 steps, 1000 cycles, latency 2.5 us, energy 1.235 "
                       "nJ"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("\nbit-exact: yes\n"), std::string::npos);

  VerifyResults bad = agreeing();
  bad[Level::Simulator].counts[0].i64[0] = 4;
  table = formatVerifyTable(reportOf(bad));
  EXPECT_NE(table.find("spiking == simulator    yes     NO\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("\nbit-exact: NO (spiking == simulator fails on "
                       "'logits')\n"),
            std::string::npos)
      << table;
}

TEST(VerifyReport, TableComparesWithExpected) {
  VerifyResults r = agreeing();
  r.expected = {Tensor::floats({1, 3}, {1.5f, -0.5f, 0.0f})};
  VerifyReport report = reportOf(r);
  report.expected = {"out.pb"};
  std::string table = formatVerifyTable(report);
  EXPECT_NE(table.find("expected: out.pb"), std::string::npos);
  EXPECT_NE(table.find("against expected"), std::string::npos);
  // The quantized levels equal the expected outputs exactly here.
  EXPECT_NE(table.find("simulator   0.9944"), std::string::npos) << table;
  EXPECT_NE(table.find("1/1         1.000000    0           0           1/1\n"),
            std::string::npos)
      << table;
}

TEST(VerifyReport, JSONIsValidAndCarriesTheVerdict) {
  VerifyResults bad = agreeing();
  bad[Level::Spiking].values[0].f32[0] = 2.0f;
  bad[Level::Spiking].counts[0].i64[0] = 4;
  std::string json = verifyReportJSON(reportOf(bad));
  EXPECT_TRUE(image::test::JSONChecker::valid(json)) << json;
  EXPECT_NE(json.find("\"bit_exact\": false"), std::string::npos);
  EXPECT_NE(json.find("\"lhs\": \"integer\",\n          \"rhs\": "
                      "\"spiking\",\n          \"values_identical\": "
                      "false,\n          \"counts_identical\": false"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"latency_ps\": 2500000"), std::string::npos);
  // Deterministic: a pure function of the report.
  EXPECT_EQ(json, verifyReportJSON(reportOf(bad)));
  EXPECT_NE(verifyReportJSON(reportOf(agreeing())).find("\"bit_exact\": true"),
            std::string::npos);
}

} // namespace
