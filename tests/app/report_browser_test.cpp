// The HTML leaderboard in a real browser: Debian's chromium, headless, on the page the binary
// writes from the fixture result files. Checks that the page's script ran without errors, that
// the plots drew every point, and that clicking a column heading sorts the table (the page's
// #selftest hook clicks the J/iter heading twice and writes the column's order into the DOM).
// Saves a screenshot to JOULEBENCH_BROWSER_OUTPUT_DIR. Skipped, saying so, without chromium.
// Run alone with: ctest --preset ci -L browser

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> find_in_path(const std::vector<std::string>& names) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    for (const std::string& name : names) {
      const fs::path candidate = fs::path(dir) / name;
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
        return candidate;
    }
  }
  return std::nullopt;
}

// The part of the DOM from `<svg id="ID"` to its `</svg>`.
std::string svg_of(const std::string& dom, const std::string& id) {
  const auto start = dom.find("<svg id=\"" + id + "\"");
  if (start == std::string::npos)
    return "";
  return dom.substr(start, dom.find("</svg>", start) - start);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

std::string attribute(const std::string& dom, const std::string& element_start,
                      const std::string& name) {
  const auto element = dom.find(element_start);
  if (element == std::string::npos)
    return "<no element>";
  const auto at = dom.find(name + "=\"", element);
  if (at == std::string::npos || at > dom.find('>', element))
    return "<no attribute>";
  const auto begin = at + name.size() + 2;
  return dom.substr(begin, dom.find('"', begin) - begin);
}

// "1,2,,": numbers in order; empty fields (rows without the value) as NaN.
std::vector<double> values(const std::string& csv) {
  std::vector<double> out;
  std::istringstream in(csv);
  for (std::string field; std::getline(in, field, ',');)
    out.push_back(field.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(field));
  if (!csv.empty() && csv.back() == ',')
    out.push_back(std::numeric_limits<double>::quiet_NaN());
  return out;
}

class ReportBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_in_path({"chromium", "chromium-browser"});
    if (!chromium_)
      GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it): browser test "
                      "of the HTML leaderboard skipped";
    timeout_ = find_in_path({"timeout"});
    ASSERT_TRUE(timeout_) << "coreutils' timeout not found";
    std::vector<std::string> args = {"report", "--format", "html", "--out", "leaderboard.html"};
    for (const char* name : {"lab-measured.json", "plain-user.json", "vm-estimated.json"})
      args.push_back((fs::path(JOULEBENCH_FIXTURE_DIR) / name).string());
    const auto r = testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    page_ = dir_.path() / "leaderboard.html";
  }

  // Headless chromium with a fresh profile in the test's directory; killed after 60 s.
  testing::ProcessResult chromium(const std::string& profile, std::vector<std::string> args) {
    std::vector<std::string> all = {"60",
                                    chromium_->string(),
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--no-first-run",
                                    "--user-data-dir=" + (dir_.path() / profile).string()};
    all.insert(all.end(), args.begin(), args.end());
    return testing::Process(timeout_->string(), all, dir_.path(), dir_.path()).wait();
  }

  std::optional<fs::path> chromium_, timeout_;
  testing::TempDir dir_;
  fs::path page_;
};

TEST_F(ReportBrowser, LoadsDrawsAndSorts) {
  const auto r = chromium("profile-dom", {"--dump-dom", "file://" + page_.string() + "#selftest"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped:\n" << r.err;

  // The script ran to its end and nothing raised.
  EXPECT_EQ(attribute(dom, "<body", "data-jb-status"), "ready");
  EXPECT_EQ(dom.find("id=\"jb-error\""), std::string::npos) << dom.substr(dom.find("jb-error"));

  // Every point of the fixtures is drawn: 13 rows with FLOPs and energy; per task with a quality
  // figure, the rows with energy (gemm/128: 6, gemm/256: 1, gemv: 2, mlp/infer: 3).
  EXPECT_EQ(count(svg_of(dom, "plot-flops"), "<circle"), 13u);
  std::size_t quality_points = 0;
  for (int i = 0; i < 4; ++i)
    quality_points += count(svg_of(dom, "plot-quality-" + std::to_string(i)), "<circle");
  EXPECT_EQ(quality_points, 12u);
  EXPECT_EQ(svg_of(dom, "plot-quality-4"), "");
  // Pareto fronts: gemm/128 has a measured and an estimated one.
  EXPECT_EQ(count(svg_of(dom, "plot-quality-0"), "<polyline class=\"front"), 2u);
  // Two power timelines, 24 and 18 samples.
  const std::string power = svg_of(dom, "plot-power");
  EXPECT_EQ(count(power, "<polyline class=\"series"), 2u);
  std::vector<std::size_t> vertices;
  for (auto at = power.find("points=\""); at != std::string::npos;
       at = power.find("points=\"", at + 1)) {
    const auto begin = at + 8;
    vertices.push_back(count(power.substr(begin, power.find('"', begin) - begin), ","));
  }
  EXPECT_EQ(vertices, (std::vector<std::size_t>{24, 18})) << power;

  // Sorting: after one click the J/iter column ascends, after the second it descends; rows
  // without energy stay last both times. The page starts ordered by task, not by J/iter.
  const std::vector<double> up =
      values(attribute(dom, "<pre id=\"jb-selftest\"", "data-ascending"));
  const std::vector<double> down =
      values(attribute(dom, "<pre id=\"jb-selftest\"", "data-descending"));
  ASSERT_EQ(up.size(), 16u);
  ASSERT_EQ(down.size(), 16u);
  for (std::size_t i = 0; i < 13; ++i) {
    ASSERT_FALSE(std::isnan(up[i]) || std::isnan(down[i])) << i;
    if (i > 0) {
      EXPECT_LE(up[i - 1], up[i]) << i;
      EXPECT_GE(down[i - 1], down[i]) << i;
    }
  }
  for (std::size_t i = 13; i < 16; ++i)
    EXPECT_TRUE(std::isnan(up[i]) && std::isnan(down[i])) << i;
  EXPECT_DOUBLE_EQ(up.front(), down[12]);
}

TEST_F(ReportBrowser, Screenshot) {
  const fs::path out_dir = JOULEBENCH_BROWSER_OUTPUT_DIR;
  fs::create_directories(out_dir);
  const fs::path png = out_dir / "leaderboard.png";
  fs::remove(png);
  fs::copy_file(page_, out_dir / "leaderboard.html", fs::copy_options::overwrite_existing);
  const auto r =
      chromium("profile-shot", {"--screenshot=" + png.string(), "--window-size=1280,2400",
                                "--hide-scrollbars", "file://" + page_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(png)) << r.err;
  std::ifstream in(png, std::ios::binary);
  std::string magic(8, '\0');
  in.read(magic.data(), 8);
  EXPECT_EQ(magic, std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(fs::file_size(png), 20'000u) << "a blank page?";
  std::cout << "screenshot: " << png.string() << "\n";
}

// The elements of an HTML serialization and their attribute names, read as a browser would:
// quoted attribute values may hold anything, the content of <script> and <style> is raw text.
struct Element {
  std::string name;
  std::vector<std::string> attributes;
};

std::vector<Element> elements_of(const std::string& html) {
  std::vector<Element> elements;
  auto lower = [](std::string s) {
    for (char& c : s)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto is_name_char = [](char c) {
    return c != '>' && c != '/' && c != '=' && !std::isspace(static_cast<unsigned char>(c));
  };
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (html.compare(i, 3, "!--") == 0) {  // a comment
      i = html.find("-->", i);
      continue;
    }
    if (i >= html.size() || html[i] == '/' || html[i] == '!')
      continue;
    Element e;
    while (i < html.size() && is_name_char(html[i]))
      e.name += html[i++];
    e.name = lower(e.name);
    while (i < html.size() && html[i] != '>') {
      if (!is_name_char(html[i])) {
        ++i;
        continue;
      }
      std::string attribute;
      while (i < html.size() && is_name_char(html[i]))
        attribute += html[i++];
      e.attributes.push_back(lower(attribute));
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (html[i] == '"' || html[i] == '\'') {
          i = html.find(html[i], i + 1);
          if (i == std::string::npos)
            break;
          ++i;
        }
      }
    }
    if (e.name == "script" || e.name == "style")
      i = html.find("</" + e.name, i);
    elements.push_back(std::move(e));
  }
  return elements;
}

// The page of a result file whose benchmark names and context values hold <script>,
// </script>, <img onerror=...>, quotes, & and Markdown specials (data/hostile_names.json), as
// headless chromium builds it: no element came from them, and they show as text.
TEST_F(ReportBrowser, HostileNamesInjectNothing) {
  const auto written =
      testing::Process(JOULEBENCH_BINARY,
                       {"report", "--format", "html", "--out", "hostile.html",
                        (fs::path(JOULEBENCH_TEST_DATA_DIR) / "hostile_names.json").string()},
                       dir_.path(), dir_.path())
          .wait();
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const auto r = chromium("profile-hostile",
                          {"--dump-dom", "file://" + (dir_.path() / "hostile.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped:\n" << r.err;
  EXPECT_EQ(attribute(dom, "<body", "data-jb-status"), "ready");

  std::size_t scripts = 0;
  for (const Element& e : elements_of(dom)) {
    scripts += e.name == "script";
    EXPECT_NE(e.name, "img");
    for (const std::string& a : e.attributes)
      EXPECT_FALSE(a.starts_with("on")) << "<" << e.name << " " << a << ">";
  }
  EXPECT_EQ(scripts, 1u) << "only the page's own script";
  // The names and values are there as text: in table cells, headings and point tooltips.
  EXPECT_GE(count(dom, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"),
            10u);
  EXPECT_NE(dom.find("<title>gemm/x\n# Heading [x](http://e)"), std::string::npos) << dom;
}

}  // namespace
}  // namespace joulebench
