#pragma once
// What `joulebench run` says on stderr while it runs: a line as each workload starts, with how
// many there are and about how long the rest will take. The default suite takes minutes and one
// row may train an MLP for most of one; without this a run is silent until it ends. The line is
// written when a workload starts (its set-up, weight training included, runs after it), so the
// line on screen names what is running now. `run --quiet` passes no stream.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench::cli {

// "[3/71] gemm/fp32/eigen/256 (1m 05s so far, about 2m 10s left)": `done` workloads took
// `elapsed`, and the rest are guessed at their mean (the first line has no guess).
std::string progress_line(std::size_t done, std::size_t total, std::string_view name,
                          std::chrono::duration<double> elapsed);

// "45s", "1m 05s", "2h 03m".
std::string duration_text(std::chrono::duration<double> d);

class RunProgress {
 public:
  // `out` nullptr: quiet.
  RunProgress(std::size_t total, std::FILE* out) : total_(total), out_(out) {}

  // Called on every entry into workload `index` (0-based; Google Benchmark enters a workload
  // several times: to find its iteration count, then once per repetition, and with random
  // interleaving after other workloads). Says so once per workload. Safe from the threads of a
  // /threads:N workload.
  void entering(std::size_t index, std::string_view name);

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t total_;
  std::FILE* out_;
  std::mutex mutex_;
  std::vector<bool> started_workloads_;  // by index
  std::size_t started_ = 0;              // workloads started so far
  Clock::time_point first_start_{};
};

}  // namespace joulebench::cli
