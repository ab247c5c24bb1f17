# cmake -DIN=page.css -DOUT=page_css.cpp -DNAME=leaderboard_page_css -DHEADER=path/to/assets.h -P embed_text.cmake
# Turns a file into a C++ function returning its bytes as a std::string_view, so the binary
# carries it (the HTML report's CSS, JS and the vendored chart libraries, the GPU TDP table) and
# does not need the source tree at run time. The bytes are written as an array of numbers, not a
# raw string literal: a ~500 KB minified library may contain any delimiter, and byte arrays have
# no length limit in GCC or clang (string literals do in MSVC).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
# Sixteen bytes a line: "0x3c,0x21,...".
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REPEAT "0x..," 16 line)
string(REGEX REPLACE "(${line})" "\\1\n" bytes "${bytes}")
if(size EQUAL 0)
  set(bytes "0")  # a zero-length array is not C++; the view below has size 0 all the same
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_text.cmake; do not edit.
#include \"${HEADER}\"

namespace joulebench {
namespace {

// unsigned: a byte above 0x7f (UTF-8 in the libraries) would narrow into a signed char.
constexpr unsigned char kBytes[] = {
${bytes}};

}  // namespace

std::string_view ${NAME}() {
  return {reinterpret_cast<const char*>(kBytes), ${size}};
}

}  // namespace joulebench
")
file(RENAME "${OUT}.tmp" "${OUT}")
