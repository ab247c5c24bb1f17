// What a reader of `joulebench report` must be able to trust (issue 15): a row without energy
// (a failed meter window, or the 0 J an old file from a dead sensor says it measured) is n/a
// with its reason in every format, and never ranked, graded, put on a Pareto front, correlated
// or divided by; each measured domain shows beside the total; and a host is a machine, so two
// VMs called "vm" on different CPUs are two hosts whose rows are never pooled.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/result_schema.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"

namespace joulebench {
namespace {

using nlohmann::json;

json row(const std::string& name, json counters) {
  json r = {{"name", name},      {"run_name", name},    {"run_type", "iteration"},
            {"iterations", 100}, {"real_time", 1000.0}, {"cpu_time", 1000.0},
            {"time_unit", "ns"}};
  r.update(counters);
  return r;
}

// An energy row: energy_J and what derives from it, with FLOPs and a quality figure.
json measured(const std::string& name, double joules, double rel_error = 1e-6) {
  return row(name, {{"energy_J", joules},
                    {"power_W", joules / 1e-6},
                    {"co2_g", joules * 1e-4},
                    {"flops", 1e6},
                    {"flop_per_J", 1e6 / joules},
                    {"rel_error", rel_error}});
}

ResultFile file(const std::string& source, json context, std::vector<json> rows) {
  return parse_result_json(json{{"context", context}, {"benchmarks", rows}}.dump(), source);
}

json context(const std::string& host, const std::string& cpu, const std::string& provenance,
             const std::string& machine_id = "") {
  json c = {{"host_name", host},
            {"num_cpus", 2},
            {context_key::kCpuModel, cpu},
            {context_key::kMeter, provenance == "measured" ? "perf" : "model"},
            {context_key::kProvenance, provenance}};
  if (!machine_id.empty()) {
    c[context_key::kMachineId] = machine_id;
    c[context_key::kLogicalCpus] = "2";
  }
  return c;
}

template <typename Render>
std::string render(Render r, const Report& report) {
  std::ostringstream out;
  r(out, report);
  return out.str();
}

const Entry& find(const Report& r, const std::string& variant) {
  for (const Entry& e : r.entries) {
    if (e.name.variant == variant)
      return e;
  }
  throw std::runtime_error("no entry " + variant);
}

// Old dead-sensor output: 0 J "measured", with 0 W and 0 FLOP/J derived from it.
json dead_sensor_row(const std::string& name) {
  return row(name, {{"energy_J", 0.0},
                    {"power_W", 0.0},
                    {"co2_g", 0.0},
                    {"flops", 1e6},
                    {"flop_per_J", 0.0},
                    {"rel_error", 1e-9},
                    {"label", "energy window below meter resolution"}});
}

constexpr const char* kFailedLabel =
    "no energy: cpu.package-0 did not advance over 1.2 s (1200 update intervals): the meter "
    "failed";

Report mixed_report(const char* sort = "energy") {
  const std::vector<ResultFile> files = {file(
      "xeon.json", context("vm", "Intel Xeon Platinum 8488C", "measured", "0123456789ab"),
      {measured("k/fp32/a/8", 2.0), measured("k/fp32/a/8", 2.2), dead_sensor_row("k/int8/dead/8"),
       row("k/int4/failed/8", {{"flops", 1e6}, {"rel_error", 1e-2}, {"label", kFailedLabel}}),
       measured("k/bf16/partial/8", 4.0), dead_sensor_row("k/bf16/partial/8"),
       measured("k/bf16/partial/8", 6.0)})};
  return build_report(files, *find_sort_metric(sort));
}

TEST(RowsWithoutEnergy, AreNeitherRankedGradedOnTheFrontNorCorrelated) {
  const Report r = mixed_report();
  const Entry& dead = find(r, "int8/dead");
  const Entry& failed = find(r, "int4/failed");
  for (const Entry* e : {&dead, &failed}) {
    EXPECT_FALSE(e->has_energy()) << e->name.variant;
    EXPECT_EQ(e->rank, 0) << e->name.variant;
    EXPECT_FALSE(e->stars) << e->name.variant;
    EXPECT_FALSE(e->energy_ratio) << e->name.variant;
    EXPECT_FALSE(e->pareto) << e->name.variant;  // its rel_error 1e-9 would win the front
    EXPECT_FALSE(e->joules_per_unit()) << e->name.variant;
    EXPECT_FALSE(e->grams_per_1000_units()) << e->name.variant;
    for (const char* key :
         {counter::kEnergy, counter::kPower, counter::kCo2, counter::kFlopPerJoule})
      EXPECT_FALSE(e->median(key)) << e->name.variant << " " << key;
    EXPECT_TRUE(e->median(counter::kFlops)) << "time and work stay";
    EXPECT_TRUE(e->median(kTimeMetric));
    EXPECT_EQ(e->repetitions_without_energy, 1u);
  }
  EXPECT_EQ(
      dead.no_energy_reason,
      "energy_J = 0 from a measured source (a sensor that did not advance; not a measurement)");
  EXPECT_EQ(failed.no_energy_reason,
            "cpu.package-0 did not advance over 1.2 s (1200 update intervals): the "
            "meter failed");
  // The rows with energy are ranked and graded among themselves; 0 J is not "the best".
  const Entry& a = find(r, "fp32/a");
  EXPECT_EQ(a.rank, 1);
  EXPECT_EQ(a.stars, 5);
  EXPECT_DOUBLE_EQ(*a.energy_ratio, 1.0);
  EXPECT_TRUE(a.pareto);
  for (const Entry* e : flops_rows(r))
    EXPECT_TRUE(e->has_energy()) << e->name.variant;
  ASSERT_EQ(r.flops_energy.size(), 1u);
  EXPECT_EQ(r.flops_energy[0].rows, 2u);
  EXPECT_EQ(r.sources[0].rows_without_energy, 3u);
}

TEST(RowsWithoutEnergy, ARepetitionWithoutEnergyIsLeftOutOfTheMedianAndSaidSo) {
  const Report r = mixed_report();
  const Entry& partial = find(r, "bf16/partial");
  EXPECT_DOUBLE_EQ(*partial.median(counter::kEnergy), 5.0);  // 4 and 6, not 0
  EXPECT_EQ(partial.spread(counter::kEnergy)->n, 2u);
  EXPECT_EQ(partial.repetitions(), 3u);
  EXPECT_EQ(partial.repetitions_without_energy, 1u);
  EXPECT_EQ(partial.rank, 2);
  const auto gaps = energy_gap_rows(r);
  ASSERT_EQ(gaps.size(), 3u);
}

TEST(RowsWithoutEnergy, SortedByTimeTheyAreStillRankedByTime) {
  const Report r = mixed_report("time");
  EXPECT_GT(find(r, "int8/dead").rank, 0);
  EXPECT_FALSE(find(r, "int8/dead").stars);
}

TEST(RowsWithoutEnergy, EveryFormatSaysNaAndWhy) {
  const Report r = mixed_report();
  const std::string md = render(render_leaderboard_markdown, r);
  EXPECT_NE(md.find("| k/8 | - | int8/dead | vm | n/a (no energy, see note) | 1 us | n/a | n/a |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- k/8 int8/dead on vm: energy_J = 0 from a measured source (a sensor that did "
                    "not advance; not a measurement)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- k/8 int4/failed on vm: cpu.package-0 did not advance"), std::string::npos)
      << md;
  EXPECT_NE(md.find("- k/8 bf16/partial on vm: energy from 2 of 3 repetitions; 1 without energy "
                    "(energy_J = 0 from a measured source (a sensor that did not advance; not a "
                    "measurement)) left out"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("| 0 |"), std::string::npos) << "a zero shown as a figure:\n" << md;

  const json doc = json::parse(render(render_leaderboard_json, r));
  bool seen = false;
  for (const json& e : doc["entries"]) {
    if (e["variant"] != "int8/dead")
      continue;
    seen = true;
    EXPECT_TRUE(e["rank"].is_null());
    EXPECT_TRUE(e["grade_stars"].is_null());
    EXPECT_TRUE(e["J_per_unit"].is_null());
    EXPECT_FALSE(e["metrics"].contains("energy_J"));
    EXPECT_FALSE(e["metrics"].contains("flop_per_J"));
    EXPECT_EQ(
        e["no_energy"],
        "energy_J = 0 from a measured source (a sensor that did not advance; not a measurement)");
  }
  EXPECT_TRUE(seen);

  const std::string csv = render(render_leaderboard_csv, r);
  EXPECT_NE(csv.find(",1,cpu.package-0 did not advance over 1.2 s (1200 update "
                     "intervals): the meter failed\r\n"),
            std::string::npos)
      << csv;

  const std::string html = render(render_leaderboard_html, r);
  EXPECT_NE(html.find("title=\"energy_J = 0 from a measured source (a sensor that did not advance; "
                      "not a measurement)\">n/a (no energy, "
                      "see note)</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<ul class=\"energy-gaps\">"), std::string::npos);
}

TEST(RowsWithoutEnergy, APowerTimelineOfZerosIsLeftOutWithANote) {
  json doc = {{"context", context("ci", "Intel Xeon", "measured")},
              {"benchmarks", json::array({measured("k/fp32/a/8", 1.0)})},
              {result_key::kPowerTimelines, json::array({{{"name", "k/fp32/a/8"},
                                                          {"interval_s", 0.1},
                                                          {"t_s", {0.0, 0.1, 0.2}},
                                                          {"power_W", {0.0, 0.0, 0.0}}},
                                                         {{"name", "k/fp32/b/8"},
                                                          {"interval_s", 0.1},
                                                          {"t_s", {0.0, 0.1}},
                                                          {"power_W", {0.0, 3.5}}}})}};
  const Report r =
      build_report({parse_result_json(doc.dump(), "t.json")}, *find_sort_metric("energy"));
  ASSERT_EQ(r.timelines.size(), 1u);
  EXPECT_EQ(r.timelines[0].timeline.name, "k/fp32/b/8");
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.back(),
            "Power timeline left out, every sample 0 W or less (a sensor that did not count): "
            "k/fp32/a/8 on ci.");
}

TEST(PerDomainEnergy, ShownInCsvJsonAndHtml) {
  json a = measured("k/fp32/a/8", 2.0);
  a["energy_cpu_package_0_J"] = 1.5;
  a["energy_cpu_dram_0_J"] = 0.5;
  json b = measured("k/int8/b/8", 1.0);
  b["energy_gpu_0_J"] = 1.0;
  const Report r =
      build_report({file("d.json", context("lab", "Intel Xeon Gold 6338", "measured"), {a, b})},
                   *find_sort_metric("energy"));
  EXPECT_EQ(find(r, "fp32/a").domain_energies(), (std::vector<std::pair<std::string, double>>{
                                                     {"cpu_dram_0", 0.5}, {"cpu_package_0", 1.5}}));

  const std::string csv = render(render_leaderboard_csv, r);
  const std::string header = csv.substr(0, csv.find("\r\n"));
  EXPECT_NE(header.find(",energy_cpu_dram_0_J,energy_cpu_package_0_J,energy_gpu_0_J,"),
            std::string::npos)
      << header;
  EXPECT_NE(csv.find(",0.5,1.5,,"), std::string::npos) << csv;  // fp32/a: no gpu column value
  EXPECT_NE(csv.find(",,,1,"), std::string::npos) << csv;       // int8/b: gpu only

  const json doc = json::parse(render(render_leaderboard_json, r));
  for (const json& e : doc["entries"]) {
    if (e["variant"] == "fp32/a")
      EXPECT_EQ(e["energy_by_domain_J"], (json{{"cpu_package_0", 1.5}, {"cpu_dram_0", 0.5}}));
    else
      EXPECT_EQ(e["energy_by_domain_J"], (json{{"gpu_0", 1.0}}));
  }

  const std::string html = render(render_leaderboard_html, r);
  EXPECT_NE(html.find("data-key=\"energy_by_domain\""), std::string::npos);
  EXPECT_NE(html.find("<td>cpu_dram_0 0.5 J, cpu_package_0 1.5 J</td>"), std::string::npos);
  EXPECT_NE(html.find("title=\"gpu_0 1 J\""), std::string::npos);
}

TEST(Hosts, TwoVmsOnDifferentCpusAreTwoHostsAndNeverPooled) {
  // What the issue saw: an AMD EPYC and an Intel Xeon VM, both "vm", both estimated; old files
  // without a machine id, so the CPU model and count tell them apart.
  const std::vector<ResultFile> files = {
      file("epyc.json", context("vm", "AMD EPYC 9R45", "estimated"), {measured("k/fp32/a/8", 1.0)}),
      file("xeon.json", context("vm", "Intel Xeon Platinum 8488C", "estimated"),
           {measured("k/fp32/a/8", 3.0)})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.machines, 2u);
  for (const Entry& e : r.entries)
    EXPECT_EQ(e.spread(counter::kEnergy)->n, 1u) << e.host;
  EXPECT_EQ(r.entries[0].host, "vm (AMD EPYC 9R45, 2 CPUs)");
  EXPECT_EQ(r.entries[1].host, "vm (Intel Xeon Platinum 8488C, 2 CPUs)");
  const std::string md = render(render_leaderboard_markdown, r);
  EXPECT_NE(md.find("2 result files from 2 hosts"), std::string::npos) << md;
  EXPECT_NE(md.find("- epyc.json (vm: AMD EPYC 9R45, 2 CPUs; "), std::string::npos) << md;
  const json doc = json::parse(render(render_leaderboard_json, r));
  EXPECT_EQ(doc["hosts"], 2);
  EXPECT_EQ(doc["entries"][0]["machine"]["cpu_model"], "AMD EPYC 9R45");
  EXPECT_EQ(doc["entries"][0]["machine"]["logical_cpus"], 2);
}

TEST(Hosts, AMachineIdKeepsAMachineAcrossRenamesButNotAcrossCpus) {
  const std::vector<ResultFile> files = {
      file("a.json", context("vm", "Intel Xeon", "measured", "aaaaaaaaaaaa"),
           {measured("k/fp32/a/8", 1.0)}),
      file("b.json", context("db-1", "Intel Xeon", "measured", "aaaaaaaaaaaa"),
           {measured("k/fp32/a/8", 3.0)}),
      // A cloned image: the same machine-id, another CPU. Not pooled.
      file("c.json", context("vm", "AMD EPYC", "measured", "aaaaaaaaaaaa"),
           {measured("k/fp32/a/8", 5.0)}),
      // Same name and CPU, another machine id: told apart by the id.
      file("d.json", context("vm", "Intel Xeon", "measured", "bbbbbbbbbbbb"),
           {measured("k/fp32/a/8", 7.0)})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  EXPECT_EQ(r.machines, 3u);
  ASSERT_EQ(r.entries.size(), 3u);
  std::vector<std::string> hosts;
  for (const Entry& e : r.entries)
    hosts.push_back(e.host);
  // In rank order: 2 J (a and b pooled), 5 J, 7 J.
  EXPECT_EQ(hosts, (std::vector<std::string>{"vm (Intel Xeon, 2 CPUs) [machine aaaaaaaaaaaa]",
                                             "vm (AMD EPYC, 2 CPUs)",
                                             "vm (Intel Xeon, 2 CPUs) [machine bbbbbbbbbbbb]"}));
  EXPECT_EQ(r.entries[0].sources, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_DOUBLE_EQ(*r.entries[0].median(counter::kEnergy), 2.0);
}

}  // namespace
}  // namespace joulebench
