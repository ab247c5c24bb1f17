#include "harness/whatif/region_comparison.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

namespace joulebench {
namespace {

GramsCO2e charge(Joules facility, double grams_per_kwh) {
  return GramsCO2e{facility.value / kJoulesPerKilowattHour * grams_per_kwh};
}

}  // namespace

std::vector<std::string> split_region_list(std::string_view list) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos)
      out.push_back(item.substr(first, last - first + 1));
    item.clear();
  };
  for (const char c : list) {
    if (c == ',') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

RegionComparison compare_regions(Joules facility_energy, const CarbonTables& tables,
                                 const RegionCatalog& catalog,
                                 const std::vector<std::string>& chosen, std::size_t per_end) {
  std::vector<RegionEmission> pool;
  for (const GridRow& row : tables.grid) {
    if (normalize_region_code(row.code) == "world")
      continue;
    pool.push_back({row.code, row.name, row.grams_per_kwh, row.year, row.method, row.source,
                    charge(facility_energy, row.grams_per_kwh)});
  }
  for (const CloudRow& row : tables.cloud) {
    if (row.grams_per_kwh) {
      pool.push_back({row.code, row.name, *row.grams_per_kwh, row.year, row.method, row.source,
                      charge(facility_energy, *row.grams_per_kwh)});
    }
  }
  // By method, then intensity; ties in code order, so the lists do not depend on table order.
  std::sort(pool.begin(), pool.end(), [](const RegionEmission& a, const RegionEmission& b) {
    if (a.method != b.method)
      return a.method < b.method;
    return a.grams_per_kwh != b.grams_per_kwh ? a.grams_per_kwh < b.grams_per_kwh : a.code < b.code;
  });
  RegionComparison out{
      .facility_energy = facility_energy, .tables = tables.origin, .rankings = {}, .chosen = {}};
  for (auto first = pool.begin(); first != pool.end();) {
    const auto last = std::find_if(
        first, pool.end(), [&](const RegionEmission& r) { return r.method != first->method; });
    const auto count = static_cast<std::size_t>(last - first);
    const auto n = static_cast<std::ptrdiff_t>(std::min(per_end, count));
    RegionRanking ranking{.method = first->method, .ranked = count, .cleanest = {}, .dirtiest = {}};
    ranking.cleanest.assign(first, first + n);
    ranking.dirtiest.assign(std::make_reverse_iterator(last), std::make_reverse_iterator(last) + n);
    out.rankings.push_back(std::move(ranking));
    first = last;
  }
  for (const std::string& code : chosen) {
    const GridIntensity gi = catalog.lookup(code);
    out.chosen.push_back({gi.region, gi.name, gi.grams_per_kwh, gi.year, gi.method, gi.source,
                          charge(facility_energy, gi.grams_per_kwh)});
  }
  return out;
}

RegionComparison compare_regions(Joules facility_energy, const std::vector<std::string>& chosen,
                                 std::size_t per_end) {
  return compare_regions(facility_energy, active_carbon_tables(), active_region_catalog(), chosen,
                         per_end);
}

}  // namespace joulebench
