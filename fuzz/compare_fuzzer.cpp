// libFuzzer target: the `joulebench compare` pipeline (app/compare_command.cpp): two result
// files packed into one input (fuzz_support.h's separator) are parsed, compared and rendered as
// text, Markdown and JSON.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "reporters/compare/comparison.h"
#include "reporters/compare/render.h"
#include "reporters/result_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string_view> parts = joulebench::fuzz::split_files(input, 2);
  const std::string_view base_text = parts.front();
  const std::string_view new_text = parts.size() > 1 ? parts[1] : parts.front();
  joulebench::fuzz::expect_clean([&] {
    const joulebench::ResultFile base = joulebench::parse_result_json(base_text, "base.json");
    const joulebench::ResultFile candidate = joulebench::parse_result_json(new_text, "new.json");
    // Options derived from the input size, deterministically, so every metric gets exercised.
    joulebench::CompareOptions options;
    constexpr joulebench::Metric kMetrics[] = {joulebench::Metric::energy, joulebench::Metric::time,
                                               joulebench::Metric::power, joulebench::Metric::co2,
                                               joulebench::Metric::accuracy};
    options.metric = kMetrics[size % std::size(kMetrics)];
    options.allow_mixed_meters = (size / std::size(kMetrics)) % 2 == 1;
    const joulebench::Comparison comparison = joulebench::compare_results(base, candidate, options);
    std::ostringstream text, md, json;
    joulebench::render_compare_text(text, comparison);
    joulebench::render_compare_markdown(md, comparison);
    joulebench::render_compare_json(json, comparison);
  });
  return 0;
}
