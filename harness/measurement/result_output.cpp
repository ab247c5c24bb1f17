#include "harness/measurement/result_output.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/output_target.h"
#include "harness/measurement/result_json_finish.h"

namespace joulebench {
namespace {

std::string read_temporary(const std::filesystem::path& temp) {
  std::ifstream in(temp, std::ios::binary);
  if (!in)
    throw std::runtime_error(fmt::format("cannot read {}", temp.string()));
  return {std::istreambuf_iterator<char>(in), {}};
}

// The finished JSON replaces what Google Benchmark wrote in the same temporary: one temporary
// per result file, no nested atomic write.
void overwrite_temporary(const std::filesystem::path& temp, const std::string& text) {
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out)
    throw std::runtime_error(fmt::format("cannot write {}", temp.string()));
}

}  // namespace

ResultOutput::ResultOutput(std::filesystem::path target, bool json)
    : target_(std::move(target)), json_(json) {
  const OutputTarget resolved = resolve_output_target(target_);
  switch (resolved.kind) {
    case OutputKind::kStandardOutput:
      throw std::runtime_error(
          "the result file cannot go to standard output ('-'): the benchmark table is printed "
          "there; name a file");
    case OutputKind::kStream:
      // Google Benchmark needs a file to write into; the finished result is streamed afterwards.
      stream_ = true;
      pending_.emplace(std::filesystem::temp_directory_path() / "joulebench-streamed-result");
      break;
    case OutputKind::kRegularFile:
      pending_.emplace(target_);
      break;
  }
  // Google Benchmark calls exit() itself on some bad flags (--benchmark_format=bogus prints its
  // usage and exits 0), which destroys no local object: the temporary must go then too. By the
  // time a normal exit runs the handler, every ResultOutput is destroyed and nothing is pending.
  static const bool kRemovedAtExit = std::atexit(remove_pending_files_from_signal_handler) == 0;
  (void)kRemovedAtExit;
}

bool ResultOutput::commit(const RunRecords& records) {
  if (std::filesystem::file_size(temp_path()) == 0)
    return false;
  if (stream_) {
    write_output(target_,
                 json_ ? finished_result_json(temp_path(), records) : read_temporary(temp_path()));
    return true;
  }
  if (json_)
    overwrite_temporary(temp_path(), finished_result_json(temp_path(), records));
  pending_->commit();
  return true;
}

}  // namespace joulebench
