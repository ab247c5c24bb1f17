#include "common/closest_names.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace joulebench {

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

std::vector<std::string> closest_names(
    std::string_view typed, const std::vector<std::string>& names, std::size_t count,
    const std::function<std::string(std::string_view)>& normalise) {
  const std::string key = normalise(typed);
  std::vector<std::pair<std::size_t, const std::string*>> ranked;
  for (const std::string& name : names)
    ranked.emplace_back(edit_distance(key, normalise(name)), &name);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < count; ++i)
    out.push_back(*ranked[i].second);
  return out;
}

}  // namespace joulebench
