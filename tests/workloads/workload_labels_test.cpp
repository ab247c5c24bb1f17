// Every workload of this build carries labels (joulebench/labels.h), made from the same parts
// as its name, so its rows in a result file say what they are instead of leaving the reporters
// to parse the name. For our names the reporters' parser (kept for files without labels) must
// read the same: a leaderboard of an old file and of a new one group rows alike.

#include <gtest/gtest.h>

#include "reporters/leaderboard/benchmark_name.h"
#include "workloads/row_name.h"
#include "workloads/workload.h"

namespace joulebench {
namespace {

TEST(WorkloadLabels, EveryWorkloadHasLabelsThatAgreeWithItsName) {
  const std::vector<WorkloadSpec> specs = all_workloads();
  ASSERT_FALSE(specs.empty());
  for (const WorkloadSpec& spec : specs) {
    SCOPED_TRACE(spec.name);
    const RowLabels& labels = spec.labels;
    ASSERT_FALSE(labels.task.empty());
    const BenchmarkName parsed = parse_benchmark_name(spec.name + "/real_time");
    EXPECT_EQ(parsed.workload, spec.name);
    EXPECT_EQ(labels.task, parsed.task);
    EXPECT_EQ(labels.variant, parsed.variant);
    EXPECT_EQ(labels.precision, parsed.precision);
    EXPECT_EQ(labels.backend, parsed.backend);
    EXPECT_EQ(labels.unit, parsed.unit);
    EXPECT_EQ(labels.batch > 0 ? labels.batch : 1, parsed.batch);
  }
}

TEST(WorkloadLabels, NameAndLabelsComeFromTheSameParts) {
  const RowName row{.before = {"mlp", "infer"},
                    .precision = "int8",
                    .backend = "pytorch",
                    .after = {"784-256-10", "batch:64"},
                    .unit = WorkUnit::inference,
                    .batch = 64};
  EXPECT_EQ(row.name(), "mlp/infer/int8/pytorch/784-256-10/batch:64");
  const RowLabels labels = row.labels();
  EXPECT_EQ(labels.task, "mlp/infer/784-256-10/batch:64");
  EXPECT_EQ(labels.variant, "int8/pytorch");
  EXPECT_EQ(labels.batch, 64);
  const RowName ours{.before = {"mlp", "infer"},
                     .precision = "fp32",
                     .backend = "",
                     .after = {"784-256-10", "batch:1"},
                     .unit = WorkUnit::inference,
                     .batch = 1};
  EXPECT_EQ(ours.name(), "mlp/infer/fp32/784-256-10/batch:1");
  EXPECT_EQ(ours.labels().variant, "fp32");
}

}  // namespace
}  // namespace joulebench
