// Benchmark names and context values full of Markdown, HTML and LaTeX specials, through every
// text format the binary writes (issue 21 #6, issue 18 #7). Each output is compared line by line
// with the output for the same file with plain text in their place: the same lines, the same
// table rows and cells, the same headings, the same raw `<`, brackets, backticks and braces,
// so nothing the text holds became structure; and the text itself is shown, escaped.

#include <gtest/gtest.h>

#include <cctype>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/reporters/html_page_text.h"
#include "tests/support/file_text.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

// What data/hostile_names.json puts in two benchmark names and in host_name, the CPU model,
// the meter method and the intensity source (after a prefix in each).
constexpr std::string_view kHostile =
    "\n# Heading [x](http://e) ![i](http://e/i.png) <script>alert(1)</script> <img src=x "
    "onerror=alert(2)> `tick` | *a* _b_ \"q' & \\ % $ ~ ^ {} [y]: http://e <!-- c -->";

// kHostile with letters as 'x', digits as '0' and other characters as '-', but slashes, colons
// and spaces kept: benchmark names that split into the same task and variant (the parser looks
// at slashes, colons and whether a segment starts with a letter) holding nothing special.
std::string plain_text() {
  std::string plain(kHostile);
  for (char& c : plain) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u))
      c = 'x';
    else if (std::isdigit(u))
      c = '0';
    else if (c != '/' && c != ':' && c != ' ')
      c = '-';
  }
  return plain;
}

// Every string in `j` with kHostile replaced by plain_text().
void make_plain(nlohmann::json& j) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    for (auto at = s.find(kHostile); at != std::string::npos; at = s.find(kHostile))
      s.replace(at, kHostile.size(), plain_text());
    j = s;
  } else if (j.is_structured()) {
    for (auto& child : j)
      make_plain(child);
  }
}

using testing::lines_of;

// How often `c` occurs in `line` not escaped by a backslash (a backslash escapes the next
// character, another backslash included).
std::size_t unescaped(const std::string& line, char c) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == c)
      ++n;
  }
  return n;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// The depth of unescaped braces at the end of the line; -1 when a brace closes a group the line
// did not open.
int brace_depth(const std::string& line) {
  int depth = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == '{')
      ++depth;
    else if (line[i] == '}' && --depth < 0)
      return -1;
  }
  return depth;
}

class HostileText : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path fixture = fs::path(JOULEBENCH_TEST_DATA_DIR) / "hostile_names.json";
    const std::string text = testing::read_whole_file(fixture);
    nlohmann::json plain = nlohmann::json::parse(text);
    ASSERT_TRUE(plain["context"]["host_name"].get<std::string>().ends_with(kHostile))
        << "the fixture no longer holds kHostile";
    make_plain(plain);
    std::ofstream(dir_.path() / "hostile.json") << text;
    std::ofstream(dir_.path() / "plainly.json") << plain.dump(1);
  }

  std::string run(std::vector<std::string> args, const std::string& file) {
    for (std::string& a : args)
      if (a == "FILE")
        a = file;
    const auto r = testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.empty() ? std::string::npos : r.err.size() - 1) << r.err;
    return r.out;
  }

  // The Markdown of `args` for the hostile file against that for the plain one.
  void expect_markdown_structure_kept(const std::vector<std::string>& args) {
    const auto hostile = lines_of(run(args, "hostile.json"));
    const auto plain = lines_of(run(args, "plainly.json"));
    ASSERT_FALSE(plain.empty());
    ASSERT_EQ(hostile.size(), plain.size()) << "lines added or lost";
    for (std::size_t i = 0; i < plain.size(); ++i) {
      const std::string& h = hostile[i];
      const std::string& p = plain[i];
      SCOPED_TRACE("line " + std::to_string(i + 1) + ": " + h);
      // Headings, list items, table rows and their cells are the plain file's.
      EXPECT_EQ(h.starts_with("#"), p.starts_with("#"));
      EXPECT_EQ(h.starts_with("- "), p.starts_with("- "));
      EXPECT_EQ(h.starts_with("|"), p.starts_with("|"));
      EXPECT_EQ(unescaped(h, '|'), unescaped(p, '|')) << "cells added";
      // No markup from the text: raw tags, code, emphasis, links or images.
      for (const char c : {'<', '>', '`', '*', '[', ']', '!', '$', '~'})
        EXPECT_EQ(unescaped(h, c), unescaped(p, c)) << "raw " << c;
      EXPECT_EQ(h.find("<script"), std::string::npos);
      EXPECT_EQ(h.find("<img"), std::string::npos);
    }
    const std::string all = [&] {
      std::string s;
      for (const auto& l : hostile)
        s += l + "\n";
      return s;
    }();
    // The text is there, as text.
    EXPECT_NE(all.find("\u240a\\# Heading \\[x\\](http://e)"), std::string::npos) << all;
    EXPECT_NE(all.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(all.find("\\`tick\\` \\| \\*a\\* \\_b\\_"), std::string::npos);
  }

  testing::TempDir dir_;
};

TEST_F(HostileText, ReportMarkdownShowsItAsTextInItsCells) {
  expect_markdown_structure_kept({"report", "--format", "md", "FILE"});
}

TEST_F(HostileText, CompareMarkdownShowsItAsTextInItsCells) {
  expect_markdown_structure_kept({"compare", "--format", "md", "FILE", "FILE"});
}

TEST_F(HostileText, StatementMarkdownShowsItAsTextInItsCells) {
  expect_markdown_structure_kept({"statement", "--format", "md", "FILE"});
}

TEST_F(HostileText, StatementLatexShowsItAsText) {
  const auto hostile = lines_of(run({"statement", "--format", "latex", "FILE"}, "hostile.json"));
  const auto plain = lines_of(run({"statement", "--format", "latex", "FILE"}, "plainly.json"));
  ASSERT_EQ(hostile.size(), plain.size()) << "lines added or lost";
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const std::string& h = hostile[i];
    const std::string& p = plain[i];
    SCOPED_TRACE("line " + std::to_string(i + 1) + ": " + h);
    EXPECT_FALSE(h.empty() && !p.empty()) << "a blank line ends the paragraph or tabular";
    // Same columns, math, comments, parameters, sub- and superscripts, spaces as the plain file.
    for (const char c : {'&', '$', '%', '#', '^', '_', '~'})
      EXPECT_EQ(unescaped(h, c), unescaped(p, c)) << "raw " << c;
    // Braces only as balanced groups, brackets only braced ({[}): no optional argument.
    EXPECT_EQ(brace_depth(h), brace_depth(p));
    EXPECT_EQ(unescaped(h, '[') - count(h, "{[}"), unescaped(p, '[') - count(p, "{[}"));
  }
  std::string all;
  for (const auto& l : hostile)
    all += l + "\n";
  EXPECT_NE(
      all.find("{\\raggedright Host\\par} & {\\raggedright lab \\# Heading {[}x{]}(http://e)"),
      std::string::npos)
      << all;
  EXPECT_NE(all.find("\\textless{}script\\textgreater{}"), std::string::npos);
  EXPECT_NE(all.find("\\textbackslash{} \\% \\$ \\textasciitilde{} \\textasciicircum{} \\{\\}"),
            std::string::npos);
}

TEST_F(HostileText, HtmlReportHasNoRawMarkupFromIt) {
  // The pages without the vendored chart libraries, the same in both (vega's own code sets
  // an image's onerror handler).
  const std::string html =
      testing::without_vendor_scripts(run({"report", "--format", "html", "FILE"}, "hostile.json"));
  const std::string plain =
      testing::without_vendor_scripts(run({"report", "--format", "html", "FILE"}, "plainly.json"));
  // As many tags, scripts, comments and quotes as the plain page has: nothing opened, closed or
  // broken out of an attribute.
  for (const char* what : {"<", ">", "<script", "</script", "<!--", "<img", "\"", "'"})
    EXPECT_EQ(count(html, what), count(plain, what)) << what;
  // onerror= only inside the escaped text, never as an attribute.
  EXPECT_GT(count(html, "&lt;img src=x onerror=alert(2)&gt;"), 0u);
  EXPECT_EQ(count(html, "onerror="), count(html, "&lt;img src=x onerror=alert(2)&gt;"));
  EXPECT_NE(html.find("&quot;q&#39; &amp;"), std::string::npos);
}

}  // namespace
}  // namespace joulebench
