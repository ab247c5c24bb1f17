// libFuzzer target: the hourly grid-intensity CSV parser (harness/carbon/intensity_series.h),
// and look-ups on what it accepts.

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "harness/carbon/intensity_series.h"

namespace {

bool representable_as_clock_time(std::chrono::sys_seconds t) {
  using std::chrono::system_clock;
  constexpr auto kMax = std::chrono::duration_cast<std::chrono::seconds>(
      system_clock::duration::max() - std::chrono::hours(1));
  return t.time_since_epoch() < kMax && t.time_since_epoch() > -kMax;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  joulebench::fuzz::expect_clean([&] {
    const auto series = joulebench::IntensitySeries::parse(text, "fuzz.csv");
    if (series.rows().empty())
      joulebench::fuzz::finding("accepted a series with no rows", "");
    for (const auto& row : series.rows()) {
      if (!std::isfinite(row.grams_per_kwh) || row.grams_per_kwh < 0.0)
        joulebench::fuzz::finding("accepted a non-finite or negative intensity",
                                  joulebench::format_utc_hour(row.hour));
    }
    // The run's context names the series' first and last hour (run_context.cpp).
    const auto first = series.rows().front().hour;
    const auto last = series.rows().back().hour;
    (void)joulebench::format_utc_hour(first);
    (void)joulebench::format_utc_hour(last);
    // Look-ups before, inside and after the series, at instants a run can have: the clock's
    // nanosecond time_point spans only the years 1678 to 2261, so converting hours outside it
    // would be this harness's own overflow, not the parser's.
    for (const auto t : {first - std::chrono::hours(5), first + std::chrono::minutes(30),
                         last + std::chrono::hours(2)}) {
      if (!representable_as_clock_time(t))
        continue;
      const auto lookup = series.at(std::chrono::system_clock::time_point(t));
      (void)series.has_hour_of(std::chrono::system_clock::time_point(t));
      (void)joulebench::format_utc_hour(lookup.hour_used);
    }
  });
  return 0;
}
