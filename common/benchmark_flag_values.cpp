#include "common/benchmark_flag_values.h"

#include <errno.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <string_view>

#include "common/error_model.h"
#include "common/error_text.h"

namespace joulebench {
namespace {

// Google Benchmark's flags whose values it checks itself, and how it reacts to a bad one: a number
// it cannot parse is reported on a line of its own and the flag left unrecognised (so a second
// line, ours, followed); an unknown format, colour setting or time unit prints its usage and
// exits 0, as if nothing were wrong. Checked here first, so each is one line and exit 2.
enum class ValueKind { real, int32, format, color, time_unit };
struct CheckedBenchmarkFlag {
  std::string_view prefix;
  ValueKind kind;
};
constexpr CheckedBenchmarkFlag kCheckedBenchmarkFlags[] = {
    {"--benchmark_min_time=", ValueKind::real},
    {"--benchmark_min_warmup_time=", ValueKind::real},
    {"--benchmark_repetitions=", ValueKind::int32},
    {"--v=", ValueKind::int32},
    {"--benchmark_format=", ValueKind::format},
    {"--benchmark_out_format=", ValueKind::format},
    {"--benchmark_color=", ValueKind::color},
    {"--benchmark_time_unit=", ValueKind::time_unit},
};

// What is wrong with `value` for a flag of `kind`, parsed as Google Benchmark 1.7 parses it
// (strtod, strtol); empty when Google Benchmark takes it.
std::string problem_with(ValueKind kind, const std::string& value) {
  const auto one_of = [&](std::initializer_list<std::string_view> choices) {
    return std::find(choices.begin(), choices.end(), value) != choices.end();
  };
  switch (kind) {
    case ValueKind::real: {
      char* end = nullptr;
      std::strtod(value.c_str(), &end);
      return *end == '\0' ? "" : "is not a number";
    }
    case ValueKind::int32: {
      char* end = nullptr;
      errno = 0;
      const long n = std::strtol(value.c_str(), &end, 10);
      const bool fits = errno != ERANGE && n >= std::numeric_limits<std::int32_t>::min() &&
                        n <= std::numeric_limits<std::int32_t>::max();
      return *end == '\0' && fits ? "" : "is not a whole number";
    }
    case ValueKind::format:
      return one_of({"console", "json", "csv"}) ? "" : "must be console, json or csv";
    case ValueKind::color:
      return value.empty() ? "needs a value (auto, true or false)" : "";
    case ValueKind::time_unit:
      return one_of({"", "ns", "us", "ms", "s"}) ? "" : "must be ns, us, ms or s";
  }
  return "";
}

}  // namespace

void check_benchmark_flag_values(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    for (const CheckedBenchmarkFlag& flag : kCheckedBenchmarkFlags) {
      if (!arg.starts_with(flag.prefix))
        continue;
      const std::string value = arg.substr(flag.prefix.size());
      if (const std::string problem = problem_with(flag.kind, value); !problem.empty()) {
        throw UserError(fmt::format("{} {}: {} (see --help)", arg.substr(0, flag.prefix.size() - 1),
                                    quoted_value(value), problem));
      }
    }
  }
}

}  // namespace joulebench
