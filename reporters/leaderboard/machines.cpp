#include "reporters/leaderboard/machines.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "common/result_schema.h"

namespace joulebench {
namespace {

int cpu_count(const ResultFile& file) {
  for (const char* key : {context_key::kLogicalCpus, "num_cpus"}) {
    const std::string text = file.context_value(key).value_or("");
    int n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && n > 0)
      return n;
  }
  return 0;
}

Machine machine_of(const ResultFile& file) {
  Machine m;
  m.host_name = file.context_value("host_name").value_or("unknown host");
  m.cpu_model = file.context_value(context_key::kCpuModel).value_or("");
  m.logical_cpus = cpu_count(file);
  m.machine_id = file.context_value(context_key::kMachineId).value_or("");
  // '\n' cannot occur in a context value written by Google Benchmark on one line per key.
  m.key = fmt::format("{}\n{}\n{}", m.machine_id.empty() ? "host " + m.host_name : m.machine_id,
                      m.cpu_model, m.logical_cpus);
  m.label = m.host_name;
  return m;
}

// Labels that more than one machine has, so the next, longer label is needed for them.
std::set<std::string> shared_labels(const std::vector<Machine>& machines) {
  std::map<std::string, std::set<std::string>> keys_by_label;
  for (const Machine& m : machines)
    keys_by_label[m.label].insert(m.key);
  std::set<std::string> shared;
  for (const auto& [label, keys] : keys_by_label) {
    if (keys.size() > 1)
      shared.insert(label);
  }
  return shared;
}

}  // namespace

std::string cpu_text(const Machine& m) {
  if (m.logical_cpus == 0)
    return m.cpu_model;
  const std::string count = fmt::format("{} CPU{}", m.logical_cpus, m.logical_cpus == 1 ? "" : "s");
  return m.cpu_model.empty() ? count : fmt::format("{}, {}", m.cpu_model, count);
}

std::vector<Machine> machines_of(const std::vector<ResultFile>& files) {
  std::vector<Machine> machines;
  for (const ResultFile& file : files)
    machines.push_back(machine_of(file));
  std::set<std::string> shared = shared_labels(machines);
  for (Machine& m : machines) {
    const std::string cpu = cpu_text(m);
    if (shared.contains(m.label) && !cpu.empty())
      m.label = fmt::format("{} ({})", m.host_name, cpu);
  }
  shared = shared_labels(machines);
  for (Machine& m : machines) {
    if (shared.contains(m.label)) {
      m.label +=
          m.machine_id.empty() ? " [no machine id]" : fmt::format(" [machine {}]", m.machine_id);
    }
  }
  return machines;
}

}  // namespace joulebench
