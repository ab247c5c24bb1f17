#pragma once
// One renderer per format (one file each), all from the same Report; each writes to the stream
// it is given.

#include <ostream>

#include "reporters/leaderboard/report.h"

namespace joulebench {

void render_leaderboard_markdown(std::ostream& out, const Report& report);
// One row per entry with every figure and its spread; a spreadsheet's input.
void render_leaderboard_csv(std::ostream& out, const Report& report);
void render_leaderboard_json(std::ostream& out, const Report& report);
// A self-contained page: inline CSS, JS, plot specs and the vendored chart libraries, nothing
// fetched.
void render_leaderboard_html(std::ostream& out, const Report& report);

}  // namespace joulebench
