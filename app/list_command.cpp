// `joulebench list`: the workloads this build can run.

#include <fmt/format.h>

#include <regex>

#include "app/command.h"
#include "workloads/workload.h"

namespace joulebench::cli {

Command add_list_command(CLI::App& root) {
  auto filter = std::make_shared<std::string>();
  CLI::App* list = root.add_subcommand("list", "List the workloads of this build, one per line.");
  list->add_option("--filter", *filter, "Regular expression over workload names, as in 'run'");
  return {list, [filter] {
            std::regex pattern;
            try {
              pattern = std::regex(*filter);
            } catch (const std::regex_error& e) {
              throw UsageError(
                  fmt::format("--filter '{}' is not a valid regex: {}", *filter, e.what()));
            }
            for (const WorkloadSpec& spec : all_workloads()) {
              if (std::regex_search(spec.name, pattern)) {
                fmt::print("{:<28} {}\n", spec.name, spec.description);
              }
            }
            return kExitOk;
          }};
}

}  // namespace joulebench::cli
