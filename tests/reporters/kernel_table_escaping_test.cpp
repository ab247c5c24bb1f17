// The kernel table (Markdown) with a problem name and a code-path label holding Markdown and
// HTML: one row, as many cells as the header, the text escaped.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "reporters/kernel_table.h"

namespace joulebench {
namespace {

std::size_t unescaped_pipes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == '|')
      ++n;
  }
  return n;
}

TEST(KernelTable, HostileProblemAndPathStayInOneRowAsText) {
  KernelTableEntry e;
  e.problem = "gemm/fp32/128\n# Heading [x](http://e) <script>`|`*a*";
  e.backend = "joulebench";
  e.gflops_real = e.gflops_cpu = 1.0;
  e.label = "avx2 | <img src=x onerror=alert(1)>\n- item";
  std::ostringstream out;
  write_kernel_table(out, {e});
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u) << out.str();
  EXPECT_EQ(unescaped_pipes(lines[2]), unescaped_pipes(lines[0])) << lines[2];
  EXPECT_EQ(lines[2].find('<'), std::string::npos) << lines[2];
  EXPECT_NE(
      lines[2].find("| gemm/fp32/128\u240a\\# Heading \\[x\\](http://e) &lt;script&gt;\\`\\|\\`"
                    "\\*a\\* |"),
      std::string::npos)
      << lines[2];
  EXPECT_NE(lines[2].find("| avx2 \\| &lt;img src=x onerror=alert(1)&gt;\u240a- item |"),
            std::string::npos)
      << lines[2];
}

}  // namespace
}  // namespace joulebench
