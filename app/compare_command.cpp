// `joulebench compare`: not in this version; says so instead of printing a placeholder.

#include <fmt/format.h>

#include "app/command.h"

namespace joulebench::cli {

Command add_compare_command(CLI::App& root) {
  CLI::App* compare = root.add_subcommand(
      "compare",
      "Statistical energy-regression gate between two result files (not in this version).");
  compare->allow_extras();
  return {compare, [] {
            fmt::print(stderr,
                       "joulebench compare: not available in this version (energy-regression "
                       "gate: issue #8)\n");
            return kExitBadInput;
          }};
}

}  // namespace joulebench::cli
