#include "common/error_text.h"

#include <fmt/format.h>

namespace joulebench {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// Where to cut `value` so that at most `max_chars` bytes are kept and no UTF-8 sequence is split.
std::size_t cut_point(std::string_view value, std::size_t max_chars) {
  if (value.size() <= max_chars)
    return value.size();
  std::size_t cut = max_chars;
  while (cut > 0 && is_utf8_continuation(value[cut]))
    --cut;
  return cut;
}

std::string escaped(std::string_view value, std::size_t max_chars, bool quoting) {
  const std::size_t cut = cut_point(value, max_chars);
  std::string out;
  out.reserve(cut + 16);
  for (const char c : value.substr(0, cut)) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          out += fmt::format("\\x{:02x}", byte);
        } else if (quoting && (c == '\'' || c == '\\')) {
          out += '\\';
          out += c;
        } else {
          out += c;
        }
    }
  }
  if (cut < value.size())
    out += fmt::format("... ({} bytes)", value.size());
  return out;
}

}  // namespace

std::string printable_text(std::string_view value, std::size_t max_chars) {
  return escaped(value, max_chars, /*quoting=*/false);
}

std::string quoted_value(std::string_view value, std::size_t max_chars) {
  // The "... (N bytes)" note stays outside the quotes: it is not part of the value.
  const std::size_t cut = cut_point(value, max_chars);
  std::string out = fmt::format("'{}'", escaped(value.substr(0, cut), cut, /*quoting=*/true));
  if (cut < value.size())
    out += fmt::format("... ({} bytes)", value.size());
  return out;
}

}  // namespace joulebench
