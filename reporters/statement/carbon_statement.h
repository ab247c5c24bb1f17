#pragma once
// A carbon impact statement for a paper or a model card, from joulebench result files: energy
// (kWh), emissions (kg CO2e), where and how they were obtained, and everyday equivalents.

#include <ostream>
#include <string>
#include <vector>

#include "common/social_cost.h"
#include "reporters/result_file.h"

namespace joulebench {

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
  std::string meter;  // "model (estimated): ..."
  int benchmarks = 0;
  double it_energy_joules = 0.0;  // all measured windows, all repetitions
  double co2_grams = 0.0;         // PUE and grid intensity applied, as recorded per benchmark
};

struct CarbonStatement {
  std::vector<StatementSource> sources;
  double it_energy_joules = 0.0;
  double co2_grams = 0.0;
  // The damage the emissions do, in money; the renderers state the figure and its source.
  SocialCostOfCarbon scc{};
};

// Sums energy_J x iterations and co2_g x iterations over the iteration rows of each file (the
// measured windows; Google Benchmark's calibration calls are not in the file). Throws
// std::runtime_error naming a file that carries no joulebench energy counters.
CarbonStatement build_carbon_statement(const std::vector<ResultFile>& files);

void write_statement_markdown(std::ostream& out, const CarbonStatement& statement);
// A LaTeX fragment (no preamble) for \input.
void write_statement_latex(std::ostream& out, const CarbonStatement& statement);

}  // namespace joulebench
