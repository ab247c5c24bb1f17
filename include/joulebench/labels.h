#pragma once
// What a benchmark row is, as fields of the result file rather than guessed from its name: the
// task it belongs to (rows of one task are ranked against each other), the variant that sets it
// apart, and what one iteration is. Reporters group and label rows by these fields; only rows
// without them (plain Google Benchmark files) have their names parsed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace joulebench {

// What one iteration of a benchmark is, so energy can be given per unit of useful work.
enum class WorkUnit {
  iteration,  // a kernel call, or anything not known to be more specific
  inference,  // a batch of inferences: J per inference = J per iteration / batch
  step,       // one training step
};

// The unit's name in result files: "iteration", "inference", "step".
constexpr std::string_view work_unit_name(WorkUnit unit) {
  switch (unit) {
    case WorkUnit::inference:
      return "inference";
    case WorkUnit::step:
      return "step";
    case WorkUnit::iteration:
      break;
  }
  return "iteration";
}

// The unit a result file names; nothing for any other word.
constexpr std::optional<WorkUnit> parse_work_unit(std::string_view name) {
  for (WorkUnit unit : {WorkUnit::iteration, WorkUnit::inference, WorkUnit::step}) {
    if (work_unit_name(unit) == name)
      return unit;
  }
  return std::nullopt;
}

struct RowLabels {
  std::string task;        // what is compared, e.g. "leibniz-pi" or "mlp/infer/784-256-10/batch:64"
  std::string variant;     // what sets this row apart within the task, e.g. "terms:1000", "int8"
  std::string precision;   // "fp32", "bf16", "int8", ...; empty when it does not apply
  std::string backend;     // the implementation, e.g. "joulebench", "onednn", "pytorch"; or empty
  std::int64_t batch = 0;  // inputs per iteration; 0 when it does not apply
  WorkUnit unit = WorkUnit::iteration;
};

}  // namespace joulebench
