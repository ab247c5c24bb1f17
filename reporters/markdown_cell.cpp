#include "reporters/markdown_cell.h"

#include <cstddef>

#include "reporters/control_picture.h"

namespace joulebench {
namespace {

constexpr std::string_view kBackslashed = "\\`*~[]!#|$";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether text[at] is the '.' or ')' of an ordered-list marker at the start ("12. x", "3)").
bool ends_list_number(std::string_view text, std::size_t at) {
  if (at == 0 || at > 9 || (text[at] != '.' && text[at] != ')'))
    return false;
  for (std::size_t i = 0; i < at; ++i) {
    if (!is_digit(text[i]))
      return false;
  }
  return at + 1 == text.size() || text[at + 1] == ' ' || text[at + 1] == '\t';
}

// An underscore between two letters or digits can neither open nor close emphasis.
bool intraword_underscore(std::string_view text, std::size_t at) {
  return at > 0 && at + 1 < text.size() && is_ascii_alnum(text[at - 1]) &&
         is_ascii_alnum(text[at + 1]);
}

// Whether the `&` at text[at] could start an entity or numeric character reference.
bool could_start_entity(std::string_view text, std::size_t at) {
  return at + 1 < text.size() && (is_ascii_alnum(text[at + 1]) || text[at + 1] == '#');
}

bool needs_backslash(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (kBackslashed.find(c) != std::string_view::npos)
    return true;
  if (c == '_')
    return !intraword_underscore(text, at);
  if (at == 0 && (c == '-' || c == '+'))
    return text.size() > 1;
  return ends_list_number(text, at);
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool leading_space = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    leading_space = leading_space && c == ' ';
    if (const auto picture = control_picture(c)) {
      out += *picture;
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&' && could_start_entity(text, i)) {
      out += "&amp;";
    } else if (leading_space) {
      out += "&#32;";
    } else {
      if (needs_backslash(text, i))
        out += '\\';
      out += c;
    }
  }
  return out;
}

}  // namespace joulebench
