#include "reporters/leaderboard/benchmark_name.h"

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

namespace joulebench {
namespace {

// Calls `visit` with each '/'-separated segment of `text`, in order. No container: report calls
// benchmark_workload once per row, and a vector per call was most of its allocations.
template <typename Visit>
void for_each_segment(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    visit(text.substr(start, slash - start));
    if (slash == std::string_view::npos)
      return;
    start = slash + 1;
  }
}

// Segments Google Benchmark adds to say how a benchmark was run, not what it runs.
bool is_runner_suffix(std::string_view segment) {
  for (std::string_view word : {"real_time", "manual_time", "process_time"}) {
    if (segment == word)
      return true;
  }
  for (std::string_view prefix : {"repeats:", "iterations:", "min_time:", "min_warmup_time:"}) {
    if (segment.starts_with(prefix))
      return true;
  }
  return false;
}

bool is_precision(std::string_view segment) {
  for (std::string_view prefix : {"fp", "bf", "uint", "int", "tf"}) {
    if (segment.size() > prefix.size() && segment.starts_with(prefix) &&
        std::isdigit(static_cast<unsigned char>(segment[prefix.size()]))) {
      return true;
    }
  }
  return false;
}

bool is_word(std::string_view segment) {
  return !segment.empty() && std::isalpha(static_cast<unsigned char>(segment[0])) &&
         segment.find(':') == std::string_view::npos && !is_precision(segment);
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty())
      out += '/';
    out += p;
  }
  return out;
}

// N of a `batch:N` segment; nothing unless N is a positive whole number.
std::optional<std::int64_t> batch_size(std::string_view segment) {
  std::int64_t batch = 0;
  const std::string_view digits = segment.substr(6);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), batch);
  if (ec == std::errc() && end == digits.data() + digits.size() && batch > 0)
    return batch;
  return std::nullopt;
}

// The name's segments without Google Benchmark's suffixes (the first segment is always kept).
template <typename Visit>
void for_each_workload_segment(std::string_view run_name, Visit visit) {
  bool first = true;
  for_each_segment(run_name, [&](std::string_view s) {
    if (first || !is_runner_suffix(s))
      visit(s);
    first = false;
  });
}

std::vector<std::string_view> workload_segments(std::string_view run_name) {
  std::vector<std::string_view> segments;
  for_each_workload_segment(run_name, [&](std::string_view s) { segments.push_back(s); });
  return segments;
}

}  // namespace

std::string benchmark_workload(std::string_view run_name) {
  std::string workload;
  workload.reserve(run_name.size());
  for_each_workload_segment(run_name, [&](std::string_view s) {
    if (!workload.empty())
      workload += '/';
    workload += s;
  });
  return workload;
}

BenchmarkName parse_benchmark_name(std::string_view run_name) {
  const std::vector<std::string_view> segments = workload_segments(run_name);
  BenchmarkName name;
  name.workload = join(segments);

  // Users' TorchScript rows, model/<task>/<variant>/batch:N[/threads:T]: the variant is whatever
  // the manifest named it ("int8-dynamic", "pruned"), one forward pass is one batch of inferences,
  // and the rest stays in the task so that only variants of one batch size are compared.
  if (segments.size() >= 3 && segments[0] == "model") {
    std::vector<std::string_view> task = {segments[0], segments[1]};
    for (std::size_t i = 3; i < segments.size(); ++i) {
      task.push_back(segments[i]);
      if (segments[i].starts_with("batch:"))
        name.batch = batch_size(segments[i]).value_or(1);
    }
    name.task = join(task);
    name.variant = segments[2];
    name.backend = "pytorch";
    name.unit = WorkUnit::inference;
    return name;
  }

  std::size_t precision_at = 0;  // 0: none (the first segment is never the precision)
  for (std::size_t i = 1; i < segments.size(); ++i) {
    if (is_precision(segments[i])) {
      precision_at = i;
      break;
    }
  }
  std::vector<std::string_view> task;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string_view s = segments[i];
    if (precision_at != 0 && i == precision_at) {
      name.precision = s;
    } else if (precision_at != 0 && i == precision_at + 1 && is_word(s)) {
      name.backend = s;
    } else {
      task.push_back(s);
    }
    if (s == "infer" || s == "inference")
      name.unit = WorkUnit::inference;
    else if (s == "train")
      name.unit = WorkUnit::step;
    if (s.starts_with("batch:"))
      name.batch = batch_size(s).value_or(name.batch);
  }
  name.task = join(task);
  name.variant = name.backend.empty() ? name.precision : name.precision + "/" + name.backend;
  return name;
}

BenchmarkName describe_row(const ResultRow& row) {
  if (!row.labels)
    return parse_benchmark_name(row.run_name);
  const RowLabels& labels = *row.labels;
  return BenchmarkName{.workload = benchmark_workload(row.run_name),
                       .task = labels.task,
                       .variant = labels.variant,
                       .precision = labels.precision,
                       .backend = labels.backend,
                       .unit = labels.unit,
                       .batch = labels.batch > 0 ? labels.batch : 1};
}

}  // namespace joulebench
