#include "reporters/whatif/deployment_projection.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace joulebench {
namespace {

std::string row(const std::string& name, int iterations, double energy, double co2,
                const std::string& run_type = "iteration") {
  return "{\"name\": \"" + name + "\", \"run_name\": \"" + name + "\", \"run_type\": \"" +
         run_type + "\", \"iterations\": " + std::to_string(iterations) +
         ", \"real_time\": 1, \"cpu_time\": 1, \"time_unit\": \"ms\", \"energy_J\": " +
         std::to_string(energy) + ", \"co2_g\": " + std::to_string(co2) + "}";
}

ResultFile file(const std::vector<std::string>& rows, const std::string& name = "run.json") {
  std::string text = R"({"context": {"joulebench_pue": "1.5",
      "joulebench_grid_intensity_gCO2e_per_kWh": "400"}, "benchmarks": [)";
  for (std::size_t i = 0; i < rows.size(); ++i)
    text += (i ? "," : "") + rows[i];
  text += "]}";
  return parse_result_json(text, name);
}

constexpr const char* kInfer = "mlp/infer/784-256-256-10/fp32/batch:64";
constexpr const char* kTrainSame = "mlp/train-to-accuracy/784-256-256-10/adam";
constexpr const char* kTrainOther = "mlp/train-to-accuracy/784-128-10/adam";

// Inference: two repetitions, 100 x 0.64 J and 300 x 0.96 J: (64 + 288) / 400 = 0.88 J per
// iteration = 0.88 / 64 = 0.01375 J per inference. CO2: (100 x 0.0001 + 300 x 0.0002) / 400 =
// 0.000175 g per iteration = 2.734375e-6 g per inference. The mean aggregate is not counted.
std::vector<ResultFile> fixtures() {
  return {file({row(kInfer, 100, 0.64, 0.0001), row(kInfer, 300, 0.96, 0.0002),
                row(std::string(kInfer) + "_mean", 2, 99.0, 99.0, "aggregate")}),
          file({row(kTrainSame, 1, 5000.0, 0.8), row(kTrainOther, 1, 2000.0, 0.3)}, "train.json")};
}

ProjectionOptions options(double per_day) {
  ProjectionOptions o;
  o.workload_regex = "infer";
  o.per_day = per_day;
  o.years = 3.0;
  o.price_per_kwh = 0.2;
  return o;
}

// 1e6 inferences a day: 13750 J IT, x 1.5 = 20625 J facility, 2.734375 g CO2e; cost 20625 /
// 3.6e6 x 0.2; a year is 365 days, 3 years 1095. Training: 5000 J / 13750 J per day = 0.3636 days.
TEST(DeploymentProjection, KnownAnswer) {
  const DeploymentProjection p = project_deployment(fixtures(), options(1e6));
  EXPECT_EQ(p.inference.workload, kInfer);
  EXPECT_EQ(p.inference.batch, 64);
  EXPECT_EQ(p.inference.batch_source, InferenceCost::BatchSource::name);
  EXPECT_NEAR(p.inference.it_joules, 0.01375, 1e-12);
  EXPECT_NEAR(p.inference.co2_grams, 2.734375e-6, 1e-15);
  EXPECT_DOUBLE_EQ(p.inference.pue, 1.5);
  EXPECT_NEAR(p.per_day.it_joules, 13750.0, 1e-6);
  EXPECT_NEAR(p.per_day.facility_joules, 20625.0, 1e-6);
  EXPECT_NEAR(p.per_day.co2_grams, 2.734375, 1e-9);
  ASSERT_TRUE(p.per_day.cost.has_value());
  EXPECT_NEAR(*p.per_day.cost, 20625.0 / 3.6e6 * 0.2, 1e-12);
  EXPECT_NEAR(p.per_day.scc_usd, 2.734375e-6 * 190.0, 1e-12);
  EXPECT_NEAR(p.per_year.it_joules, 13750.0 * 365, 1e-3);
  EXPECT_NEAR(p.total.co2_grams, 2.734375 * 1095, 1e-6);
  ASSERT_TRUE(p.training.has_value());
  EXPECT_EQ(p.training->workload, kTrainSame);  // same architecture as the inference row
  EXPECT_DOUBLE_EQ(p.training->it_joules, 5000.0);
  ASSERT_TRUE(p.break_even_days.has_value());
  EXPECT_NEAR(*p.break_even_days, 5000.0 / 13750.0, 1e-12);
}

TEST(DeploymentProjection, ANameWithoutBatchIsOneInferencePerIteration) {
  ProjectionOptions o = options(10);
  o.workload_regex.reset();
  o.price_per_kwh.reset();
  const DeploymentProjection p = project_deployment({file({row("gemm/128", 10, 2.0, 0.001)})}, o);
  EXPECT_EQ(p.inference.batch_source, InferenceCost::BatchSource::none);
  EXPECT_DOUBLE_EQ(p.inference.it_joules, 2.0);
  EXPECT_DOUBLE_EQ(p.per_day.it_joules, 20.0);
  EXPECT_FALSE(p.per_day.cost.has_value());
  EXPECT_FALSE(p.training.has_value());
  EXPECT_NE(p.training_note.find("no training row"), std::string::npos) << p.training_note;
}

TEST(DeploymentProjection, SeveralWorkloadsMustBeNarrowedDown) {
  ProjectionOptions o = options(10);
  o.workload_regex.reset();
  const std::vector<ResultFile> two = {
      file({row("mlp/infer/a/batch:1", 1, 1.0, 0.1), row("mlp/infer/b/batch:1", 1, 1.0, 0.1)})};
  try {
    project_deployment(two, o);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("mlp/infer/a/batch:1, mlp/infer/b/batch:1"),
              std::string::npos)
        << e.what();
  }
  o.workload_regex = "/b/";
  EXPECT_EQ(project_deployment(two, o).inference.workload, "mlp/infer/b/batch:1");
}

TEST(DeploymentProjection, TrainingRowsNoArchitectureSinglesOutAreNotGuessed) {
  ProjectionOptions o = options(10);
  const std::vector<ResultFile> files = {
      file({row("mlp/infer/x/batch:8", 1, 8.0, 0.1), row(kTrainSame, 1, 1.0, 0.1),
            row(kTrainOther, 1, 1.0, 0.1)})};
  const DeploymentProjection p = project_deployment(files, o);
  EXPECT_FALSE(p.training.has_value());
  EXPECT_NE(p.training_note.find("--training"), std::string::npos);
  o.training_regex = "784-128-10";
  EXPECT_EQ(project_deployment(files, o).training->workload, kTrainOther);
}

TEST(DeploymentProjection, BadOptionsAreOneLineErrors) {
  auto fails = [](ProjectionOptions o) {
    EXPECT_THROW(project_deployment(fixtures(), o), std::runtime_error);
  };
  fails(options(0));
  fails(options(-5));
  ProjectionOptions years = options(10);
  years.years = -1;
  fails(years);
  ProjectionOptions price = options(10);
  price.price_per_kwh = -0.1;
  fails(price);
  ProjectionOptions regex = options(10);
  regex.workload_regex = "(";
  fails(regex);
  ProjectionOptions none = options(10);
  none.workload_regex = "no such workload";
  fails(none);
}

// A row with a "no energy:" label and no counters, as the harness writes a meter failure.
std::string failed_row(const std::string& name) {
  return "{\"name\": \"" + name + "\", \"run_name\": \"" + name +
         "\", \"run_type\": \"iteration\", \"iterations\": 10, \"real_time\": 1, "
         "\"cpu_time\": 1, \"time_unit\": \"ms\", \"label\": \"no energy: psys did not "
         "advance over 2 s (dead sensor)\"}";
}

void expect_error(const std::vector<ResultFile>& files, const ProjectionOptions& o,
                  const std::string& part) {
  try {
    project_deployment(files, o);
    FAIL() << "expected an error containing " << part;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
}

// The VM with a dead sensor: energy_J = 0 measured. Projecting it printed "after -nan days".
TEST(DeploymentProjection, AWorkloadWithZeroJoulesIsAnErrorNamingIt) {
  const std::vector<ResultFile> dead = {
      file({row(kInfer, 100, 0.0, 0.0), row(kInfer, 100, 0.0, 0.0), row(kTrainSame, 1, 0.0, 0.0)})};
  expect_error(dead, options(1e6),
               "workload 'mlp/infer/784-256-256-10/fp32/batch:64' in run.json has no energy "
               "figure (energy_J = 0 (not a measurement); 2 run(s))");
}

TEST(DeploymentProjection, AWorkloadWhoseMeterFailedIsAnErrorSayingWhy) {
  expect_error({file({failed_row(kInfer)})}, options(10), "psys did not advance over 2 s");
  // Without --workload too: the failed row is still the one workload, not "no benchmark".
  ProjectionOptions o = options(10);
  o.workload_regex.reset();
  expect_error({file({failed_row("gemm/128")})}, o, "workload 'gemm/128'");
}

TEST(DeploymentProjection, RepetitionsWithoutEnergyAreLeftOutAndCounted) {
  const std::vector<ResultFile> files = {
      file({row(kInfer, 100, 0.64, 0.0001), row(kInfer, 100, 0.0, 0.0), failed_row(kInfer)})};
  const DeploymentProjection p = project_deployment(files, options(1e6));
  EXPECT_NEAR(p.inference.it_joules, 0.64 / 64, 1e-12);
  EXPECT_EQ(p.inference.runs_without_energy, 2);
  EXPECT_NE(p.inference.missing_reason.find("energy_J = 0"), std::string::npos);
}

TEST(DeploymentProjection, ATrainingRowWithoutEnergyIsNoComparison) {
  const std::vector<ResultFile> files = {
      file({row(kInfer, 100, 0.64, 0.0001), row(kTrainSame, 1, 0.0, 0.0)})};
  const DeploymentProjection p = project_deployment(files, options(1e6));
  EXPECT_FALSE(p.training.has_value());
  EXPECT_FALSE(p.break_even_days.has_value());
  EXPECT_NE(p.training_note.find("the training row " + std::string(kTrainSame) +
                                 " (run.json) has no energy figure"),
            std::string::npos)
      << p.training_note;
}

TEST(DeploymentProjection, FiguresBeyondTheFlagsBoundsAreRefusedNotInf) {
  ProjectionOptions o = options(1e305);
  o.years = 1e6;
  expect_error(fixtures(), o, "--per-day must be a finite number of inferences > 0 and <= 1e+15");
}

TEST(DeploymentProjection, BatchFromName) {
  EXPECT_EQ(batch_from_name("mlp/infer/fp32/batch:256"), 256);
  EXPECT_EQ(batch_from_name("mlp/batch:16/int8"), 16);
  EXPECT_EQ(batch_from_name("mlp/infer/batch:x"), std::nullopt);
  EXPECT_EQ(batch_from_name("mlp/infer/batch:0"), std::nullopt);
  EXPECT_EQ(batch_from_name("mlp/infer/minibatch:4"), std::nullopt);
  EXPECT_EQ(batch_from_name("gemm/128"), std::nullopt);
}

// libstdc++'s std::regex recursed once per character: a 30,000-character benchmark name
// overflowed the stack (SIGSEGV, issue 18), with --workload and with the default training rule.
TEST(DeploymentProjection, AThirtyThousandCharacterNameIsMatchedWithoutOverflow) {
  const std::string long_name = "mlp/infer/" + std::string(30'000, 'a') + "/batch:8";
  const std::vector<ResultFile> files = {file({row(long_name, 10, 0.8, 0.001)})};
  ProjectionOptions o = options(1e3);
  o.workload_regex = "a+";  // names over the regex limit match the pattern as plain text
  expect_error(files, o, "no benchmark with energy counters matches --workload 'a+'");
  o.workload_regex = "infer";
  EXPECT_EQ(project_deployment(files, o).inference.batch, 8);
  o.workload_regex.reset();
  EXPECT_EQ(project_deployment(files, o).inference.workload, long_name);
  // A long segment of digits and dashes is checked by a scan, not a regex.
  std::string arch = "784";
  for (int i = 0; i < 15'000; ++i)
    arch += "-1";
  const std::vector<ResultFile> two_trainings = {file(
      {row("mlp/infer/" + arch + "/batch:8", 10, 0.8, 0.001),
       row(std::string(kTrainSame), 1, 5000.0, 0.8), row(std::string(kTrainOther), 1, 1.0, 0.1)})};
  EXPECT_NO_THROW(project_deployment(two_trainings, options(1e3)));
}

TEST(DeploymentProjection, APatternLongerThanTheLimitIsRefused) {
  ProjectionOptions o = options(1e3);
  o.workload_regex = std::string(300, 'x');
  expect_error(fixtures(), o, "--workload 'xxx");
  expect_error(fixtures(), o, "... (300 bytes) is longer than 256 characters");
}

// Google Benchmark appends /real_time (UseRealTime): "batch:64$" must still find the row.
TEST(DeploymentProjection, PatternsSeeTheNameWithoutTheRealTimeSuffix) {
  const std::string name = std::string(kInfer) + "/real_time";
  const std::vector<ResultFile> files = {file({row(name, 10, 0.64, 0.0001)})};
  ProjectionOptions o = options(1e3);
  o.workload_regex = "batch:64$";
  EXPECT_EQ(project_deployment(files, o).inference.workload, name);
}

TEST(DeploymentProjection, ContextValuesAndNamesInErrorsStayOneLine) {
  ResultFile f = file({row(kInfer, 100, 0.64, 0.0001)});
  f.context["joulebench_pue"] = "1.5\n## injected\nline";
  expect_error({f}, options(1e3), "joulebench_pue '1.5\\n## injected\\nline' is not a PUE");
  ProjectionOptions o = options(1e3);
  o.workload_regex = "no\nmatch";
  expect_error(fixtures(), o, "matches --workload 'no\\nmatch'");
}

}  // namespace
}  // namespace joulebench
