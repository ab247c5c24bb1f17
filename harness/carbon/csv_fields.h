#pragma once
// One line of a CSV file (RFC 4180 quoting) split into its fields. The carbon tables quote names
// such as "Korea, Republic of", so a plain split on ',' is not enough.

#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// Throws std::runtime_error("unterminated quote") for a quote that is never closed; the caller
// adds the file name and line number.
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace joulebench
