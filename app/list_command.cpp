// `joulebench list`: the workloads this build can run.

#include <fmt/format.h>

#include "app/command.h"
#include "workloads/workload.h"

namespace joulebench::cli {

Command add_list_command(CLI::App& root) {
  auto filter = std::make_shared<std::string>();
  CLI::App* list = root.add_subcommand("list", "List the workloads of this build, one per line.");
  list->add_option("--filter", *filter, "Regular expression over workload names, as in 'run'");
  return {list, [filter] {
            for (const WorkloadSpec& spec : select_workloads(*filter)) {
              fmt::print("{:<28} {}\n", spec.name, spec.description);
            }
            return kExitOk;
          }};
}

}  // namespace joulebench::cli
