#pragma once
// "Did you mean": the known names nearest to what the user typed, for one-line errors about an
// unknown region, CPU or GPU.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// Levenshtein distance (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `count` of `names`, nearest to `typed` first (ties keep the names' order), both sides
// compared in the form `normalise` gives them: first by how many of the typed words (separated
// by spaces) a name lacks, then by edit distance.
std::vector<std::string> closest_names(
    std::string_view typed, const std::vector<std::string>& names, std::size_t count,
    const std::function<std::string(std::string_view)>& normalise);

}  // namespace joulebench
