#pragma once
// Which region a run is charged to, in this order: the region option (`joulebench run --region`,
// a JOULEBENCH_MAIN program's --joulebench_region), the JOULEBENCH_REGION
// environment variable, the first config file that exists of
//   ./joulebench.json
//   $XDG_CONFIG_HOME/joulebench/config.json   ($HOME/.config/joulebench/config.json without it)
// holding {"region": "FR"}, else none (the world average, marked as a default).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/carbon/carbon_accounting.h"

namespace joulebench {

// Where a region given by the option is said to come from, in result files and messages that
// do not know the front end: each front end spells the option its own way.
inline constexpr std::string_view kRegionOptionOrigin = "region option";

struct RegionChoice {
  std::optional<std::string> code;  // nullopt: no region anywhere
  std::string chosen_by;  // kRegionOptionOrigin, "JOULEBENCH_REGION", "config FILE"; or empty
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
// checked. Throws std::runtime_error with a one-line reason; an unknown region is prefixed with
// where it came from (`flag_name`, e.g. "--joulebench_region", when the option gave it; the
// variable or config file otherwise), since the user may not know JOULEBENCH_REGION is set.
CarbonAccounting carbon_accounting_for_region(const std::optional<std::string>& flag, double pue,
                                              std::string_view flag_name = {});

}  // namespace joulebench
