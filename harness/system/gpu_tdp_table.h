#pragma once
// The GPU TDP table, compiled in from data/hardware/gpu_tdp.csv (see data/README.md): one row per
// model and form factor, because the same chip draws different power as an SXM module and as a
// PCIe card (H100: 700 W against 350 W).

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace joulebench {

struct GpuTdpRow {
  std::string name;                  // "NVIDIA H100 SXM"
  std::vector<std::string> aliases;  // other spellings, e.g. NVML's "NVIDIA H100 80GB HBM3"
  std::string form_factor;           // SXM5, PCIe, OAM, ...
  double tdp_watts = 0.0;
  std::string source_title;  // datasheet title
  std::string source_url;
  int source_year = 0;
  std::string note;  // what the figure is ("max thermal design power"), or a caveat
};

// The CSV as compiled in (generated at build time by cmake/embed_text.cmake).
std::string_view embedded_gpu_tdp_csv();

// Parses the table. Throws std::runtime_error naming the line for a row without a name, a TDP
// above 0 W, or a source (title, URL and year); a figure without a source does not belong here.
std::vector<GpuTdpRow> parse_gpu_tdp_table(std::string_view csv_text);

// The built-in table, parsed on first use.
std::span<const GpuTdpRow> gpu_tdp_table();

// Lower case, vendor and brand words (nvidia, amd, tesla, geforce, instinct) dropped, and
// everything but letters and digits removed: "NVIDIA H100-SXM" and "h100 sxm" are both "h100sxm".
std::string normalise_gpu_model(std::string_view model);

struct GpuMatch {
  const GpuTdpRow* row;
};
// Several rows fit and their TDPs differ: the caller must ask for one (e.g. "H100" is SXM, PCIe
// or NVL).
struct GpuAmbiguous {
  std::vector<const GpuTdpRow*> rows;
};
struct GpuUnknown {
  std::vector<std::string> closest;  // up to three names, nearest first
};
using GpuLookup = std::variant<GpuMatch, GpuAmbiguous, GpuUnknown>;

// An exact name or alias (normalised) wins; else the rows whose name starts with the query
// ("a100" -> every A100); else the closest names by edit distance.
GpuLookup find_gpu_tdp(std::string_view model, std::span<const GpuTdpRow> table);
GpuLookup find_gpu_tdp(std::string_view model);

}  // namespace joulebench
