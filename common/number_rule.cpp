#include "common/number_rule.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "common/error_text.h"

namespace joulebench {
namespace {

// A value as the user typed it, escaped and cut: a newline or a 50 MB argument must not make the
// error more than one short line.
constexpr std::size_t kMaxShownInput = 40;

// Bounds print as people write them: 3600, 0.001, 1e+06 rather than 310 digits.
std::string number_text(double x) {
  return fmt::format("{:.15g}", x);
}

// The bounds of the non-zero values: ">= 0.001 and <= 60".
std::string range_text(const NumberRule& r) {
  std::vector<std::string> parts;
  if (r.min)
    parts.push_back(fmt::format("{} {}", r.min_inclusive ? ">=" : ">", number_text(*r.min)));
  if (r.max)
    parts.push_back(fmt::format("{} {}", r.max_inclusive ? "<=" : "<", number_text(*r.max)));
  return fmt::format("{}", fmt::join(parts, " and "));
}

}  // namespace

std::string NumberRule::bounds() const {
  const std::string range = range_text(*this);
  if (zero_allowed)
    return range.empty() ? fmt::format("0 ({})", zero_means)
                         : fmt::format("0 ({}) or {}", zero_means, range);
  return range;
}

std::string NumberRule::describe() const {
  const std::string range = range_text(*this);
  const std::string number = range.empty() ? std::string(what) : fmt::format("{} {}", what, range);
  return zero_allowed ? fmt::format("0 ({}) or {}", zero_means, number) : number;
}

std::string NumberRule::problem(double value, std::string_view text) const {
  bool ok = std::isfinite(value);
  if (ok && !(zero_allowed && value == 0.0)) {
    if (min)
      ok = ok && (min_inclusive ? value >= *min : value > *min);
    if (max)
      ok = ok && (max_inclusive ? value <= *max : value < *max);
  }
  if (ok && whole)
    ok = std::trunc(value) == value;
  if (ok)
    return {};
  return fmt::format("must be {} (got {})", describe(), printable_text(text, kMaxShownInput));
}

std::optional<double> parse_number(std::string_view text) {
  // from_chars takes no leading '+', which CLI11's own conversion does.
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+')
    text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size())
    return std::nullopt;
  if (error == std::errc::result_out_of_range)  // "1e400": beyond any bound, say so as infinite
    return std::signbit(value) || text.starts_with('-') ? -HUGE_VAL : HUGE_VAL;
  if (error != std::errc())
    return std::nullopt;
  return value;
}

void check_number(std::string_view flag, double value, const NumberRule& rule) {
  const std::string problem = rule.problem(value, number_text(value));
  if (!problem.empty())
    throw std::runtime_error(fmt::format("{} {}", flag, problem));
}

}  // namespace joulebench
