#pragma once
// Text placed in a Markdown table cell: every Markdown renderer of joulebench (leaderboard,
// comparison, carbon statement) goes through this, so names and sources with a pipe stay in
// their cell.

#include <string>
#include <string_view>

namespace joulebench {

// `|` becomes `\|`, which would otherwise end the cell early.
std::string markdown_cell(std::string_view text);

// As markdown_cell, for text set inside a code span (`...`): a backtick there would end the span
// and no escape works inside one, so it becomes an apostrophe.
std::string markdown_code_cell(std::string_view text);

}  // namespace joulebench
