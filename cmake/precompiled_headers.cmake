# Precompiled headers. Most of a translation unit's compile time here is spent parsing the same
# standard and third-party headers (libstdc++'s C++20 headers, fmt, GoogleTest, Eigen, CLI11);
# compiling them once per target (libraries) or once per flag set (tests, one-source programs
# mostly) saves a third to two thirds of each compile. JOULEBENCH_PCH=OFF builds without them, as
# the installed package's users do: the PCH is a PRIVATE build detail and never in the exported
# interface.
#
# A precompiled header is only valid with the flags it was made with: the compiler's -O level,
# -march, the sanitizers, -fopenmp (_OPENMP), and every macro it sees (fmt::fmt's FMT_SHARED).
# GCC rejects a mismatch (-Winvalid-pch, an error under -Werror) and clang refuses it, so a
# mismatch shows as a failed build, never as a silently different one.
#
# Only headers that most users include belong here: GCC instantiates the pending templates of
# every header in the PCH at the end of each translation unit, so a header few sources use
# (nlohmann/json, benchmark) costs the others more than it saves.
option(JOULEBENCH_PCH "Precompile the standard and third-party headers most sources include" ON)

set(JOULEBENCH_PCH_HEADERS
  <algorithm> <chrono> <cmath> <cstdint> <filesystem> <fstream> <map> <memory> <optional>
  <sstream> <stdexcept> <string> <string_view> <vector> <fmt/format.h>)

# joulebench_precompile_headers(TARGET [HEADER...]): TARGET gets its own precompiled header of
# JOULEBENCH_PCH_HEADERS and HEADER..., compiled with TARGET's own flags. For targets of many
# sources; a target with one source gains nothing from a PCH of its own (see REUSE_FROM in
# tests/CMakeLists.txt).
function(joulebench_precompile_headers target)
  if(JOULEBENCH_PCH)
    target_precompile_headers(${target} PRIVATE ${JOULEBENCH_PCH_HEADERS} ${ARGN})
  endif()
endfunction()
