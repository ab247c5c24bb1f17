// The leaderboard's pieces: names to tasks and variants, spread, Spearman, grades, the Pareto
// front, and merging files from several hosts.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/result_schema.h"
#include "reporters/leaderboard/benchmark_name.h"
#include "reporters/leaderboard/grade.h"
#include "reporters/leaderboard/report.h"
#include "reporters/leaderboard/spread.h"
#include "reporters/statistics/spearman.h"

namespace joulebench {
namespace {

TEST(BenchmarkName, KernelNamesSplitIntoTaskAndVariant) {
  const BenchmarkName n = parse_benchmark_name("gemm/int8/joulebench/512/real_time");
  EXPECT_EQ(n.workload, "gemm/int8/joulebench/512");
  EXPECT_EQ(n.task, "gemm/512");
  EXPECT_EQ(n.variant, "int8/joulebench");
  EXPECT_EQ(n.precision, "int8");
  EXPECT_EQ(n.backend, "joulebench");
  EXPECT_EQ(n.unit, WorkUnit::iteration);

  const BenchmarkName v = parse_benchmark_name("gemv/int4/joulebench/4096x4096/batch:1/repeats:5");
  EXPECT_EQ(v.task, "gemv/4096x4096/batch:1");
  EXPECT_EQ(v.variant, "int4/joulebench");
  EXPECT_EQ(v.batch, 1);
}

TEST(BenchmarkName, ModelNamesKeepModeShapeAndOptimizerInTheTask) {
  const BenchmarkName infer = parse_benchmark_name("mlp/infer/int8/784-256-256-10/batch:64");
  EXPECT_EQ(infer.task, "mlp/infer/784-256-256-10/batch:64");
  EXPECT_EQ(infer.variant, "int8");  // the shape after the precision is not a backend
  EXPECT_EQ(infer.backend, "");
  EXPECT_EQ(infer.unit, WorkUnit::inference);
  EXPECT_EQ(infer.batch, 64);

  const BenchmarkName train =
      parse_benchmark_name("mlp/train/bf16/784-256-256-10/batch:64/adam/real_time");
  EXPECT_EQ(train.task, "mlp/train/784-256-256-10/batch:64/adam");
  EXPECT_EQ(train.variant, "bf16");
  EXPECT_EQ(train.unit, WorkUnit::step);
}

TEST(BenchmarkName, UsersPlainNamesAreTheirOwnTask) {
  const BenchmarkName n = parse_benchmark_name("BM_memcpy/8/iterations:100/real_time");
  EXPECT_EQ(n.workload, "BM_memcpy/8");
  EXPECT_EQ(n.task, "BM_memcpy/8");
  EXPECT_EQ(n.variant, "");
  // "fp32" as the first segment is a family name, not a precision; "interval" is no int type.
  EXPECT_EQ(parse_benchmark_name("fp32/interval/3").variant, "");
  EXPECT_EQ(parse_benchmark_name("x/batch:abc").batch, 1);
}

TEST(BenchmarkName, TorchScriptRowsHaveTheManifestsVariantAndBatchInTheTask) {
  const BenchmarkName n = parse_benchmark_name("model/fmnist-mlp/int8-dynamic/batch:64/threads:2");
  EXPECT_EQ(n.task, "model/fmnist-mlp/batch:64/threads:2");
  EXPECT_EQ(n.variant, "int8-dynamic");
  EXPECT_EQ(n.backend, "pytorch");
  EXPECT_EQ(n.unit, WorkUnit::inference);
  EXPECT_EQ(n.batch, 64);
  // A variant named after no precision is still a variant of the same task, not a task.
  EXPECT_EQ(parse_benchmark_name("model/fmnist-mlp/pruned/batch:64").task,
            parse_benchmark_name("model/fmnist-mlp/fp32/batch:64").task);
}

// PyTorch's peers of our MLP rows (mlp/infer/<precision>/pytorch/<arch>/batch:N) land in the
// task of ours, as a variant naming the precision and the backend, per inference.
TEST(BenchmarkName, PyTorchPeerRowsShareTheTaskOfOurs) {
  for (const char* precision : {"fp32", "bf16", "int8"}) {
    const std::string p = precision;
    const BenchmarkName ours = parse_benchmark_name("mlp/infer/" + p + "/784-256-256-10/batch:64");
    const BenchmarkName peer =
        parse_benchmark_name("mlp/infer/" + p + "/pytorch/784-256-256-10/batch:64/real_time");
    EXPECT_EQ(peer.workload, "mlp/infer/" + p + "/pytorch/784-256-256-10/batch:64");
    EXPECT_EQ(peer.task, "mlp/infer/784-256-256-10/batch:64");
    EXPECT_EQ(peer.task, ours.task);
    EXPECT_EQ(peer.variant, p + "/pytorch");
    EXPECT_EQ(peer.precision, p);
    EXPECT_EQ(peer.backend, "pytorch");
    EXPECT_EQ(peer.unit, WorkUnit::inference);
    EXPECT_EQ(peer.batch, 64);
  }
  const BenchmarkName one = parse_benchmark_name("mlp/infer/int8/pytorch/784-128-10/batch:1");
  EXPECT_EQ(one.task, "mlp/infer/784-128-10/batch:1");
  EXPECT_EQ(one.batch, 1);
  // Another batch or architecture is another task.
  EXPECT_NE(parse_benchmark_name("mlp/infer/fp32/pytorch/784-128-10/batch:256").task, one.task);
  EXPECT_NE(parse_benchmark_name("mlp/infer/int8/pytorch/784-1024-1024-10/batch:1").task, one.task);
}

TEST(Spread, MedianRangeAndInterpolatedQuartiles) {
  const auto s = summarize({4.0, 1.0, 3.0, 2.0});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->n, 4u);
  EXPECT_DOUBLE_EQ(s->median, 2.5);
  EXPECT_DOUBLE_EQ(s->min, 1.0);
  EXPECT_DOUBLE_EQ(s->max, 4.0);
  EXPECT_DOUBLE_EQ(s->q1, 1.75);  // numpy.percentile([1,2,3,4], 25)
  EXPECT_DOUBLE_EQ(s->q3, 3.25);
  EXPECT_DOUBLE_EQ(summarize({7.0})->q3, 7.0);
  EXPECT_FALSE(summarize({}));
}

TEST(Spearman, AverageRanksForTies) {
  const std::vector<double> v = {10, 20, 20, 30, 10};
  EXPECT_EQ(average_ranks(v), (std::vector<double>{1.5, 3.5, 3.5, 5, 1.5}));
}

TEST(Spearman, MatchesPublishedValues) {
  // scipy.stats.spearmanr's documented example, with a tie in y: 0.8207826816681233.
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {5, 6, 7, 8, 7};
  EXPECT_NEAR(*spearman_rho(x, y), 0.8207826816681233, 1e-12);
  const std::vector<double> up = {1, 10, 100, 1000}, down = {9, 7, 5, 1};
  EXPECT_DOUBLE_EQ(*spearman_rho(up, up), 1.0);
  EXPECT_DOUBLE_EQ(*spearman_rho(up, down), -1.0);
}

TEST(Spearman, UndefinedForFewOrConstantValues) {
  const std::vector<double> two = {1, 2}, constant = {3, 3, 3}, three = {1, 2, 3};
  EXPECT_FALSE(spearman_rho(two, two));
  EXPECT_FALSE(spearman_rho(constant, three));
  EXPECT_FALSE(spearman_rho(three, two));
}

TEST(Grade, EachStarDownAllowsTwiceTheEnergy) {
  EXPECT_EQ(efficiency_stars(1.0), 5);
  EXPECT_EQ(efficiency_stars(1.5), 5);
  EXPECT_EQ(efficiency_stars(1.51), 4);
  EXPECT_EQ(efficiency_stars(3.0), 4);
  EXPECT_EQ(efficiency_stars(6.0), 3);
  EXPECT_EQ(efficiency_stars(12.0), 2);
  EXPECT_EQ(efficiency_stars(12.1), 1);
  EXPECT_EQ(efficiency_stars(1e6), 1);
  EXPECT_EQ(star_string(3), "\u2605\u2605\u2605\u2606\u2606");
}

// A joulebench-shaped row: fixed time and CO2, the given energy, `extra` JSON members.
std::string row_json(const std::string& name, double energy,
                     const std::string& extra = ", \"flops\": 1000") {
  return "{\"name\": \"" + name + "\", \"run_name\": \"" + name +
         "\", \"run_type\": \"iteration\", \"iterations\": 10, \"real_time\": 1000, "
         "\"cpu_time\": 1000, \"time_unit\": \"ns\", \"energy_J\": " +
         std::to_string(energy) + ", \"co2_g\": 1e-9" + extra + "}";
}

ResultFile file(const std::string& source, const std::string& host, const std::string& provenance,
                const std::vector<std::string>& rows) {
  std::string text = "{\"context\": {\"host_name\": \"" + host +
                     "\", \"joulebench_meter\": \"m\", \"joulebench_provenance\": \"" + provenance +
                     "\"}, \"benchmarks\": [";
  for (std::size_t i = 0; i < rows.size(); ++i)
    text += (i ? ", " : "") + rows[i];
  return parse_result_json(text + "]}", source);
}

const Entry& find(const Report& r, const std::string& workload, const std::string& host) {
  for (const Entry& e : r.entries) {
    if (e.name.workload == workload && e.host == host)
      return e;
  }
  throw std::runtime_error("no entry " + workload + " on " + host);
}

TEST(Report, PoolsRepetitionsAcrossFilesOfOneHostButNotAcrossHosts) {
  const std::vector<ResultFile> files = {
      file("a.json", "h1", "measured", {row_json("k/fp32/x/8", 1.0), row_json("k/fp32/x/8", 3.0)}),
      file("b.json", "h1", "measured", {row_json("k/fp32/x/8/real_time", 2.0)}),
      file("c.json", "h2", "measured", {row_json("k/fp32/x/8", 10.0)})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.entries.size(), 2u);
  const Entry& h1 = find(r, "k/fp32/x/8", "h1");
  EXPECT_EQ(h1.spread(counter::kEnergy)->n, 3u);
  EXPECT_DOUBLE_EQ(*h1.median(counter::kEnergy), 2.0);
  EXPECT_EQ(h1.sources, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(h1.rank, 1);
  EXPECT_EQ(h1.stars, 5);
  const Entry& h2 = find(r, "k/fp32/x/8", "h2");
  EXPECT_EQ(h2.rank, 2);
  EXPECT_DOUBLE_EQ(*h2.energy_ratio, 5.0);
  EXPECT_EQ(h2.stars, 3);
}

TEST(Report, MeasuredAndEstimatedAreNeitherPooledNorGradedTogether) {
  const std::vector<ResultFile> files = {
      file("m.json", "h", "measured", {row_json("k/fp32/x/8", 9.0)}),
      file("e.json", "h", "estimated", {row_json("k/fp32/x/8", 1.0)})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.entries.size(), 2u);
  for (const Entry& e : r.entries)
    EXPECT_EQ(e.stars, 5) << e.provenance;  // each is the best of its kind
  EXPECT_TRUE(r.any_estimated);
}

TEST(Report, AggregateOnlyFilesUseTheirMedianAndIgnoreOtherAggregates) {
  const ResultFile f = parse_result_json(R"({"context": {"host_name": "h"}, "benchmarks": [
    {"name": "b_mean", "run_name": "b", "run_type": "aggregate", "aggregate_name": "mean", "real_time": 9},
    {"name": "b_median", "run_name": "b", "run_type": "aggregate", "aggregate_name": "median", "real_time": 4},
    {"name": "b_stddev", "run_name": "b", "run_type": "aggregate", "aggregate_name": "stddev", "real_time": 1}
  ]})",
                                         "agg.json");
  const Report r = build_report({f}, *find_sort_metric("time"));
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_TRUE(r.entries[0].from_aggregates);
  EXPECT_DOUBLE_EQ(*r.entries[0].median(kTimeMetric), 4e-9);
  EXPECT_EQ(r.entries[0].spread(kTimeMetric)->n, 1u);
}

TEST(Report, RowsOnAFallbackCodePathAreNamedInANote) {
  const ResultFile f = parse_result_json(R"json({"context": {"host_name": "h"}, "benchmarks": [
    {"name": "gemm/fp32/openblas/512/real_time", "run_name": "gemm/fp32/openblas/512/real_time",
     "real_time": 9, "label": "openblas core Prescott (a fallback)"},
    {"name": "gemm/fp32/onednn/512/real_time", "run_name": "gemm/fp32/onednn/512/real_time",
     "real_time": 4, "label": "onednn brg:avx512_core"}
  ]
})json",
                                         "peers.json");
  const Report r = build_report({f}, *find_sort_metric("time"));
  const auto note = std::find_if(r.notes.begin(), r.notes.end(), [](const std::string& n) {
    return n.find("fallback code path") != std::string::npos;
  });
  ASSERT_NE(note, r.notes.end());
  EXPECT_NE(note->find("gemm/fp32/openblas/512 on h (openblas core Prescott (a fallback))"),
            std::string::npos)
      << *note;
  EXPECT_EQ(note->find("onednn"), std::string::npos) << *note;
}

TEST(Report, NoFallbackNoteWithoutAFallbackRow) {
  const ResultFile f = parse_result_json(R"json({"context": {"host_name": "h"}, "benchmarks": [
    {"name": "gemm/fp32/openblas/512", "real_time": 9, "label": "openblas core SkylakeX"}]})json",
                                         "peers.json");
  for (const std::string& n : build_report({f}, *find_sort_metric("time")).notes)
    EXPECT_EQ(n.find("fallback"), std::string::npos) << n;
}

TEST(Report, ParetoFrontOfEnergyAndQuality) {
  const std::vector<ResultFile> files = {
      file("a.json", "h", "measured",
           {row_json("k/fp32/x/8", 4.0, ", \"rel_error\": 1e-7"),
            row_json("k/int8/x/8", 1.0, ", \"rel_error\": 1e-3"),
            row_json("k/int4/x/8", 2.0, ", \"rel_error\": 1e-2"),     // worse on both than int8
            row_json("k/fp16/x/8", 4.0, ", \"rel_error\": 1e-7")})};  // ties fp32: both stay
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.tasks.size(), 1u);
  EXPECT_EQ(r.tasks[0].quality, counter::kRelError);
  EXPECT_TRUE(find(r, "k/fp32/x/8", "h").pareto);
  EXPECT_TRUE(find(r, "k/fp16/x/8", "h").pareto);
  EXPECT_TRUE(find(r, "k/int8/x/8", "h").pareto);
  EXPECT_FALSE(find(r, "k/int4/x/8", "h").pareto);
}

TEST(Report, AccuracyIsBetterHigherAndEnergyIsPerInference) {
  const std::vector<ResultFile> files = {
      file("a.json", "h", "measured",
           {row_json("mlp/infer/fp32/4-2/batch:4", 8.0, ", \"accuracy\": 0.9"),
            row_json("mlp/infer/int8/4-2/batch:4", 4.0, ", \"accuracy\": 0.8")})};
  const Report r = build_report(files, *find_sort_metric("accuracy"));
  const Entry& fp32 = find(r, "mlp/infer/fp32/4-2/batch:4", "h");
  EXPECT_EQ(fp32.rank, 1);  // sorted by accuracy, higher first
  EXPECT_TRUE(fp32.pareto);
  EXPECT_TRUE(find(r, "mlp/infer/int8/4-2/batch:4", "h").pareto);
  EXPECT_DOUBLE_EQ(*fp32.joules_per_unit(), 2.0);
  EXPECT_DOUBLE_EQ(*fp32.grams_per_1000_units(), 1e-9 / 4 * 1000);
}

TEST(Report, OursAndPyTorchAreRankedInOneTaskPerInference) {
  const std::vector<ResultFile> files = {file(
      "a.json", "h", "measured",
      {row_json("mlp/infer/int8/784-256-256-10/batch:4", 4.0, ", \"accuracy\": 0.87"),
       row_json("mlp/infer/int8/pytorch/784-256-256-10/batch:4", 8.0, ", \"accuracy\": 0.86")})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.tasks.size(), 1u);
  const Entry& ours = find(r, "mlp/infer/int8/784-256-256-10/batch:4", "h");
  const Entry& peer = find(r, "mlp/infer/int8/pytorch/784-256-256-10/batch:4", "h");
  EXPECT_EQ(ours.rank, 1);
  EXPECT_EQ(peer.rank, 2);
  EXPECT_EQ(peer.name.variant, "int8/pytorch");
  EXPECT_DOUBLE_EQ(*peer.energy_ratio, 2.0);
  EXPECT_DOUBLE_EQ(*peer.joules_per_unit(), 2.0);
  EXPECT_DOUBLE_EQ(*ours.joules_per_unit(), 1.0);
}

TEST(Report, SpearmanOverRowsWithFlopsAndEnergy) {
  const std::vector<ResultFile> files = {file("a.json", "h", "measured",
                                              {row_json("a/fp32/x/1", 1.0, ", \"flops\": 10"),
                                               row_json("b/fp32/x/1", 2.0, ", \"flops\": 20"),
                                               row_json("c/fp32/x/1", 3.0, ", \"flops\": 30")})};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.flops_energy.size(), 1u);
  EXPECT_EQ(r.flops_energy[0].rows, 3u);
  ASSERT_TRUE(r.flops_energy[0].rho);
  EXPECT_DOUBLE_EQ(*r.flops_energy[0].rho, 1.0);
}

TEST(Report, SpearmanWithinOneProvenanceOnOneMachineNeverAcross) {
  // Each group alone is perfectly ordered; pooled, the estimates' small joules would scramble
  // the order (rho 0.4 over all nine rows).
  auto rows = [](double scale) {
    return std::vector<std::string>{row_json("a/fp32/x/1", 1.0 * scale, ", \"flops\": 10"),
                                    row_json("b/fp32/x/1", 2.0 * scale, ", \"flops\": 20"),
                                    row_json("c/fp32/x/1", 3.0 * scale, ", \"flops\": 30")};
  };
  const std::vector<ResultFile> files = {file("m.json", "h1", "measured", rows(100.0)),
                                         file("e.json", "h1", "estimated", rows(0.1)),
                                         file("n.json", "h2", "measured", rows(1.0))};
  const Report r = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(r.flops_energy.size(), 3u);
  EXPECT_EQ(r.flops_energy[0].provenance, "measured");
  EXPECT_EQ(r.flops_energy[0].machine.label, "h1");
  EXPECT_EQ(r.flops_energy[1].provenance, "measured");
  EXPECT_EQ(r.flops_energy[1].machine.label, "h2");
  EXPECT_EQ(r.flops_energy[2].provenance, "estimated");
  for (const FlopsEnergyCorrelation& c : r.flops_energy) {
    EXPECT_EQ(c.rows, 3u);
    ASSERT_TRUE(c.rho);
    EXPECT_DOUBLE_EQ(*c.rho, 1.0) << c.provenance << " on " << c.machine.label;
  }
}

TEST(Report, AnEnergySortRanksEachProvenanceApartMeasuredFirst) {
  const std::vector<ResultFile> files = {
      file("e.json", "h", "estimated", {row_json("k/int8/x/8", 1.0), row_json("k/fp32/x/8", 2.0)}),
      file("m.json", "h", "measured", {row_json("k/fp32/x/8", 9.0)})};
  const Report by_energy = build_report(files, *find_sort_metric("energy"));
  ASSERT_EQ(by_energy.entries.size(), 3u);
  EXPECT_EQ(by_energy.entries[0].provenance, "measured");
  EXPECT_EQ(by_energy.entries[0].rank, 1);  // not 3rd behind two estimates
  EXPECT_EQ(by_energy.entries[1].rank, 1);
  EXPECT_EQ(by_energy.entries[1].name.variant, "int8/x");
  EXPECT_EQ(by_energy.entries[2].rank, 2);
  // Time is measured on both: one ranking across them.
  const Report by_time = build_report(files, *find_sort_metric("time"));
  std::vector<int> ranks;
  for (const Entry& e : by_time.entries)
    ranks.push_back(e.rank);
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 3}));
}

TEST(Report, SaysOnceWhatPlainFilesLack) {
  const char* plain = R"({"context": {"host_name": "laptop"}, "benchmarks": [
    {"name": "BM_a", "run_type": "iteration", "real_time": 5, "time_unit": "ns"},
    {"name": "BM_b", "run_type": "iteration", "real_time": 6, "time_unit": "ns"}]})";
  const Report r =
      build_report({parse_result_json(plain, "p1.json"), parse_result_json(plain, "p2.json")},
                   *find_sort_metric("energy"));
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_NE(r.notes[0].find("p1.json (laptop), p2.json (laptop)"), std::string::npos) << r.notes[0];
  EXPECT_EQ(r.notes[1], "No input carries energy_J, power_W, co2_g, flops, accuracy, rel_error.");
  EXPECT_EQ(r.entries.size(), 2u);
  for (const Entry& e : r.entries) {
    EXPECT_EQ(e.rank, 0);
    EXPECT_FALSE(e.stars);
  }
}

TEST(Report, FailedBenchmarksStayVisible) {
  const ResultFile f = parse_result_json(R"({"benchmarks": [
    {"name": "k/fp32/x/8", "run_type": "iteration", "error_occurred": true, "error_message": "no"}]})",
                                         "e.json");
  const Report r = build_report({f}, *find_sort_metric("energy"));
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].error, "no");
}

}  // namespace
}  // namespace joulebench
