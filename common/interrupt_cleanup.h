#pragma once
// The one interrupt path of every joulebench program that writes. While an InterruptCleanup is
// alive, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove every pending temporary of the process
// (common/atomic_file.h; nested ones included), print one line, e.g.
//   joulebench report: interrupted; no output file written (SIGTERM)
// and exit with 128 + the signal, as a shell reports a process killed by it. A signal that was
// ignored when it was installed stays ignored (nohup, background jobs). Instances nest: the
// innermost one's line is printed, and destroying it brings back the outer one's handlers and
// line.

#include <signal.h>

#include <array>
#include <string_view>

namespace joulebench {

class InterruptCleanup {
 public:
  // `program` starts the line; `outcome` says what became of the output.
  explicit InterruptCleanup(std::string_view program,
                            std::string_view outcome = "no result file written");
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

  // SIGINT, SIGTERM, SIGHUP, SIGQUIT.
  static constexpr std::array<int, 4> kSignals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

 private:
  std::array<struct sigaction, kSignals.size()> previous_{};
  std::array<char, 512> previous_line_{};
  std::size_t previous_line_size_ = 0;
};

// While alive, output is being streamed in place (standard output, a device, a FIFO): an
// interrupt's line then adds that what was streamed is incomplete.
class StreamingOutput {
 public:
  StreamingOutput();
  ~StreamingOutput();
  StreamingOutput(const StreamingOutput&) = delete;
  StreamingOutput& operator=(const StreamingOutput&) = delete;
};

}  // namespace joulebench
