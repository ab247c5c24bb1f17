// `joulebench meters`: which energy sources this machine offers, and why the others are out.

#include <fmt/format.h>

#include "app/command.h"
#include "harness/meters/meter_selection.h"

namespace joulebench::cli {

Command add_meters_command(CLI::App& root) {
  CLI::App* meters =
      root.add_subcommand("meters",
                          "Show every energy source, whether it is usable here and why, and what "
                          "'--meter auto' picks.");
  return {meters, [] {
            const MeterSelection chosen = select_meter("auto");
            for (const MeterCandidate& c : chosen.candidates) {
              fmt::print("{:<6} {:<10} {}\n", c.name, c.usable ? "usable" : "unusable", c.reason);
            }
            fmt::print("\nauto picks: {} ({})\n", chosen.meter->name(), chosen.meter->method());
            return kExitOk;
          }};
}

}  // namespace joulebench::cli
