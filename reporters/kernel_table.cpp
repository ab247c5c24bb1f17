#include "reporters/kernel_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

#include "common/result_schema.h"
#include "reporters/markdown_cell.h"
#include "reporters/report_rows.h"

namespace joulebench {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::istringstream in(s);
  for (std::string part; std::getline(in, part, sep);)
    parts.push_back(part);
  return parts;
}

constexpr const char* kBackends[] = {"joulebench", "onednn", "openblas", "eigen", "eigen-sparse"};

}  // namespace

std::vector<KernelTableEntry> kernel_table_entries(const ResultFile& file) {
  std::vector<KernelTableEntry> entries;
  for (const ResultRow* row : summary_rows(file)) {
    const std::optional<double> flops = row->counter(counter::kFlops);
    if (!flops || row->error_message || row->real_time <= 0.0 || row->cpu_time <= 0.0)
      continue;
    std::vector<std::string> parts = split(row->run_name, '/');
    if (!parts.empty() && parts.back() == "real_time")
      parts.pop_back();
    if (parts.size() < 4)
      continue;
    KernelTableEntry e;
    e.backend = parts[2];
    e.problem = parts[0] + "/" + parts[1];
    for (std::size_t i = 3; i < parts.size(); ++i) {
      if (parts[i].starts_with("threads:"))
        e.threads = std::stoi(parts[i].substr(8));
      else
        e.problem += "/" + parts[i];
    }
    const double seconds_per_unit = row->real_seconds() / row->real_time;
    e.gflops_real = *flops / row->real_seconds() / 1e9;
    e.gflops_cpu = *flops / (row->cpu_time * seconds_per_unit) / 1e9;
    e.label = row->label.substr(0, row->label.find("; "));  // the path, before any notes
    entries.push_back(std::move(e));
  }
  return entries;
}

namespace {

// Rows sorted by task, precision (widest first), size (numerically), the rest, then threads:
// the run interleaves its benchmarks at random, so file order means nothing.
auto sort_key(const std::string& problem, int threads) {
  const std::vector<std::string> parts = split(problem, '/');
  static const std::vector<std::string> precisions = {"fp64", "fp32", "bf16", "int8", "int4"};
  const std::string precision = parts.size() > 1 ? parts[1] : "";
  const auto rank = std::find(precisions.begin(), precisions.end(), precision) - precisions.begin();
  const std::string shape = parts.size() > 2 ? parts[2] : "";
  long size = 0;
  for (char ch : shape) {
    if (ch < '0' || ch > '9')
      break;
    size = size * 10 + (ch - '0');
  }
  return std::make_tuple(parts.empty() ? "" : parts[0], rank, size, problem, threads);
}

}  // namespace

void write_kernel_table(std::ostream& out, const std::vector<KernelTableEntry>& entries) {
  std::vector<std::pair<std::string, int>> order;  // one row per (problem, threads)
  std::map<std::tuple<std::string, int, std::string>, const KernelTableEntry*> cell;
  for (const KernelTableEntry& e : entries) {
    const auto key = std::make_pair(e.problem, e.threads);
    if (std::find(order.begin(), order.end(), key) == order.end())
      order.push_back(key);
    cell[{e.problem, e.threads, e.backend}] = &e;
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return sort_key(a.first, a.second) < sort_key(b.first, b.second);
  });
  out << "| problem | threads | joulebench | path | oneDNN | OpenBLAS | Eigen | Eigen sparse | "
         "÷ oneDNN | ÷ OpenBLAS | ÷ oneDNN (CPU time) |\n"
         "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row_key : order) {
    // Named references, not a structured binding: clang 14 (the sanitizer and fuzz builds)
    // cannot capture structured bindings in a lambda.
    const auto& problem = row_key.first;
    const auto& threads = row_key.second;
    const auto at = [&](const char* backend) -> const KernelTableEntry* {
      const auto it = cell.find({problem, threads, backend});
      return it == cell.end() ? nullptr : it->second;
    };
    const auto value = [](const KernelTableEntry* e) {
      return e ? fmt::format("{:.1f}", e->gflops_real) : std::string("");
    };
    const auto ratio = [](const KernelTableEntry* a, const KernelTableEntry* b, bool cpu) {
      if (!a || !b)
        return std::string("");
      return fmt::format("{:.2f}",
                         cpu ? a->gflops_cpu / b->gflops_cpu : a->gflops_real / b->gflops_real);
    };
    const KernelTableEntry* ours = at(kBackends[0]);
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                       markdown_cell(problem), threads, value(ours),
                       markdown_cell(ours ? ours->label : ""), value(at("onednn")),
                       value(at("openblas")), value(at("eigen")), value(at("eigen-sparse")),
                       ratio(ours, at("onednn"), false), ratio(ours, at("openblas"), false),
                       ratio(ours, at("onednn"), true));
  }
}

}  // namespace joulebench
