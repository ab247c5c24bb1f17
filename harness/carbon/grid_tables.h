#pragma once
// The grid-intensity tables of data/carbon/, as rows. They are compiled into the binary (see
// embed_tables.cmake) and parsed once; JOULEBENCH_CARBON_TABLES=DIR reads another directory of
// tables with the same columns instead.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// A country, sub-national region or the world: a figure of its own.
struct GridRow {
  std::string code;                  // ISO 3166-1 alpha-2, ISO 3166-2, or WORLD
  std::vector<std::string> aliases;  // e.g. the alpha-3 code
  std::string name;
  double grams_per_kwh = 0.0;
  int year = 0;
  std::string method;  // lifecycle | direct
  std::string source;
};

// A cloud region: either a figure of its own (GCP, from Google) or the location it sits in
// (AWS, Azure), whose GridRow gives the figure.
struct CloudRow {
  std::string code;  // provider:region, lower case
  std::string name;
  std::string location;  // a GridRow code; empty when grams_per_kwh is set
  std::optional<double> grams_per_kwh;
  int year = 0;
  std::string method;
  std::string source;
};

struct CarbonTables {
  std::string origin;  // "built-in" or the directory read
  std::vector<GridRow> grid;
  std::vector<CloudRow> cloud;
};

struct TableText {
  std::string_view file_name;
  std::string_view text;
};

// The CSV files of data/carbon/ as compiled in (generated at build time).
std::span<const TableText> embedded_table_texts();

// Parses tables; cloud_regions.csv holds cloud rows, every other file grid rows. Throws
// std::runtime_error with a one-line reason naming the file and line.
CarbonTables parse_carbon_tables(std::span<const TableText> tables, std::string origin);

// Reads every *.csv of `directory` (same rules). Throws std::runtime_error.
CarbonTables load_carbon_tables(const std::filesystem::path& directory);

// The tables in use: JOULEBENCH_CARBON_TABLES's directory when set, else the built-in ones.
// Parsed on first use.
const CarbonTables& active_carbon_tables();

}  // namespace joulebench
