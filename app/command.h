#pragma once
// Each subcommand lives in its own file and adds itself to the CLI11 app; main() runs the one
// that was parsed.

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace joulebench::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // ran, and the answer is "no" (e.g. a regression)
inline constexpr int kExitBadInput = 2;  // bad flags, bad files, unusable meter, ...

// Thrown for anything the user can fix; main() prints it as one line and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// `benchmark_flags`: the --benchmark_* arguments taken off the command line before CLI11 saw
// it; only `run` accepts them.
Command add_run_command(CLI::App& root, const std::vector<std::string>& benchmark_flags);
Command add_list_command(CLI::App& root);
Command add_meters_command(CLI::App& root);
Command add_report_command(CLI::App& root);
Command add_compare_command(CLI::App& root);
Command add_statement_command(CLI::App& root);
// What-if (issue 10): estimate without running, and project a deployment from a measurement.
Command add_estimate_command(CLI::App& root);
Command add_project_command(CLI::App& root);

}  // namespace joulebench::cli
