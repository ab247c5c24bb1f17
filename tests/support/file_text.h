#pragma once
// The whole content of a file as a string ("" when it cannot be read): what tests compare
// against after the code under test wrote it.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace joulebench::testing {

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace joulebench::testing
