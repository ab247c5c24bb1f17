# cmake -DIN=page.css -DOUT=page_css.cpp -DNAME=leaderboard_page_css -DHEADER=path/to/assets.h -P embed_text.cmake
# Turns a text file into a C++ function returning it as a std::string_view, so the binary
# carries it (the HTML report's CSS and JS, the GPU TDP table) and does not need the source tree
# at run time.
set(delimiter "jb_embed")
file(READ "${IN}" text)
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_text.cmake; do not edit.
#include \"${HEADER}\"

namespace joulebench {

std::string_view ${NAME}() {
  return R\"${delimiter}(${text})${delimiter}\";
}

}  // namespace joulebench
")
file(RENAME "${OUT}.tmp" "${OUT}")
