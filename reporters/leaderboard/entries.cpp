#include "reporters/leaderboard/entries.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "common/result_schema.h"

namespace joulebench {
namespace {

struct Pool {
  Entry entry;
  std::map<std::string, std::vector<double>> values;
};

void add_sample(Pool& pool, const ResultRow& row) {
  pool.values[kTimeMetric].push_back(row.real_seconds());
  for (const auto& [key, value] : row.counters)
    pool.values[key].push_back(value);
}

}  // namespace

std::optional<double> Entry::median(std::string_view metric) const {
  const Spread* s = spread(metric);
  return s ? std::optional<double>(s->median) : std::nullopt;
}

const Spread* Entry::spread(std::string_view metric) const {
  const auto it = metrics.find(std::string(metric));
  return it == metrics.end() ? nullptr : &it->second;
}

std::optional<double> Entry::joules_per_unit() const {
  const auto joules = median(counter::kEnergy);
  if (!joules)
    return std::nullopt;
  return name.unit == WorkUnit::inference ? *joules / static_cast<double>(name.batch) : *joules;
}

std::optional<double> Entry::grams_per_1000_units() const {
  const auto grams = median(counter::kCo2);
  if (!grams)
    return std::nullopt;
  const double per_unit =
      name.unit == WorkUnit::inference ? *grams / static_cast<double>(name.batch) : *grams;
  return per_unit * 1000.0;
}

std::string host_of(const ResultFile& file) {
  return file.context_value("host_name").value_or("unknown host");
}

bool has_energy(const ResultFile& file) {
  return std::any_of(file.rows.begin(), file.rows.end(),
                     [](const ResultRow& row) { return row.counter(counter::kEnergy); });
}

std::vector<Entry> merge_entries(const std::vector<ResultFile>& files) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, Pool> pools;
  for (const ResultFile& file : files) {
    const bool energy = has_energy(file);
    const std::string host = host_of(file);
    const std::string meter = energy ? file.context_value(context_key::kMeter).value_or("") : "";
    const std::string provenance =
        energy ? file.context_value(context_key::kProvenance).value_or("unknown") : "";

    // Which workloads of this file have iteration rows; the others fall back to their median.
    std::set<std::string> with_iterations;
    for (const ResultRow& row : file.rows) {
      if (row.run_type != "aggregate")
        with_iterations.insert(parse_benchmark_name(row.run_name).workload);
    }
    for (const ResultRow& row : file.rows) {
      const BenchmarkName name = parse_benchmark_name(row.run_name);
      const bool aggregate = row.run_type == "aggregate";
      if (aggregate && (row.aggregate_name != "median" || with_iterations.contains(name.workload)))
        continue;
      Pool& pool = pools[Key{name.workload, host, meter, provenance}];
      Entry& e = pool.entry;
      if (e.sources.empty() || e.sources.back() != file.source) {
        if (e.sources.empty()) {
          e.name = name;
          e.host = host;
          e.meter = meter;
          e.provenance = provenance;
        }
        e.sources.push_back(file.source);
      }
      if (row.error_message) {
        e.error = row.error_message->empty() ? "failed" : *row.error_message;
        continue;
      }
      e.from_aggregates = e.from_aggregates || aggregate;
      add_sample(pool, row);
    }
  }

  std::vector<Entry> entries;
  for (auto& [key, pool] : pools) {
    for (auto& [metric, values] : pool.values) {
      if (auto s = summarize(std::move(values)))
        pool.entry.metrics[metric] = *s;
    }
    // An error only matters when nothing was measured; a failed repetition among good ones
    // would otherwise hide the good ones.
    if (!pool.entry.metrics.empty())
      pool.entry.error.reset();
    entries.push_back(std::move(pool.entry));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.name.task, a.name.variant, a.host, a.name.workload, a.provenance) <
           std::tie(b.name.task, b.name.variant, b.host, b.name.workload, b.provenance);
  });
  return entries;
}

}  // namespace joulebench
