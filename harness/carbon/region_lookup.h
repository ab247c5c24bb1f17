#pragma once
// Region codes to grid intensities: countries (alpha-2 or alpha-3), sub-national regions
// (US-CA, CA-QC, AU-NSW), cloud regions (aws:eu-west-3, gcp:europe-west9, azure:francecentral).
// Case and spaces do not matter ("azure:France Central" works).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harness/carbon/carbon_accounting.h"
#include "harness/carbon/grid_tables.h"

namespace joulebench {

// Lower case, whitespace removed: the form every code is compared in.
std::string normalize_region_code(std::string_view code);

class RegionCatalog {
 public:
  // Throws std::runtime_error for a code defined twice or a cloud region whose location is in
  // no grid table.
  explicit RegionCatalog(const CarbonTables& tables);

  // nullopt for an unknown code.
  std::optional<GridIntensity> find(std::string_view code) const;

  // Like find(), but an unknown code throws std::runtime_error with a one-line message that
  // names the closest known codes.
  GridIntensity lookup(std::string_view code) const;

  // Up to `count` known codes nearest to `code`, nearest first (ties in code order).
  std::vector<std::string> closest_codes(std::string_view code, std::size_t count) const;

 private:
  GridIntensity from_grid(const GridRow& row, std::string region) const;

  const CarbonTables& tables_;
  std::unordered_map<std::string, const GridRow*> grid_;
  std::unordered_map<std::string, const CloudRow*> cloud_;
  std::vector<std::string> display_codes_;  // every code and alias as written in the tables
};

// The catalog over active_carbon_tables(), built on first use.
const RegionCatalog& active_region_catalog();

}  // namespace joulebench
