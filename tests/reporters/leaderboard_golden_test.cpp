// Every leaderboard format from the fixed fixture files in fixtures/ (one estimated run from an
// AMD VM called "vm", one measured run from a lab machine, one plain user benchmark, a measured
// run with per-domain energy and failed meter windows from an Intel VM also called "vm", and an
// old file whose dead perf sensor wrote 0 J "measured") against golden files in golden/. Reviewed
// by eye when written; regenerate after an intended change with
//   JOULEBENCH_UPDATE_GOLDEN=1 ctest --preset ci -R LeaderboardGolden
// and review the diff.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"
#include "tests/reporters/html_page_text.h"
#include "tests/support/golden_file.h"

namespace joulebench {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Named as relative paths so the golden files do not depend on where the tree is checked out.
Report fixture_report(const char* sort = "energy") {
  std::vector<ResultFile> files;
  for (const char* name : {"ci-runner-dead-perf.json", "lab-measured.json", "plain-user.json",
                           "vm-estimated.json", "vm-xeon-perf.json"}) {
    const std::string text = slurp(fmt::format("{}/{}", JOULEBENCH_TEST_FIXTURE_DIR, name));
    files.push_back(parse_result_json(text, std::string("fixtures/") + name));
  }
  return build_report(files, *find_sort_metric(sort));
}

void expect_matches_golden(const std::string& actual, const std::string& name) {
  testing::expect_matches_golden(actual, std::filesystem::path(JOULEBENCH_TEST_GOLDEN_DIR) / name);
}

template <typename Render>
std::string render(Render r, const Report& report) {
  std::ostringstream out;
  r(out, report);
  return out.str();
}

TEST(LeaderboardGolden, Markdown) {
  expect_matches_golden(render(render_leaderboard_markdown, fixture_report()), "leaderboard.md");
}

TEST(LeaderboardGolden, MarkdownSortedByAccuracy) {
  expect_matches_golden(render(render_leaderboard_markdown, fixture_report("accuracy")),
                        "leaderboard-by-accuracy.md");
}

TEST(LeaderboardGolden, Csv) {
  expect_matches_golden(render(render_leaderboard_csv, fixture_report()), "leaderboard.csv");
}

TEST(LeaderboardGolden, Json) {
  expect_matches_golden(render(render_leaderboard_json, fixture_report()), "leaderboard.json");
}

TEST(LeaderboardGolden, Html) {
  // The vendored chart libraries are left out: they are checked by their sha1 (scripts/
  // vendor-vega.sh) and by the browser test, not by a golden file of 840 KB.
  expect_matches_golden(
      testing::without_vendor_scripts(render(render_leaderboard_html, fixture_report())),
      "leaderboard.html");
}

// Beyond the goldens: properties a reader relies on, checked directly.
TEST(LeaderboardFormats, EveryEstimateIsMarkedAsOne) {
  const Report report = fixture_report();
  const std::string md = render(render_leaderboard_markdown, report);
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("| vm (AMD EPYC, 2 CPUs) |") != std::string::npos &&
        line.find("error") == std::string::npos) {
      EXPECT_NE(line.find("(est.)"), std::string::npos) << line;
    }
    for (const char* measured : {"| lab-xeon |", "| vm (Intel", "| ci-runner |"}) {
      if (line.find(measured) != std::string::npos) {
        EXPECT_EQ(line.find("(est.)"), std::string::npos) << line;
      }
    }
  }
  const auto doc = nlohmann::json::parse(render(render_leaderboard_json, report));
  for (const auto& e : doc["entries"]) {
    EXPECT_EQ(e["estimated"].get<bool>(), e["host"] == "vm (AMD EPYC, 2 CPUs)") << e["workload"];
  }
  const std::string csv = render(render_leaderboard_csv, report);
  EXPECT_NE(csv.find(",estimated,true,model,"), std::string::npos);
  EXPECT_NE(csv.find(",measured,false,rapl,"), std::string::npos);
}

// The dead sensor's 0 J "measured" rows: n/a with the reason, never a figure, rank or grade.
TEST(LeaderboardFormats, NoZeroIsShownAsAMeasurement) {
  const Report report = fixture_report();
  std::istringstream lines(render(render_leaderboard_markdown, report));
  std::size_t dead = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("| gemm/128 | - |") && line.find("| ci-runner |") != std::string::npos) {
      ++dead;
      EXPECT_NE(line.find("| n/a (no energy, see note) |"), std::string::npos) << line;
      EXPECT_NE(line.find("| n/a | n/a | measured (perf) |"), std::string::npos) << line;
    }
    EXPECT_EQ(line.find("| 0 |"), std::string::npos) << line;
  }
  EXPECT_EQ(dead, 2u);
  const auto doc = nlohmann::json::parse(render(render_leaderboard_json, report));
  for (const auto& e : doc["entries"]) {
    if (e["host"] != "ci-runner")
      continue;
    EXPECT_TRUE(e["rank"].is_null()) << e["workload"];
    EXPECT_FALSE(e["pareto"].get<bool>()) << e["workload"];
    EXPECT_EQ(
        e["no_energy"],
        "energy_J = 0 from a measured source (a sensor that did not advance; not a measurement)");
  }
}

TEST(LeaderboardFormats, CsvRowsHaveAsManyFieldsAsTheHeader) {
  const std::string csv = render(render_leaderboard_csv, fixture_report());
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  auto fields = [](const std::string& line) {
    std::size_t n = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        ++n;
    }
    return n;
  };
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line); ++rows)
    EXPECT_EQ(fields(line), fields(header)) << line;
  EXPECT_EQ(rows, fixture_report().entries.size());
}

// What the renderer writes (the vendored libraries aside: the browser test draws them offline)
// refers to nothing outside the page: links are to its own sections.
TEST(LeaderboardFormats, HtmlFetchesNothing) {
  const std::string html =
      testing::without_vendor_scripts(render(render_leaderboard_html, fixture_report()));
  for (const char* external : {"src=", "href=", "@import", "url(", "http://", "https://"}) {
    std::string::size_type at = 0;
    while ((at = html.find(external, at)) != std::string::npos) {
      const bool own_section = html.compare(at, 7, "href=\"#") == 0;
      EXPECT_TRUE(own_section) << "external reference at " << html.substr(at, 60);
      ++at;
    }
  }
  // The libraries are inlined, each once.
  const std::string whole = render(render_leaderboard_html, fixture_report());
  EXPECT_EQ(whole.size() - html.size() > 800'000u, true) << whole.size();
}

}  // namespace
}  // namespace joulebench
