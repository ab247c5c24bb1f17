// The HTML leaderboard in a real browser: Debian's chromium, headless, on the page the binary
// writes from the fixture result files. The page's #selftest hook (html/page.js) sorts every
// task's table as a user would and measures every plot once vega has drawn it, and writes what it
// saw into the DOM as JSON; this test reads that from the dumped DOM and checks: no script
// errors, a section per task, ranks 1..n within each task whatever the sort, every plot drawn
// as SVG with a legend entry per series (at most kHtmlLegendEntries), legends inside their plot
// and over no data point. Saves a screenshot to JOULEBENCH_BROWSER_OUTPUT_DIR. Skipped, saying
// so, without chromium. Run alone with: ctest --preset ci -L browser

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "reporters/leaderboard/html_limits.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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

// The text of the element that starts with `element_start`, its entities decoded.
std::string text_of(const std::string& dom, const std::string& element_start) {
  const auto element = dom.find(element_start);
  if (element == std::string::npos)
    return "";
  const auto begin = dom.find('>', element) + 1;
  std::string text = dom.substr(begin, dom.find('<', begin) - begin);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto end = text.find(';', i);
    const std::string entity = text.substr(i, end - i + 1);
    out += entity == "&lt;" ? "<" : entity == "&gt;" ? ">" : entity == "&amp;" ? "&" : "\"";
    i = end;
  }
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
      inputs_.push_back((fs::path(JOULEBENCH_FIXTURE_DIR) / name).string());
    args.insert(args.end(), inputs_.begin(), inputs_.end());
    const auto r = testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    page_ = dir_.path() / "leaderboard.html";
  }

  // Headless chromium with a fresh profile in the test's directory; killed after 60 s. Virtual
  // time lets vega's asynchronous rendering finish before the DOM is dumped or the screenshot
  // taken, without waiting for it in real time.
  testing::ProcessResult chromium(const std::string& profile, std::vector<std::string> args) {
    std::vector<std::string> all = {"60",
                                    chromium_->string(),
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--no-first-run",
                                    "--virtual-time-budget=5000",
                                    "--user-data-dir=" + (dir_.path() / profile).string()};
    all.insert(all.end(), args.begin(), args.end());
    return testing::Process(timeout_->string(), all, dir_.path(), dir_.path()).wait();
  }

  std::optional<fs::path> chromium_, timeout_;
  std::vector<std::string> inputs_;
  testing::TempDir dir_;
  fs::path page_;
};

// The tasks of the fixtures, as `joulebench report --format json` names them.
std::set<std::string> tasks_of_report(const fs::path& dir, const std::vector<std::string>& inputs) {
  std::vector<std::string> args = {"report", "--format", "json"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  const auto r = testing::Process(JOULEBENCH_BINARY, args, dir, dir).wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> tasks;
  const json report = json::parse(r.out);  // kept: a range-for over a temporary's member dangles
  for (const json& e : report.at("entries"))
    tasks.insert(e.at("task").get<std::string>());
  return tasks;
}

TEST_F(ReportBrowser, LoadsDrawsAndSorts) {
  const auto r = chromium("profile-dom", {"--dump-dom", "file://" + page_.string() + "#selftest"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped:\n" << r.err;

  // Every plot was drawn and nothing raised.
  EXPECT_EQ(attribute(dom, "<body", "data-jb-status"), "ready");
  EXPECT_EQ(dom.find("id=\"jb-error\""), std::string::npos) << text_of(dom, "<pre id=\"jb-error\"");
  const std::string selftest = text_of(dom, "<pre id=\"jb-selftest\"");
  ASSERT_FALSE(selftest.empty()) << "the page's #selftest hook wrote nothing";
  const json seen = json::parse(selftest);

  // A section per task, each with its own ranks: within each provenance the ranked rows are
  // 1..n; sorting by J/iter orders the rows, each keeping its rank; sorting by rank restores
  // the task's order.
  std::set<std::string> sections;
  for (const json& task : seen.at("tasks")) {
    const std::string name = task.at("task");
    sections.insert(name);
    std::map<std::string, std::vector<int>> ranks;  // by provenance
    std::multiset<std::pair<int, int>> rows;        // (place in the task's order, rank)
    for (const json& row : task.at("rows")) {
      if (!row.at("rank").is_null())
        ranks[row.at("provenance")].push_back(row.at("rank"));
      rows.emplace(row.at("order"), row.at("rank").is_null() ? 0 : row.at("rank").get<int>());
    }
    for (auto& [provenance, in_provenance] : ranks) {
      std::sort(in_provenance.begin(), in_provenance.end());
      for (std::size_t i = 0; i < in_provenance.size(); ++i)
        EXPECT_EQ(in_provenance[i], static_cast<int>(i + 1)) << name << " " << provenance;
    }
    for (const char* order : {"ascending", "descending", "by_rank"}) {
      std::multiset<std::pair<int, int>> after;
      for (const json& row : task.at(order)) {
        after.emplace(row.at("order"), row.at("rank").is_null() ? 0 : row.at("rank").get<int>());
      }
      EXPECT_EQ(after, rows) << name << " " << order << ": a row lost its rank";
    }
    for (std::size_t i = 0; i < task.at("by_rank").size(); ++i)
      EXPECT_EQ(task.at("by_rank")[i].at("order"), static_cast<int>(i + 1)) << name;
    // J/iter ascends after the first click and descends after the second, missing values last.
    for (const char* order : {"ascending", "descending"}) {
      bool missing = false;
      std::optional<double> previous;
      for (const json& row : task.at(order)) {
        if (row.at("energy").is_null()) {
          missing = true;
          continue;
        }
        EXPECT_FALSE(missing) << name << " " << order << ": a value after a missing one";
        const double energy = row.at("energy");
        if (previous && order == std::string("ascending")) {
          EXPECT_LE(*previous, energy) << name;
        }
        if (previous && order == std::string("descending")) {
          EXPECT_GE(*previous, energy) << name;
        }
        previous = energy;
      }
    }
  }
  EXPECT_EQ(sections, tasks_of_report(dir_.path(), inputs_));
  // The filter keeps the sections whose task name holds its text, and clearing it shows all.
  EXPECT_EQ(seen.at("filter_gemv"), json::array({"gemv/4096x4096/batch:1"}));
  EXPECT_EQ(seen.at("filter_cleared"), sections.size());

  // Every plot drawn as SVG; a legend entry per series, at most kHtmlLegendEntries of them;
  // legends inside the plot's SVG box and over no data point.
  std::size_t quality_points = 0;
  std::set<std::string> plots;
  for (const json& plot : seen.at("plots")) {
    const std::string id = plot.at("id");
    plots.insert(id);
    ASSERT_TRUE(plot.at("svg").get<bool>()) << id;
    const std::size_t series = plot.at("series");
    EXPECT_LE(series, kHtmlLegendEntries) << id;
    if (series > 1) {
      EXPECT_GE(plot.at("legend_labels").get<std::size_t>(), series) << id;
    }
    EXPECT_TRUE(plot.at("legends_inside").get<bool>()) << id;
    EXPECT_EQ(plot.at("marks_under_legends"), 0) << id;
    EXPECT_LE(plot.at("width").get<double>(), 1200.0) << id;
    if (id.starts_with("plot-quality-"))
      quality_points += plot.at("marks").get<std::size_t>();
  }
  // 13 rows with FLOPs and energy; per task with a quality figure, the rows with energy
  // (gemm/128: 6, gemv: 2, mlp/infer: 3; gemm/256's one row gets a sentence, not a plot).
  EXPECT_TRUE(plots.contains("plot-flops"));
  EXPECT_TRUE(plots.contains("plot-power"));
  for (const json& plot : seen.at("plots")) {
    if (plot.at("id") == "plot-flops") {
      EXPECT_EQ(plot.at("marks"), 13);
    }
    if (plot.at("id") == "plot-power") {
      EXPECT_EQ(plot.at("options"), 2) << "one option per power timeline";
    }
  }
  EXPECT_EQ(quality_points, 11u);
  EXPECT_EQ(count(dom, "<p class=\"no-plot\">"), 1u);
}

TEST_F(ReportBrowser, Screenshot) {
  const fs::path out_dir = JOULEBENCH_BROWSER_OUTPUT_DIR;
  fs::create_directories(out_dir);
  const fs::path png = out_dir / "leaderboard.png";
  fs::remove(png);
  fs::copy_file(page_, out_dir / "leaderboard.html", fs::copy_options::overwrite_existing);
  const auto r =
      chromium("profile-shot", {"--screenshot=" + png.string(), "--window-size=1280,2000",
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
  // The plots' JSON, the three vendored libraries and the page's own script; no other.
  EXPECT_EQ(scripts, 5u);
  // The names and values are there as text: in table cells, headings and the contents.
  EXPECT_GE(count(dom, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"),
            10u);
  EXPECT_NE(dom.find("<h2>gemm/x\n# Heading [x](http://e)"), std::string::npos) << dom;
}

}  // namespace
}  // namespace joulebench
