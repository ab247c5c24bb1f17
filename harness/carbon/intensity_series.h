#pragma once
// An hourly grid-intensity series (the intensity series option, a CSV file): each row gives the
// intensity of one UTC hour, so each benchmark can use the hour its measured window ended in.
//
// File format: one `timestamp,gCO2e_per_kWh` row per hour, timestamps in UTC on the hour
// (2024-05-01T13:00:00Z, 2024-05-01T13:00Z or "2024-05-01 13:00"), strictly increasing. An
// optional header line, blank lines and lines starting with '#' are skipped. Missing hours
// (gaps) are allowed: see at(). A UTF-8 byte order mark at the start is skipped. Years run from
// kFirstSeriesYear to kLastSeriesYear: a series is a record of real grid hours, and the range
// keeps every hour inside what std::chrono's nanosecond clock (1678-2261) can format.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

using UtcHour = std::chrono::sys_seconds;

inline constexpr int kFirstSeriesYear = 1970;
inline constexpr int kLastSeriesYear = 2200;
// Years of hourly rows at ~40 bytes each are a few MB; more is no series.
inline constexpr std::uintmax_t kMaxIntensitySeriesBytes = 16u << 20;

struct HourIntensity {
  UtcHour hour;
  double grams_per_kwh = 0.0;
};

class IntensitySeries {
 public:
  // Throws std::runtime_error "NAME line N: reason" for a malformed row (values quoted, cut and
  // escaped: common/error_text.h), and for a file with no rows. load() reads any kind of file up
  // to kMaxIntensitySeriesBytes (common/bounded_read.h).
  static IntensitySeries parse(std::string_view text, std::string name);
  static IntensitySeries load(const std::filesystem::path& file);

  struct Lookup {
    double grams_per_kwh = 0.0;
    UtcHour hour_used;          // the row that gave the figure
    bool hour_present = false;  // false: no row for the hour asked for, the nearest was used
  };
  // The row of the UTC hour containing `t`; for an hour with no row (a gap, or before the
  // first / after the last row), the nearest row in time (the earlier one on a tie).
  Lookup at(std::chrono::system_clock::time_point t) const noexcept;

  bool has_hour_of(std::chrono::system_clock::time_point t) const noexcept;
  const std::string& name() const { return name_; }
  const std::vector<HourIntensity>& rows() const { return rows_; }

 private:
  std::string name_;
  std::vector<HourIntensity> rows_;  // strictly increasing, never empty
};

// "2024-05-01T13:00:00Z", for messages and context entries.
std::string format_utc_hour(UtcHour hour);

}  // namespace joulebench
