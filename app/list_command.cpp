// `joulebench list`: the workloads this build can run.

#include <fmt/format.h>

#include <algorithm>

#include "app/command.h"
#include "workloads/models/mlp_peer_rows.h"
#include "workloads/models/model_workloads.h"
#include "workloads/workload.h"

namespace joulebench::cli {

Command add_list_command(CLI::App& root) {
  auto filter = std::make_shared<std::string>();
  CLI::App* list = root.add_subcommand(
      "list", "List the workloads of this build, one per line; '*' marks the default suite.");
  list->add_option("--filter", *filter, "Regular expression over workload names, as in 'run'");
  return {list, [filter] {
            // All workloads, the default suite (what `run` runs without --filter) marked '*',
            // descriptions in one column after the longest name.
            const std::vector<WorkloadSpec> specs = select_workloads(*filter, true);
            std::size_t width = 0;
            for (const WorkloadSpec& spec : specs)
              width = std::max(width, spec.name.size());
            for (const WorkloadSpec& spec : specs) {
              fmt::print("{} {:<{}} {}\n", spec.in_default_suite ? '*' : ' ', spec.name, width,
                         spec.description);
            }
            for (const std::string& note : workloads_not_built())
              fmt::print("  {}\n", note);
            if (const auto absent = models::pytorch_mlp_peer_absent())
              fmt::print("  {}\n", *absent);
            // Model rows come from a manifest, not from this list.
            if (const auto absent = models::models_not_built())
              fmt::print("  {}\n", *absent);
            else
              fmt::print(
                  "  model/<task>/<variant>/batch:N: from a manifest, with 'joulebench run "
                  "--models FILE.json'\n");
            return kExitOk;
          }};
}

}  // namespace joulebench::cli
