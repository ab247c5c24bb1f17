#pragma once
// A Comparison in three forms, each in its own file: a terminal table (text), a pull-request
// comment (Markdown) and a machine-readable document (JSON). Renderers write to the stream they
// are given and decide nothing: verdicts come from compare_results().

#include <ostream>

#include "reporters/compare/comparison.h"

namespace joulebench {

void render_compare_text(std::ostream& out, const Comparison& comparison);
void render_compare_markdown(std::ostream& out, const Comparison& comparison);
void render_compare_json(std::ostream& out, const Comparison& comparison);

}  // namespace joulebench
