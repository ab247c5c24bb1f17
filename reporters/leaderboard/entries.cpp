#include "reporters/leaderboard/entries.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "common/result_schema.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

struct Pool {
  Entry entry;
  std::map<std::string, std::vector<double>> values;
};

void add_sample(Pool& pool, const ResultRow& row) {
  pool.values[kTimeMetric].push_back(row.real_seconds());
  const bool energy = has_energy(row);
  for (const auto& [key, value] : row.counters) {
    if (energy || !counter::is_energy_derived(key))
      pool.values[key].push_back(value);
  }
  Entry& e = pool.entry;
  if (!energy && !e.provenance.empty()) {
    if (e.repetitions_without_energy++ == 0)
      e.no_energy_reason = missing_energy_reason(row, e.provenance);
  }
}

}  // namespace

std::optional<double> Entry::median(std::string_view metric) const {
  const Spread* s = spread(metric);
  return s ? std::optional<double>(s->median) : std::nullopt;
}

const Spread* Entry::spread(std::string_view metric) const {
  const auto it = metrics.find(metric);
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

std::size_t Entry::repetitions() const {
  const Spread* time = spread(kTimeMetric);
  return time ? time->n : 0;
}

std::vector<std::pair<std::string, double>> Entry::domain_energies() const {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [key, s] : metrics) {
    if (!counter::is_domain_energy_counter(key))
      continue;
    const std::size_t prefix = counter::kDomainEnergyPrefix.size();
    out.emplace_back(key.substr(prefix, key.size() - prefix - counter::kDomainEnergySuffix.size()),
                     s.median);
  }
  return out;
}

bool has_energy(const ResultFile& file) {
  return file.context_value(context_key::kMeter) || file.context_value(context_key::kProvenance) ||
         std::any_of(file.rows.begin(), file.rows.end(),
                     [](const ResultRow& row) { return row.counter(counter::kEnergy); });
}

std::string provenance_of(const ResultFile& file) {
  return has_energy(file) ? file.context_value(context_key::kProvenance).value_or("unknown") : "";
}

std::vector<Entry> merge_entries(const std::vector<ResultFile>& files,
                                 const std::vector<Machine>& machines) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, Pool> pools;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const ResultFile& file = files[f];
    const Machine& machine = machines.at(f);
    const bool energy = has_energy(file);
    const std::string meter = energy ? file.context_value(context_key::kMeter).value_or("") : "";
    const std::string provenance = provenance_of(file);

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
      Pool& pool = pools[Key{name.workload, machine.key, meter, provenance}];
      Entry& e = pool.entry;
      if (e.sources.empty() || e.sources.back() != file.source) {
        if (e.sources.empty()) {
          e.name = name;
          e.host = machine.label;
          e.machine = machine;
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
    return std::tie(a.name.task, a.name.variant, a.host, a.machine.key, a.name.workload,
                    a.provenance) < std::tie(b.name.task, b.name.variant, b.host, b.machine.key,
                                             b.name.workload, b.provenance);
  });
  return entries;
}

}  // namespace joulebench
