#include "harness/system/cpu_info.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace joulebench {
namespace {

std::string value_after_colon(const std::string& line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos)
    return {};
  std::string value = line.substr(colon + 1);
  const std::size_t first = value.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : value.substr(first);
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

bool is_noise_word(const std::string& w) {
  static const std::set<std::string> kNoise = {"cpu",  "processor", "apu",
                                               "with", "radeon",    "graphics"};
  if (kNoise.contains(w))
    return true;
  // "16-core", "64-core"
  return w.ends_with("-core") && std::isdigit(static_cast<unsigned char>(w.front())) != 0;
}

bool has_digit(const std::string& w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(c) != 0; });
}

struct NormalisedTable {
  std::unordered_map<std::string, std::size_t> exact;
  std::vector<std::vector<std::string>> row_words;
};

const NormalisedTable& normalised_table() {
  static const NormalisedTable table = [] {
    NormalisedTable t;
    const auto rows = cpu_tdp_table();
    t.row_words.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string n = normalise_cpu_model(rows[i].name);
      t.exact.emplace(n, i);
      t.row_words.push_back(words(n));
    }
    return t;
  }();
  return table;
}

}  // namespace

CpuInfo read_cpu_info(const std::string& path, const FileSystem& fs) {
  CpuInfo info;
  const FileText file = fs.read_text(path);
  std::istringstream in(file.text);
  std::set<std::string> physical_ids;
  int processors = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("processor")) {
      ++processors;
    } else if (line.starts_with("model name") && info.model.empty()) {
      info.model = value_after_colon(line);
    } else if (line.starts_with("physical id")) {
      physical_ids.insert(value_after_colon(line));
    }
  }
  info.logical_cpus = std::max(processors, 1);
  info.sockets = std::max(static_cast<int>(physical_ids.size()), 1);
  return info;
}

std::string normalise_cpu_model(std::string_view model) {
  std::string text(model);
  for (const char* mark : {"(R)", "(r)", "(TM)", "(tm)", "®", "™"}) {
    for (std::size_t at; (at = text.find(mark)) != std::string::npos;)
      text.erase(at, std::char_traits<char>::length(mark));
  }
  if (const std::size_t at = text.find('@'); at != std::string::npos)
    text.erase(at);  // the clock speed, not part of the model
  for (char& c : text) {
    const auto u = static_cast<unsigned char>(c);
    c = (std::isalnum(u) != 0 || c == '-' || c == '.' || (u & 0x80) != 0)
            ? static_cast<char>(std::tolower(u))
            : ' ';
  }
  std::string out;
  for (const std::string& w : words(text)) {
    if (is_noise_word(w))
      continue;
    if (!out.empty())
      out += ' ';
    out += w;
  }
  return out;
}

std::optional<CpuTdpRow> match_cpu_tdp(std::string_view model) {
  const std::string normalised = normalise_cpu_model(model);
  if (normalised.empty())
    return std::nullopt;
  const NormalisedTable& table = normalised_table();
  const auto rows = cpu_tdp_table();
  if (const auto it = table.exact.find(normalised); it != table.exact.end())
    return rows[it->second];

  const std::vector<std::string> model_words = words(normalised);
  const std::set<std::string> model_set(model_words.begin(), model_words.end());
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = table.row_words[i];
    if (row.size() < 3 || std::none_of(row.begin(), row.end(), has_digit))
      continue;
    const bool all_present = std::all_of(
        row.begin(), row.end(), [&](const std::string& w) { return model_set.contains(w); });
    if (all_present && (!best || row.size() > table.row_words[*best].size()))
      best = i;
  }
  if (best)
    return rows[*best];
  // "Xeon Gold 6430" for "Intel Xeon Gold 6430": the vendor left out, everything else exact.
  // Only when one row fits, so a name two vendors share is never guessed.
  std::optional<std::size_t> without_vendor;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = table.row_words[i];
    if (row.size() < 2 ||
        !std::equal(row.begin() + 1, row.end(), model_words.begin(), model_words.end()))
      continue;
    if (without_vendor)
      return std::nullopt;
    without_vendor = i;
  }
  if (without_vendor && std::any_of(model_words.begin(), model_words.end(), has_digit))
    return rows[*without_vendor];
  return std::nullopt;
}

}  // namespace joulebench
