#include "reporters/markdown_table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <optional>
#include <string>

#include "common/result_schema.h"
#include "reporters/report_rows.h"

namespace joulebench {
namespace {

constexpr const char* kMissing = "n/a";

// Pipes would end a Markdown cell early.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

std::string format_number(std::optional<double> v) {
  return v ? fmt::format("{:.4g}", *v) : kMissing;
}

std::string format_duration(double seconds) {
  if (seconds >= 1.0)
    return fmt::format("{:.3g} s", seconds);
  if (seconds >= 1e-3)
    return fmt::format("{:.3g} ms", seconds * 1e3);
  if (seconds >= 1e-6)
    return fmt::format("{:.3g} us", seconds * 1e6);
  return fmt::format("{:.3g} ns", seconds * 1e9);
}

std::string host_of(const ResultFile& file) {
  return file.context_value("host_name").value_or("unknown host");
}

bool has_energy(const ResultFile& file) {
  for (const ResultRow& row : file.rows) {
    if (row.counter(counter::kEnergy))
      return true;
  }
  return false;
}

}  // namespace

void write_markdown_report(std::ostream& out, const std::vector<ResultFile>& files) {
  fmt::print(out,
             "| benchmark | host | time/iter | J/iter | gCO2e/iter | FLOP/J | provenance |\n"
             "|---|---|---:|---:|---:|---:|---|\n");
  std::vector<const ResultFile*> without_energy;
  for (const ResultFile& file : files) {
    const bool energy = has_energy(file);
    if (!energy)
      without_energy.push_back(&file);
    const std::string provenance =
        energy ? file.context_value(context_key::kProvenance).value_or("unknown")
               : "no energy data";
    for (const ResultRow* row : summary_rows(file)) {
      std::string name = row->name;
      if (row->error_message)
        name += fmt::format(" (error: {})", *row->error_message);
      fmt::print(out, "| {} | {} | {} | {} | {} | {} | {} |\n", cell(name), cell(host_of(file)),
                 row->error_message ? kMissing : format_duration(row->real_seconds()),
                 format_number(row->counter(counter::kEnergy)),
                 format_number(row->counter(counter::kCo2)),
                 format_number(row->counter(counter::kFlopPerJoule)), cell(provenance));
    }
  }

  fmt::print(out, "\n**Sources**\n\n");
  for (const ResultFile& file : files) {
    if (!has_energy(file))
      continue;
    auto ctx = [&](const char* key) { return file.context_value(key).value_or("unknown"); };
    fmt::print(out, "- `{}` ({}, {}): energy {}: {}; grid {} gCO2e/kWh for {} ({}); PUE {}.\n",
               file.source, host_of(file), file.context_value("date").value_or("undated"),
               ctx(context_key::kProvenance), ctx(context_key::kMeterMethod),
               ctx(context_key::kIntensity), ctx(context_key::kRegion),
               ctx(context_key::kIntensitySource), ctx(context_key::kPue));
  }
  if (!without_energy.empty()) {
    std::vector<std::string> names;
    for (const ResultFile* file : without_energy) {
      names.push_back(fmt::format("`{}` ({})", file->source, host_of(*file)));
    }
    fmt::print(out,
               "- No energy counters (plain Google Benchmark output), so J/iter, gCO2e/iter and "
               "FLOP/J are missing: {}.\n",
               fmt::join(names, ", "));
  }
}

}  // namespace joulebench
