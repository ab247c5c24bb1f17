#pragma once
// The HTML page's stylesheet and script (reporters/leaderboard/html/), compiled in by
// cmake/embed_text.cmake so the binary needs no files at run time.

#include <string_view>

namespace joulebench {

std::string_view leaderboard_page_css();
std::string_view leaderboard_page_js();

}  // namespace joulebench
