#include "harness/carbon/region_choice.h"

#include <fmt/format.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/bounded_read.h"

namespace joulebench {
namespace {

// A config file holds a region and a few settings: a few hundred bytes.
constexpr std::uintmax_t kMaxConfigBytes = 1u << 20;

}  // namespace

std::vector<std::filesystem::path> region_config_candidates() {
  std::vector<std::filesystem::path> files = {"joulebench.json"};
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    files.push_back(std::filesystem::path(xdg) / "joulebench" / "config.json");
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    files.push_back(std::filesystem::path(home) / ".config" / "joulebench" / "config.json");
  }
  return files;
}

std::optional<std::string> read_region_from_config(const std::filesystem::path& file) {
  std::string text;
  try {
    text = read_file_bounded(file, kMaxConfigBytes, "a config file");
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("cannot read config file {}", e.what()));
  }
  const nlohmann::json config = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded() || !config.is_object())
    throw std::runtime_error(fmt::format("config file {} is not a JSON object", file.string()));
  const auto region = config.find("region");
  if (region == config.end())
    return std::nullopt;
  if (!region->is_string())
    throw std::runtime_error(
        fmt::format("config file {}: \"region\" must be a string", file.string()));
  return region->get<std::string>();
}

RegionChoice choose_region(const std::optional<std::string>& flag,
                           const std::optional<std::string>& environment,
                           const std::vector<std::filesystem::path>& config_files) {
  if (flag && !flag->empty())
    return {*flag, std::string(kRegionOptionOrigin)};
  if (environment && !environment->empty())
    return {*environment, "JOULEBENCH_REGION"};
  for (const auto& file : config_files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      continue;
    if (auto region = read_region_from_config(file))
      return {std::move(region), fmt::format("config {}", file.string())};
  }
  return {};
}

RegionChoice choose_region(const std::optional<std::string>& flag) {
  std::optional<std::string> environment;
  if (const char* env = std::getenv("JOULEBENCH_REGION"))
    environment = env;
  return choose_region(flag, environment, region_config_candidates());
}

CarbonAccounting carbon_accounting_for_region(const std::optional<std::string>& flag, double pue,
                                              std::string_view flag_name) {
  validate_pue(pue);
  const RegionChoice choice = choose_region(flag);
  std::optional<GridIntensity> intensity;
  try {
    intensity = resolve_grid_intensity(choice.code);
  } catch (const std::runtime_error& e) {
    const std::string_view origin =
        choice.chosen_by == kRegionOptionOrigin ? flag_name : std::string_view(choice.chosen_by);
    if (origin.empty())
      throw;
    throw std::runtime_error(fmt::format("{}: {}", origin, e.what()));
  }
  CarbonAccounting carbon{*intensity, pue};
  carbon.intensity.chosen_by = choice.chosen_by;
  return carbon;
}

}  // namespace joulebench
