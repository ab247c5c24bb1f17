#include "harness/whatif/device_power.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "common/closest_names.h"
#include "harness/system/cpu_info.h"
#include "harness/system/gpu_tdp_table.h"

namespace joulebench {
namespace {

std::vector<std::string> closest_cpu_names(std::string_view model, std::size_t count) {
  std::vector<std::string> names;
  for (const CpuTdpRow& row : cpu_tdp_table())
    names.push_back(row.name);
  return closest_names(model, names, count, normalise_cpu_model);
}

}  // namespace

DevicePower gpu_power(std::string_view model, int count) {
  const GpuLookup found = find_gpu_tdp(model);
  if (const auto* unknown = std::get_if<GpuUnknown>(&found)) {
    throw std::runtime_error(fmt::format(
        "unknown GPU '{}' (closest known: {}); 'joulebench estimate --list-gpus' lists the "
        "table, or give its TDP with --gpu-tdp W",
        model, fmt::join(unknown->closest, ", ")));
  }
  if (const auto* ambiguous = std::get_if<GpuAmbiguous>(&found)) {
    std::vector<std::string> choices;
    for (const GpuTdpRow* row : ambiguous->rows)
      choices.push_back(fmt::format("'{}' ({:g} W)", row->name, row->tdp_watts));
    throw std::runtime_error(
        fmt::format("GPU '{}' comes in form factors with different TDPs: {}; name one", model,
                    fmt::join(choices, ", ")));
  }
  const GpuTdpRow& row = *std::get<GpuMatch>(found).row;
  return {.kind = "GPU",
          .model = row.name,
          .tdp = Watts{row.tdp_watts},
          .count = count,
          .source = fmt::format("{} ({}), {}", row.source_title, row.source_year, row.source_url),
          .note = row.note};
}

DevicePower cpu_power(std::string_view model, int count) {
  const std::optional<CpuTdpRow> row = match_cpu_tdp(model);
  if (!row) {
    throw std::runtime_error(
        fmt::format("unknown CPU '{}' (closest known: {}); give the model with its number, as in "
                    "/proc/cpuinfo ('AMD EPYC 7763', 'Intel Xeon Platinum 8380'), or its TDP "
                    "with --cpu-tdp W",
                    model, fmt::join(closest_cpu_names(model, 3), ", ")));
  }
  return {.kind = "CPU",
          .model = row->name,
          .tdp = Watts{row->tdp_watts},
          .count = count,
          .source = fmt::format("{}, row {}", kCpuTdpSource, row->source_row),
          .note = "TDP"};
}

DevicePower given_power(std::string kind, std::string_view model, double tdp_watts, int count,
                        std::string_view flag) {
  return {.kind = std::move(kind),
          .model = std::string(model),
          .tdp = Watts{tdp_watts},
          .count = count,
          .source = fmt::format("{} {:g} W, given by the user", flag, tdp_watts),
          .note = "TDP as given, not looked up"};
}

}  // namespace joulebench
