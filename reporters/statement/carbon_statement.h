#pragma once
// A carbon impact statement for a paper or a model card, from joulebench result files: energy
// (kWh), emissions (kg CO2e), where and how they were obtained, and everyday equivalents.

#include <ostream>
#include <string>
#include <vector>

#include "common/social_cost.h"
#include "reporters/result_file.h"

namespace joulebench {

// Benchmark runs of one name left out of the sums because they carry no energy figure (see
// reporters/row_energy.h): listed, never counted as 0.
struct MissingEnergy {
  std::string benchmark;  // run name
  std::string reason;     // why, e.g. "energy_J = 0 (a sensor that did not advance; ...)"
  int runs = 0;           // iteration rows (repetitions) of this name with this reason
};

// What one result file contributes. Context entries are shown as recorded.
struct StatementSource {
  std::string file;
  std::string host;
  std::string hardware;  // CPU model
  std::string region;
  std::string intensity;  // gCO2e/kWh, or how an hourly series was used
  std::string intensity_source;
  std::string intensity_method;
  std::string pue;
  std::string meter;              // "model (estimated): ..."
  std::string provenance;         // joulebench_provenance: "measured", "estimated", or ""
  int benchmarks = 0;             // iteration rows with an energy figure (counted below)
  double it_energy_joules = 0.0;  // all measured windows, all repetitions
  double co2_grams = 0.0;         // PUE and grid intensity applied, as recorded per benchmark
  std::vector<MissingEnergy> without_energy{};  // not in the sums above

  int runs_without_energy() const;
};

struct CarbonStatement {
  std::vector<StatementSource> sources;
  double it_energy_joules = 0.0;
  double co2_grams = 0.0;
  // The damage the emissions do, in money; the renderers state the figure and its source.
  SocialCostOfCarbon scc{};
};

// Sums energy_J x iterations and co2_g x iterations over the iteration rows of each file (the
// measured windows; Google Benchmark's calibration calls are not in the file). A row without an
// energy figure (energy_J absent, not finite or <= 0, or a "no energy:" label) or without a
// co2_g is not summed but listed in its source's without_energy. Errored rows are skipped.
// Throws std::runtime_error (one line) naming a file that is not a joulebench run (no energy
// counters, no meter in its context), or when no row of any file has an energy figure: there is
// nothing to state, and "0 kWh" would be a figure made of missing data.
CarbonStatement build_carbon_statement(const std::vector<ResultFile>& files);

void write_statement_markdown(std::ostream& out, const CarbonStatement& statement);
// A LaTeX fragment (no preamble) for \input.
void write_statement_latex(std::ostream& out, const CarbonStatement& statement);

}  // namespace joulebench
