#include "reporters/markdown_cell.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

TEST(MarkdownCell, PipesAreEscapedAndEverythingElseKept) {
  EXPECT_EQ(markdown_cell("a|b||c"), "a\\|b\\|\\|c");
  EXPECT_EQ(markdown_cell("gemm/fp32/`x`"), "gemm/fp32/`x`");
  EXPECT_EQ(markdown_cell(""), "");
}

TEST(MarkdownCell, CodeCellsAlsoLoseTheirBackticks) {
  EXPECT_EQ(markdown_code_cell("bm`1|2`"), "bm'1\\|2'");
}

}  // namespace
}  // namespace joulebench
