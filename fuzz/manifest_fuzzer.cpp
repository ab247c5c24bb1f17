// libFuzzer target: the --models manifest parser (workloads/models/model_manifest.h). One input
// is one manifest; besides the error contract, an accepted manifest must hold what the parser
// promises: names fit for a workload name, shapes and batches within their bounds, and no two
// variants, batch sizes or thread counts alike.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "workloads/models/model_manifest.h"

namespace {

using joulebench::fuzz::finding;
namespace models = joulebench::models;

void check_name(const std::string& name) {
  if (name.empty() || name.size() > models::kMaxNameChars ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos) {
    finding("accepted a name unfit for a workload name", name);
  }
}

void check_accepted(const models::ModelManifest& m) {
  check_name(m.task);
  if (m.input_shape.empty() || m.input_shape.size() > models::kMaxInputDims)
    finding("input_shape out of bounds", "");
  for (const std::int64_t d : m.input_shape) {
    if (d < 1)
      finding("input_shape holds a dimension below 1", "");
  }
  if (m.sample_elements() > models::kMaxSampleElements)
    finding("sample larger than the maximum", "");
  if (m.batch_sizes.empty() ||
      std::set<int>(m.batch_sizes.begin(), m.batch_sizes.end()).size() != m.batch_sizes.size())
    finding("batch sizes empty or repeated", "");
  for (const int b : m.batch_sizes) {
    if (b < 1 || std::int64_t{b} * m.sample_elements() > models::kMaxBatchElements)
      finding("batch out of bounds", "");
  }
  if (m.variants.empty() || m.variants.size() > models::kMaxVariants)
    finding("variant count out of bounds", "");
  std::set<std::string> names;
  for (const auto& v : m.variants) {
    check_name(v.name);
    if (!names.insert(v.name).second)
      finding("two variants share a name", v.name);
    if (v.path.empty())
      finding("empty model path", v.name);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  joulebench::fuzz::expect_clean(
      [&] { check_accepted(models::parse_model_manifest(text, "fuzz/models.json")); });
  return 0;
}
