// libFuzzer target: the Google Benchmark result-file parser (reporters/result_file.h).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "reporters/result_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  joulebench::fuzz::expect_clean([&] {
    const joulebench::ResultFile file = joulebench::parse_result_json(text, "fuzz.json");
    // Touch what callers read, so lazily wrong values (e.g. a bad time unit) surface here.
    for (const joulebench::ResultRow& row : file.rows) {
      (void)row.real_seconds();
      (void)row.counter("energy_J");
    }
    (void)file.context_value("host_name");
  });
  return 0;
}
