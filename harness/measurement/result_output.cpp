#include "harness/measurement/result_output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "harness/measurement/result_json_finish.h"

namespace joulebench {
namespace {

// Formatted before the handler is installed: a signal handler may not allocate.
char g_interrupt_message[512];
std::size_t g_interrupt_message_size = 0;

extern "C" void remove_pending_files_and_exit(int signal_number) {
  remove_pending_files_from_signal_handler();
  [[maybe_unused]] const auto ignored =
      ::write(STDERR_FILENO, g_interrupt_message, g_interrupt_message_size);
  ::_exit(128 + signal_number);
}

}  // namespace

ResultOutput::ResultOutput(std::filesystem::path target, bool json)
    : pending_(std::move(target)), json_(json) {
  // Google Benchmark calls exit() itself on some bad flags (--benchmark_format=bogus prints its
  // usage and exits 0), which destroys no local object: the temporary must go then too. By the
  // time a normal exit runs the handler, every ResultOutput is destroyed and nothing is pending.
  static const bool kRemovedAtExit = std::atexit(remove_pending_files_from_signal_handler) == 0;
  (void)kRemovedAtExit;
}

bool ResultOutput::commit(const std::vector<BenchmarkPowerTimeline>& timelines) {
  if (std::filesystem::file_size(temp_path()) == 0)
    return false;
  if (json_)
    finish_result_json(temp_path(), timelines);
  pending_.commit();
  return true;
}

InterruptCleanup::InterruptCleanup(std::string_view program) {
  const auto written = fmt::format_to_n(g_interrupt_message, sizeof g_interrupt_message - 1,
                                        "\n{}: interrupted; no result file written\n", program);
  g_interrupt_message_size = std::min(written.size, sizeof g_interrupt_message - 1);
  struct sigaction action {};
  action.sa_handler = remove_pending_files_and_exit;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
}

InterruptCleanup::~InterruptCleanup() {
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
}

}  // namespace joulebench
