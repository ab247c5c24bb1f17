#include "common/benchmark_json.h"

#include <array>

namespace joulebench {

std::string with_non_finite_numbers_as_null(std::string_view text) {
  // Longest first, so "-NaN" is not read as "-" followed by "NaN".
  static constexpr std::array<std::string_view, 4> kTokens = {"-Infinity", "Infinity", "-NaN",
                                                              "NaN"};
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size())
        out += text[++i];  // an escaped character, quotes included, never ends the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    bool replaced = false;
    for (std::string_view token : kTokens) {
      if (text.substr(i, token.size()) == token) {
        out += "null";
        i += token.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced)
      out += c;
  }
  return out;
}

}  // namespace joulebench
