#pragma once
// The CPU TDP table, compiled in from data/hardware/cpu_tdp.tsv (see data/README.md).

#include <span>

namespace joulebench {

struct CpuTdpRow {
  const char* name;  // as in the source: "AMD EPYC 7763"
  double tdp_watts;
  int source_row;  // line in CodeCarbon's cpu_power.csv
};

inline constexpr const char* kCpuTdpSource =
    "CodeCarbon codecarbon/data/hardware/cpu_power.csv (commit 811df7ff, MIT)";

std::span<const CpuTdpRow> cpu_tdp_table();

}  // namespace joulebench
