#include "common/interrupt_cleanup.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/atomic_file.h"

namespace joulebench {
namespace {

// Formatted before the handler is installed: a signal handler may not allocate.
std::array<char, 512> g_line{};
std::size_t g_line_size = 0;
volatile sig_atomic_t g_streaming = 0;

constexpr std::string_view kStreamedIncomplete = "; the output streamed so far is incomplete";

std::string_view signal_name(int signal_number) {
  switch (signal_number) {
    case SIGINT:
      return " (SIGINT)\n";
    case SIGTERM:
      return " (SIGTERM)\n";
    case SIGHUP:
      return " (SIGHUP)\n";
    case SIGQUIT:
      return " (SIGQUIT)\n";
    default:
      return "\n";
  }
}

void write_to_stderr(std::string_view text) {
  [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, text.data(), text.size());
}

extern "C" void remove_pending_files_and_exit(int signal_number) {
  remove_pending_files_from_signal_handler();
  write_to_stderr({g_line.data(), g_line_size});
  if (g_streaming != 0)
    write_to_stderr(kStreamedIncomplete);
  write_to_stderr(signal_name(signal_number));
  ::_exit(128 + signal_number);
}

// The handler reads g_line: no signal of ours may arrive while it changes.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t ours;
    sigemptyset(&ours);
    for (const int s : InterruptCleanup::kSignals)
      sigaddset(&ours, s);
    ::pthread_sigmask(SIG_BLOCK, &ours, &previous_);
  }
  ~SignalsBlocked() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalsBlocked(const SignalsBlocked&) = delete;
  SignalsBlocked& operator=(const SignalsBlocked&) = delete;

 private:
  sigset_t previous_{};
};

}  // namespace

InterruptCleanup::InterruptCleanup(std::string_view program, std::string_view outcome) {
  const SignalsBlocked blocked;
  previous_line_ = g_line;
  previous_line_size_ = g_line_size;
  // On a terminal, Google Benchmark's table may have left a line unfinished on stdout.
  const std::string_view start = ::isatty(STDERR_FILENO) == 1 ? "\n" : "";
  const auto written = fmt::format_to_n(g_line.data(), g_line.size() - 1, "{}{}: interrupted; {}",
                                        start, program, outcome);
  g_line_size = std::min(written.size, g_line.size() - 1);

  struct sigaction action {};
  action.sa_handler = remove_pending_files_and_exit;
  sigemptyset(&action.sa_mask);
  for (const int s : kSignals)
    sigaddset(&action.sa_mask, s);  // one handler at a time: one line, one exit code
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    ::sigaction(kSignals[i], nullptr, &previous_[i]);
    if (previous_[i].sa_handler != SIG_IGN)
      ::sigaction(kSignals[i], &action, nullptr);
  }
}

InterruptCleanup::~InterruptCleanup() {
  const SignalsBlocked blocked;
  for (std::size_t i = 0; i < kSignals.size(); ++i)
    ::sigaction(kSignals[i], &previous_[i], nullptr);
  g_line = previous_line_;
  g_line_size = previous_line_size_;
}

StreamingOutput::StreamingOutput() {
  g_streaming = 1;
}
StreamingOutput::~StreamingOutput() {
  g_streaming = 0;
}

}  // namespace joulebench
