//===- VerifyReport.cpp - the results and verdict of snnc verify ----------===//

#include "snnc/Driver/VerifyReport.h"
#include "snnc/Driver/Driver.h"
#include "snnc/Image/JSON.h"
#include "snnc/Tensor/Metrics.h"

#include <cstdio>
#include <iterator>
#include <optional>

using namespace snnc;

const char *snnc::levelName(Level level) {
  switch (level) {
  case Level::Float:
    return "float";
  case Level::Integer:
    return "integer";
  case Level::Spiking:
    return "spiking";
  case Level::Simulator:
    return "simulator";
  }
  return "unknown";
}

static const Tensor *outputOf(const std::vector<Tensor> &v, size_t i) {
  return i < v.size() ? &v[i] : nullptr;
}

static bool identical(const Tensor *a, const Tensor *b) {
  return a && b && bitIdentical(*a, *b);
}

std::vector<ExactnessCheck> snnc::checkExactness(const VerifyResults &results) {
  std::vector<ExactnessCheck> checks;
  const std::pair<Level, Level> pairs[] = {{Level::Integer, Level::Spiking},
                                           {Level::Spiking, Level::Simulator}};
  for (size_t o = 0; o < results.outputNames.size(); ++o)
    for (auto [lhs, rhs] : pairs) {
      const LevelOutputs &a = results[lhs], &b = results[rhs];
      checks.push_back(
          {lhs, rhs, o, identical(outputOf(a.values, o), outputOf(b.values, o)),
           identical(outputOf(a.counts, o), outputOf(b.counts, o))});
    }
  return checks;
}

int snnc::verifyExitStatus(const VerifyResults &results) {
  for (const ExactnessCheck &c : checkExactness(results))
    if (!c.ok())
      return ExitInputError;
  return ExitSuccess;
}

namespace {

/// The comparison of one level's output with a reference, if both exist
/// and have the same shape.
struct Row {
  Deviation dev;
  Top1 top1;
};

std::optional<Row> compareOutput(const Tensor *actual,
                                 const Tensor *reference) {
  if (!actual || !reference || actual->shape != reference->shape)
    return std::nullopt;
  return Row{deviation(*actual, *reference),
             top1Agreement(*actual, *reference)};
}

std::string format(const char *fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width)
    s.append(width - s.size(), ' ');
  return s;
}

/// Width of a metric column.
constexpr size_t kCell = 12;

/// "cosine rel_l2 max_abs top-1" cells, or dashes when there is no
/// comparison.
std::string cells(const std::optional<Row> &row) {
  if (!row)
    return pad("-", kCell) + pad("-", kCell) + pad("-", kCell) +
           pad("-", kCell);
  return pad(format("%.6f", row->dev.cosine), kCell) +
         pad(format("%.4g", row->dev.relL2), kCell) +
         pad(format("%.4g", row->dev.maxAbs), kCell) +
         pad(std::to_string(row->top1.agree) + "/" +
                 std::to_string(row->top1.rows),
             kCell);
}

/// `text` without trailing blanks, as a line.
std::string line(std::string text) {
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text + "\n";
}

/// A quantity in the largest unit that keeps it >= 1.
std::string scaled(uint64_t v, const char *const units[], size_t n) {
  double x = double(v);
  size_t u = 0;
  while (u + 1 < n && x >= 1000) {
    x /= 1000;
    ++u;
  }
  return format(u ? "%.4g " : "%.0f ", x) + units[u];
}

const char *const kTimeUnits[] = {"ps", "ns", "us", "ms", "s"};
const char *const kEnergyUnits[] = {"fJ", "pJ", "nJ", "uJ", "mJ", "J"};

std::string describeCheck(const ExactnessCheck &c) {
  return std::string(levelName(c.lhs)) + " == " + levelName(c.rhs);
}

void metricsJSON(image::JSONWriter &j, const std::optional<Row> &row) {
  if (!row) {
    j.beginObject().endObject();
    return;
  }
  j.beginObject();
  j.member("cosine", row->dev.cosine).member("rel_l2", row->dev.relL2);
  j.member("max_abs", row->dev.maxAbs).member("max_rel", row->dev.maxRel);
  j.member("top1_agreement", row->top1.fraction());
  j.member("top1_agree", row->top1.agree).member("top1_rows", row->top1.rows);
  j.endObject();
}

} // namespace

std::string snnc::formatVerifyTable(const VerifyReport &report) {
  const VerifyResults &r = report.results;
  bool withExpected = !r.expected.empty();
  std::string s = "snnc verify: " + report.model + " on " + report.target +
                  ", T = " + std::to_string(report.timesteps) + ", " +
                  report.encoding + " encoding\n";
  auto list = [](const std::vector<std::string> &files) {
    std::string l;
    for (const std::string &f : files)
      l += (l.empty() ? "" : " ") + f;
    return l;
  };
  s += "inputs:   " + list(report.inputs) + "\n";
  s += "expected: " + (withExpected ? list(report.expected) : "none") + "\n";

  std::vector<ExactnessCheck> checks = checkExactness(r);
  for (size_t o = 0; o < r.outputNames.size(); ++o) {
    const Tensor *ref = outputOf(r[Level::Float].values, o);
    s += "\noutput '" + r.outputNames[o] + "'" +
         (ref ? " " + ref->describe() : "") + "\n";
    s += line(pad("", 12) + pad("against float", 4 * kCell) +
              (withExpected ? "against expected" : ""));
    std::string head = pad("cosine", kCell) + pad("rel_l2", kCell) +
                       pad("max_abs", kCell) + pad("top-1", kCell);
    s += line(pad("level", 12) + head + (withExpected ? head : ""));
    for (size_t l = 0; l < kNumLevels; ++l) {
      const Tensor *out = outputOf(r.levels[l].values, o);
      s += line(pad(levelName(Level(l)), 12) + cells(compareOutput(out, ref)) +
                (withExpected
                     ? cells(compareOutput(out, outputOf(r.expected, o)))
                     : ""));
    }
    s += "\n" + line(pad("bit for bit", 24) + pad("values", 8) + "counts");
    for (const ExactnessCheck &c : checks)
      if (c.output == o)
        s += line(pad(describeCheck(c), 24) +
                  pad(c.valuesIdentical ? "yes" : "NO", 8) +
                  (c.countsIdentical ? "yes" : "NO"));
  }

  const sim::Statistics &st = report.stats;
  s += "\nsimulator (per inference): " + std::to_string(st.steps) + " steps, " +
       std::to_string(st.cycles) + " cycles, latency " +
       scaled(st.timePs, kTimeUnits, std::size(kTimeUnits)) + ", energy " +
       scaled(st.energyFj.total, kEnergyUnits, std::size(kEnergyUnits)) + ", " +
       std::to_string(st.synapticOps) + " synaptic ops, " +
       std::to_string(st.spikes) + " spikes\n";
  std::string failed;
  for (const ExactnessCheck &c : checks)
    if (!c.ok())
      failed += (failed.empty() ? "" : "; ") + describeCheck(c) +
                " fails on '" + r.outputNames[c.output] + "'";
  s += verifyExitStatus(r) == ExitSuccess
           ? std::string("bit-exact: yes\n")
           : "bit-exact: NO" + (failed.empty() ? "" : " (" + failed + ")") +
                 "\n";
  return s;
}

std::string snnc::verifyReportJSON(const VerifyReport &report) {
  const VerifyResults &r = report.results;
  image::JSONWriter j;
  j.beginObject();
  j.member("model", report.model).member("target", report.target);
  j.member("timesteps", report.timesteps).member("encoding", report.encoding);
  j.key("inputs").beginArray();
  for (const std::string &f : report.inputs)
    j.value(f);
  j.endArray();
  j.key("expected").beginArray();
  for (const std::string &f : report.expected)
    j.value(f);
  j.endArray();

  std::vector<ExactnessCheck> checks = checkExactness(r);
  j.key("outputs").beginArray();
  for (size_t o = 0; o < r.outputNames.size(); ++o) {
    const Tensor *ref = outputOf(r[Level::Float].values, o);
    j.beginObject();
    j.member("name", r.outputNames[o]);
    j.key("shape").beginArray(image::JSONWriter::Layout::Compact);
    if (ref)
      for (int64_t d : ref->shape)
        j.value(d);
    j.endArray();
    j.key("levels").beginArray();
    for (size_t l = 0; l < kNumLevels; ++l) {
      const Tensor *out = outputOf(r.levels[l].values, o);
      j.beginObject();
      j.member("level", levelName(Level(l)));
      j.key("against_float");
      metricsJSON(j, compareOutput(out, ref));
      if (!r.expected.empty()) {
        j.key("against_expected");
        metricsJSON(j, compareOutput(out, outputOf(r.expected, o)));
      }
      j.endObject();
    }
    j.endArray();
    j.key("exactness").beginArray();
    for (const ExactnessCheck &c : checks) {
      if (c.output != o)
        continue;
      j.beginObject();
      j.member("lhs", levelName(c.lhs)).member("rhs", levelName(c.rhs));
      j.member("values_identical", c.valuesIdentical);
      j.member("counts_identical", c.countsIdentical);
      j.endObject();
    }
    j.endArray();
    j.endObject();
  }
  j.endArray();

  const sim::Statistics &st = report.stats;
  j.key("simulator").beginObject();
  j.member("steps", st.steps).member("quiescent", st.quiescent);
  j.member("cycles", st.cycles).member("latency_ps", st.timePs);
  j.member("energy_fj", st.energyFj.total);
  j.member("synaptic_ops", st.synapticOps).member("spikes", st.spikes);
  j.endObject();
  j.member("bit_exact", verifyExitStatus(r) == ExitSuccess);
  j.endObject();
  return j.str() + "\n";
}
