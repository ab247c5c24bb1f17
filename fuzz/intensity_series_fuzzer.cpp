// libFuzzer target: the hourly grid-intensity CSV parser (harness/carbon/intensity_series.h),
// and look-ups on what it accepts.

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "harness/carbon/intensity_series.h"

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
    // Look-ups before, inside and after the series.
    const auto first = series.rows().front().hour;
    const auto last = series.rows().back().hour;
    for (const auto t : {first - std::chrono::hours(5), first + std::chrono::minutes(30),
                         last + std::chrono::hours(2)}) {
      const auto lookup = series.at(t);
      (void)series.has_hour_of(t);
      (void)joulebench::format_utc_hour(lookup.hour_used);
    }
  });
  return 0;
}
