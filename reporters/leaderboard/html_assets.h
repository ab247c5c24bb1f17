#pragma once
// The HTML page's stylesheet and script (reporters/leaderboard/html/) and the chart libraries it
// inlines (html/vendor/: vega, vega-lite, vega-embed; versions and licences in vendor/VERSIONS),
// compiled in by cmake/embed_text.cmake so the binary needs no files at run time.

#include <string_view>

namespace joulebench {

std::string_view leaderboard_page_css();
std::string_view leaderboard_page_js();
std::string_view leaderboard_vega_js();
std::string_view leaderboard_vega_lite_js();
std::string_view leaderboard_vega_embed_js();

}  // namespace joulebench
