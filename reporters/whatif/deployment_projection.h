#pragma once
// From a measured inference workload to a deployment's footprint: J per inference x inferences per
// day, over days and years, beside the energy recorded for training the same model, so one sees
// when serving overtakes training.
//
// J per inference: a row's energy_J is per benchmark iteration. A name with a `batch:B` segment
// (mlp/infer/.../batch:64) runs B inferences per iteration, so J per inference = energy_J / B; a
// name without one counts one inference per iteration. Repetitions are pooled: sum of energy_J x
// iterations over sum of iterations x B.
//
// Training: rows named mlp/train-to-accuracy/... (or matching --training) record one training run
// to the target accuracy per iteration, so their energy_J is the energy of one training run. When
// several such rows exist, the one whose architecture segment (e.g. 784-256-256-10) also appears in
// the inference row's name is taken; still several or none: no comparison, and the projection
// says why.

#include <optional>
#include <string>
#include <vector>

#include "common/social_cost.h"
#include "reporters/result_file.h"

namespace joulebench {

struct InferenceCost {
  std::string workload;  // run name
  std::string file;
  std::int64_t batch = 1;
  // Where the batch came from: the row's labels, a batch:B segment of its name, or neither (one
  // inference per iteration).
  enum class BatchSource { labels, name, none } batch_source = BatchSource::none;
  double it_joules = 0.0;       // per inference
  double co2_grams = 0.0;       // per inference, with the run's PUE and intensity
  double pue = 1.0;             // as recorded (1 when the file has none)
  std::string intensity;        // as recorded, for the reader
  std::string meter;            // "rapl (measured)", "model (estimated)", as recorded
  int runs_without_energy = 0;  // repetitions left out: no energy figure (row_energy.h)
  std::string missing_reason;   // of the first one left out
};

struct TrainingCost {
  std::string workload;
  std::string file;
  double it_joules = 0.0;  // one training run
  double co2_grams = 0.0;
};

struct ProjectionOptions {
  std::optional<std::string> workload_regex;  // which inference workload
  std::optional<std::string> training_regex;  // which training row; default mlp/train-to-accuracy/
  double per_day = 0.0;                       // inferences per day
  double years = 1.0;
  std::optional<double> price_per_kwh;  // of facility energy
  SocialCostOfCarbon scc{};
};

struct Footprint {
  double it_joules = 0.0;
  double facility_joules = 0.0;  // x PUE
  double co2_grams = 0.0;
  std::optional<double> cost;  // facility kWh x price
  double scc_usd = 0.0;
};

struct DeploymentProjection {
  InferenceCost inference;
  ProjectionOptions options;
  Footprint per_day;
  Footprint per_year;  // 365 days
  Footprint total;     // over options.years
  std::optional<TrainingCost> training;
  std::string training_note;  // why there is no comparison, or which rule picked the row
  std::optional<double> break_even_days;  // training IT energy / daily inference IT energy
};

// Rows without an energy figure (energy_J absent, not finite or <= 0, or a "no energy:" label;
// see reporters/row_energy.h) are never pooled: a workload with some such repetitions is
// projected from the others (runs_without_energy says how many were left out); a training row
// with none is no comparison (training_note says why).
//
// Throws std::runtime_error with one line: no inference row, several workloads match (naming
// them), the chosen workload has no energy figure (naming it and why), a bad regex, per_day <= 0,
// years <= 0, a negative price, figures too large for a double.
DeploymentProjection project_deployment(const std::vector<ResultFile>& files,
                                        const ProjectionOptions& options);

// "mlp/infer/784-256-256-10/fp32/batch:64" -> 64; nullopt without a batch:B segment.
std::optional<int> batch_from_name(const std::string& run_name);

}  // namespace joulebench
