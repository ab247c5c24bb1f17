#include "harness/carbon/region_lookup.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <stdexcept>

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

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the dynamic-programming table at a time.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
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
  const std::string key = normalize_region_code(code);
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const std::string& known : display_codes_)
    ranked.emplace_back(edit_distance(key, normalize_region_code(known)), known);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < count; ++i)
    out.push_back(ranked[i].second);
  return out;
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
