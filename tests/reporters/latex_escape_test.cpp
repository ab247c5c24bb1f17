#include "reporters/latex_escape.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

TEST(LatexEscape, EverySpecialCharacterIsTypesetAsItself) {
  EXPECT_EQ(latex_escape("\\ % & _ # $ { } ~ ^"),
            "\\textbackslash{} \\% \\& \\_ \\# \\$ \\{ \\} \\textasciitilde{} "
            "\\textasciicircum{}");
  EXPECT_EQ(latex_escape("<script>|"), "\\textless{}script\\textgreater{}\\textbar{}");
  EXPECT_EQ(latex_escape("gemm/fp32/256"), "gemm/fp32/256");
}

TEST(LatexEscape, BracketsAreNeverAnOptionalArgument) {
  EXPECT_EQ(latex_escape("[x] y"), "{[}x{]} y");
}

TEST(LatexEscape, ControlCharactersAreSpacesSoNoBlankLineEndsATabularRow) {
  EXPECT_EQ(latex_escape("a\n\nb\r\tc"), "a  b  c");
  EXPECT_EQ(latex_escape("\\end{tabular}\n\n\\input{/etc/passwd}"),
            "\\textbackslash{}end\\{tabular\\}  \\textbackslash{}input\\{/etc/passwd\\}");
}

TEST(LatexEscape, DashesAndCo2) {
  EXPECT_EQ(latex_escape("--region"), "-{}-region");
  EXPECT_EQ(latex_escape("kg CO2e"), "kg CO\\textsubscript{2}e");
}

}  // namespace
}  // namespace joulebench
