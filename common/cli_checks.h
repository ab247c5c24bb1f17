#pragma once
// CLI11 validators built on NumberRule (common/number_rule.h): header-only, so that
// joulebench::common itself does not depend on CLI11; include it where CLI11 is linked (app/,
// harness/api). The validator's description carries the bounds into --help, and its message
// reads after CLI11's "--flag: " prefix: "--min-time: must be a finite number of seconds >= 0
// and <= 3600 (got nan)".

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string>

#include "common/number_rule.h"

namespace joulebench {

inline CLI::Validator number_check(const NumberRule& rule) {
  CLI::Validator validator(
      [rule](std::string& text) -> std::string {
        const std::optional<double> value = parse_number(text);
        if (!value)
          return fmt::format("must be {} (got '{}')", rule.describe(),
                             text.size() <= 40 ? text : text.substr(0, 40) + "...");
        return rule.problem(*value, text);
      },
      "[" + rule.bounds() + "]");
  return validator;
}

}  // namespace joulebench
