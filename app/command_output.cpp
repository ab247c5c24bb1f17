#include "app/command_output.h"

#include <iostream>

#include "common/atomic_file.h"

namespace joulebench::cli {

std::vector<ResultFile> read_result_files(const std::vector<std::string>& paths) {
  std::vector<ResultFile> results;
  results.reserve(paths.size());
  for (const std::string& path : paths)
    results.push_back(read_result_file(path));
  return results;
}

void emit_output(const std::string& out_path, std::string_view text) {
  if (out_path.empty()) {
    std::cout << text << std::flush;
  } else {
    write_file_atomically(out_path, text);
  }
}

}  // namespace joulebench::cli
