#include "harness/carbon/grid_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/bounded_read.h"
#include "common/error_text.h"
#include "harness/carbon/csv_fields.h"

namespace joulebench {
namespace {

constexpr std::string_view kCloudTable = "cloud_regions.csv";
// The built-in tables are tens of KB; a user's table of every grid zone is still well under this.
constexpr std::uintmax_t kMaxCarbonTableBytes = 16u << 20;

// The columns of one CSV, by name, so column order in a user's table does not matter.
class Columns {
 public:
  Columns(const std::vector<std::string>& header, std::string_view file) : file_(file) {
    for (std::size_t i = 0; i < header.size(); ++i)
      index_[header[i]] = i;
  }
  void require(std::initializer_list<const char*> names) const {
    for (const char* n : names) {
      if (!index_.contains(n))
        throw std::runtime_error(fmt::format("{}: missing column {}", file_, quoted_value(n)));
    }
  }
  const std::string& get(const std::vector<std::string>& row, const char* name) const {
    static const std::string kEmpty;
    const std::size_t i = index_.at(name);
    return i < row.size() ? row[i] : kEmpty;
  }

 private:
  std::string file_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

double parse_intensity(const std::string& text) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < 0.0) {
    throw std::runtime_error(
        fmt::format("gCO2e_per_kWh {} is not a number >= 0", quoted_value(text)));
  }
  return value;
}

int parse_year(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1900 || value > 2200)
    throw std::runtime_error(fmt::format("year {} is not a year", quoted_value(text)));
  return value;
}

std::vector<std::string> split_aliases(const std::string& text) {
  std::vector<std::string> aliases;
  std::istringstream words(text);
  for (std::string w; words >> w;)
    aliases.push_back(w);
  return aliases;
}

void parse_one(const TableText& table, CarbonTables& out) {
  const std::string file(table.file_name);
  const bool cloud = table.file_name == kCloudTable;
  std::istringstream lines{std::string(table.text)};
  std::string line;
  int line_number = 0;
  std::optional<Columns> columns;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty() || line == "\r")
      continue;
    try {
      const std::vector<std::string> fields = split_csv_line(line);
      if (!columns) {
        columns.emplace(fields, file);
        columns->require({"code", "name", "gCO2e_per_kWh", "year", "method", "source"});
        if (cloud)
          columns->require({"location"});
        continue;
      }
      const Columns& c = *columns;
      if (cloud) {
        CloudRow row;
        row.code = c.get(fields, "code");
        row.name = c.get(fields, "name");
        row.location = c.get(fields, "location");
        if (const std::string& g = c.get(fields, "gCO2e_per_kWh"); !g.empty()) {
          row.grams_per_kwh = parse_intensity(g);
          row.year = parse_year(c.get(fields, "year"));
        } else if (row.location.empty()) {
          throw std::runtime_error("neither gCO2e_per_kWh nor location");
        }
        row.method = c.get(fields, "method");
        row.source = c.get(fields, "source");
        out.cloud.push_back(std::move(row));
      } else {
        GridRow row{.code = c.get(fields, "code"),
                    .aliases = split_aliases(c.get(fields, "aliases")),
                    .name = c.get(fields, "name"),
                    .grams_per_kwh = parse_intensity(c.get(fields, "gCO2e_per_kWh")),
                    .year = parse_year(c.get(fields, "year")),
                    .method = c.get(fields, "method"),
                    .source = c.get(fields, "source")};
        out.grid.push_back(std::move(row));
      }
      if (cloud ? out.cloud.back().code.empty() : out.grid.back().code.empty())
        throw std::runtime_error("empty code");
    } catch (const std::runtime_error& e) {
      if (!columns)
        throw;
      throw std::runtime_error(fmt::format("{} line {}: {}", file, line_number, e.what()));
    }
  }
  if (!columns)
    throw std::runtime_error(fmt::format("{}: empty table", file));
}

}  // namespace

CarbonTables parse_carbon_tables(std::span<const TableText> tables, std::string origin) {
  CarbonTables out;
  out.origin = std::move(origin);
  for (const TableText& t : tables)
    parse_one(t, out);
  return out;
}

CarbonTables load_carbon_tables(const std::filesystem::path& directory) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".csv")
      files.push_back(entry.path());
  }
  if (ec)
    throw std::runtime_error(
        fmt::format("cannot read carbon tables in {}: {}", directory.string(), ec.message()));
  if (files.empty())
    throw std::runtime_error(fmt::format("no *.csv carbon tables in {}", directory.string()));
  std::sort(files.begin(), files.end());
  std::vector<std::string> names;
  std::vector<std::string> texts;
  for (const auto& f : files) {
    // Any kind of file, never more than the limit (common/bounded_read.h).
    texts.push_back(read_file_bounded(f, kMaxCarbonTableBytes, "a carbon table"));
    names.push_back(f.filename().string());
  }
  std::vector<TableText> tables;
  for (std::size_t i = 0; i < names.size(); ++i)
    tables.push_back({names[i], texts[i]});
  return parse_carbon_tables(tables, directory.string());
}

const CarbonTables& active_carbon_tables() {
  static const CarbonTables kTables = [] {
    const char* dir = std::getenv("JOULEBENCH_CARBON_TABLES");
    if (dir && *dir)
      return load_carbon_tables(dir);
    return parse_carbon_tables(embedded_table_texts(), "built-in");
  }();
  return kTables;
}

}  // namespace joulebench
