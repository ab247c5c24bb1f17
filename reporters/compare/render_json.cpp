// The machine-readable form: every value the verdict rests on, including each repetition, so a
// reader can recompute it.

#include <nlohmann/json.hpp>

#include "reporters/compare/render.h"

namespace joulebench {
namespace {

using nlohmann::json;

json optional_number(std::optional<double> v) {
  return v ? json(*v) : json(nullptr);
}

json benchmark_json(const BenchmarkComparison& b) {
  json j = {{"name", b.name},
            {"base_values", b.base_values},
            {"new_values", b.new_values},
            {"base_median", optional_number(b.base_median)},
            {"new_median", optional_number(b.new_median)},
            {"relative_change", optional_number(b.relative_change)},
            {"u", nullptr},
            {"p_value", nullptr},
            {"test_method", nullptr},
            {"verdict", to_string(b.verdict)}};
  if (b.test) {
    j["u"] = b.test->u;
    j["p_value"] = b.test->p_value;
    j["test_method"] = to_string(b.test->method);
  }
  if (!b.reason.empty())
    j["reason"] = b.reason;
  return j;
}

}  // namespace

void render_compare_json(std::ostream& out, const Comparison& c) {
  const MetricInfo& metric = describe(c.options.metric);
  json benchmarks = json::array();
  for (const BenchmarkComparison& b : c.benchmarks)
    benchmarks.push_back(benchmark_json(b));
  json summary = json::object();
  for (Verdict v : {Verdict::regression, Verdict::improvement, Verdict::no_change,
                    Verdict::too_few_repetitions, Verdict::no_data}) {
    summary[to_string(v)] = c.count(v);
  }
  const json doc = {{"metric", metric.option},
                    {"field", metric.field},
                    {"unit", metric.unit},
                    {"higher_is_better", metric.higher_is_better},
                    {"test", "Mann-Whitney U, two-sided"},
                    {"alpha", c.options.alpha},
                    {"threshold", c.options.threshold},
                    {"base", c.base_source},
                    {"new", c.new_source},
                    {"repetitions_needed", c.repetitions_needed},
                    {"benchmarks", benchmarks},
                    {"only_in_base", c.only_in_base},
                    {"only_in_new", c.only_in_new},
                    {"notes", c.notes},
                    {"energy_source", c.energy_source},
                    {"summary", summary}};
  // File paths are bytes, not UTF-8: an invalid sequence is written as U+FFFD (README, "JSON
  // output") instead of failing the whole report with type_error.316.
  out << doc.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace joulebench
