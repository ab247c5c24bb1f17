#include "harness/carbon/intensity_series.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "common/bounded_read.h"
#include "common/error_text.h"
#include "harness/carbon/csv_fields.h"

namespace joulebench {
namespace {

using std::chrono::hours;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Exactly `count` ASCII digits: from_chars alone would take "-1" (hour T-1) as a number.
std::optional<int> parse_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size())
    return std::nullopt;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
  }
  int value = 0;
  const char* first = text.data() + pos;
  const auto [end, ec] = std::from_chars(first, first + count, value);
  if (ec != std::errc() || end != first + count)
    return std::nullopt;
  return value;
}

// YYYY-MM-DD[T ]HH:MM[:SS][Z|+00:00]; nullopt when it is not a timestamp at all. Throws when
// it is one but not on the hour.
std::optional<UtcHour> parse_utc_hour(std::string_view t) {
  const auto y = parse_digits(t, 0, 4), mo = parse_digits(t, 5, 2), d = parse_digits(t, 8, 2),
             h = parse_digits(t, 11, 2), mi = parse_digits(t, 14, 2);
  if (t.size() < 16 || !y || !mo || !d || !h || !mi || t[4] != '-' || t[7] != '-' ||
      (t[10] != 'T' && t[10] != ' ') || t[13] != ':')
    return std::nullopt;
  std::string_view rest = t.substr(16);
  int seconds = 0;
  if (rest.starts_with(':')) {
    const auto s = parse_digits(rest, 1, 2);
    if (!s)
      return std::nullopt;
    seconds = *s;
    rest.remove_prefix(3);
  }
  if (rest != "Z" && rest != "" && rest != "+00:00")
    throw std::runtime_error(fmt::format(
        "timestamp {} must be UTC (end in Z or +00:00, or carry no offset)", quoted_value(t)));
  const std::chrono::year_month_day date{std::chrono::year{*y},
                                         std::chrono::month{static_cast<unsigned>(*mo)},
                                         std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok() || *h > 23)
    throw std::runtime_error(
        fmt::format("timestamp {} is not a valid date and hour", quoted_value(t)));
  if (*y < kFirstSeriesYear || *y > kLastSeriesYear)
    throw std::runtime_error(fmt::format("timestamp {} is outside the years {} to {}",
                                         quoted_value(t), kFirstSeriesYear, kLastSeriesYear));
  if (*mi != 0 || seconds != 0)
    throw std::runtime_error(fmt::format("timestamp {} is not on the hour", quoted_value(t)));
  return UtcHour{std::chrono::sys_days{date}} + hours{*h};
}

double parse_grams(const std::string& text) {
  double value = 0.0;
  const char* first = text.data();
  const auto [end, ec] = std::from_chars(first, first + text.size(), value);
  if (ec != std::errc() || end != first + text.size() || !std::isfinite(value) || value < 0.0)
    throw std::runtime_error(fmt::format("intensity {} is not a number >= 0", quoted_value(text)));
  return value;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

std::string format_utc_hour(UtcHour hour) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", hour);
}

IntensitySeries IntensitySeries::parse(std::string_view text, std::string name) {
  IntensitySeries series;
  series.name_ = std::move(name);
  // A spreadsheet's UTF-8 export starts with a byte order mark; left in place it would make the
  // first row look like a header and lose it silently.
  if (text.starts_with(kUtf8Bom))
    text.remove_prefix(kUtf8Bom.size());
  std::istringstream lines{std::string(text)};
  std::string line;
  int line_number = 0;
  bool first_content_line = true;
  while (std::getline(lines, line)) {
    ++line_number;
    const std::string content = trim(line);
    if (content.empty() || content.starts_with('#'))
      continue;
    try {
      const std::vector<std::string> fields = split_csv_line(content);
      if (fields.size() != 2)
        throw std::runtime_error(
            fmt::format("expected 2 fields (UTC timestamp, gCO2e/kWh), got {}", fields.size()));
      const std::optional<UtcHour> hour = parse_utc_hour(trim(fields[0]));
      if (!hour) {
        // A header names its columns; a first field starting with a digit is a timestamp gone
        // wrong ("2024-05-01T-1:00Z"), and taking it for a header would lose the row silently.
        const std::string first_field = trim(fields[0]);
        const bool header_like =
            first_field.empty() || first_field[0] < '0' || first_field[0] > '9';
        if (first_content_line && header_like) {
          first_content_line = false;
          continue;
        }
        throw std::runtime_error(
            fmt::format("{} is not a UTC timestamp", quoted_value(first_field)));
      }
      first_content_line = false;
      const double grams = parse_grams(trim(fields[1]));
      if (!series.rows_.empty() && *hour <= series.rows_.back().hour)
        throw std::runtime_error(fmt::format("{} is not after the previous row ({})",
                                             format_utc_hour(*hour),
                                             format_utc_hour(series.rows_.back().hour)));
      series.rows_.push_back({*hour, grams});
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(
          fmt::format("{} line {}: {}", printable_text(series.name_), line_number, e.what()));
    }
  }
  if (series.rows_.empty())
    throw std::runtime_error(fmt::format("{}: no hourly rows", printable_text(series.name_)));
  return series;
}

IntensitySeries IntensitySeries::load(const std::filesystem::path& file) {
  std::string text;
  try {
    text = read_file_bounded(file, kMaxIntensitySeriesBytes, "an intensity series");
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("cannot read intensity series {}", e.what()));
  }
  return parse(text, path_for_message(file));
}

IntensitySeries::Lookup IntensitySeries::at(
    std::chrono::system_clock::time_point t) const noexcept {
  const UtcHour hour =
      std::chrono::floor<hours>(std::chrono::time_point_cast<std::chrono::seconds>(t));
  const auto after = std::lower_bound(rows_.begin(), rows_.end(), hour,
                                      [](const HourIntensity& r, UtcHour h) { return r.hour < h; });
  if (after != rows_.end() && after->hour == hour)
    return {after->grams_per_kwh, after->hour, true};
  const HourIntensity* nearest = nullptr;
  if (after == rows_.end()) {
    nearest = &rows_.back();
  } else if (after == rows_.begin()) {
    nearest = &*after;
  } else {
    const auto before = std::prev(after);
    nearest = (hour - before->hour <= after->hour - hour) ? &*before : &*after;
  }
  return {nearest->grams_per_kwh, nearest->hour, false};
}

bool IntensitySeries::has_hour_of(std::chrono::system_clock::time_point t) const noexcept {
  return at(t).hour_present;
}

}  // namespace joulebench
