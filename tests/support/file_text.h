#pragma once
// The whole content of a file as a string ("" when it cannot be read): what tests compare
// against after the code under test wrote it; and text split into its lines.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace joulebench::testing {

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

}  // namespace joulebench::testing
