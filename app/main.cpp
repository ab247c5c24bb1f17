#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "app/command.h"
#include "common/interrupt_cleanup.h"
#include "common/version.h"
#include "workloads/models/mlp_peer_rows.h"

namespace {

// Google Benchmark's own flags pass through `run` untouched: take them off before CLI11 parses.
std::vector<std::string> take_benchmark_flags(std::vector<std::string>& args) {
  std::vector<std::string> taken;
  std::vector<std::string> rest;
  for (std::string& a : args) {
    (std::string_view(a).starts_with("--benchmark_") ? taken : rest).push_back(std::move(a));
  }
  args = std::move(rest);
  return taken;
}

constexpr const char* kFooter =
    "Run 'joulebench <command> --help' for the options of a command.\n\n"
    "Exit status: 0 done; 1 compare found a regression; 2 an error you can fix (bad flag, bad or "
    "unreadable file, unusable meter), said in one line; 3 an internal error, a bug in joulebench "
    "(please report it with the command line); 128+N stopped by signal N.";

int run_joulebench(int argc, char** argv) {
  using namespace joulebench::cli;
  // The allocator settings a measurement needs are applied by the measurement core
  // (harness/measurement/allocator_settings.h), for JOULEBENCH_MAIN programs too.

  // PyTorch's rows beside ours in the MLP suite, when the LibTorch plugin is there: before any
  // command lists or selects workloads.
  joulebench::models::register_pytorch_mlp_peer();

  std::vector<std::string> args(argv + 1, argv + argc);
  const std::vector<std::string> benchmark_flags = take_benchmark_flags(args);

  CLI::App app{
      "joulebench: energy (J), power (W) and CO2e per iteration of ML workloads, measured inside "
      "Google Benchmark.\nEvery figure says how it was obtained: measured by a sensor, or "
      "estimated.",
      "joulebench"};
  app.set_version_flag("--version", std::string(joulebench::kVersion));
  app.require_subcommand(1);
  app.footer(kFooter);

  const std::vector<Command> commands = {add_run_command(app, benchmark_flags),
                                         add_list_command(app),
                                         add_meters_command(app),
                                         add_report_command(app),
                                         add_compare_command(app),
                                         add_statement_command(app),
                                         add_estimate_command(app),
                                         add_project_command(app)};

  // CLI11 would call an unknown word a missing subcommand; name it instead.
  if (!args.empty() && !args.front().starts_with("-") &&
      std::none_of(commands.begin(), commands.end(),
                   [&](const Command& c) { return c.app->get_name() == args.front(); })) {
    fmt::print(stderr, "joulebench: error: unknown command '{}' (see 'joulebench --help')\n",
               args.front());
    return kExitBadInput;
  }

  std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A flag of a command names the command, as the command's own checks do ("joulebench run:
    // error: ..."), so one rule reads the same wherever it is checked.
    const auto parsed = std::find_if(commands.begin(), commands.end(),
                                     [](const Command& c) { return c.app->parsed(); });
    const std::string who =
        parsed == commands.end() ? "joulebench" : "joulebench " + parsed->app->get_name();
    fmt::print(stderr, "{}: error: {} (see '{} --help')\n", who, e.what(), who);
    return kExitBadInput;
  }

  for (const Command& command : commands) {
    if (!command.app->parsed())
      continue;
    if (!benchmark_flags.empty() && command.app->get_name() != "run") {
      fmt::print(stderr,
                 "joulebench {}: error: {} is a Google Benchmark flag; only 'run' takes it\n",
                 command.app->get_name(), benchmark_flags.front());
      return kExitBadInput;
    }
    // The one interrupt path of every command (common/interrupt_cleanup.h): a signal removes the
    // command's temporaries and says so on one line, whichever command was writing.
    const std::string name = command.app->get_name();
    const joulebench::InterruptCleanup cleanup(
        fmt::format("joulebench {}", name),
        name == "run" ? "no result file written" : "no output file written");
    try {
      return command.run();
    } catch (...) {
      // User errors exit 2, anything else is an internal error (common/error_model.h).
      return joulebench::report_current_exception(fmt::format("joulebench {}", name));
    }
  }
  return kExitBadInput;  // unreachable: require_subcommand(1)
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_joulebench(argc, argv);
  } catch (...) {
    // Outside any command: building the CLI, parsing it (a validator that failed other than
    // with a ParseError).
    return joulebench::report_current_exception("joulebench");
  }
}
