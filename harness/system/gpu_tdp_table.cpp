#include "harness/system/gpu_tdp_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/closest_names.h"
#include "harness/carbon/csv_fields.h"

namespace joulebench {
namespace {

constexpr const char* kColumns[] = {"name",         "aliases",    "form_factor", "tdp_watts",
                                    "source_title", "source_url", "source_year", "note"};

double parse_watts(const std::string& text) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value <= 0.0)
    throw std::runtime_error(fmt::format("tdp_watts '{}' is not a number above 0", text));
  return value;
}

int parse_year(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1990 || value > 2100)
    throw std::runtime_error(fmt::format("source_year '{}' is not a year", text));
  return value;
}

std::vector<std::string> split_aliases(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string alias; std::getline(in, alias, ';');) {
    if (!alias.empty())
      out.push_back(alias);
  }
  return out;
}

GpuTdpRow parse_row(const std::vector<std::string>& fields,
                    const std::map<std::string, std::size_t>& column) {
  auto get = [&](const char* name) -> std::string {
    const std::size_t i = column.at(name);
    return i < fields.size() ? fields[i] : std::string();
  };
  GpuTdpRow row{.name = get("name"),
                .aliases = split_aliases(get("aliases")),
                .form_factor = get("form_factor"),
                .tdp_watts = parse_watts(get("tdp_watts")),
                .source_title = get("source_title"),
                .source_url = get("source_url"),
                .source_year = parse_year(get("source_year")),
                .note = get("note")};
  if (row.name.empty())
    throw std::runtime_error("empty name");
  if (row.source_title.empty() || !row.source_url.starts_with("https://"))
    throw std::runtime_error(
        fmt::format("{}: a row needs a source_title and an https:// source_url", row.name));
  return row;
}

}  // namespace

std::vector<GpuTdpRow> parse_gpu_tdp_table(std::string_view csv_text) {
  std::istringstream lines{std::string(csv_text)};
  std::map<std::string, std::size_t> column;
  std::vector<GpuTdpRow> rows;
  std::set<std::string> names;
  int line_number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    try {
      const std::vector<std::string> fields = split_csv_line(line);
      if (column.empty()) {
        for (std::size_t i = 0; i < fields.size(); ++i)
          column[fields[i]] = i;
        for (const char* c : kColumns) {
          if (!column.contains(c))
            throw std::runtime_error(fmt::format("missing column '{}'", c));
        }
        continue;
      }
      GpuTdpRow row = parse_row(fields, column);
      // Names and aliases are looked up normalised, so one key in two rows would make a lookup
      // depend on row order. (Within a row, an alias may normalise to the name.)
      std::set<std::string> keys = {normalise_gpu_model(row.name)};
      for (const std::string& alias : row.aliases)
        keys.insert(normalise_gpu_model(alias));
      for (const std::string& key : keys) {
        if (!names.insert(key).second)
          throw std::runtime_error(fmt::format("'{}' is in two rows", key));
      }
      rows.push_back(std::move(row));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(fmt::format("gpu_tdp.csv line {}: {}", line_number, e.what()));
    }
  }
  if (rows.empty())
    throw std::runtime_error("gpu_tdp.csv: no rows");
  return rows;
}

std::span<const GpuTdpRow> gpu_tdp_table() {
  static const std::vector<GpuTdpRow> kRows = parse_gpu_tdp_table(embedded_gpu_tdp_csv());
  return kRows;
}

std::string normalise_gpu_model(std::string_view model) {
  static const std::set<std::string> kBrandWords = {"nvidia", "amd", "tesla", "geforce",
                                                    "instinct"};
  std::string out;
  std::string word;
  auto flush = [&] {
    if (!kBrandWords.contains(word))
      out += word;
    word.clear();
  };
  for (const char c : model) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

GpuLookup find_gpu_tdp(std::string_view model, std::span<const GpuTdpRow> table) {
  const std::string key = normalise_gpu_model(model);
  if (!key.empty()) {
    for (const GpuTdpRow& row : table) {
      if (normalise_gpu_model(row.name) == key)
        return GpuMatch{&row};
      for (const std::string& alias : row.aliases) {
        if (normalise_gpu_model(alias) == key)
          return GpuMatch{&row};
      }
    }
    std::vector<const GpuTdpRow*> family;
    for (const GpuTdpRow& row : table) {
      if (normalise_gpu_model(row.name).starts_with(key))
        family.push_back(&row);
    }
    const bool one_figure =
        !family.empty() && std::all_of(family.begin(), family.end(), [&](const GpuTdpRow* r) {
          return r->tdp_watts == family.front()->tdp_watts;
        });
    if (one_figure)
      return GpuMatch{family.front()};
    if (!family.empty())
      return GpuAmbiguous{family};
  }
  // Nearest by edit distance; on a tie, the longer shared prefix ("h100x" is nearer the H100s
  // than the V100S, though one edit from each).
  struct Ranked {
    std::size_t distance;
    std::size_t prefix;
    const std::string* name;
  };
  auto shared_prefix = [&key](const std::string& other) {
    std::size_t n = 0;
    while (n < key.size() && n < other.size() && key[n] == other[n])
      ++n;
    return n;
  };
  std::vector<Ranked> ranked;
  for (const GpuTdpRow& row : table) {
    Ranked r{std::string::npos, 0, &row.name};
    std::vector<std::string> keys = {normalise_gpu_model(row.name)};
    for (const std::string& alias : row.aliases)
      keys.push_back(normalise_gpu_model(alias));
    for (const std::string& k : keys) {
      const std::size_t d = edit_distance(key, k);
      const std::size_t p = shared_prefix(k);
      if (d < r.distance || (d == r.distance && p > r.prefix)) {
        r.distance = d;
        r.prefix = p;
      }
    }
    ranked.push_back(r);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.prefix > b.prefix;
  });
  GpuUnknown unknown;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
    unknown.closest.push_back(*ranked[i].name);
  return unknown;
}

GpuLookup find_gpu_tdp(std::string_view model) {
  return find_gpu_tdp(model, gpu_tdp_table());
}

}  // namespace joulebench
