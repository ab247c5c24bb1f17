#include "reporters/kernel_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

#include "common/result_schema.h"
#include "reporters/markdown_cell.h"
#include "reporters/report_rows.h"
#include "reporters/row_energy.h"

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

// The entry's problem ("gemm/fp32/512"), backend and threads: from the row's labels (the task's
// family, then the precision, then the rest of the task) when it has them, else from the name,
// family/precision/backend/shape[/threads:N]. False for a row that is no kernel problem.
bool problem_of(const ResultRow& row, KernelTableEntry& e) {
  std::vector<std::string> parts;
  if (row.labels) {
    const RowLabels& l = *row.labels;
    if (l.precision.empty() || l.backend.empty())
      return false;
    std::vector<std::string> task = split(l.task, '/');
    if (task.empty())
      return false;
    parts = {task.front(), l.precision, l.backend};
    parts.insert(parts.end(), task.begin() + 1, task.end());
  } else {
    parts = split(row.run_name, '/');
    if (!parts.empty() && parts.back() == "real_time")
      parts.pop_back();
  }
  if (parts.size() < 4)
    return false;
  e.backend = parts[2];
  e.problem = parts[0] + "/" + parts[1];
  for (std::size_t i = 3; i < parts.size(); ++i) {
    // A threads:N segment that is no whole number above 0 stays part of the problem: it is not
    // a thread count Google Benchmark wrote.
    int threads = 0;
    const std::string_view digits = std::string_view(parts[i]).substr(parts[i].find(':') + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), threads);
    if (parts[i].starts_with("threads:") && ec == std::errc() &&
        end == digits.data() + digits.size() && threads > 0)
      e.threads = threads;
    else
      e.problem += "/" + parts[i];
  }
  return true;
}

}  // namespace

std::vector<KernelTableEntry> kernel_table_entries(const ResultFile& file) {
  std::vector<KernelTableEntry> entries;
  for (const ResultRow* row : summary_rows(file)) {
    const std::optional<double> flops = row->counter(counter::kFlops);
    if (!flops || row->error_message || row->real_time <= 0.0 || row->cpu_time <= 0.0)
      continue;
    KernelTableEntry e;
    if (!problem_of(*row, e))
      continue;
    const double seconds_per_unit = row->real_seconds() / row->real_time;
    e.gflops_real = *flops / row->real_seconds() / 1e9;
    e.gflops_cpu = *flops / (row->cpu_time * seconds_per_unit) / 1e9;
    e.label = row->label.substr(0, row->label.find("; "));  // the path, before any notes
    if (has_energy(*row) && *flops > 0.0)
      e.picojoules_per_op = *row->counter(counter::kEnergy) / *flops * 1e12;
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

// One row per (problem, threads) in table order, and each backend's entry in it.
struct Pivot {
  std::vector<std::pair<std::string, int>> order;
  std::map<std::tuple<std::string, int, std::string>, const KernelTableEntry*> cell;

  explicit Pivot(const std::vector<KernelTableEntry>& entries) {
    for (const KernelTableEntry& e : entries) {
      const auto key = std::make_pair(e.problem, e.threads);
      if (std::find(order.begin(), order.end(), key) == order.end())
        order.push_back(key);
      cell[{e.problem, e.threads, e.backend}] = &e;
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return sort_key(a.first, a.second) < sort_key(b.first, b.second);
    });
  }

  const KernelTableEntry* at(const std::pair<std::string, int>& row, const char* backend) const {
    const auto it = cell.find({row.first, row.second, backend});
    return it == cell.end() ? nullptr : it->second;
  }
};

}  // namespace

void write_kernel_table(std::ostream& out, const std::vector<KernelTableEntry>& entries) {
  const Pivot pivot(entries);
  out << "| problem | threads | joulebench | path | oneDNN | OpenBLAS | Eigen | Eigen sparse | "
         "÷ oneDNN | ÷ OpenBLAS | ÷ oneDNN (CPU time) |\n"
         "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row : pivot.order) {
    const auto at = [&](const char* backend) { return pivot.at(row, backend); };
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
                       markdown_cell(row.first), row.second, value(ours),
                       markdown_cell(ours ? ours->label : ""), value(at("onednn")),
                       value(at("openblas")), value(at("eigen")), value(at("eigen-sparse")),
                       ratio(ours, at("onednn"), false), ratio(ours, at("openblas"), false),
                       ratio(ours, at("onednn"), true));
  }
}

void write_kernel_energy_table(std::ostream& out, const std::vector<KernelTableEntry>& entries,
                               std::string_view provenance) {
  if (std::none_of(entries.begin(), entries.end(),
                   [](const KernelTableEntry& e) { return e.picojoules_per_op.has_value(); })) {
    out << "No energy per operation: no row of the file has an energy figure.\n";
    return;
  }
  const Pivot pivot(entries);
  out << fmt::format("Energy per operation, pJ/FLOP (pJ/OP for integers; lower is better), {}:\n\n",
                     markdown_cell(provenance));
  out << "| problem | threads | joulebench | oneDNN | OpenBLAS | Eigen | Eigen sparse | ÷ oneDNN | "
         "÷ OpenBLAS |\n"
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row : pivot.order) {
    const auto pj = [&](const char* backend) -> std::optional<double> {
      const KernelTableEntry* e = pivot.at(row, backend);
      return e ? e->picojoules_per_op : std::nullopt;
    };
    const auto value = [](std::optional<double> v) {
      return v ? fmt::format("{:.3g}", *v) : std::string("");
    };
    const auto ratio = [](std::optional<double> a, std::optional<double> b) {
      return a && b && *b > 0.0 ? fmt::format("{:.2f}", *a / *b) : std::string("");
    };
    const std::optional<double> ours = pj(kBackends[0]);
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", markdown_cell(row.first),
                       row.second, value(ours), value(pj("onednn")), value(pj("openblas")),
                       value(pj("eigen")), value(pj("eigen-sparse")), ratio(ours, pj("onednn")),
                       ratio(ours, pj("openblas")));
  }
}

}  // namespace joulebench
