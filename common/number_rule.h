#pragma once
// One rule per numeric flag: finite, within bounds a reader can see (in --help and in the error),
// optionally 0 as an "off" value below the lower bound. Shared by the CLI11 validators of the
// commands (common/cli_checks.h) and the measurement core's own checks, so a flag has one rule
// wherever it is checked, and NaN or an infinity never passes a comparison by accident.

#include <optional>
#include <string>
#include <string_view>

namespace joulebench {

struct NumberRule {
  std::string_view what{};        // "a finite number of seconds", "a whole number"
  std::optional<double> min{};    // none: no lower bound
  bool min_inclusive = true;      // >= min (else > min)
  std::optional<double> max{};    // none: no upper bound
  bool max_inclusive = true;      // <= max (else < max)
  bool zero_allowed = false;      // 0 passes even below min ("0: off")
  std::string_view zero_means{};  // shown in the bounds when zero_allowed, e.g. "off"
  bool whole = false;             // a count: an integer value

  // The bounds as a reader wants them: ">= 0 and <= 3600", "0 (off) or >= 0.001 and <= 60".
  std::string bounds() const;
  // "a finite number of seconds >= 0 and <= 3600".
  std::string describe() const;
  // Empty when `value` obeys the rule, else "must be <describe()> (got <text>)".
  std::string problem(double value, std::string_view text) const;
};

// `text` as a number of the rule's kind, or nullopt when it is not one at all ("abc", "1x",
// "" or, for a whole number, "1.5"). "nan" and "inf" parse: the rule rejects them by name.
std::optional<double> parse_number(std::string_view text);

// Throws std::runtime_error("<flag> must be <describe()> (got <text>)") when `value` breaks the
// rule. For options the front end has already parsed into a double (the value is printed).
void check_number(std::string_view flag, double value, const NumberRule& rule);

}  // namespace joulebench
