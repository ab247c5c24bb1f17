# joulebench_untested_program(TARGET): a program no test runs (a hand-run tool or benchmark).
# The plain trees build it, so it keeps compiling; a sanitizer tree exists to run the tests and
# leaves it out of `all` (it still builds on request: cmake --build --target TARGET).
function(joulebench_untested_program target)
  if(JOULEBENCH_SANITIZE)
    set_target_properties(${target} PROPERTIES EXCLUDE_FROM_ALL ON)
  endif()
endfunction()
