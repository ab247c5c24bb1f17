#include "harness/carbon/region_lookup.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <stdexcept>

#include "common/closest_names.h"

namespace joulebench {

std::string normalize_region_code(std::string_view code) {
  std::string out;
  for (const char c : code) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isspace(u))
      out += static_cast<char>(std::tolower(u));
  }
  return out;
}

RegionCatalog::RegionCatalog(const CarbonTables& tables) : tables_(tables) {
  auto add_code = [this](const std::string& code) {
    const std::string key = normalize_region_code(code);
    if (grid_.contains(key) || cloud_.contains(key))
      throw std::runtime_error(fmt::format("carbon tables ({}): region code '{}' is defined twice",
                                           tables_.origin, code));
    display_codes_.push_back(code);
    return key;
  };
  for (const GridRow& row : tables.grid) {
    grid_[add_code(row.code)] = &row;
    for (const std::string& alias : row.aliases)
      grid_[add_code(alias)] = &row;
  }
  for (const CloudRow& row : tables.cloud) {
    if (!row.grams_per_kwh && !grid_.contains(normalize_region_code(row.location)))
      throw std::runtime_error(fmt::format("carbon tables ({}): {} is in '{}', which no table has",
                                           tables.origin, row.code, row.location));
    cloud_[add_code(row.code)] = &row;
  }
  std::sort(display_codes_.begin(), display_codes_.end());
}

GridIntensity RegionCatalog::from_grid(const GridRow& row, std::string region) const {
  return {.grams_per_kwh = row.grams_per_kwh,
          .region = std::move(region),
          .source = row.source,
          .year = row.year,
          .is_default = false,
          .name = row.name,
          .method = row.method,
          .chosen_by = {}};
}

std::optional<GridIntensity> RegionCatalog::find(std::string_view code) const {
  const std::string key = normalize_region_code(code);
  if (const auto g = grid_.find(key); g != grid_.end())
    return from_grid(*g->second, g->second->code);
  const auto c = cloud_.find(key);
  if (c == cloud_.end())
    return std::nullopt;
  const CloudRow& cloud = *c->second;
  if (cloud.grams_per_kwh) {
    return GridIntensity{.grams_per_kwh = *cloud.grams_per_kwh,
                         .region = cloud.code,
                         .source = cloud.source,
                         .year = cloud.year,
                         .is_default = false,
                         .name = cloud.name,
                         .method = cloud.method,
                         .chosen_by = {}};
  }
  // AWS and Azure publish no per-region figure: the grid where the region sits stands in.
  const GridRow& grid = *grid_.at(normalize_region_code(cloud.location));
  GridIntensity gi = from_grid(grid, cloud.code);
  gi.name = fmt::format("{}, in {} ({})", cloud.name, grid.code, grid.name);
  gi.source = fmt::format("{}; {}", grid.source, cloud.source);
  return gi;
}

std::vector<std::string> RegionCatalog::closest_codes(std::string_view code,
                                                      std::size_t count) const {
  return closest_names(code, display_codes_, count, normalize_region_code);
}

GridIntensity RegionCatalog::lookup(std::string_view code) const {
  if (auto found = find(code))
    return *found;
  throw std::runtime_error(
      fmt::format("unknown region '{}' (closest known: {}); codes are ISO 3166 (FR, FRA, US-CA), "
                  "aws:REGION, gcp:REGION or azure:REGION (tables: {})",
                  code, fmt::join(closest_codes(code, 3), ", "), tables_.origin));
}

const RegionCatalog& active_region_catalog() {
  static const RegionCatalog kCatalog(active_carbon_tables());
  return kCatalog;
}

}  // namespace joulebench
