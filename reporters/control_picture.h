#pragma once
// A control character made visible: U+2400 + c for C0 controls (␊ for a newline, ␉ for a tab)
// and U+2421 (␡) for DEL, so text with control characters keeps every character, fits on one
// line and shows where they were. Shared by the Markdown and HTML escapers.

#include <optional>
#include <string_view>

namespace joulebench {

// The UTF-8 control picture for c, or nothing when c is not a control character.
inline std::optional<std::string_view> control_picture(char c) {
  static constexpr char kPictures[33][4] = {
      "\u2400", "\u2401", "\u2402", "\u2403", "\u2404", "\u2405", "\u2406", "\u2407", "\u2408",
      "\u2409", "\u240a", "\u240b", "\u240c", "\u240d", "\u240e", "\u240f", "\u2410", "\u2411",
      "\u2412", "\u2413", "\u2414", "\u2415", "\u2416", "\u2417", "\u2418", "\u2419", "\u241a",
      "\u241b", "\u241c", "\u241d", "\u241e", "\u241f", "\u2421"};
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20)
    return std::string_view(kPictures[byte], 3);
  if (byte == 0x7f)
    return std::string_view(kPictures[32], 3);
  return std::nullopt;
}

}  // namespace joulebench
