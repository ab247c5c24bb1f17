#include "reporters/compare/comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "common/result_schema.h"
#include "reporters/compare/meter_compatibility.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

// What one file holds for one benchmark: the metric of each repetition, and why rows were
// unusable.
struct Repetitions {
  std::vector<double> values;
  std::size_t errored = 0;
  std::size_t without_metric = 0;  // rows without a usable value of the metric
  std::string missing_reason;      // why, for the first of them
  std::size_t lost_energy = 0;     // of those, rows whose energy a meter failed to measure
  std::size_t aggregates = 0;
};

struct Collected {
  std::vector<std::string> order;  // names in order of first appearance
  std::map<std::string, Repetitions> by_name;
};

Collected collect(const ResultFile& file, Metric metric) {
  Collected out;
  for (const ResultRow& row : file.rows) {
    // Aggregates (mean, median, ...) are summaries of the iteration rows, not more samples;
    // they count only so that an aggregates-only file can be told apart from an empty one.
    const bool aggregate = row.run_type == "aggregate";
    const std::string& name = aggregate ? row.run_name : row.name;
    auto [it, inserted] = out.by_name.try_emplace(name);
    if (inserted)
      out.order.push_back(name);
    Repetitions& reps = it->second;
    if (aggregate) {
      ++reps.aggregates;
    } else if (row.error_message) {
      ++reps.errored;
    } else if (const auto value = metric_value(row, metric)) {
      reps.values.push_back(*value);
    } else {
      if (reps.without_metric++ == 0)
        reps.missing_reason =
            why_no_value(row, metric, file.context_value(context_key::kProvenance).value_or(""));
      if (lost_energy(row))
        ++reps.lost_energy;
    }
  }
  return out;
}

// A file carries the metric when some benchmark has a value of it or, for the meter's metrics,
// lost its energy (a dead sensor's file: every row energy_J = 0). The second kind goes on to be
// named benchmark by benchmark, not dismissed as a plain Google Benchmark file.
bool carries_metric(const Collected& collected, Metric metric) {
  const bool meter = describe(metric).depends_on_meter;
  return std::any_of(collected.by_name.begin(), collected.by_name.end(), [&](const auto& entry) {
    return !entry.second.values.empty() || (meter && entry.second.lost_energy > 0);
  });
}

// A compared benchmark that one side measured with no energy figure at all: the gate cannot
// pass it or fail it, so compare_results() refuses (exit 2) rather than call it "no data".
struct WithoutEnergy {
  std::string name;
  std::string side;  // "base" or "new"
  std::string source;
  std::string reason;
};

std::string describe_without_energy(const std::vector<WithoutEnergy>& missing,
                                    const MetricInfo& info) {
  const WithoutEnergy& first = missing.front();
  const bool other_side_too = missing.size() > 1 && missing[1].name == first.name;
  std::size_t others = 0;
  for (std::size_t i = 1; i < missing.size(); ++i)
    others += missing[i].name != missing[i - 1].name ? 1 : 0;
  return fmt::format(
      "cannot compare {}: {} has no {} figure in the {} file {} ({}){}{}; measure again with a "
      "working meter (joulebench meters lists them)",
      info.field, first.name, info.field, first.side, first.source, first.reason,
      other_side_too ? fmt::format(" nor in the {} file", missing[1].side) : std::string(),
      others > 0 ? fmt::format(", and {} more compared benchmark(s) have none", others)
                 : std::string());
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

std::string why_no_data(const Repetitions& reps, const std::string& source) {
  if (reps.errored > 0)
    return fmt::format("{}: every repetition failed", source);
  if (reps.without_metric > 0)
    return fmt::format("{}: {}", source, reps.missing_reason);
  if (reps.aggregates > 0) {
    return fmt::format(
        "{}: aggregates only; run without --benchmark_report_aggregates_only to keep the "
        "repetitions",
        source);
  }
  return fmt::format("{}: no repetitions", source);
}

std::optional<double> relative_change(double base, double changed) {
  if (base == 0.0)
    return changed == 0.0 ? std::optional<double>(0.0) : std::nullopt;
  return (changed - base) / std::abs(base);
}

void decide(BenchmarkComparison& b, const CompareOptions& options, std::size_t needed) {
  const std::size_t n1 = b.base_values.size();
  const std::size_t n2 = b.new_values.size();
  b.test = mann_whitney_u_test(b.base_values, b.new_values);
  b.base_median = median(b.base_values);
  b.new_median = median(b.new_values);
  b.relative_change = relative_change(*b.base_median, *b.new_median);

  if (smallest_possible_p_value(n1, n2) >= options.alpha) {
    b.verdict = Verdict::too_few_repetitions;
    b.reason = fmt::format(
        "{} base and {} new repetitions: no outcome can reach p < {}; needs at least {} per "
        "side (joulebench run --repetitions {})",
        n1, n2, options.alpha, needed, needed);
    return;
  }
  const bool significant = b.test->p_value < options.alpha;
  // A base median of 0 with a non-zero new one is an unbounded relative change.
  const bool beyond_threshold =
      !b.relative_change || std::abs(*b.relative_change) > options.threshold;
  const bool went_up = *b.new_median > *b.base_median;
  const bool worse = describe(options.metric).higher_is_better ? !went_up : went_up;
  if (significant && beyond_threshold && *b.new_median != *b.base_median) {
    b.verdict = worse ? Verdict::regression : Verdict::improvement;
  } else {
    b.verdict = Verdict::no_change;
  }
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::regression:
      return "regression";
    case Verdict::improvement:
      return "improvement";
    case Verdict::no_change:
      return "no change";
    case Verdict::too_few_repetitions:
      return "too few repetitions";
    case Verdict::no_data:
      return "no data";
  }
  return "unknown";
}

std::size_t Comparison::count(Verdict verdict) const {
  return static_cast<std::size_t>(
      std::count_if(benchmarks.begin(), benchmarks.end(),
                    [verdict](const BenchmarkComparison& b) { return b.verdict == verdict; }));
}

Comparison compare_results(const ResultFile& base, const ResultFile& candidate,
                           const CompareOptions& options) {
  const MetricInfo& info = describe(options.metric);
  Comparison out;
  out.options = options;
  out.base_source = base.source;
  out.new_source = candidate.source;
  out.repetitions_needed = repetitions_needed(options.alpha);

  const Collected base_reps = collect(base, options.metric);
  const Collected new_reps = collect(candidate, options.metric);
  for (const auto* side : {&base, &candidate}) {
    const Collected& reps = side == &base ? base_reps : new_reps;
    if (!carries_metric(reps, options.metric)) {
      throw std::runtime_error(fmt::format(
          "{}: no benchmark carries {}{}", side->source, info.field,
          info.depends_on_meter ? " (a plain Google Benchmark file? try --metric time)" : ""));
    }
  }
  if (info.depends_on_meter) {
    out.energy_source = describe_meter(base);
    if (const auto mismatch = meter_mismatch(base, candidate)) {
      if (!options.allow_mixed_meters) {
        throw std::runtime_error(fmt::format(
            "refusing to compare {} across meters: {} (--allow-mixed-meters to compare anyway)",
            info.field, *mismatch));
      }
      out.energy_source =
          fmt::format("base {}, new {}", describe_meter(base), describe_meter(candidate));
      out.notes.push_back(
          fmt::format("meters differ ({}); compared anyway because of "
                      "--allow-mixed-meters: a change may be the meter's",
                      *mismatch));
    }
  }

  if (options.metric == Metric::co2) {
    // gCO2e = J x intensity x PUE: a new region or PUE moves every figure with no code change.
    for (const char* key : {context_key::kIntensity, context_key::kPue}) {
      if (base.context_value(key) != candidate.context_value(key)) {
        out.notes.push_back(
            fmt::format("{} differs ({} vs {}): CO2e changes that are not energy "
                        "changes come from the grid, not the code",
                        key, base.context_value(key).value_or("none"),
                        candidate.context_value(key).value_or("none")));
      }
    }
  }

  std::vector<WithoutEnergy> without_energy;
  for (const std::string& name : base_reps.order) {
    const auto in_new = new_reps.by_name.find(name);
    if (in_new == new_reps.by_name.end()) {
      out.only_in_base.push_back(name);
      continue;
    }
    const Repetitions& before = base_reps.by_name.at(name);
    const Repetitions& after = in_new->second;
    struct Side {
      const char* label;
      const Repetitions& reps;
      const std::string& source;
    };
    for (const Side& side :
         {Side{"base", before, base.source}, Side{"new", after, candidate.source}}) {
      if (side.reps.without_metric == 0)
        continue;
      if (side.reps.values.empty()) {
        if (info.depends_on_meter)
          without_energy.push_back({name, side.label, side.source, side.reps.missing_reason});
      } else {
        // Some repetitions measured, some not: compare the measured ones, and say so.
        out.notes.push_back(fmt::format(
            "{}: {} of {} repetitions of {} left out ({}); compared on the other {}", side.source,
            side.reps.without_metric, side.reps.without_metric + side.reps.values.size(), name,
            side.reps.missing_reason, side.reps.values.size()));
      }
    }
    BenchmarkComparison b;
    b.name = name;
    b.base_values = before.values;
    b.new_values = after.values;
    if (before.values.empty() || after.values.empty()) {
      b.verdict = Verdict::no_data;
      b.reason = before.values.empty() ? why_no_data(before, base.source)
                                       : why_no_data(after, candidate.source);
    } else {
      decide(b, options, out.repetitions_needed);
    }
    out.benchmarks.push_back(std::move(b));
  }
  if (!without_energy.empty())
    throw std::runtime_error(describe_without_energy(without_energy, info));
  for (const std::string& name : new_reps.order) {
    if (!base_reps.by_name.contains(name))
      out.only_in_new.push_back(name);
  }
  return out;
}

}  // namespace joulebench
