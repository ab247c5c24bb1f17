// libFuzzer target: the whole `joulebench report` pipeline (app/report_command.cpp): up to three
// result files packed into one input (fuzz_support.h's separator) are parsed, merged into one
// report and rendered in every format (md, csv, json, html).

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"

namespace {

void render_every_format(const joulebench::Report& report) {
  std::ostringstream md, csv, json, html;
  joulebench::render_leaderboard_markdown(md, report);
  joulebench::render_leaderboard_csv(csv, report);
  joulebench::render_leaderboard_json(json, report);
  joulebench::render_leaderboard_html(html, report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  joulebench::fuzz::expect_clean([&] {
    std::vector<joulebench::ResultFile> files;
    int index = 0;
    for (std::string_view text : joulebench::fuzz::split_files(input, 3)) {
      try {
        files.push_back(joulebench::parse_result_json(text, "fuzz" + std::to_string(index++)));
      } catch (const joulebench::LeaderboardFileError& e) {
        joulebench::fuzz::check_refusal(e);  // the command skips these with a note
      }
    }
    // Deterministic from the input: every sort metric gets exercised over the corpus.
    const auto& sorts = joulebench::sort_metrics();
    const joulebench::SortMetric& sort = sorts[size % sorts.size()];
    render_every_format(joulebench::build_report(files, sort));
  });
  return 0;
}
