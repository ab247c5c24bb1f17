#pragma once
// What runs inside the timed loop. A workload knows nothing of energy: it does its setup in its
// constructor (outside the timed loop), one iteration of work per run(), and declares how much
// arithmetic that iteration is.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "joulebench/labels.h"

namespace joulebench {

class Workload {
 public:
  virtual ~Workload() = default;
  // One iteration of work. Results must land in memory the workload owns, so the compiler
  // cannot drop the work.
  virtual void run() = 0;
  // Analytic floating-point (or integer) operations per iteration; a multiply-add counts 2.
  virtual double flops_per_iteration() const = 0;
  // What the iteration's result is worth, attached as counters beside its cost: `rel_error`
  // against an fp64 reference for kernels, `accuracy` on held-out data for models (names in
  // common/result_schema.h). Called once per benchmark call before the timed loop starts, so
  // computing it never counts toward the energy.
  virtual std::map<std::string, double> quality() const { return {}; }
  // Figures known only once the timed loop has run (say the accuracy a training run reached and
  // the epochs it took), attached as counters like quality(). Called right after the loop,
  // before the energy is read, so it must only report what run() already computed.
  virtual std::map<std::string, double> outcome() const { return {}; }
  // Which implementation runs (say "avx512-vnni" or "portable"), shown in the row's label so
  // a leaderboard says which code path it measured.
  virtual std::string implementation() const { return {}; }
};

struct WorkloadSpec {
  std::string name;         // "gemm/fp32/eigen/256": task/precision/backend/size
  std::string description;  // one line for `joulebench list`
  std::function<std::unique_ptr<Workload>()> make;  // allocates and fills the inputs
  // Whether `joulebench run` without --filter runs it: the default suite stays a few minutes;
  // the other sizes, thread counts and variants run when a filter names them.
  bool in_default_suite = true;
  // Iterations per benchmark call; 0 lets Google Benchmark choose. 1 suits a workload whose one
  // iteration is a whole task (training to a target accuracy).
  int iterations = 0;
  // Checks what the workload reads before anything runs (its data set present, readable, and
  // large enough for its batch); throws std::runtime_error with one line naming the file and the
  // numbers. Empty: nothing to check. `make` repeats the check, so a workload built without it
  // fails with the same line instead of reading past its data.
  std::function<void()> check_inputs = nullptr;
  // What the row is, written into the result file so reporters need not parse the name
  // (row_name.h builds both from the same parts). An empty task: the row carries no labels.
  RowLabels labels = {};
};

// Every workload of this build, in a stable order.
std::vector<WorkloadSpec> all_workloads();

// The workloads whose names contain a match of `regex` (ECMAScript, as std::regex_search); an
// empty pattern selects the default suite (in_default_suite), or all with include_all. Throws
// std::runtime_error with a one-line reason for a bad regex.
std::vector<WorkloadSpec> select_workloads(const std::string& regex, bool include_all = false);

// Workloads this build left out and why (say, a peer library not found at configure time), one
// line each, for `joulebench list`.
std::vector<std::string> workloads_not_built();

}  // namespace joulebench
