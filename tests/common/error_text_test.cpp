#include "common/error_text.h"

#include <gtest/gtest.h>

#include <string>

namespace joulebench {
namespace {

using namespace std::string_literals;

TEST(ErrorText, ControlCharactersAreEscapedSoAnErrorStaysOneLine) {
  EXPECT_EQ(quoted_value("a\nb\rc\td"), R"('a\nb\rc\td')");
  EXPECT_EQ(quoted_value("nul\0after"s), R"('nul\0after')");  // not cut at the NUL
  EXPECT_EQ(quoted_value("\x1b[31mred"), R"('\x1b[31mred')");
  EXPECT_EQ(quoted_value("it's a\\b"), R"('it\'s a\\b')");
  EXPECT_EQ(printable_text("line\nline"), R"(line\nline)");
}

TEST(ErrorText, LongValuesAreCutWithTheirLength) {
  const std::string huge(50'000'000, '7');
  const std::string quoted = quoted_value(huge);
  EXPECT_EQ(quoted, "'" + std::string(kMaxQuotedChars, '7') + "'... (50000000 bytes)");
  EXPECT_EQ(printable_text(huge, 3), "777... (50000000 bytes)");
  EXPECT_EQ(quoted_value("short"), "'short'");
}

TEST(ErrorText, ACutNeverSplitsAUtf8Sequence) {
  // "é" is two bytes: cutting after 2 bytes would keep "a" and half of it.
  EXPECT_EQ(printable_text("a\xc3\xa9z", 2), "a... (4 bytes)");
  EXPECT_EQ(printable_text("a\xc3\xa9z", 3), "a\xc3\xa9... (4 bytes)");
}

}  // namespace
}  // namespace joulebench
