#pragma once
// Each subcommand lives in its own file and adds itself to the CLI11 app; main() runs the one
// that was parsed.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "common/error_model.h"

namespace joulebench::cli {

// Exit codes shared by every subcommand (common/error_model.h): 0, 1 when the answer is "no" (a
// regression), 2 for a user error, 3 for an internal error.
inline constexpr int kExitOk = ::joulebench::kExitOk;
inline constexpr int kExitFailed = ::joulebench::kExitAnswerNo;
inline constexpr int kExitBadInput = ::joulebench::kExitUserError;

// Thrown for anything the user can fix; main() prints it as one line and exits 2.
using UsageError = ::joulebench::UserError;

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
// What-if: estimate without running, and project a deployment from a measurement.
Command add_estimate_command(CLI::App& root);
Command add_project_command(CLI::App& root);

}  // namespace joulebench::cli
