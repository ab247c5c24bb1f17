#pragma once
// Values quoted in error messages come from files and flags a user (or an attacker) wrote: a
// benchmark name with a newline, a context value holding an ESC sequence, a 50 MB "number". An
// error must stay one readable line, so every such value goes through one of these first.

#include <cstddef>
#include <string>
#include <string_view>

namespace joulebench {

// Long enough for any real benchmark name, context value or number; short enough for one line.
inline constexpr std::size_t kMaxQuotedChars = 120;

// `value` with control characters escaped (\n, \r, \t, \0, \x1b ...) and cut after `max_chars`
// bytes (never inside a UTF-8 sequence) with "... (N bytes)" giving the original length.
std::string printable_text(std::string_view value, std::size_t max_chars = kMaxQuotedChars);

// printable_text in single quotes, with a quote or backslash inside escaped: 'a\nb'.
std::string quoted_value(std::string_view value, std::size_t max_chars = kMaxQuotedChars);

}  // namespace joulebench
