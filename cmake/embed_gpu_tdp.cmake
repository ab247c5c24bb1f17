# cmake -DIN=gpu_tdp.csv -DOUT=gpu_tdp_embedded.cpp -P embed_gpu_tdp.cmake
# Holds data/hardware/gpu_tdp.csv as a raw string literal, so the binary carries the table and
# does not need the source tree at run time. The CSV quotes fields (datasheet titles hold commas),
# so it is parsed in C++ (harness/system/gpu_tdp_table.cpp), not here.
file(READ "${IN}" text)
string(FIND "${text}" ")csv\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )csv\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_gpu_tdp.cmake; do not edit.
#include \"harness/system/gpu_tdp_table.h\"

namespace joulebench {

std::string_view embedded_gpu_tdp_csv() {
  return R\"csv(${text})csv\";
}

}  // namespace joulebench
")
file(RENAME "${OUT}.tmp" "${OUT}")
