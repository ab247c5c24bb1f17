#include "reporters/markdown_cell.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

TEST(MarkdownCell, PlainNamesStayAsTheyAre) {
  EXPECT_EQ(markdown_cell("gemm/fp32/256/onednn/threads:4"), "gemm/fp32/256/onednn/threads:4");
  EXPECT_EQ(markdown_cell("energy_J = 0 (a sensor; BM_memcpy/8)"),
            "energy_J = 0 (a sensor; BM_memcpy/8)");
  EXPECT_EQ(markdown_cell("Green Algorithms & carbonfootprint"),
            "Green Algorithms & carbonfootprint");
  EXPECT_EQ(markdown_cell("-"), "-");
  EXPECT_EQ(markdown_cell(""), "");
}

TEST(MarkdownCell, PipesStayInTheirCell) {
  EXPECT_EQ(markdown_cell("a|b||c"), "a\\|b\\|\\|c");
  // A backslash before a pipe is escaped too, so the pipe stays escaped.
  EXPECT_EQ(markdown_cell("a\\|b"), "a\\\\\\|b");
}

TEST(MarkdownCell, ControlCharactersBecomeVisibleAndNeverEndALine) {
  EXPECT_EQ(markdown_cell("a\nb"), "a\u240ab");
  EXPECT_EQ(markdown_cell("a\r\nb\tc"), "a\u240d\u240ab\u2409c");
  EXPECT_EQ(markdown_cell(std::string_view("x\0y\x7f", 4)), "x\u2400y\u2421");
  EXPECT_EQ(markdown_cell("\n# Heading"), "\u240a\\# Heading");
}

TEST(MarkdownCell, HtmlIsWrittenAsEntities) {
  EXPECT_EQ(markdown_cell("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(markdown_cell("<!-- c -->"), "&lt;\\!-- c --&gt;");
  EXPECT_EQ(markdown_cell("<http://e>"), "&lt;http://e&gt;");
  // An entity in the text is shown as written, not decoded.
  EXPECT_EQ(markdown_cell("&lt;b&#62; R&D & co"), "&amp;lt;b&amp;\\#62; R&amp;D & co");
}

TEST(MarkdownCell, EmphasisLinksImagesCodeAndMathAreLiteral) {
  EXPECT_EQ(markdown_cell("*a* _b_ ~~c~~ a*b*c"), "\\*a\\* \\_b\\_ \\~\\~c\\~\\~ a\\*b\\*c");
  EXPECT_EQ(markdown_cell("__init__"), "\\_\\_init\\_\\_");
  EXPECT_EQ(markdown_cell("[x](http://e)"), "\\[x\\](http://e)");
  EXPECT_EQ(markdown_cell("[x][y] [y]: http://e"), "\\[x\\]\\[y\\] \\[y\\]: http://e");
  EXPECT_EQ(markdown_cell("![i](http://e/i.png)"), "\\!\\[i\\](http://e/i.png)");
  EXPECT_EQ(markdown_cell("`code`"), "\\`code\\`");
  EXPECT_EQ(markdown_cell("$x$ a\\b"), "\\$x\\$ a\\\\b");
}

TEST(MarkdownCell, NothingAtTheStartOpensABlock) {
  // Text after "- " in a list item: no heading, nested list, thematic break, block quote,
  // ordered list or indented code.
  EXPECT_EQ(markdown_cell("# h"), "\\# h");
  EXPECT_EQ(markdown_cell("- x"), "\\- x");
  EXPECT_EQ(markdown_cell("---"), "\\---");
  EXPECT_EQ(markdown_cell("+ x"), "\\+ x");
  EXPECT_EQ(markdown_cell("* x"), "\\* x");
  EXPECT_EQ(markdown_cell("> q"), "&gt; q");
  EXPECT_EQ(markdown_cell("12. x"), "12\\. x");
  EXPECT_EQ(markdown_cell("3) x"), "3\\) x");
  EXPECT_EQ(markdown_cell("    code"), "&#32;&#32;&#32;&#32;code");
  // Only at the start, and a number is not a list marker.
  EXPECT_EQ(markdown_cell("a - b + c"), "a - b + c");
  EXPECT_EQ(markdown_cell("1.5 W"), "1.5 W");
  EXPECT_EQ(markdown_cell("a  b"), "a  b");
}

}  // namespace
}  // namespace joulebench
