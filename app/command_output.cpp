#include "app/command_output.h"

#include "common/output_target.h"

namespace joulebench::cli {

std::vector<ResultFile> read_result_files(const std::vector<std::string>& paths) {
  std::vector<ResultFile> results;
  results.reserve(paths.size());
  std::string buffer;
  for (const std::string& path : paths)
    results.push_back(read_result_file(path, buffer));
  return results;
}

void emit_output(const std::string& out_path, std::string_view text) {
  write_output(out_path.empty() ? "-" : out_path, text);
}

}  // namespace joulebench::cli
