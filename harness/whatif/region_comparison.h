#pragma once
// What moving a job would change: the same facility energy charged with the intensity of the
// cleanest and dirtiest regions of the tables, and of regions the user names. The tables mix
// lifecycle figures (generation, fuel supply and construction) and direct ones (combustion
// only), which are not comparable: each method is ranked on its own, and every row keeps its
// method.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/units.h"
#include "harness/carbon/grid_tables.h"
#include "harness/carbon/region_lookup.h"

namespace joulebench {

struct RegionEmission {
  std::string code;
  std::string name;
  double grams_per_kwh = 0.0;
  int year = 0;
  std::string method;
  std::string source;
  GramsCO2e co2;
};

// The regions of one method, ranked by intensity.
struct RegionRanking {
  std::string method;                    // as in the tables, e.g. "lifecycle" or "direct"
  std::size_t ranked = 0;                // regions with a figure of their own and this method
  std::vector<RegionEmission> cleanest;  // lowest intensity first
  std::vector<RegionEmission> dirtiest;  // highest intensity first
};

struct RegionComparison {
  Joules facility_energy;
  std::string tables;                   // "built-in" or the directory read
  std::vector<RegionRanking> rankings;  // one per method, in the methods' alphabetical order
  std::vector<RegionEmission> chosen;   // in the order asked
};

// "FR, PL,aws:us-east-1" -> {"FR", "PL", "aws:us-east-1"}; empty items dropped.
std::vector<std::string> split_region_list(std::string_view list);

// Ranks, per method, every grid row (not WORLD) and every cloud region with a figure of its own
// (AWS and Azure regions only repeat their location's figure, so they would crowd the list),
// per_end regions at each end. Unknown chosen codes throw the catalog's one-line error with the
// closest codes.
RegionComparison compare_regions(Joules facility_energy, const CarbonTables& tables,
                                 const RegionCatalog& catalog,
                                 const std::vector<std::string>& chosen, std::size_t per_end);

// With the active tables.
RegionComparison compare_regions(Joules facility_energy, const std::vector<std::string>& chosen,
                                 std::size_t per_end = 5);

}  // namespace joulebench
