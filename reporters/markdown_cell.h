#pragma once
// The one Markdown escaper: every Markdown output of joulebench (report --format md, compare
// --format md, statement --format md, the kernel table) passes text that did not come from the
// program itself (benchmark names, context values, file names, error messages, notes quoting
// them) through markdown_cell, so such text renders as the same literal text in a table cell, a
// list item or a heading, whatever it holds.

#include <string>
#include <string_view>

namespace joulebench {

// Text as literal inline Markdown (CommonMark and GitHub-flavoured):
// - control characters (newline, CR, tab, ...) become their visible control pictures (U+2400 +
//   c, U+2421 for DEL), so a value never ends a table row or starts a block;
// - `<` and `>` become &lt; and &gt; (no HTML tag, comment, autolink or block quote), and `&`
//   becomes &amp; where it could start an entity ("&lt;", "&#60;"; "R&D" too, a lone "& " not);
// - \ ` * ~ [ ] ! # | $ get a backslash: no code span, emphasis, strike-through, link, image,
//   heading, cell break or math; `_` too unless inside a word ("energy_J" can make no
//   emphasis), so ordinary names stay readable;
// - at the start, `-` or `+` (unless the whole text) gets a backslash, an ordered-list marker
//   "12. " or "3) " has its dot or bracket escaped and leading spaces become &#32;, so text
//   after "- " makes no nested list, thematic break or indented code block.
// `(` and `)` stay: with `[` and `]` escaped they can start no link. Renders as the original
// text; a bare URL may still be autolinked by GitHub, as in any text.
std::string markdown_cell(std::string_view text);

}  // namespace joulebench
