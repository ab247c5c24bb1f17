#pragma once
// The LaTeX escaper of `statement --format latex`: text, whatever it holds, typeset as itself in
// running text, a tabular cell or an \item, with no package beyond LaTeX2e.

#include <string>
#include <string_view>

namespace joulebench {

// \ ~ ^ as \textbackslash{} etc.; & % $ # _ { } with a backslash; < > | as \textless{},
// \textgreater{}, \textbar{} (OT1 would print them as other glyphs); [ ] braced, so text after
// \item or \\ is never read as an optional argument; "--" kept as two hyphens; control
// characters (newline, CR, tab, ...) as spaces, so no blank line ends a paragraph inside a
// tabular. "CO2" is typeset with a subscript.
std::string latex_escape(std::string_view text);

}  // namespace joulebench
