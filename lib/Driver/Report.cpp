//===- Report.cpp - snnc report: one self-contained HTML page -------------===//

#include "Report.h"
#include "Diagnostics.h"
#include "snnc/Driver/Driver.h"
#include "snnc/Image/File.h"
#include "snnc/Image/Format.h"
#include "snnc/Routing/Triangular.h"
#include "snnc/Target/TargetDescription.h"
#include "snnc/Tensor/Metrics.h"
#include "snnc/Tensor/TensorIO.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

using namespace snnc;

namespace {

std::string fmt(const char *format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string num(uint64_t v) { return std::to_string(v); }

std::string escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// A quantity in the largest unit that keeps it >= 1.
std::string scaled(uint64_t v, std::initializer_list<const char *> units) {
  double x = double(v);
  auto u = units.begin();
  while (u + 1 != units.end() && x >= 1000) {
    x /= 1000;
    ++u;
  }
  return fmt(u == units.begin() ? "%.0f " : "%.4g ", x) + *u;
}
std::string picoseconds(uint64_t ps) {
  return scaled(ps, {"ps", "ns", "us", "ms", "s"});
}
std::string femtojoules(uint64_t fj) {
  return scaled(fj, {"fJ", "pJ", "nJ", "uJ", "mJ", "J"});
}

/// White to dark orange for u in [0, 1].
std::string heat(double u) {
  u = std::clamp(u, 0.0, 1.0);
  auto mix = [&](int a, int b) { return int(std::lround(a + (b - a) * u)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", mix(0xff, 0xa6),
                mix(0xf5, 0x36), mix(0xeb, 0x03));
  return buf;
}

double ratio(uint64_t used, uint64_t limit) {
  return limit ? double(used) / double(limit) : 0.0;
}

//===----------------------------------------------------------------------===//
// Populations: the cores of one layer, found by following the spikes' paths
// from the input ports. A layer split over several cores is one population
// with its neurons numbered in core order.
//===----------------------------------------------------------------------===//

struct Population {
  unsigned depth = 0; ///< 0: fed by the input ports
  std::vector<uint32_t> cores;
  std::map<uint32_t, uint32_t> firstNeuron; ///< per core, in the population
  uint32_t neurons = 0;
  bool holdsOutputs = false;
};

/// Cores each core's spikes reach: output axon tables (Loihi-like), or the
/// cores whose population tables take its key (SpiNNaker-like).
std::vector<std::set<uint32_t>> successors(const image::Image &img) {
  std::vector<std::set<uint32_t>> next(img.cores.size());
  if (img.header.family == image::TargetFamily::SpiNNaker) {
    const auto &cores = img.spinnaker.cores;
    for (uint32_t c = 0; c < cores.size(); ++c) {
      if (!cores[c].sends)
        continue;
      for (uint32_t d = 0; d < cores.size(); ++d)
        for (const image::PopulationEntry &e : cores[d].popTable)
          if ((cores[c].key & e.mask) == e.key)
            next[c].insert(d);
    }
    return next;
  }
  for (uint32_t c = 0; c < img.cores.size(); ++c)
    for (const image::AxonRef &r : img.cores[c].outputAxons)
      next[c].insert(r.core);
  return next;
}

std::vector<Population> populations(const image::Image &img) {
  constexpr unsigned kUnreached = std::numeric_limits<unsigned>::max();
  std::vector<unsigned> depth(img.cores.size(), kUnreached);
  std::vector<uint32_t> frontier;
  for (const image::InputPort &p : img.inputs)
    for (const image::AxonRef &r : p.targets)
      if (depth[r.core] == kUnreached) {
        depth[r.core] = 0;
        frontier.push_back(r.core);
      }
  std::vector<std::set<uint32_t>> next = successors(img);
  // Breadth first: a core's layer is its shortest distance from the inputs.
  for (unsigned d = 1; !frontier.empty(); ++d) {
    std::vector<uint32_t> reached;
    for (uint32_t c : frontier)
      for (uint32_t n : next[c])
        if (depth[n] == kUnreached) {
          depth[n] = d;
          reached.push_back(n);
        }
    frontier = std::move(reached);
  }
  std::set<uint32_t> outputCores;
  for (const image::OutputPort &p : img.outputs)
    for (const image::NeuronRef &r : p.elements)
      outputCores.insert(r.core);
  std::map<unsigned, Population> byDepth;
  for (uint32_t c = 0; c < img.cores.size(); ++c) {
    Population &p = byDepth[depth[c]];
    p.depth = depth[c];
    p.cores.push_back(c);
    p.firstNeuron[c] = p.neurons;
    p.neurons += img.cores[c].neuronCount;
    p.holdsOutputs |= outputCores.count(c) != 0;
  }
  std::vector<Population> out;
  for (auto &[d, p] : byDepth)
    out.push_back(std::move(p));
  return out;
}

std::string populationName(const Population &p) {
  std::string name = p.depth == std::numeric_limits<unsigned>::max()
                         ? std::string("unreached cores")
                         : "layer " + num(p.depth + 1);
  if (p.holdsOutputs)
    name += " (outputs)";
  return name;
}

std::string coreList(const std::vector<uint32_t> &cores) {
  std::string s;
  for (uint32_t c : cores)
    s += (s.empty() ? "" : ", ") + num(c);
  return s;
}

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

constexpr const char *kStyle = R"(<style>
body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-top:8px}
h3{font-size:15px;margin-bottom:4px}
table{border-collapse:collapse;margin:6px 0 12px}
td,th{border:1px solid #ddd;padding:2px 8px;font-size:12px;text-align:right}
th{background:#f4f4f4}td.l,th.l{text-align:left}
.note{background:#fff8e1;border-left:4px solid #f0ad4e;padding:6px 10px;font-size:13px}
.maps{display:flex;flex-wrap:wrap;gap:18px}
svg{background:#fff}svg text{font-size:10px;font-family:sans-serif}
nav a{margin-right:12px}
</style>
)";

void summarySection(std::string &h, const ReportData &d) {
  const image::Image &img = *d.image;
  const sim::Statistics &st = d.run->stats;
  h += "<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n";
  auto row = [&](const std::string &k, const std::string &v) {
    h += "<tr><th class=\"l\">" + k + "</th><td class=\"l\">" + escape(v) +
         "</td></tr>\n";
  };
  row("input", d.input);
  row("target", img.header.target + " (" +
                    image::familyName(img.header.family) + "-like)");
  row("timesteps", num(img.header.timesteps) + ", " +
                       image::encodingName(img.header.encoding) + " encoding");
  std::string inputs;
  for (const std::string &f : d.inputs)
    inputs += (inputs.empty() ? "" : " ") + f;
  row("inputs", inputs);
  row("mesh", num(img.mesh.chips) + " chip(s) of " + num(img.mesh.width) +
                  " x " + num(img.mesh.height) + " cores; " +
                  num(img.cores.size()) + " cores used");
  row("simulated", num(st.steps) + " steps, " + num(st.cycles) +
                       " cycles, latency " + picoseconds(st.timePs) +
                       ", energy " + femtojoules(st.energyFj.total));
  row("events", num(st.spikes) + " spikes, " + num(st.messages) +
                    " messages, " + num(st.synapticOps) + " synaptic ops");
  h += "</table>\n</section>\n";
}

void rasterSection(std::string &h, const ReportData &d,
                   const std::vector<Population> &pops) {
  const sim::Statistics &st = d.run->stats;
  const sim::Recording &rec = d.run->recording;
  h += "<section id=\"rasters\">\n<h2>Spike rasters</h2>\n";
  h += "<p>One raster per population (the cores of one layer, found from the "
       "inputs along the spikes' routes), from the simulator run: a mark per "
       "spike at (step, neuron). " +
       num(rec.spikes.size()) + " spike events recorded.</p>\n";
  if (rec.spikesTruncated)
    h += "<p class=\"note\">The run had more spikes than the " +
         num(kReportMaxSpikeEvents) +
         " recorded; the rasters show the first ones only.</p>\n";
  std::map<uint32_t, size_t> popOfCore;
  for (size_t i = 0; i < pops.size(); ++i)
    for (uint32_t c : pops[i].cores)
      popOfCore[c] = i;
  std::vector<std::vector<const sim::SpikeEvent *>> events(pops.size());
  for (const sim::SpikeEvent &e : rec.spikes)
    events[popOfCore[e.core]].push_back(&e);

  const double steps = double(std::max<uint64_t>(st.steps, 1));
  const double plotW = 700, left = 60;
  for (size_t i = 0; i < pops.size(); ++i) {
    const Population &p = pops[i];
    const double plotH = std::clamp(double(p.neurons), 40.0, 240.0);
    const double n = double(std::max<uint32_t>(p.neurons, 1));
    const double w = std::max(1.0, plotW / steps);
    const double hgt = std::max(1.0, plotH / n);
    h += "<h3>" + escape(populationName(p)) + ": " + num(p.neurons) +
         " neurons on core" + (p.cores.size() > 1 ? "s " : " ") +
         coreList(p.cores) + "; " + num(events[i].size()) + " spikes</h3>\n";
    h += "<svg class=\"raster\" id=\"raster-" + num(i) +
         "\" width=\"780\" height=\"" + fmt("%.0f", plotH + 30) +
         "\" role=\"img\">\n";
    h += "<rect x=\"" + fmt("%.0f", left) + "\" y=\"5\" width=\"" +
         fmt("%.0f", plotW) + "\" height=\"" + fmt("%.0f", plotH) +
         "\" fill=\"none\" stroke=\"#999\"/>\n";
    for (const sim::SpikeEvent *e : events[i]) {
      const double x = left + double(e->step) * plotW / steps;
      const double y =
          5 + double(p.firstNeuron.at(e->core) + e->neuron) * plotH / n;
      h += "<rect x=\"" + fmt("%.2f", x) + "\" y=\"" + fmt("%.2f", y) +
           "\" width=\"" + fmt("%.2f", w) + "\" height=\"" + fmt("%.2f", hgt) +
           "\" fill=\"" + (e->value < 0 ? "#2166ac" : "#b2182b") + "\"/>\n";
    }
    h += "<text x=\"" + fmt("%.0f", left) + "\" y=\"" +
         fmt("%.0f", plotH + 20) + "\">step 0</text><text x=\"" +
         fmt("%.0f", left + plotW - 50) + "\" y=\"" + fmt("%.0f", plotH + 20) +
         "\">step " + num(st.steps) + "</text><text x=\"2\" y=\"15\">neuron " +
         "0</text><text x=\"2\" y=\"" + fmt("%.0f", plotH + 5) + "\">" +
         num(p.neurons) + "</text>\n</svg>\n";
  }
  h += "</section>\n";
}

struct CoreUse {
  uint64_t neurons, synapseWords, inputAxons, outputAxons;
};

CoreUse coreUse(const image::Image &img, uint32_t c) {
  const image::Core &core = img.cores[c];
  if (img.header.family == image::TargetFamily::SpiNNaker) {
    const image::SpiNNakerCore &s = img.spinnaker.cores[c];
    return {core.neuronCount,
            s.synapses.size() +
                uint64_t(image::kSynapseRowHeaderWords) * s.rowCount(),
            s.rowCount(), core.outputAxons.size()};
  }
  return {core.neuronCount, core.synapseWords.size(), core.inputAxons.size(),
          core.outputAxons.size()};
}

void utilizationSection(std::string &h, const ReportData &d) {
  const image::Image &img = *d.image;
  const image::Mesh &mesh = img.mesh;
  const image::CoreLimits &lim = mesh.limits;
  h += "<section id=\"utilization\">\n<h2>Core utilization</h2>\n";
  h += "<p>Per chip, one cell per core position (x right, y up); the color "
       "is the share of the core's limit in use, white 0 to dark orange "
       "100%; grey positions hold no core. Hover a cell for its "
       "numbers.</p>\n";
  struct Metric {
    const char *name;
    uint64_t CoreUse::*field;
    uint64_t limit;
  };
  const Metric metrics[] = {
      {"neurons", &CoreUse::neurons, lim.neurons},
      {"synapse words", &CoreUse::synapseWords, lim.synapseWords},
      {"input axons", &CoreUse::inputAxons, lim.inputAxons},
      {"output axons", &CoreUse::outputAxons, lim.outputAxons}};
  const double cell =
      std::clamp(320.0 / std::max(mesh.width, mesh.height), 8.0, 40.0);
  for (uint32_t chip = 0; chip < mesh.chips; ++chip) {
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> at;
    for (uint32_t c = 0; c < img.cores.size(); ++c)
      if (img.cores[c].coord.chip == chip)
        at[{img.cores[c].coord.x, img.cores[c].coord.y}] = c;
    if (at.empty())
      continue;
    h += "<h3>chip " + num(chip) + "</h3>\n<div class=\"maps\">\n";
    for (const Metric &m : metrics) {
      const double W = mesh.width * cell, H = mesh.height * cell;
      h += "<div><div>" + std::string(m.name) + " (limit " + num(m.limit) +
           ")</div>\n<svg class=\"heatmap\" width=\"" + fmt("%.0f", W + 2) +
           "\" height=\"" + fmt("%.0f", H + 2) + "\" role=\"img\">\n";
      for (uint32_t y = 0; y < mesh.height; ++y)
        for (uint32_t x = 0; x < mesh.width; ++x) {
          auto it = at.find({x, y});
          const double px = 1 + x * cell, py = 1 + (mesh.height - 1 - y) * cell;
          h += "<rect x=\"" + fmt("%.1f", px) + "\" y=\"" + fmt("%.1f", py) +
               "\" width=\"" + fmt("%.1f", cell - 1) + "\" height=\"" +
               fmt("%.1f", cell - 1) + "\" fill=\"";
          if (it == at.end()) {
            h += "#eeeeee\"/>\n";
            continue;
          }
          const uint64_t used = coreUse(img, it->second).*m.field;
          h += heat(ratio(used, m.limit)) + "\" stroke=\"#555\"><title>core " +
               num(it->second) + " (" + num(x) + ", " + num(y) +
               "): " + num(used) + " / " + num(m.limit) + " " + m.name + " (" +
               fmt("%.1f", 100 * ratio(used, m.limit)) + "%)</title></rect>\n";
        }
      h += "</svg></div>\n";
    }
    h += "</div>\n";
  }
  const sim::Statistics &st = d.run->stats;
  h += "<table id=\"core-table\">\n<tr><th>core</th><th>chip</th><th>x</th>"
       "<th>y</th><th>neurons</th><th>synapse words</th><th>input "
       "axons</th><th>output axons</th><th>spikes</th><th>synaptic "
       "ops</th><th>busy</th></tr>\n";
  for (uint32_t c = 0; c < img.cores.size(); ++c) {
    const image::CoreCoord &co = img.cores[c].coord;
    const CoreUse u = coreUse(img, c);
    auto cellOf = [](uint64_t used, uint64_t limit) {
      return "<td>" + num(used) + " (" + fmt("%.1f", 100 * ratio(used, limit)) +
             "%)</td>";
    };
    const sim::CoreStats &cs = st.cores[c];
    h += "<tr><td>" + num(c) + "</td><td>" + num(co.chip) + "</td><td>" +
         num(co.x) + "</td><td>" + num(co.y) + "</td>" +
         cellOf(u.neurons, lim.neurons) +
         cellOf(u.synapseWords, lim.synapseWords) +
         cellOf(u.inputAxons, lim.inputAxons) +
         cellOf(u.outputAxons, lim.outputAxons) + "<td>" + num(cs.spikes) +
         "</td><td>" + num(cs.synapticOps) + "</td><td>" +
         fmt("%.1f", 100 * cs.busyFraction) + "%</td></tr>\n";
  }
  h += "</table>\n</section>\n";
}

void trafficSection(std::string &h, const ReportData &d) {
  const image::Image &img = *d.image;
  const image::Mesh &mesh = img.mesh;
  const sim::Recording &rec = d.run->recording;
  const bool spinnaker = img.header.family == image::TargetFamily::SpiNNaker;
  h += "<section id=\"traffic\">\n<h2>Link traffic</h2>\n";
  // The grid messages hop across: tiles (Loihi-like) or chips.
  uint32_t cols, rows;
  if (spinnaker) {
    routing::Board board =
        routing::Board::of(mesh.chips).value_or(routing::Board{});
    cols = uint32_t(board.columns);
    rows = uint32_t(board.rows);
  } else {
    cols = mesh.chipColumns * (mesh.width / mesh.tileWidth);
    rows = ((mesh.chips + mesh.chipColumns - 1) / mesh.chipColumns) *
           (mesh.height / mesh.tileHeight);
  }
  const char *node = spinnaker ? "chip" : "tile";
  h += std::string("<p>Messages per directed link between neighbouring ") +
       node + "s over the run (the simulator's per-link counters";
  h += spinnaker ? "; multicast packets count once per chip link they cross)"
                 : "; messages between cores of one tile use no link)";
  h += ", then per pair of cores whatever their path.</p>\n";
  uint64_t most = 1;
  for (const sim::LinkTraffic &l : rec.links)
    most = std::max(most, l.messages);
  constexpr uint32_t kMaxDrawnNodes = 4096;
  if (uint64_t(cols) * rows <= kMaxDrawnNodes) {
    const double step = std::clamp(600.0 / std::max(cols, rows), 24.0, 90.0);
    const double W = cols * step + 20, H = rows * step + 20;
    auto px = [&](uint32_t x) { return 10 + step / 2 + x * step; };
    auto py = [&](uint32_t y) { return 10 + step / 2 + (rows - 1 - y) * step; };
    h += "<svg id=\"link-map\" width=\"" + fmt("%.0f", W) + "\" height=\"" +
         fmt("%.0f", H) + "\" role=\"img\">\n";
    std::set<std::pair<uint32_t, uint32_t>> used;
    for (const image::Core &c : img.cores) {
      if (spinnaker)
        used.insert({c.coord.chip % cols, c.coord.chip / cols});
      else
        used.insert(
            {(c.coord.chip % mesh.chipColumns) * (mesh.width / mesh.tileWidth) +
                 c.coord.x / mesh.tileWidth,
             (c.coord.chip / mesh.chipColumns) *
                     (mesh.height / mesh.tileHeight) +
                 c.coord.y / mesh.tileHeight});
    }
    for (uint32_t y = 0; y < rows; ++y)
      for (uint32_t x = 0; x < cols; ++x)
        h += "<circle cx=\"" + fmt("%.1f", px(x)) + "\" cy=\"" +
             fmt("%.1f", py(y)) + "\" r=\"" + fmt("%.1f", step / 6) +
             "\" fill=\"" + (used.count({x, y}) ? "#fdae6b" : "#eeeeee") +
             "\" stroke=\"#888\"><title>" + node + " (" + num(x) + ", " +
             num(y) + ")" + (used.count({x, y}) ? ", holds cores" : "") +
             "</title></circle>\n";
    for (const sim::LinkTraffic &l : rec.links) {
      // Both directions of a link side by side: offset to the right of the
      // direction of travel.
      const double x0 = px(l.fromX), y0 = py(l.fromY), x1 = px(l.toX),
                   y1 = py(l.toY);
      const double len = std::hypot(x1 - x0, y1 - y0);
      const double ox = -(y1 - y0) / len * 3, oy = (x1 - x0) / len * 3;
      const double width = 1 + 5 * double(l.messages) / double(most);
      h += "<line x1=\"" + fmt("%.1f", x0 + ox) + "\" y1=\"" +
           fmt("%.1f", y0 + oy) + "\" x2=\"" + fmt("%.1f", x1 + ox) +
           "\" y2=\"" + fmt("%.1f", y1 + oy) + "\" stroke=\"#3182bd\" " +
           "stroke-width=\"" + fmt("%.2f", width) + "\"><title>(" +
           num(l.fromX) + ", " + num(l.fromY) + ") to (" + num(l.toX) + ", " +
           num(l.toY) + "): " + num(l.messages) + " messages</title></line>\n";
    }
    h += "</svg>\n";
  }
  if (rec.links.empty())
    h += std::string("<p class=\"note\">No message crossed a link between ") +
         node + "s: every message stayed within its " + node + ".</p>\n";
  else {
    h += "<table id=\"link-table\">\n<tr><th>from</th><th>to</th>"
         "<th>messages</th></tr>\n";
    for (const sim::LinkTraffic &l : rec.links)
      h += "<tr><td>(" + num(l.fromX) + ", " + num(l.fromY) + ")</td><td>(" +
           num(l.toX) + ", " + num(l.toY) + ")</td><td>" + num(l.messages) +
           "</td></tr>\n";
    h += "</table>\n";
  }
  h += "<h3>Messages per core pair</h3>\n<table id=\"core-traffic\">\n"
       "<tr><th>from core</th><th>to core</th><th>messages</th></tr>\n";
  for (const sim::CoreTraffic &t : rec.cores)
    h += "<tr><td>" + num(t.from) + "</td><td>" + num(t.to) + "</td><td>" +
         num(t.messages) + "</td></tr>\n";
  h += "</table>\n</section>\n";
}

/// A line chart of a per-step series.
void stepChart(std::string &h, const std::string &id,
               const std::vector<uint64_t> &v, const std::string &what) {
  const double W = 700, H = 120, left = 60;
  uint64_t most = 1;
  for (uint64_t x : v)
    most = std::max(most, x);
  h += "<svg id=\"" + id + "\" width=\"780\" height=\"" + fmt("%.0f", H + 30) +
       "\" role=\"img\">\n<rect x=\"" + fmt("%.0f", left) +
       "\" y=\"5\" width=\"" + fmt("%.0f", W) + "\" height=\"" +
       fmt("%.0f", H) + "\" fill=\"none\" stroke=\"#999\"/>\n";
  if (!v.empty()) {
    h += "<polyline fill=\"none\" stroke=\"#31a354\" stroke-width=\"1.5\" "
         "points=\"";
    const double dx = v.size() > 1 ? W / double(v.size() - 1) : 0;
    for (size_t i = 0; i < v.size(); ++i)
      h += (i ? " " : "") + fmt("%.1f", left + double(i) * dx) + "," +
           fmt("%.1f", 5 + H - H * double(v[i]) / double(most));
    h += "\"/>\n";
  }
  h += "<text x=\"2\" y=\"15\">" + what + "</text><text x=\"2\" y=\"" +
       fmt("%.0f", H + 5) + "\">0</text><text x=\"" + fmt("%.0f", left) +
       "\" y=\"" + fmt("%.0f", H + 20) + "\">step 0</text><text x=\"" +
       fmt("%.0f", left + W - 50) + "\" y=\"" + fmt("%.0f", H + 20) +
       "\">step " + num(v.size()) + "</text>\n</svg>\n";
}

void energySection(std::string &h, const ReportData &d) {
  const image::Image &img = *d.image;
  const sim::Statistics &st = d.run->stats;
  const sim::Energy &e = st.energyFj;
  h += "<section id=\"energy\">\n<h2>Energy and latency</h2>\n";
  struct Part {
    const char *name;
    uint64_t fj;
    const char *color;
  };
  const Part parts[] = {{"synaptic", e.synaptic, "#6baed6"},
                        {"neuron", e.neuron, "#fd8d3c"},
                        {"network", e.network, "#74c476"},
                        {"static", e.staticEnergy, "#bdbdbd"}};
  h += "<svg id=\"energy-bar\" width=\"720\" height=\"40\" role=\"img\">\n";
  double x = 0;
  for (const Part &p : parts) {
    const double w = 700 * ratio(p.fj, e.total);
    h += "<rect x=\"" + fmt("%.2f", x) + "\" y=\"5\" width=\"" +
         fmt("%.2f", w) + "\" height=\"28\" fill=\"" + p.color + "\"><title>" +
         p.name + ": " + femtojoules(p.fj) + "</title></rect>\n";
    x += w;
  }
  h += "</svg>\n<table id=\"energy-table\">\n<tr><th class=\"l\">component"
       "</th><th>energy</th><th>share</th></tr>\n";
  for (const Part &p : parts)
    h += "<tr><td class=\"l\"><span style=\"color:" + std::string(p.color) +
         "\">&#9632;</span> " + p.name + "</td><td>" + femtojoules(p.fj) +
         "</td><td>" + fmt("%.1f", 100 * ratio(p.fj, e.total)) +
         "%</td></tr>\n";
  h += "<tr><th class=\"l\">total</th><th>" + femtojoules(e.total) +
       "</th><th>100%</th></tr>\n</table>\n";

  h += "<table id=\"latency-table\">\n";
  auto row = [&](const std::string &k, const std::string &v) {
    h += "<tr><th class=\"l\">" + k + "</th><td>" + v + "</td></tr>\n";
  };
  row("latency", picoseconds(st.timePs) + " (" + num(st.cycles) + " cycles)");
  row("steps", num(st.steps) + (st.quiescent ? ", quiescent" : ""));
  row("mean step", picoseconds(st.steps ? st.timePs / st.steps : 0));
  row("slowest step",
      "step " + num(st.maxStep) + ": " + picoseconds(st.maxStepPs));
  if (img.header.family == image::TargetFamily::SpiNNaker) {
    row("tick budget", num(st.spinnaker.tickCycles) + " cycles");
    row("overrun ticks", num(st.spinnaker.overrunTicks));
  } else {
    // Every step ends with the barrier; the rest is the slowest core's
    // synaptic and neuron phases plus the network drain.
    const uint64_t barrier = img.mesh.chips > 1 ? img.cost.barrierMultiChipPs
                                                : img.cost.barrierChipPs;
    row("barriers",
        picoseconds(barrier * st.steps) + " (" +
            fmt("%.1f", 100 * ratio(barrier * st.steps, st.timePs)) + "%)");
    row("compute and network", picoseconds(st.timePs - barrier * st.steps));
    row("hops", num(st.hopsEastWest) + " east-west, " + num(st.hopsNorthSouth) +
                    " north-south");
  }
  h += "</table>\n<h3>Time per step</h3>\n";
  stepChart(h, "step-time", st.stepPs, "ps");
  h += "<h3>Spikes per step</h3>\n";
  stepChart(h, "step-spikes", st.stepSpikes, "spikes");
  h += "</section>\n";
}

void errorSection(std::string &h, const ReportData &d) {
  h += "<section id=\"errors\">\n<h2>Error attribution</h2>\n";
  if (!d.verify) {
    h += "<p class=\"note\" id=\"errors-need-model\">The error table needs the "
         "model: an image holds the compiled program only. Run <code>snnc "
         "report MODEL.onnx --target " +
         escape(d.target) + "</code> for it.</p>\n</section>\n";
    return;
  }
  const VerifyResults &r = d.verify->results;
  h += "<p>Each level's outputs against the float model and, when there are "
       "recorded outputs, against them (as <code>snnc verify</code>).</p>\n";
  auto cells = [&](const Tensor *a, const Tensor *ref) {
    if (!a || !ref || a->shape != ref->shape)
      return std::string("<td>-</td><td>-</td><td>-</td><td>-</td>");
    const Deviation dev = deviation(*a, *ref);
    const Top1 t = top1Agreement(*a, *ref);
    return "<td>" + fmt("%.6f", dev.cosine) + "</td><td>" +
           fmt("%.4g", dev.relL2) + "</td><td>" + fmt("%.4g", dev.maxAbs) +
           "</td><td>" + num(uint64_t(t.agree)) + "/" + num(uint64_t(t.rows)) +
           "</td>";
  };
  auto at = [](const std::vector<Tensor> &v, size_t i) {
    return i < v.size() ? &v[i] : nullptr;
  };
  const bool withExpected = !r.expected.empty();
  const std::string head =
      "<th>cosine</th><th>rel L2</th><th>max abs</th><th>top-1</th>";
  for (size_t o = 0; o < r.outputNames.size(); ++o) {
    const Tensor *ref = at(r[Level::Float].values, o);
    h += "<h3>output '" + escape(r.outputNames[o]) + "'" +
         (ref ? " " + escape(ref->describe()) : "") + "</h3>\n";
    h += "<table class=\"error-table\">\n<tr><th></th><th colspan=\"4\">"
         "against float</th>" +
         std::string(withExpected ? "<th colspan=\"4\">against expected</th>"
                                  : "") +
         "</tr>\n<tr><th class=\"l\">level</th>" + head +
         (withExpected ? head : "") + "</tr>\n";
    for (size_t l = 0; l < kNumLevels; ++l) {
      const Tensor *out = at(r.levels[l].values, o);
      h += "<tr><td class=\"l\">" + std::string(levelName(Level(l))) + "</td>" +
           cells(out, ref) +
           (withExpected ? cells(out, at(r.expected, o)) : "") + "</tr>\n";
    }
    h += "</table>\n";
  }
  h += "<table id=\"exactness\">\n<tr><th class=\"l\">bit for bit</th>"
       "<th>output</th><th>values</th><th>counts</th></tr>\n";
  for (const ExactnessCheck &c : checkExactness(r))
    h += "<tr><td class=\"l\">" + std::string(levelName(c.lhs)) +
         " == " + levelName(c.rhs) + "</td><td>" +
         escape(r.outputNames[c.output]) + "</td><td>" +
         (c.valuesIdentical ? "yes" : "NO") + "</td><td>" +
         (c.countsIdentical ? "yes" : "NO") + "</td></tr>\n";
  h += "</table>\n<p class=\"note\" id=\"per-op-note\">Per-op attribution "
       "(which op contributes how much of the error) is not implemented yet; "
       "the table above attributes the error per level only.</p>\n"
       "</section>\n";
}

} // namespace

std::string snnc::renderReportHTML(const ReportData &d) {
  std::vector<Population> pops = populations(*d.image);
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n<title>snnc report: " +
                  escape(d.input) + "</title>\n" + kStyle + "</head>\n<body>\n";
  h += "<h1>snnc report: " + escape(d.input) + " on " + escape(d.target) +
       "</h1>\n<nav><a href=\"#summary\">summary</a><a href=\"#rasters\">"
       "rasters</a><a href=\"#utilization\">utilization</a><a "
       "href=\"#traffic\">traffic</a><a href=\"#energy\">energy and "
       "latency</a><a href=\"#errors\">errors</a></nav>\n";
  summarySection(h, d);
  rasterSection(h, d, pops);
  utilizationSection(h, d);
  trafficSection(h, d);
  energySection(h, d);
  errorSection(h, d);
  // Marks the page as rendered, so a headless browser test can tell that
  // the page's script ran to its end.
  h += "<p id=\"render-status\">not rendered</p>\n<script>\n"
       "(function () {\n"
       "  var n = document.querySelectorAll('svg').length;\n"
       "  var s = document.getElementById('render-status');\n"
       "  s.textContent = 'report-rendered: ' + n + ' charts';\n"
       "  s.setAttribute('data-rendered', 'yes');\n"
       "})();\n</script>\n</body>\n</html>\n";
  return h;
}

namespace {

/// Image files start with the container magic (docs/image-format.md).
bool isImageFile(const std::vector<uint8_t> &bytes) {
  static const uint8_t kPrefix[] = {0x89, 'S', 'N', 'N', 'C'};
  return bytes.size() >= sizeof kPrefix &&
         std::equal(std::begin(kPrefix), std::end(kPrefix), bytes.begin());
}

} // namespace

int snnc::runReportCommand(const ModelArgs &args, const std::string &htmlPath,
                           const CommonOptions &common) {
  auto bytes = image::readFile(args.model);
  if (!bytes) {
    reportError(args.model, bytes.error().message());
    return ExitInputError;
  }
  ReportData data;
  data.input = args.model;
  image::Image img;
  std::vector<Tensor> inputs;
  if (isImageFile(*bytes)) {
    auto decoded = image::decodeImage(bytes->data(), bytes->size());
    if (!decoded) {
      reportError(args.model, decoded.error().message());
      return ExitInputError;
    }
    img = std::move(*decoded);
    if (!args.target.empty()) {
      auto desc = target::loadTargetDescription(args.target);
      if (!desc) {
        reportError("--target", llvm::toString(desc.takeError()));
        return ExitInputError;
      }
      if (desc->name != img.header.target) {
        reportError(args.model, "the image was compiled for '" +
                                    img.header.target +
                                    "', not for --target '" + desc->name + "'");
        return ExitInputError;
      }
    }
    // As simulate: --input, else test_data_set_0 beside the image.
    data.inputs = args.inputs;
    if (data.inputs.empty())
      for (unsigned i = 0; i < img.inputs.size(); ++i) {
        llvm::SmallString<256> p(llvm::sys::path::parent_path(args.model));
        llvm::sys::path::append(p, "test_data_set_0",
                                "input_" + std::to_string(i) + ".pb");
        data.inputs.push_back(std::string(p.str()));
      }
    for (const std::string &p : data.inputs) {
      std::string error;
      if (!readTensorFile(p, inputs.emplace_back(), error)) {
        reportError(p, error);
        return ExitInputError;
      }
    }
  } else {
    if (args.target.empty()) {
      reportError("--target", "a model is compiled for a target: give "
                              "--target T (an image knows its own)");
      return ExitUsageError;
    }
    VerifyReport verify;
    if (int status = buildVerifyReport(args, {}, common, verify, img, inputs))
      return status;
    data.inputs = verify.inputs;
    data.verify = std::move(verify);
  }
  data.image = &img;
  data.target = img.header.target;

  // The image's run again, now recording spikes and traffic (which changes
  // nothing else).
  std::vector<std::vector<float>> feeds;
  for (auto [i, t] : llvm::enumerate(inputs)) {
    if (i < img.inputs.size() &&
        (t.dtype != DType::F32 || t.shape != img.inputs[i].shape)) {
      reportError(data.inputs[i],
                  "is " + t.describe() + ", but input port '" +
                      img.inputs[i].name + "' takes " +
                      Tensor::floats(img.inputs[i].shape, {}).describe());
      return ExitInputError;
    }
    feeds.push_back(t.f32);
  }
  auto sim = sim::Simulator::create(img);
  if (!sim) {
    reportError(args.model, sim.error().message());
    return ExitInputError;
  }
  sim::RecordOptions record;
  record.maxSpikeEvents = kReportMaxSpikeEvents;
  record.traffic = true;
  sim->setRecording(record);
  auto run = sim->run(feeds);
  if (!run) {
    reportError(args.model, run.error().message());
    return ExitInputError;
  }
  if (image::Error err = run->checkQuiescent()) {
    reportError(args.model, err.message());
    return ExitInputError;
  }
  data.run = &*run;

  std::string html = renderReportHTML(data);
  if (image::Error err = image::writeFileAtomic(
          htmlPath, reinterpret_cast<const uint8_t *>(html.data()),
          html.size())) {
    reportError(htmlPath, err.message());
    return ExitInputError;
  }
  if (data.verify && verifyExitStatus(data.verify->results) != ExitSuccess) {
    reportError(args.model, "not bit-exact (see the report's error table)");
    return ExitInputError;
  }
  return ExitSuccess;
}
