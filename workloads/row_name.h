#pragma once
// A workload's name and labels (joulebench/labels.h) made from the same parts, so the two always
// agree: `family/.../precision/backend/shape...` is the name, the segments other than precision
// and backend are the task, and precision/backend is the variant. Rows of one task (the same
// shape, batch, mode and thread count) are then ranked against each other.

#include <cstdint>
#include <string>
#include <vector>

#include "joulebench/labels.h"
#include "workloads/workload.h"

namespace joulebench {

struct RowName {
  std::vector<std::string> before;  // the task's segments before the precision: {"gemm"}
  std::string precision;            // "fp32", "int8", ...
  std::string backend;              // "joulebench", "onednn", ...; empty: not in the name
  std::vector<std::string> after;   // the task's segments after them: {"512", "threads:2"}
  WorkUnit unit = WorkUnit::iteration;
  std::int64_t batch = 0;  // inputs per iteration; 0 when it does not apply

  std::string name() const;
  RowLabels labels() const;
};

// The spec's name and labels, both from `row`.
void set_row_name(WorkloadSpec& spec, const RowName& row);

}  // namespace joulebench
