// The model rows through LibTorch: the plugin libjoulebench_torch_models.so (torch_plugin.h),
// loaded by `joulebench run --models`. With mlp_peer_torch.cpp, the only files of the project
// that include a torch header (each costs about 20 s of compile time).

#include <ATen/Parallel.h>
#include <fmt/format.h>
#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

#include "common/bounded_read.h"
#include "common/error_text.h"
#include "common/result_schema.h"
#include "workloads/mlp/idx_file.h"
#include "workloads/models/model_workloads.h"
#include "workloads/models/torch_plugin.h"
#include "workloads/models/torch_support.h"

namespace joulebench::models {
namespace {

// A TorchScript file is read whole into memory before LibTorch parses it: a FIFO or /dev/zero
// given as a model then fails at this size instead of reading forever.
constexpr std::uintmax_t kMaxModelBytes = std::uintmax_t{4} << 30;
// Inference cycles through a few distinct batches, as the MLP rows do.
constexpr std::size_t kInputBatches = 4;
constexpr unsigned kRandomInputSeed = 1;

// LibTorch's messages span many lines: a c10::Error's reason is its first line (a C++
// backtrace follows); the TorchScript interpreter's (torch::jit::JITException) opens with
// "The following operation failed in the TorchScript interpreter." and a TorchScript traceback,
// and ends with the Python-style line that says why ("RuntimeError: mat1 and mat2 shapes ...").
std::string torch_reason(std::string_view text) {
  std::string_view reason = text.substr(0, text.find('\n'));
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (const std::size_t colon = line.find("Error: ");
        colon != std::string_view::npos && colon > 0 && line.find(' ') > colon) {
      reason = line;
    }
    start = end + 1;
  }
  return printable_text(reason, 200);
}

std::string torch_reason(const c10::Error& e) {
  return torch_reason(e.what_without_backtrace());
}

std::string variant_tag(const ModelVariant& v) {
  return fmt::format("variant {} ({})", quoted_value(v.name), path_for_message(v.path));
}

std::string shape_text(c10::IntArrayRef sizes) {
  return fmt::format("[{}]", fmt::join(sizes.begin(), sizes.end(), ", "));
}

c10::ScalarType input_dtype(const std::string& precision) {
  if (precision == "bf16")
    return c10::kBFloat16;
  if (precision == "fp16")
    return c10::kHalf;
  return c10::kFloat;  // fp32, and the quantized variants: dynamic quantization takes fp32 input
}

// Sets the variant's quantized engine; refuses one this LibTorch was built without.
void select_engine(const ModelVariant& v) {
  if (v.engine.empty())
    return;
  const c10::QEngine wanted = engine_of(v.engine);
  const auto& supported = at::globalContext().supportedQEngines();
  if (std::find(supported.begin(), supported.end(), wanted) == supported.end()) {
    std::vector<std::string> names;
    for (const c10::QEngine e : supported) {
      if (e != c10::QEngine::NoQEngine)
        names.push_back(engine_name(e));
    }
    throw std::runtime_error(
        fmt::format("{}: quantized engine '{}' is not in this LibTorch "
                    "(it has: {})",
                    variant_tag(v), v.engine, fmt::join(names, ", ")));
  }
  at::globalContext().setQEngine(wanted);
}

// A TorchScript or torch.save file is a zip archive, read whole: only a regular file can be one.
// A FIFO or /dev/zero would otherwise be read up to the size limit (gigabytes) before failing.
std::string read_archive(const std::filesystem::path& path, std::string_view what) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw std::runtime_error(
        fmt::format("{}: not a regular file ({} is a zip archive)", path_for_message(path), what));
  }
  return read_file_bounded(path, kMaxModelBytes, what);
}

// Reads a TorchScript file through a bounded read, so LibTorch parses bytes we hold.
torch::jit::Module load_script(const std::filesystem::path& path, std::string_view what,
                               const std::string& tag) {
  std::string bytes;
  try {
    bytes = read_archive(path, what);
  } catch (const std::runtime_error& e) {
    // The reader's line names the file; say which variant wanted it.
    throw std::runtime_error(fmt::format("{}: {}", tag.substr(0, tag.find(" (")), e.what()));
  }
  std::istringstream stream(bytes);
  try {
    return torch::jit::load(stream);
  } catch (const c10::Error& e) {
    throw std::runtime_error(
        fmt::format("{}: not a loadable TorchScript file: {}", tag, torch_reason(e)));
  } catch (const std::exception& e) {
    // The TorchScript lexer and parser of a damaged file throw plain runtime_errors whose text
    // may hold the damaged bytes.
    throw std::runtime_error(
        fmt::format("{}: not a loadable TorchScript file: {}", tag, torch_reason(e.what())));
  }
}

// One module per file, engine and process: every Google Benchmark call builds its workload anew.
// Loading a quantized module packs its weights for the engine selected then (select_engine runs
// first), so the same file under two engines is two modules.
std::shared_ptr<torch::jit::Module> cached_module(const ModelVariant& v) {
  static std::mutex mutex;
  static std::map<std::pair<std::filesystem::path, std::string>,
                  std::shared_ptr<torch::jit::Module>>
      cache;
  std::lock_guard lock(mutex);
  auto& module = cache[{v.path, v.engine}];
  if (!module) {
    module = std::make_shared<torch::jit::Module>(
        load_script(v.path, "a TorchScript model", variant_tag(v)));
    module->eval();
  }
  return module;
}

struct EvalSet {
  torch::Tensor inputs;  // N x input_shape, fp32
  torch::Tensor labels;  // N, int64
  std::string description;
};

std::vector<std::int64_t> with_batch(std::int64_t n, const std::vector<std::int64_t>& shape) {
  std::vector<std::int64_t> sizes{n};
  sizes.insert(sizes.end(), shape.begin(), shape.end());
  return sizes;
}

EvalSet idx_eval(const ModelManifest& m, const EvalData& eval) {
  const mlp::IdxArray images = mlp::read_idx_file(eval.images);
  const mlp::IdxArray labels = mlp::read_idx_file(eval.labels);
  const std::int64_t n = images.dims.front();
  if (n == 0) {
    throw std::runtime_error(fmt::format("{}: eval.images: {} holds no images",
                                         path_for_message(m.file), path_for_message(eval.images)));
  }
  const std::int64_t per_sample = std::int64_t(images.data.size()) / n;
  if (images.dims.size() < 2 || per_sample != m.sample_elements()) {
    throw std::runtime_error(fmt::format(
        "{}: eval.images: samples of {} values; input_shape {} needs {}", path_for_message(m.file),
        per_sample, shape_text(m.input_shape), m.sample_elements()));
  }
  if (labels.dims.size() != 1 || std::int64_t(labels.data.size()) != n) {
    throw std::runtime_error(fmt::format("{}: eval.labels: {} holds {} labels for {} images",
                                         path_for_message(m.file), path_for_message(eval.labels),
                                         labels.data.size(), n));
  }
  EvalSet set;
  // Pixels scaled to [0, 1], as the MLP's.
  set.inputs = torch::from_blob(const_cast<std::uint8_t*>(images.data.data()),
                                with_batch(n, m.input_shape), torch::kUInt8)
                   .to(torch::kFloat)
                   .div_(255.0f);
  set.labels = torch::from_blob(const_cast<std::uint8_t*>(labels.data.data()), {n}, torch::kUInt8)
                   .to(torch::kLong);
  set.description = fmt::format("{} eval images from {}", n, path_for_message(eval.images));
  return set;
}

// The tensors of a .pt file: a dict saved by torch.save, or a TorchScript module's attributes.
std::pair<torch::Tensor, torch::Tensor> saved_tensors(const std::filesystem::path& path,
                                                      const std::string& tag) {
  const std::string bytes = read_archive(path, "an eval tensors file");
  c10::IValue saved;
  try {
    saved = torch::jit::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
  } catch (const std::exception&) {
    // Not a torch.save file: perhaps a TorchScript module holding the tensors.
    std::istringstream stream(bytes);
    try {
      const torch::jit::Module module = torch::jit::load(stream);
      if (!module.hasattr("inputs") || !module.hasattr("labels"))
        throw std::runtime_error(fmt::format("{}: the module has no 'inputs' and 'labels'", tag));
      const c10::IValue x = module.attr("inputs");
      const c10::IValue y = module.attr("labels");
      if (!x.isTensor() || !y.isTensor())
        throw std::runtime_error(fmt::format("{}: 'inputs' and 'labels' must be tensors", tag));
      return {x.toTensor(), y.toTensor()};
    } catch (const c10::Error& e) {
      throw std::runtime_error(fmt::format(
          "{}: neither a torch.save file nor a TorchScript module: {}", tag, torch_reason(e)));
    }
  }
  if (!saved.isGenericDict())
    throw std::runtime_error(fmt::format("{}: must hold a dict of 'inputs' and 'labels' (got {})",
                                         tag, saved.tagKind()));
  const c10::Dict<c10::IValue, c10::IValue> dict = saved.toGenericDict();
  const auto get = [&](const char* key) {
    const auto found = dict.find(c10::IValue(std::string(key)));
    if (found == dict.end() || !found->value().isTensor())
      throw std::runtime_error(fmt::format("{}: has no tensor '{}'", tag, key));
    return found->value().toTensor();
  };
  return {get("inputs"), get("labels")};
}

EvalSet tensors_eval(const ModelManifest& m, const EvalData& eval) {
  const std::string tag =
      fmt::format("{}: eval.tensors {}", path_for_message(m.file), path_for_message(eval.tensors));
  auto [inputs, labels] = saved_tensors(eval.tensors, tag);
  const std::int64_t n = inputs.dim() > 0 ? inputs.size(0) : 0;
  if (inputs.dim() < 1 || inputs.numel() != n * m.sample_elements() || n == 0) {
    throw std::runtime_error(fmt::format("{}: 'inputs' has shape {}; input_shape {} needs [N, {}]",
                                         tag, shape_text(inputs.sizes()), shape_text(m.input_shape),
                                         fmt::join(m.input_shape, ", ")));
  }
  if (!inputs.is_floating_point())
    throw std::runtime_error(fmt::format("{}: 'inputs' must be floating point (got {})", tag,
                                         std::string(c10::toString(inputs.scalar_type()))));
  if (labels.dim() != 1 || labels.size(0) != n || labels.is_floating_point() ||
      labels.is_complex()) {
    throw std::runtime_error(fmt::format("{}: 'labels' must be {} integers (got shape {} of {})",
                                         tag, n, shape_text(labels.sizes()),
                                         std::string(c10::toString(labels.scalar_type()))));
  }
  EvalSet set;
  set.inputs = inputs.to(torch::kFloat).reshape(with_batch(n, m.input_shape)).contiguous();
  set.labels = labels.to(torch::kLong).contiguous();
  set.description = fmt::format("{} eval samples from {}", n, path_for_message(eval.tensors));
  return set;
}

// Read once per process and manifest.
std::shared_ptr<const EvalSet> cached_eval(const ModelManifest& m) {
  if (!m.eval)
    return nullptr;
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const EvalSet>> cache;
  std::lock_guard lock(mutex);
  auto& set = cache[m.file];
  if (!set) {
    set = std::make_shared<const EvalSet>(m.eval->is_idx() ? idx_eval(m, *m.eval)
                                                           : tensors_eval(m, *m.eval));
  }
  return set;
}

struct Row {
  std::shared_ptr<const ModelManifest> manifest;
  ModelVariant variant;
  int batch = 1;
  int threads = 1;
};

// The row's input batches: eval samples cycled from where the previous batch ended, or random
// values in [0, 1) without eval data; in the variant's dtype.
std::vector<torch::Tensor> input_batches(const Row& row, const EvalSet* eval) {
  std::vector<torch::Tensor> batches;
  const c10::ScalarType dtype = input_dtype(row.variant.precision);
  std::mt19937 random(kRandomInputSeed);
  for (std::size_t i = 0; i < kInputBatches; ++i) {
    torch::Tensor x;
    if (eval != nullptr) {
      const std::int64_t n = eval->inputs.size(0);
      const torch::Tensor index =
          torch::arange(std::int64_t(i) * row.batch, std::int64_t(i + 1) * row.batch).remainder(n);
      x = eval->inputs.index_select(0, index);
    } else {
      // From our own seeded generator: LibTorch's global one is shared state.
      std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
      std::vector<float> values(std::size_t(row.batch * row.manifest->sample_elements()));
      for (float& v : values)
        v = uniform(random);
      x = torch::from_blob(values.data(), with_batch(row.batch, row.manifest->input_shape),
                           torch::kFloat)
              .clone();
    }
    batches.push_back(x.to(dtype).contiguous());
  }
  return batches;
}

torch::Tensor forward(torch::jit::Module& module, const torch::Tensor& x, const Row& row) {
  c10::InferenceMode inference;
  c10::IValue out;
  try {
    out = module.forward({x});
  } catch (const std::exception& e) {
    // A c10::Error from an operator, or the interpreter's JITException (a runtime_error).
    const auto* c10_error = dynamic_cast<const c10::Error*>(&e);
    throw std::runtime_error(
        fmt::format("{} rejects an input of shape {} ({}): {}", variant_tag(row.variant),
                    shape_text(x.sizes()), std::string(c10::toString(x.scalar_type())),
                    c10_error != nullptr ? torch_reason(*c10_error) : torch_reason(e.what())));
  }
  if (!out.isTensor()) {
    throw std::runtime_error(fmt::format("{}: forward returns {}, not a tensor",
                                         variant_tag(row.variant), out.tagKind()));
  }
  return out.toTensor();
}

// Top-1 accuracy over the whole eval set, in batches of the row's size (dynamic quantization
// picks its activation scale per batch, so the batch is part of what is measured).
double eval_accuracy(torch::jit::Module& module, const EvalSet& eval, const Row& row) {
  const std::int64_t n = eval.inputs.size(0);
  const c10::ScalarType dtype = input_dtype(row.variant.precision);
  std::int64_t correct = 0;
  for (std::int64_t first = 0; first < n; first += row.batch) {
    const std::int64_t count = std::min<std::int64_t>(row.batch, n - first);
    const torch::Tensor logits =
        forward(module, eval.inputs.narrow(0, first, count).to(dtype).contiguous(), row);
    correct += logits.argmax(1).eq(eval.labels.narrow(0, first, count)).sum().item<std::int64_t>();
  }
  return double(correct) / double(n);
}

// What check_inputs proves before anything is measured: the model loads, takes the row's input
// and gives [batch, classes] logits that cover every eval label.
void check_row(const Row& row) {
  select_engine(row.variant);
  const std::shared_ptr<torch::jit::Module> module = cached_module(row.variant);
  const std::shared_ptr<const EvalSet> eval = cached_eval(*row.manifest);
  const TorchThreads threads(row.threads);
  const torch::Tensor x = input_batches(row, eval.get()).front();
  const torch::Tensor out = forward(*module, x, row);
  if (!eval)
    return;
  if (out.dim() != 2 || out.size(0) != row.batch) {
    throw std::runtime_error(
        fmt::format("{}: gives output of shape {} for a batch of {}; accuracy needs [{}, classes]",
                    variant_tag(row.variant), shape_text(out.sizes()), row.batch, row.batch));
  }
  const std::int64_t classes = out.size(1);
  const torch::Tensor bad = eval->labels.lt(0).logical_or(eval->labels.ge(classes));
  if (bad.any().item<bool>()) {
    const std::int64_t at = bad.nonzero().index({0, 0}).item<std::int64_t>();
    throw std::runtime_error(
        fmt::format("{}: eval label {} (sample {}) is outside the {} classes of {}",
                    path_for_message(row.manifest->file), eval->labels[at].item<std::int64_t>(), at,
                    classes, variant_tag(row.variant)));
  }
}

class ModelInference final : public Workload {
 public:
  // The factory runs check_row(row) first: the engine is selected, the module and eval data
  // loaded and cached, the input shape accepted.
  explicit ModelInference(Row row)
      : row_(std::move(row)),
        threads_(row_.threads),
        module_(cached_module(row_.variant)),
        eval_(cached_eval(*row_.manifest)) {
    select_engine(row_.variant);
    engine_ = engine_name(at::globalContext().qEngine());
    inputs_ = input_batches(row_, eval_.get());
  }

  void run() override {
    c10::InferenceMode inference;
    output_ = module_->forward({inputs_[next_++ % inputs_.size()]});
  }

  double flops_per_iteration() const override {
    return row_.manifest->flops_per_sample ? *row_.manifest->flops_per_sample * row_.batch : 0.0;
  }

  std::map<std::string, double> quality() const override {
    if (!eval_)
      return {};
    static std::mutex mutex;
    static std::map<std::string, double> known;
    std::lock_guard lock(mutex);
    const std::string key =
        fmt::format("{}|{}|{}|{}", row_.variant.path.string(), engine_, row_.batch, row_.threads);
    auto found = known.find(key);
    if (found == known.end())
      found = known.emplace(key, eval_accuracy(*module_, *eval_, row_)).first;
    return {{counter::kAccuracy, found->second}};
  }

  // The row's structured label: backend, task, variant, precision, batch, engine, threads, data.
  std::string implementation() const override {
    return fmt::format(
        "pytorch {}; task {}; variant {}; precision {}; batch {}; engine {}; "
        "threads {}; {}",
        TORCH_VERSION, row_.manifest->task, row_.variant.name, row_.variant.precision, row_.batch,
        engine_, row_.threads, eval_ ? eval_->description : "random inputs, no accuracy");
  }

 private:
  Row row_;
  TorchThreads threads_;
  std::shared_ptr<torch::jit::Module> module_;
  std::shared_ptr<const EvalSet> eval_;
  std::string engine_;
  std::vector<torch::Tensor> inputs_;
  std::size_t next_ = 0;
  c10::IValue output_;
};

// Anything LibTorch throws outside forward() (a c10::Error is not a std::runtime_error) becomes
// one line, so check_inputs' contract holds.
template <typename Body>
auto one_line(const Row& row, Body&& body) {
  try {
    return body();
  } catch (const std::runtime_error& e) {
    // Ours are one printable line already; LibTorch's own (the interpreter's) may not be.
    const std::string_view text = e.what();
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return std::iscntrl(static_cast<unsigned char>(c)) != 0; }))
      throw;
    throw std::runtime_error(
        fmt::format("{}: {}", variant_tag(row.variant), torch_reason(e.what())));
  } catch (const c10::Error& e) {
    throw std::runtime_error(fmt::format("{}: {}", variant_tag(row.variant), torch_reason(e)));
  } catch (const std::exception& e) {
    throw std::runtime_error(
        fmt::format("{}: {}", variant_tag(row.variant), torch_reason(e.what())));
  }
}

std::vector<WorkloadSpec> torch_model_workloads(const ModelManifest& manifest) {
  const auto shared = std::make_shared<const ModelManifest>(manifest);
  std::vector<WorkloadSpec> specs;
  for (const ModelVariant& variant : manifest.variants) {
    for (const int batch : manifest.batch_sizes) {
      for (const int threads : manifest.threads) {
        const Row row{.manifest = shared, .variant = variant, .batch = batch, .threads = threads};
        std::string name = fmt::format("model/{}/{}/batch:{}", manifest.task, variant.name, batch);
        // The task keeps the batch and thread count: variants are compared like for like.
        RowLabels labels{.task = fmt::format("model/{}/batch:{}", manifest.task, batch),
                         .variant = variant.name,
                         .precision = variant.precision,
                         .backend = "pytorch",
                         .batch = batch,
                         .unit = WorkUnit::inference};
        if (threads != 1) {
          name += fmt::format("/threads:{}", threads);
          labels.task += fmt::format("/threads:{}", threads);
        }
        specs.push_back(WorkloadSpec{
            .name = std::move(name),
            .description = fmt::format("TorchScript {} ({}{}) from {}",
                                       variant.path.filename().string(), variant.precision,
                                       variant.engine.empty() ? "" : ", engine " + variant.engine,
                                       manifest.file.string()),
            .make =
                [row] {
                  return one_line(row, [&]() -> std::unique_ptr<Workload> {
                    check_row(row);
                    return std::make_unique<ModelInference>(row);
                  });
                },
            .in_default_suite = true,
            .iterations = 0,
            .check_inputs = [row] { one_line(row, [&] { check_row(row); }); },
            .labels = std::move(labels),
        });
      }
    }
  }
  return specs;
}

}  // namespace
}  // namespace joulebench::models

// The plugin's one exported symbol (torch_plugin.h); everything else is hidden.
extern "C" __attribute__((visibility("default"))) bool joulebench_torch_model_workloads(
    const joulebench::models::ModelManifest* manifest, std::vector<joulebench::WorkloadSpec>* rows,
    std::string* error) {
  try {
    *rows = joulebench::models::torch_model_workloads(*manifest);
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}
