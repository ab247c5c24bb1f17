#include "reporters/compare/render_format.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace joulebench::compare_format {

std::string value(std::optional<double> v, const MetricInfo& metric) {
  if (!v)
    return kMissing;
  if (*metric.unit == '\0')
    return fmt::format("{:.4g}", *v);
  static constexpr std::array<std::pair<double, const char*>, 5> kPrefixes = {
      {{1e3, "k"}, {1.0, ""}, {1e-3, "m"}, {1e-6, "u"}, {1e-9, "n"}}};
  const double magnitude = std::abs(*v);
  for (const auto& [scale, prefix] : kPrefixes) {
    if (magnitude >= scale)
      return fmt::format("{:.4g} {}{}", *v / scale, prefix, metric.unit);
  }
  return fmt::format("{:.4g} {}", *v, metric.unit);
}

std::string change(std::optional<double> relative) {
  return relative ? fmt::format("{:+.1f}%", *relative * 100.0) : kMissing;
}

std::string p_value(const BenchmarkComparison& b) {
  if (!b.test)
    return kMissing;
  return b.test->p_value < 1e-4 ? "<0.0001" : fmt::format("{:.4f}", b.test->p_value);
}

std::string summary(const Comparison& c) {
  std::vector<std::string> parts;
  auto add = [&](Verdict verdict, const char* one, const char* many) {
    const std::size_t n = c.count(verdict);
    if (n > 0)
      parts.push_back(fmt::format("{} {}", n, n == 1 ? one : many));
  };
  add(Verdict::regression, "regression", "regressions");
  add(Verdict::improvement, "improvement", "improvements");
  add(Verdict::no_change, "no change", "no change");
  add(Verdict::too_few_repetitions, "with too few repetitions", "with too few repetitions");
  add(Verdict::no_data, "without data", "without data");
  const std::size_t n = c.benchmarks.size();
  return fmt::format("{} benchmark{} compared{}{}", n, n == 1 ? "" : "s", parts.empty() ? "" : ": ",
                     fmt::join(parts, ", "));
}

std::string method(const Comparison& c) {
  const MetricInfo& m = describe(c.options.metric);
  return fmt::format(
      "{} per iteration ({}); a {} is a regression only when the two-sided Mann-Whitney U "
      "test gives p < {} AND the median moves by more than {:g}%",
      m.field, m.higher_is_better ? "higher is better" : "lower is better",
      m.higher_is_better ? "drop" : "rise", c.options.alpha, c.options.threshold * 100.0);
}

std::vector<ReasonGroup> reason_groups(const Comparison& c) {
  std::vector<ReasonGroup> groups;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const BenchmarkComparison& b : c.benchmarks) {
    if (b.reason.empty())
      continue;
    const auto [it, added] = index.try_emplace({to_string(b.verdict), b.reason}, groups.size());
    if (added)
      groups.push_back(
          {.verdict = to_string(b.verdict), .reason = b.reason, .names = {}, .more = 0});
    ReasonGroup& g = groups[it->second];
    if (g.names.size() < kNamesPerReason)
      g.names.push_back(b.name);
    else
      ++g.more;
  }
  return groups;
}

}  // namespace joulebench::compare_format
