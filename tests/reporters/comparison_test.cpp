// compare_results(): matching by name, medians, verdicts, and the refusals. P-values here come
// from the Mann-Whitney known answers (see mann_whitney_test.cpp): five completely separated
// repetitions per side give p = 2/252 = 0.0079.

#include "reporters/compare/comparison.h"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>
#include <stdexcept>

#include "reporters/compare/render.h"
#include "tests/reporters/result_json_builder.h"

namespace joulebench {
namespace {

using test::FileSpec;
using test::result_file;

FileSpec one(std::string source, std::vector<double> values, std::string name = "bm") {
  FileSpec spec;
  spec.source = std::move(source);
  spec.benchmarks = {{std::move(name), std::move(values)}};
  return spec;
}

Comparison compare(const FileSpec& base, const FileSpec& changed, CompareOptions options = {}) {
  return compare_results(result_file(base), result_file(changed), options);
}

TEST(Comparison, ClearRiseIsARegression) {
  const Comparison c = compare(one("base.json", {1.00, 1.01, 0.99, 1.02, 0.98}),
                               one("new.json", {1.20, 1.21, 1.19, 1.22, 1.18}));
  ASSERT_EQ(c.benchmarks.size(), 1u);
  const BenchmarkComparison& b = c.benchmarks[0];
  EXPECT_EQ(b.verdict, Verdict::regression);
  EXPECT_EQ(b.base_values.size(), 5u);  // the aggregate row is not a repetition
  EXPECT_DOUBLE_EQ(*b.base_median, 1.00);
  EXPECT_DOUBLE_EQ(*b.new_median, 1.20);
  EXPECT_NEAR(*b.relative_change, 0.20, 1e-12);
  EXPECT_NEAR(b.test->p_value, 2.0 / 252.0, 1e-12);
  EXPECT_EQ(c.count(Verdict::regression), 1u);
}

TEST(Comparison, ClearDropIsAnImprovement) {
  const Comparison c = compare(one("base.json", {1.00, 1.01, 0.99, 1.02, 0.98}),
                               one("new.json", {0.80, 0.81, 0.79, 0.82, 0.78}));
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::improvement);
  EXPECT_NEAR(*c.benchmarks[0].relative_change, -0.20, 1e-12);
}

TEST(Comparison, SignificantButBelowThresholdIsNoChange) {
  // +2%, perfectly separated (p = 0.0079), under the 5% threshold.
  const Comparison c = compare(one("base.json", {1.000, 1.001, 1.002, 1.003, 1.004}),
                               one("new.json", {1.020, 1.021, 1.022, 1.023, 1.024}));
  EXPECT_LT(c.benchmarks[0].test->p_value, 0.05);
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_change);
  // The same data with a 1% threshold is a regression.
  CompareOptions strict;
  strict.threshold = 0.01;
  const Comparison s = compare(one("base.json", {1.000, 1.001, 1.002, 1.003, 1.004}),
                               one("new.json", {1.020, 1.021, 1.022, 1.023, 1.024}), strict);
  EXPECT_EQ(s.benchmarks[0].verdict, Verdict::regression);
}

TEST(Comparison, LargeButNotSignificantIsNoChange) {
  // Medians 1.0 vs 1.5, but the samples interleave: exact p = 0.0635 (see the
  // InterleavedUnequalSizes known answer, same ranks).
  const Comparison c =
      compare(one("base.json", {1.1, 2.3, 0.7, 4.2}), one("new.json", {3.1, 5.5, 6.0, 2.9, 7.4}));
  EXPECT_NEAR(c.benchmarks[0].test->p_value, 0.063492063492063489, 1e-12);
  EXPECT_GT(*c.benchmarks[0].relative_change, 0.05);
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_change);
}

TEST(Comparison, IdenticalSamplesAreNoChange) {
  const Comparison c = compare(one("base.json", {2.0, 2.0, 2.0, 2.0, 2.0}),
                               one("new.json", {2.0, 2.0, 2.0, 2.0, 2.0}));
  EXPECT_DOUBLE_EQ(c.benchmarks[0].test->p_value, 1.0);
  EXPECT_DOUBLE_EQ(*c.benchmarks[0].relative_change, 0.0);
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_change);
}

TEST(Comparison, TiedRepetitionsStillDecide) {
  // A coarse counter: equal readings within and across sides; p from the normal approximation
  // with tie correction is 0.0265 (TiedButSeparatedSamples known answer) and the median rises
  // from 1.5 to 3.5.
  const Comparison c = compare(one("base.json", {1, 1, 2, 2}), one("new.json", {3, 3, 4, 4}));
  EXPECT_EQ(c.benchmarks[0].test->method, MannWhitneyMethod::normal_approximation);
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::regression);
}

TEST(Comparison, SingleRepetitionIsTooFewAndSaysHowManyAreNeeded) {
  const Comparison c = compare(one("base.json", {1.0}), one("new.json", {9.0}));
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::too_few_repetitions);
  EXPECT_EQ(c.repetitions_needed, 4u);
  EXPECT_NE(c.benchmarks[0].reason.find("at least 4 per side"), std::string::npos)
      << c.benchmarks[0].reason;
  // The medians are still reported.
  EXPECT_DOUBLE_EQ(*c.benchmarks[0].new_median, 9.0);
}

TEST(Comparison, ThreeRepetitionsAreTooFewAtFivePercent) {
  // Best possible p with 3 + 3 is 0.1; at alpha 0.2 it is enough.
  const FileSpec base = one("base.json", {1.0, 1.1, 1.2});
  const FileSpec changed = one("new.json", {2.0, 2.1, 2.2});
  EXPECT_EQ(compare(base, changed).benchmarks[0].verdict, Verdict::too_few_repetitions);
  CompareOptions lenient;
  lenient.alpha = 0.2;
  EXPECT_EQ(compare(base, changed, lenient).benchmarks[0].verdict, Verdict::regression);
}

TEST(Comparison, OneReasonSharedByManyBenchmarksIsSaidOnce) {
  FileSpec base = one("base.json", {1.0, 1.1, 1.2}, "a");
  base.benchmarks.push_back({"b", {1.0, 1.1, 1.2}});
  FileSpec changed = one("new.json", {2.0, 2.1, 2.2}, "a");
  changed.benchmarks.push_back({"b", {2.0, 2.1, 2.2}});
  const Comparison c = compare(base, changed);
  std::ostringstream text, md;
  render_compare_text(text, c);
  render_compare_markdown(md, c);
  for (const std::string& out : {text.str(), md.str()}) {
    const std::string reason = "3 base and 3 new repetitions: no outcome can reach";
    const std::size_t first = out.find(reason);
    ASSERT_NE(first, std::string::npos) << out;
    EXPECT_EQ(out.find(reason, first + 1), std::string::npos) << out;  // once, not per benchmark
    EXPECT_NE(out.find("a, b: too few repetitions"), std::string::npos) << out;
  }
}

TEST(Comparison, AccuracyDropIsTheRegression) {
  FileSpec base = one("base.json", {0.95, 0.96, 0.95, 0.94, 0.96});
  FileSpec changed = one("new.json", {0.80, 0.81, 0.79, 0.80, 0.82});
  base.counter = changed.counter = "accuracy";
  CompareOptions options;
  options.metric = Metric::accuracy;
  EXPECT_EQ(compare(base, changed, options).benchmarks[0].verdict, Verdict::regression);
  EXPECT_EQ(compare(changed, base, options).benchmarks[0].verdict, Verdict::improvement);
}

TEST(Comparison, TimeIsRealTimePerIterationInSeconds) {
  CompareOptions options;
  options.metric = Metric::time;
  const Comparison c = compare(one("base.json", {1.0}), one("new.json", {1.0}), options);
  EXPECT_DOUBLE_EQ(*c.benchmarks[0].base_median, 1000e-9);  // builder writes 1000 ns
}

TEST(Comparison, BenchmarksOnOneSideAreListedNotFailed) {
  FileSpec base;
  base.source = "base.json";
  base.benchmarks = {{"shared", {1, 1.1, 1.2, 1.3}}, {"removed", {1, 2, 3, 4}}};
  FileSpec changed;
  changed.source = "new.json";
  changed.benchmarks = {{"added", {5, 6, 7, 8}}, {"shared", {1.05, 1.15, 1.25, 1.0}}};
  const Comparison c = compare(base, changed);
  ASSERT_EQ(c.benchmarks.size(), 1u);
  EXPECT_EQ(c.benchmarks[0].name, "shared");
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_change);
  EXPECT_EQ(c.only_in_base, std::vector<std::string>{"removed"});
  EXPECT_EQ(c.only_in_new, std::vector<std::string>{"added"});
  EXPECT_EQ(c.count(Verdict::regression), 0u);
}

// A row of a joulebench file without energy_J is a benchmark without energy: the gate cannot
// judge it, so the comparison is refused. A missing accuracy is only "no data".
TEST(Comparison, BenchmarkWithoutEnergyIsRefusedWithoutAccuracyHasNoData) {
  FileSpec base;
  base.source = "base.json";
  base.benchmarks = {{"a", {1, 2, 3, 4}}, {"b", {1, 2, 3, 4}}};
  const ResultFile with_plain_row = parse_result_json(
      R"({"context": {"joulebench_meter": "model", "joulebench_provenance": "estimated"},
          "benchmarks": [
            {"name": "a", "run_type": "iteration", "iterations": 1, "real_time": 1,
             "energy_J": 2.0, "accuracy": 0.9},
            {"name": "b", "run_type": "iteration", "iterations": 1, "real_time": 1}]})",
      "new.json");
  try {
    compare_results(result_file(base), with_plain_row, {});
    FAIL() << "a benchmark without energy was compared";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("b has no energy_J figure in the new file new.json (no "
                                         "energy_J counter)"),
              std::string::npos)
        << e.what();
  }
  base.counter = "accuracy";
  CompareOptions accuracy;
  accuracy.metric = Metric::accuracy;
  const Comparison c = compare_results(result_file(base), with_plain_row, accuracy);
  ASSERT_EQ(c.benchmarks.size(), 2u);
  EXPECT_EQ(c.benchmarks[1].verdict, Verdict::no_data);
  EXPECT_NE(c.benchmarks[1].reason.find("no accuracy counter"), std::string::npos)
      << c.benchmarks[1].reason;
}

// What a dead sensor wrote before the harness refused zeros: energy_J = 0 labelled measured.
ResultFile zero_joules(const std::string& source, const std::string& label = "") {
  FileSpec spec = one(source, {0, 0, 0, 0, 0});
  spec.meter = "perf";
  spec.provenance = "measured";
  auto doc = test::result_json(spec);
  for (auto& row : doc["benchmarks"]) {
    if (!label.empty()) {
      row.erase(counter::kEnergy);
      row["label"] = label;
    }
  }
  return parse_result_json(doc.dump(), source);
}

TEST(Comparison, ZeroJoulesAgainstZeroJoulesIsRefusedNotNoChange) {
  try {
    compare_results(zero_joules("base.json"), zero_joules("new.json"), {});
    FAIL() << "0 J against 0 J was compared";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bm has no energy_J figure in the base file base.json"), std::string::npos)
        << what;
    EXPECT_NE(what.find("energy_J = 0 from a measured source (a sensor that did not advance; not a "
                        "measurement)) nor in "
                        "the new file;"),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(Comparison, ANoEnergyLabelOnOneSideIsRefusedNamingTheSideAndTheReason) {
  FileSpec live = one("base.json", {1, 2, 3, 4, 5});
  live.meter = "perf";
  live.provenance = "measured";
  try {
    compare_results(result_file(live),
                    zero_joules("new.json", "no energy: psys did not advance over 2 s (dead)"), {});
    FAIL() << "a benchmark without energy was compared";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("in the new file new.json (psys did not advance over 2 s (dead))"),
              std::string::npos)
        << what;
  }
  // CO2e of such a row is no figure either.
  CompareOptions co2;
  co2.metric = Metric::co2;
  live.counter = counter::kCo2;
  EXPECT_THROW(compare_results(result_file(live), zero_joules("new.json", "no energy: dead"), co2),
               std::runtime_error);
}

TEST(Comparison, RepetitionsWithoutEnergyAreLeftOutAndNoted) {
  auto doc = test::result_json(one("new.json", {1.20, 1.21, 1.19, 1.22, 1.18, 1.2}));
  doc["benchmarks"][1][counter::kEnergy] = 0.0;
  doc["benchmarks"][3].erase(counter::kEnergy);
  doc["benchmarks"][3]["label"] = "impl; no energy: dram did not advance; other note";
  const Comparison c =
      compare_results(result_file(one("base.json", {1.00, 1.01, 0.99, 1.02, 0.98})),
                      parse_result_json(doc.dump(), "new.json"), {});
  ASSERT_EQ(c.benchmarks.size(), 1u);
  EXPECT_EQ(c.benchmarks[0].new_values, (std::vector<double>{1.20, 1.19, 1.18, 1.2}));
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::regression);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("new.json: 2 of 6 repetitions of bm left out (energy_J = 0"),
            std::string::npos)
      << c.notes[0];
  EXPECT_NE(c.notes[0].find("compared on the other 4"), std::string::npos) << c.notes[0];
}

// JSON cannot carry a NaN, but a ResultFile built in code can; it would break the ranks of the
// test, so it is no sample.
TEST(Comparison, NonFiniteValuesAreNotSamples) {
  FileSpec base = one("base.json", {0.9, 0.91, 0.92, 0.93});
  FileSpec changed = one("new.json", {0.8, 0.81, 0.82, 0.83});
  base.counter = changed.counter = "accuracy";
  ResultFile with_nan = result_file(changed);
  with_nan.rows[0].counters["accuracy"] = std::numeric_limits<double>::quiet_NaN();
  CompareOptions options;
  options.metric = Metric::accuracy;
  const Comparison c = compare_results(result_file(base), with_nan, options);
  EXPECT_EQ(c.benchmarks[0].new_values, (std::vector<double>{0.81, 0.82, 0.83}));
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("1 of 4 repetitions of bm left out (accuracy is not a finite number)"),
            std::string::npos)
      << c.notes[0];
}

TEST(Comparison, ErroredRepetitionsAreNotSamples) {
  const ResultFile errored = parse_result_json(
      R"({"context": {"joulebench_meter": "model", "joulebench_provenance": "estimated"},
          "benchmarks": [
            {"name": "ok", "run_type": "iteration", "iterations": 1, "real_time": 1,
             "energy_J": 2.0},
            {"name": "bm", "run_type": "iteration", "iterations": 0, "real_time": 0,
             "error_occurred": true, "error_message": "meter failed"}]})",
      "new.json");
  FileSpec base = one("base.json", {1, 2, 3, 4});
  const Comparison c = compare_results(result_file(base), errored, {});
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_data);
  EXPECT_NE(c.benchmarks[0].reason.find("failed"), std::string::npos);
}

TEST(Comparison, AggregatesOnlyFileSaysHowToKeepRepetitions) {
  const ResultFile aggregates = parse_result_json(
      R"({"context": {"joulebench_meter": "model", "joulebench_provenance": "estimated"},
          "benchmarks": [
            {"name": "other", "run_type": "iteration", "iterations": 1, "real_time": 1,
             "energy_J": 2.0},
            {"name": "bm_median", "run_name": "bm", "run_type": "aggregate",
             "aggregate_name": "median", "iterations": 5, "real_time": 1, "energy_J": 2.0}]})",
      "new.json");
  const Comparison c = compare_results(result_file(one("base.json", {1, 2, 3, 4})), aggregates, {});
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::no_data);
  EXPECT_NE(c.benchmarks[0].reason.find("aggregates only"), std::string::npos);
}

TEST(Comparison, RefusesMeasuredAgainstEstimated) {
  FileSpec base = one("base.json", {1, 2, 3, 4});
  FileSpec changed = one("new.json", {1, 2, 3, 4});
  changed.meter = "rapl";
  changed.provenance = "measured";
  try {
    compare(base, changed);
    FAIL() << "mixed meters were compared";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("model (estimated)"), std::string::npos) << what;
    EXPECT_NE(what.find("rapl (measured)"), std::string::npos) << what;
    EXPECT_NE(what.find("--allow-mixed-meters"), std::string::npos) << what;
  }
  CompareOptions allow;
  allow.allow_mixed_meters = true;
  const Comparison c = compare(base, changed, allow);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("meters differ"), std::string::npos);
  EXPECT_EQ(c.energy_source, "base model (estimated), new rapl (measured)");
}

TEST(Comparison, RefusesDifferentMetersOfTheSameProvenance) {
  FileSpec base = one("base.json", {1, 2, 3, 4});
  FileSpec changed = one("new.json", {1, 2, 3, 4});
  base.meter = "rapl";
  changed.meter = "perf";
  base.provenance = changed.provenance = "measured";
  EXPECT_THROW(compare(base, changed), std::runtime_error);
}

TEST(Comparison, MetersDoNotMatterForTime) {
  FileSpec base = one("base.json", {1, 2, 3, 4});
  FileSpec changed = one("new.json", {1, 2, 3, 4});
  changed.meter = "rapl";
  changed.provenance = "measured";
  CompareOptions options;
  options.metric = Metric::time;
  EXPECT_NO_THROW(compare(base, changed, options));
}

TEST(Comparison, FileWithoutEnergyIsRefusedEvenWithMixedMetersAllowed) {
  FileSpec plain = one("plain.json", {1, 2, 3, 4});
  plain.counter = "items";
  plain.meter = plain.provenance = "";
  CompareOptions allow;
  allow.allow_mixed_meters = true;
  try {
    compare(one("base.json", {1, 2, 3, 4}), plain, allow);
    FAIL() << "a file without energy was compared on energy";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("plain.json: no benchmark carries energy_J"),
              std::string::npos)
        << e.what();
  }
}

// Energy is never 0 (a 0 J row is no figure, see above); accuracy can be: a model that learnt
// nothing.
TEST(Comparison, ZeroBaseMedianIsAnUnboundedChange) {
  FileSpec base = one("base.json", {0, 0, 0, 0, 0});
  FileSpec changed = one("new.json", {0.1, 0.11, 0.12, 0.13, 0.14});
  base.counter = changed.counter = "accuracy";
  CompareOptions options;
  options.metric = Metric::accuracy;
  const Comparison c = compare(base, changed, options);
  EXPECT_FALSE(c.benchmarks[0].relative_change.has_value());
  EXPECT_EQ(c.benchmarks[0].verdict, Verdict::improvement);
}

TEST(Comparison, Co2NotesAChangedGridIntensity) {
  FileSpec base = one("base.json", {1, 2, 3, 4});
  FileSpec changed = one("new.json", {1, 2, 3, 4});
  base.counter = changed.counter = counter::kCo2;
  CompareOptions options;
  options.metric = Metric::co2;
  EXPECT_TRUE(compare(base, changed, options).notes.empty());
  auto with_intensity = [](const FileSpec& spec, const char* intensity) {
    auto doc = test::result_json(spec);
    doc["context"][context_key::kIntensity] = intensity;
    return parse_result_json(doc.dump(), spec.source);
  };
  const Comparison c =
      compare_results(with_intensity(base, "475"), with_intensity(changed, "56"), options);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("475 vs 56"), std::string::npos) << c.notes[0];
}

}  // namespace
}  // namespace joulebench
