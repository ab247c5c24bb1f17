#include "reporters/markdown_cell.h"

namespace joulebench {

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_code_cell(std::string_view text) {
  std::string out = markdown_cell(text);
  for (char& c : out)
    if (c == '`')
      c = '\'';
  return out;
}

}  // namespace joulebench
