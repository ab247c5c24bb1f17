#include "reporters/leaderboard/entries.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/result_schema.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

// The repetitions pooled into one entry, summarised when every file has been read.
struct Pool {
  Entry entry;
  std::vector<const ResultRow*> rows;
};

// Pools are found by workload within the machine, meter and provenance a file's rows share: one
// hash lookup per row, by a key the row already has, instead of a map keyed by four strings.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using PoolsByWorkload = std::unordered_map<std::string, Pool, StringHash, std::equal_to<>>;
using PoolGroup = std::tuple<std::string, std::string, std::string>;  // machine, meter, provenance

// Whether a row's value of `key` is a figure: energy-derived counters only from rows with energy,
// so a dead sensor's zeros never become one.
bool counts(bool row_has_energy, std::string_view key) {
  return row_has_energy || !counter::is_energy_derived(key);
}

// The pool's metrics: time and every counter over its rows, each gathered into one scratch vector
// (per-metric vectors per pool were most of the allocations of a 10^5-row report).
void summarize_pool(Pool& pool, std::vector<double>& scratch) {
  Entry& e = pool.entry;
  std::vector<bool> energy;
  energy.reserve(pool.rows.size());
  std::vector<std::string_view> keys;
  for (const ResultRow* row : pool.rows) {
    energy.push_back(has_energy(*row));
    for (const auto& [key, value] : row->counters) {
      if (counts(energy.back(), key))
        keys.push_back(key);
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  scratch.clear();
  for (const ResultRow* row : pool.rows)
    scratch.push_back(row->real_seconds());
  if (auto s = summarize_in_place(scratch))
    e.metrics.emplace(kTimeMetric, *s);
  for (std::string_view key : keys) {
    scratch.clear();
    for (std::size_t i = 0; i < pool.rows.size(); ++i) {
      if (!counts(energy[i], key))
        continue;
      if (const auto it = pool.rows[i]->counters.find(key); it != pool.rows[i]->counters.end())
        scratch.push_back(it->second);
    }
    if (auto s = summarize_in_place(scratch))
      e.metrics.emplace(key, *s);
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
  std::map<PoolGroup, PoolsByWorkload> groups;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const ResultFile& file = files[f];
    const Machine& machine = machines.at(f);
    const bool energy = has_energy(file);
    const std::string meter = energy ? file.context_value(context_key::kMeter).value_or("") : "";
    const std::string provenance = provenance_of(file);
    PoolsByWorkload& pools = groups[PoolGroup{machine.key, meter, provenance}];

    // Which workloads of this file have iteration rows; the others fall back to their median.
    std::vector<std::string> workloads;
    workloads.reserve(file.rows.size());
    std::unordered_set<std::string_view, StringHash, std::equal_to<>> with_iterations;
    for (const ResultRow& row : file.rows)
      workloads.push_back(benchmark_workload(row.run_name));
    for (std::size_t r = 0; r < file.rows.size(); ++r) {
      if (file.rows[r].run_type != "aggregate")
        with_iterations.insert(workloads[r]);
    }
    for (std::size_t r = 0; r < file.rows.size(); ++r) {
      const ResultRow& row = file.rows[r];
      const std::string& workload = workloads[r];
      const bool aggregate = row.run_type == "aggregate";
      if (aggregate && (row.aggregate_name != "median" || with_iterations.contains(workload)))
        continue;
      auto found = pools.find(workload);
      if (found == pools.end())
        found = pools.emplace(workload, Pool{}).first;
      Pool& pool = found->second;
      Entry& e = pool.entry;
      if (e.sources.empty() || e.sources.back() != file.source) {
        if (e.sources.empty()) {
          e.name = describe_row(row);
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
      pool.rows.push_back(&row);
      if (!has_energy(row) && !e.provenance.empty()) {
        if (e.repetitions_without_energy++ == 0)
          e.no_energy_reason = missing_energy_reason(row, e.provenance);
      }
    }
  }

  std::vector<Entry*> order;
  std::vector<double> scratch;
  for (auto& [group, pools] : groups) {
    for (auto& [workload, pool] : pools) {
      summarize_pool(pool, scratch);
      // An error only matters when nothing was measured; a failed repetition among good ones
      // would otherwise hide the good ones.
      if (!pool.entry.metrics.empty())
        pool.entry.error.reset();
      order.push_back(&pool.entry);
    }
  }
  // Every part of a pool's key is in the order, so it does not depend on the order pools were
  // kept in (a hash table's). Pointers are sorted and each entry moved once: an entry is most of
  // a kilobyte, and sorting the entries themselves moved each about log2(n) times.
  std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
    return std::tie(a->name.task, a->name.variant, a->host, a->machine.key, a->name.workload,
                    a->provenance, a->meter) < std::tie(b->name.task, b->name.variant, b->host,
                                                        b->machine.key, b->name.workload,
                                                        b->provenance, b->meter);
  });
  std::vector<Entry> entries;
  entries.reserve(order.size());
  for (Entry* e : order)
    entries.push_back(std::move(*e));
  return entries;
}

}  // namespace joulebench
