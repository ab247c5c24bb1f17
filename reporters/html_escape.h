#pragma once
// The HTML report's escapers: one for text and attribute values, one for JSON placed inside a
// <script> element. Every value the page shows that did not come from the program itself goes
// through one of them.

#include <string>
#include <string_view>

namespace joulebench {

// For element text and quoted attribute values (title="...", class="..."): & < > " ' as
// entities; control characters other than tab, newline and CR as their visible control
// pictures (U+2400 + c), which HTML would otherwise drop or reject.
std::string html_escape(std::string_view text);

// Serialized JSON made safe inside <script>...</script>: <, > and & as \u003c, \u003e, \u0026
// (so neither "</script>" nor "<!--" can end or change the script element), U+2028 and U+2029
// as \u2028 and \u2029 (line terminators in older JavaScript). The JSON means the same after.
// Give it JSON serialized with invalid UTF-8 replaced (nlohmann: dump(-1, ' ', false,
// error_handler_t::replace)).
std::string json_for_script(std::string_view json);

}  // namespace joulebench
