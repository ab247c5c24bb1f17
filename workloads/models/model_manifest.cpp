#include "workloads/models/model_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/bounded_read.h"
#include "common/closest_names.h"
#include "common/error_text.h"
#include "common/number_rule.h"

namespace joulebench::models {
namespace {

using nlohmann::json;

// One rule per numeric key, as for flags (common/flag_rules.h).
const NumberRule kBatchRule{.what = "a whole number", .min = 1.0, .max = 65536.0, .whole = true};
const NumberRule kThreadsRule{.what = "a whole number", .min = 1.0, .max = 1024.0, .whole = true};
const NumberRule kDimRule{
    .what = "a whole number", .min = 1.0, .max = double(kMaxSampleElements), .whole = true};
// A petaFLOP per sample is beyond any model one CPU measures per iteration.
const NumberRule kFlopsRule{
    .what = "a finite number", .min = 0.0, .min_inclusive = false, .max = 1e15};

// Everything wrong with a manifest is one line naming the file and the key.
class Checker {
 public:
  explicit Checker(const std::filesystem::path& file) : file_(file) {}

  [[noreturn]] void fail(std::string_view key, std::string_view problem) const {
    if (key.empty())
      throw std::runtime_error(fmt::format("{}: {}", path_for_message(file_), problem));
    throw std::runtime_error(fmt::format("{}: {}: {}", path_for_message(file_), key, problem));
  }

  const json& object(const json& value, std::string_view key) const {
    if (!value.is_object())
      fail(key, fmt::format("must be a JSON object (got {})", value.type_name()));
    return value;
  }

  void known_keys_only(const json& object, std::string_view where,
                       const std::vector<std::string>& known) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end())
        continue;
      const std::vector<std::string> near =
          closest_names(key, known, 1, [](std::string_view s) { return std::string(s); });
      const std::string suggestion = near.empty() || edit_distance(key, near.front()) > 3
                                         ? std::string()
                                         : fmt::format("; did you mean '{}'?", near.front());
      fail(where.empty() ? quoted_value(key) : fmt::format("{}.{}", where, quoted_value(key)),
           fmt::format("unknown key (known: {}){}", fmt::join(known, ", "), suggestion));
    }
  }

  const json& required(const json& object, const std::string& key, std::string_view where) const {
    const auto found = object.find(key);
    if (found == object.end())
      fail(where, fmt::format("missing the required key \"{}\"", key));
    return *found;
  }

  std::string string(const json& value, std::string_view key) const {
    if (!value.is_string())
      fail(key, fmt::format("must be a string (got {})", value.type_name()));
    return value.get<std::string>();
  }

  // A segment of a workload name: it must not add a '/' (a level of the name), a space or a
  // control character, or grow the name past what a leaderboard shows.
  std::string name(const json& value, std::string_view key) const {
    const std::string text = string(value, key);
    const bool ok =
        !text.empty() && text.size() <= kMaxNameChars &&
        std::isalnum(static_cast<unsigned char>(text.front())) &&
        std::all_of(text.begin(), text.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
        });
    if (!ok) {
      fail(key, fmt::format("must be 1 to {} letters, digits, '.', '_' or '-', starting with a "
                            "letter or digit (got {})",
                            kMaxNameChars, quoted_value(text)));
    }
    return text;
  }

  std::string one_of(const json& value, std::string_view key,
                     const std::vector<std::string>& choices) const {
    const std::string text = string(value, key);
    if (std::find(choices.begin(), choices.end(), text) == choices.end())
      fail(key,
           fmt::format("must be one of {} (got {})", fmt::join(choices, ", "), quoted_value(text)));
    return text;
  }

  double number(const json& value, std::string_view key, const NumberRule& rule) const {
    if (!value.is_number())
      fail(key, fmt::format("must be {} (got {})", rule.describe(), value.type_name()));
    const double x = value.get<double>();
    if (const std::string problem = rule.problem(x, value.dump()); !problem.empty())
      fail(key, problem);
    return x;
  }

  // A list of whole numbers under `rule`, 1 to `max_count` of them, none repeated.
  std::vector<std::int64_t> counts(const json& value, std::string_view key, const NumberRule& rule,
                                   std::size_t max_count) const {
    if (!value.is_array() || value.empty() || value.size() > max_count) {
      fail(key, fmt::format("must be a list of 1 to {} numbers (got {})", max_count,
                            value.is_array() ? fmt::format("{} entries", value.size())
                                             : std::string(value.type_name())));
    }
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < value.size(); ++i)
      out.push_back(
          static_cast<std::int64_t>(number(value[i], fmt::format("{}[{}]", key, i), rule)));
    return out;
  }

  void distinct(const std::vector<std::int64_t>& values, std::string_view key) const {
    std::set<std::int64_t> seen;
    for (const std::int64_t v : values) {
      if (!seen.insert(v).second)
        fail(key, fmt::format("lists {} twice", v));
    }
  }

  // A file named relative to the manifest's folder (or absolute).
  std::filesystem::path path(const json& value, std::string_view key) const {
    const std::string text = string(value, key);
    if (text.empty() || text.find('\0') != std::string::npos)
      fail(key, fmt::format("must be a file path (got {})", quoted_value(text)));
    const std::filesystem::path p(text);
    return (p.is_absolute() ? p : file_.parent_path() / p).lexically_normal();
  }

 private:
  std::filesystem::path file_;
};

EvalData parse_eval(const Checker& check, const json& value) {
  check.object(value, "eval");
  check.known_keys_only(value, "eval", eval_keys());
  EvalData eval;
  if (value.contains("tensors")) {
    if (value.contains("images") || value.contains("labels"))
      check.fail("eval", "holds either \"tensors\" or \"images\" and \"labels\", not both");
    eval.tensors = check.path(value["tensors"], "eval.tensors");
    return eval;
  }
  if (!value.contains("images") || !value.contains("labels"))
    check.fail("eval",
               "must hold \"images\" and \"labels\" (IDX files) or \"tensors\" (a .pt file)");
  eval.images = check.path(value["images"], "eval.images");
  eval.labels = check.path(value["labels"], "eval.labels");
  return eval;
}

ModelVariant parse_variant(const Checker& check, const json& value, std::size_t index) {
  const std::string where = fmt::format("variants[{}]", index);
  check.object(value, where);
  check.known_keys_only(value, where, variant_keys());
  ModelVariant variant;
  variant.name = check.name(check.required(value, "name", where), where + ".name");
  variant.path = check.path(check.required(value, "path", where), where + ".path");
  variant.precision = check.one_of(check.required(value, "precision", where), where + ".precision",
                                   manifest_precisions());
  if (value.contains("engine"))
    variant.engine = check.one_of(value["engine"], where + ".engine", manifest_engines());
  return variant;
}

}  // namespace

const std::vector<std::string>& manifest_keys() {
  static const std::vector<std::string> keys = {
      "task", "input_shape", "batch_sizes", "threads", "eval", "flops_per_sample", "variants"};
  return keys;
}
const std::vector<std::string>& eval_keys() {
  static const std::vector<std::string> keys = {"images", "labels", "tensors"};
  return keys;
}
const std::vector<std::string>& variant_keys() {
  static const std::vector<std::string> keys = {"name", "path", "precision", "engine"};
  return keys;
}
const std::vector<std::string>& manifest_precisions() {
  static const std::vector<std::string> names = {"fp32", "fp16", "bf16", "int8", "int4"};
  return names;
}
const std::vector<std::string>& manifest_engines() {
  static const std::vector<std::string> names = {"onednn", "qnnpack", "fbgemm", "x86"};
  return names;
}

ModelManifest parse_model_manifest(std::string_view text, const std::filesystem::path& file) {
  const Checker check(file);
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    // nlohmann's message quotes the bytes it last read: escaped and cut to stay one line.
    check.fail("", fmt::format("not valid JSON: {}", printable_text(e.what())));
  }
  check.object(root, "the manifest");
  check.known_keys_only(root, "", manifest_keys());

  ModelManifest m;
  m.file = file;
  m.task = check.name(check.required(root, "task", "the manifest"), "task");

  const json& shape = check.required(root, "input_shape", "the manifest");
  for (const std::int64_t d : check.counts(shape, "input_shape", kDimRule, kMaxInputDims))
    m.input_shape.push_back(d);
  if (m.sample_elements() > kMaxSampleElements) {
    check.fail("input_shape", fmt::format("holds {} elements per sample; at most {}",
                                          m.sample_elements(), kMaxSampleElements));
  }

  const std::vector<std::int64_t> batches =
      check.counts(check.required(root, "batch_sizes", "the manifest"), "batch_sizes", kBatchRule,
                   kMaxBatchSizes);
  check.distinct(batches, "batch_sizes");
  for (const std::int64_t b : batches) {
    if (b * m.sample_elements() > kMaxBatchElements) {
      check.fail("batch_sizes", fmt::format("a batch of {} x {} input elements is more than {}", b,
                                            m.sample_elements(), kMaxBatchElements));
    }
    m.batch_sizes.push_back(static_cast<int>(b));
  }

  if (root.contains("threads")) {
    const std::vector<std::int64_t> threads =
        check.counts(root["threads"], "threads", kThreadsRule, kMaxThreadCounts);
    check.distinct(threads, "threads");
    m.threads.assign(threads.begin(), threads.end());
  }
  if (root.contains("eval"))
    m.eval = parse_eval(check, root["eval"]);
  if (root.contains("flops_per_sample"))
    m.flops_per_sample = check.number(root["flops_per_sample"], "flops_per_sample", kFlopsRule);

  const json& variants = check.required(root, "variants", "the manifest");
  if (!variants.is_array() || variants.empty() || variants.size() > kMaxVariants) {
    check.fail("variants",
               fmt::format("must be a list of 1 to {} variants (got {})", kMaxVariants,
                           variants.is_array() ? fmt::format("{} entries", variants.size())
                                               : std::string(variants.type_name())));
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    ModelVariant v = parse_variant(check, variants[i], i);
    if (!names.insert(v.name).second)
      check.fail(fmt::format("variants[{}].name", i),
                 fmt::format("{} names two variants", quoted_value(v.name)));
    m.variants.push_back(std::move(v));
  }
  return m;
}

ModelManifest read_model_manifest(const std::filesystem::path& file) {
  return parse_model_manifest(read_file_bounded(file, kMaxManifestBytes, "a model manifest"), file);
}

}  // namespace joulebench::models
