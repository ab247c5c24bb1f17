#pragma once
// The machine each result file came from. A host name alone does not name one: every cloud VM
// may be "vm". Files are keyed on joulebench_machine_id when they carry it, always together with
// the CPU model and logical CPU count, so rows from different CPUs are never pooled even when
// two hosts share a name (or a cloned image shares /etc/machine-id).

#include <string>
#include <vector>

#include "reporters/result_file.h"

namespace joulebench {

struct Machine {
  std::string key;         // equal keys: the same machine; rows of one machine may be pooled
  std::string host_name;   // Google Benchmark's host_name, or "unknown host"
  std::string cpu_model;   // joulebench_cpu_model, "" when the file does not say
  int logical_cpus = 0;    // joulebench_logical_cpus, else Google Benchmark's num_cpus; 0 unknown
  std::string machine_id;  // joulebench_machine_id, "" in older and plain files
  // What tables show: the host name, and where two machines share it, their CPU model and
  // count ("vm (AMD EPYC, 2 CPUs)"), then their id if that still does not tell them apart.
  std::string label;
};

// One per file, in the files' order, labels told apart across all of them.
std::vector<Machine> machines_of(const std::vector<ResultFile>& files);

// "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz, 32 CPUs", or what of it is known; "" for nothing.
std::string cpu_text(const Machine& m);

}  // namespace joulebench
