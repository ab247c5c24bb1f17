#include "workloads/gemm/openblas_core.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace joulebench {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

OpenBlasTier openblas_core_tier(std::string_view core) {
  // OpenBLAS 0.3.21's x86-64 DYNAMIC_ARCH cores (driver/others/dynamic.c), by kernel ISA.
  static constexpr std::array<std::pair<std::string_view, OpenBlasTier>, 23> kCores = {{
      {"Prescott", OpenBlasTier::sse},      {"Core2", OpenBlasTier::sse},
      {"Penryn", OpenBlasTier::sse},        {"Dunnington", OpenBlasTier::sse},
      {"Nehalem", OpenBlasTier::sse},       {"Atom", OpenBlasTier::sse},
      {"Opteron", OpenBlasTier::sse},       {"Opteron_SSE3", OpenBlasTier::sse},
      {"Barcelona", OpenBlasTier::sse},     {"Bobcat", OpenBlasTier::sse},
      {"Nano", OpenBlasTier::sse},          {"Katmai", OpenBlasTier::sse},
      {"Coppermine", OpenBlasTier::sse},    {"Northwood", OpenBlasTier::sse},
      {"Sandybridge", OpenBlasTier::avx},   {"Bulldozer", OpenBlasTier::avx},
      {"Piledriver", OpenBlasTier::avx},    {"Steamroller", OpenBlasTier::avx},
      {"Excavator", OpenBlasTier::avx},     {"Haswell", OpenBlasTier::avx2},
      {"Zen", OpenBlasTier::avx2},          {"SkylakeX", OpenBlasTier::avx512},
      {"Cooperlake", OpenBlasTier::avx512},
  }};
  if (same_name(core, "SapphireRapids"))
    return OpenBlasTier::avx512;
  for (const auto& [name, tier] : kCores) {
    if (same_name(core, name))
      return tier;
  }
  return OpenBlasTier::unknown;
}

std::string best_openblas_core(const kernels::CpuFeatures& cpu) {
  if (cpu.avx512)
    return "SkylakeX";
  if (cpu.avx2)
    return "Haswell";
  return "";
}

OpenBlasCoreDecision decide_openblas_core(std::string_view loaded, const kernels::CpuFeatures& cpu,
                                          const char* user_core_type, const char* own_choice) {
  const std::string best = best_openblas_core(cpu);
  const OpenBlasTier loaded_tier = openblas_core_tier(loaded);
  const bool below_best = !best.empty() && loaded_tier != OpenBlasTier::unknown &&
                          loaded_tier < openblas_core_tier(best);
  OpenBlasCoreDecision d;
  d.loaded = loaded;
  d.fallback = below_best;
  if (own_choice != nullptr) {
    d.provenance = fmt::format(
        "core {}: OpenBLAS chose {} on this CPU, so joulebench set {}={} (the best core this "
        "CPU supports) and restarted",
        loaded, own_choice, kOpenBlasCoreType, user_core_type ? user_core_type : "");
  } else if (user_core_type != nullptr) {
    d.provenance =
        fmt::format("core {}: {}={} set by the user", loaded, kOpenBlasCoreType, user_core_type);
  } else if (below_best) {
    d.restart_with = best;
    d.provenance = fmt::format("core {}, a fallback: this CPU supports {}", loaded, best);
  } else {
    d.provenance = fmt::format("core {}, OpenBLAS's own choice", loaded);
  }
  return d;
}

}  // namespace joulebench
