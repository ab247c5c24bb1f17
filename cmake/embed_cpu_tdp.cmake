# cmake -DIN=cpu_tdp.tsv -DOUT=cpu_tdp_table.cpp -P embed_cpu_tdp.cmake
# Turns data/hardware/cpu_tdp.tsv (name, tdp_watts, source_row) into a C++ array, so the binary
# carries the table and does not need the source tree at run time.
file(STRINGS "${IN}" lines ENCODING UTF-8)
list(POP_FRONT lines header)
if(NOT header STREQUAL "name\ttdp_watts\tsource_row")
  message(FATAL_ERROR "${IN}: unexpected header '${header}'")
endif()
set(rows "")
foreach(line IN LISTS lines)
  string(REPLACE "\t" ";" fields "${line}")
  list(LENGTH fields count)
  if(NOT count EQUAL 3)
    message(FATAL_ERROR "${IN}: row without three tab-separated fields: '${line}'")
  endif()
  list(GET fields 0 name)
  list(GET fields 1 watts)
  list(GET fields 2 source_row)
  string(APPEND rows "    {\"${name}\", ${watts}, ${source_row}},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_cpu_tdp.cmake; do not edit.
#include \"harness/system/cpu_tdp_table.h\"

namespace joulebench {
namespace {
constexpr CpuTdpRow kRows[] = {
${rows}};
}  // namespace

std::span<const CpuTdpRow> cpu_tdp_table() {
  return kRows;
}

}  // namespace joulebench
")
file(RENAME "${OUT}.tmp" "${OUT}")
