#pragma once
// Which region a run is charged to, in this order: the --region flag, the JOULEBENCH_REGION
// environment variable, the first config file that exists of
//   ./joulebench.json
//   $XDG_CONFIG_HOME/joulebench/config.json   ($HOME/.config/joulebench/config.json without it)
// holding {"region": "FR"}, else none (the world average, marked as a default).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/carbon/carbon_accounting.h"

namespace joulebench {

struct RegionChoice {
  std::optional<std::string> code;  // nullopt: no region anywhere
  std::string chosen_by;            // "--region", "JOULEBENCH_REGION", "config FILE"; or empty
};

// The config files looked at, in order.
std::vector<std::filesystem::path> region_config_candidates();

// The "region" of a config file; nullopt when the file has none. Throws std::runtime_error with
// a one-line reason for unreadable or malformed JSON, or a region that is not a string.
std::optional<std::string> read_region_from_config(const std::filesystem::path& file);

RegionChoice choose_region(const std::optional<std::string>& flag,
                           const std::optional<std::string>& environment,
                           const std::vector<std::filesystem::path>& config_files);

// choose_region with JOULEBENCH_REGION and region_config_candidates().
RegionChoice choose_region(const std::optional<std::string>& flag);

// The accounting for the chosen region (which records where the choice came from) and `pue`,
// checked. Throws std::runtime_error with a one-line reason.
CarbonAccounting carbon_accounting_for_region(const std::optional<std::string>& flag, double pue);

}  // namespace joulebench
