#include "common/closest_names.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace joulebench {
namespace {

// The space-separated words of `text`, as views into it.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > start)
      out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

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
  const std::vector<std::string_view> typed_words = words_of(key);
  // First the names that share most of the typed words ("Apple M2" finds the Apple parts before
  // "TL-52", which is fewer edits away), then the fewest edits.
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, const std::string*>> ranked;
  for (const std::string& name : names) {
    const std::string candidate = normalise(name);
    const std::vector<std::string_view> candidate_words = words_of(candidate);
    const auto missing = static_cast<std::size_t>(
        std::count_if(typed_words.begin(), typed_words.end(), [&](std::string_view w) {
          return std::find(candidate_words.begin(), candidate_words.end(), w) ==
                 candidate_words.end();
        }));
    ranked.push_back({{missing, edit_distance(key, candidate)}, &name});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < count; ++i)
    out.push_back(*ranked[i].second);
  return out;
}

}  // namespace joulebench
