#include "harness/measurement/min_time_policy.h"

#include <fmt/format.h>

namespace joulebench {

MinTimeChoice choose_min_time(std::optional<double> requested, Seconds resolvable,
                              std::string_view meter_name, const FrontEndNames& names) {
  if (!requested) {
    if (resolvable.value <= kGoogleBenchmarkDefaultMinTime.value)
      return {};
    return {resolvable.value,
            fmt::format("{}: {} raised to {:g} s, the shortest window {} resolves", names.program,
                        names.min_time, resolvable.value, meter_name)};
  }
  if (*requested < resolvable.value) {
    return {requested,
            fmt::format("{}: warning: {} {:g} s is below the {:g} s {} resolves; rows under it "
                        "are labelled",
                        names.program, names.min_time, *requested, resolvable.value, meter_name)};
  }
  return {requested, {}};
}

}  // namespace joulebench
