#include "app/run_progress.h"

#include <fmt/format.h>

#include <cmath>

namespace joulebench::cli {

std::string duration_text(std::chrono::duration<double> d) {
  const auto seconds = static_cast<long long>(std::llround(std::max(0.0, d.count())));
  if (seconds < 60)
    return fmt::format("{}s", seconds);
  if (seconds < 3600)
    return fmt::format("{}m {:02}s", seconds / 60, seconds % 60);
  return fmt::format("{}h {:02}m", seconds / 3600, seconds % 3600 / 60);
}

std::string progress_line(std::size_t done, std::size_t total, std::string_view name,
                          std::chrono::duration<double> elapsed) {
  std::string line = fmt::format("[{}/{}] {}", done + 1, total, name);
  if (done == 0)
    return line;
  // Workloads differ by orders of magnitude (a GEMV in a second, a training row in a minute):
  // the mean of those done is a rough guess, and says so with "about".
  const std::size_t remaining = total > done ? total - done : 0;
  const auto left = elapsed / static_cast<double>(done) * static_cast<double>(remaining);
  return line +
         fmt::format(" ({} so far, about {} left)", duration_text(elapsed), duration_text(left));
}

void RunProgress::entering(std::size_t index, std::string_view name) {
  if (out_ == nullptr)
    return;
  const std::lock_guard lock(mutex_);
  // Once per workload: with --benchmark_enable_random_interleaving Google Benchmark comes back
  // to a workload for each repetition, after others.
  if (index >= started_workloads_.size())
    started_workloads_.resize(index + 1, false);
  if (started_workloads_[index])
    return;
  started_workloads_[index] = true;
  const Clock::time_point now = Clock::now();
  if (started_ == 0)
    first_start_ = now;
  const std::string line = progress_line(started_, total_, name, now - first_start_);
  ++started_;
  fmt::print(out_, "joulebench run: {}\n", line);
  std::fflush(out_);
}

}  // namespace joulebench::cli
