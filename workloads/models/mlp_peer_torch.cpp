// PyTorch as a peer of our mlp/infer rows (workloads/mlp/mlp_peers.h), in the LibTorch plugin:
// our trained weights run as PyTorch runs an nn.Sequential of nn.Linear and nn.ReLU, in the
// plugin's second entry point (torch_plugin.h). The executable sends the weights and the test
// set as plain arrays; everything torch stays in this file and model_workloads_torch.cpp.
//
//   fp32  at::linear with nn.Linear's weight layout ([out, in] row-major), at::relu between
//   bf16  the same with weights, biases and inputs in bfloat16 (model.to(torch.bfloat16))
//   int8  what torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
//         makes of it: weights quantized per tensor, symmetric (its default_weight_observer:
//         scale = max|w| / 127.5, zero point 0), packed by quantized::linear_prepack; each layer
//         quantized::linear_dynamic(x, packed, reduce_range=True), which quantizes its fp32 input
//         per call (per batch, uint8, 7-bit range) and returns fp32; the ReLU stays fp32. On the
//         onednn engine, else the first of x86, fbgemm and qnnpack this LibTorch has (the label
//         names it).

#include <ATen/core/dispatch/Dispatcher.h>
#include <fmt/format.h>
#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "common/result_schema.h"
#include "workloads/models/torch_plugin.h"
#include "workloads/models/torch_support.h"

namespace joulebench::models {
namespace {

// The quantized engine of the int8 rows: the onednn, else what this LibTorch has.
c10::QEngine int8_engine() {
  const auto& supported = at::globalContext().supportedQEngines();
  for (const c10::QEngine e :
       {c10::QEngine::ONEDNN, c10::QEngine::X86, c10::QEngine::FBGEMM, c10::QEngine::QNNPACK}) {
    if (std::find(supported.begin(), supported.end(), e) != supported.end())
      return e;
  }
  throw std::runtime_error("this LibTorch has no quantized engine for the int8 rows");
}

// The dispatcher's quantized ops, called boxed. LibTorch 1.13's C++ API has no quantize_dynamic,
// and the class of the packed weights (LinearPackedParamsBase) is not in its installed headers,
// so they stay an IValue; these are the calls a TorchScript'd dynamically quantized model makes,
// without the interpreter in between. (torch::jit::compile of a script calling them would work
// too, at an interpreter's cost per call.)
c10::IValue call_boxed(const c10::OperatorHandle& op, torch::jit::Stack stack) {
  op.callBoxed(&stack);
  return std::move(stack.at(0));
}

const c10::OperatorHandle& linear_prepack() {
  static const c10::OperatorHandle op =
      c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_prepack", "");
  return op;
}

const c10::OperatorHandle& linear_dynamic() {
  static const c10::OperatorHandle op =
      c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_dynamic", "");
  return op;
}

// PyTorch's default_weight_observer: MinMaxObserver(dtype=qint8, qscheme=per_tensor_symmetric),
// whose scale is max(|min|, |max|) / ((127 - -128) / 2), at least float epsilon.
torch::Tensor quantize_weight(const torch::Tensor& w) {
  const double amax = w.abs().max().item<double>();
  const double scale = std::max(amax / 127.5, double(std::numeric_limits<float>::epsilon()));
  return at::quantize_per_tensor(w, scale, 0, at::kQInt8);
}

// Our trained MLP as PyTorch holds it at one precision.
struct TorchMlp {
  std::string precision;
  c10::QEngine engine = c10::QEngine::NoQEngine;  // int8 only
  std::vector<torch::Tensor> weights, biases;     // fp32 and bf16
  std::vector<c10::IValue> packed;                // int8

  std::size_t layers() const { return precision == "int8" ? packed.size() : weights.size(); }

  torch::Tensor forward(const torch::Tensor& x) const {
    torch::Tensor h = x;
    for (std::size_t l = 0; l < layers(); ++l) {
      h = precision == "int8" ? call_boxed(linear_dynamic(), {h, packed[l], true}).toTensor()
                              : at::linear(h, weights[l], biases[l]);
      if (l + 1 < layers())
        h = at::relu(h);
    }
    return h;
  }
};

c10::ScalarType dtype_of(const std::string& precision) {
  return precision == "bf16" ? c10::kBFloat16 : c10::kFloat;
}

TorchMlp make_torch_mlp(const MlpPeerRequest& r) {
  TorchMlp mlp;
  mlp.precision = r.precision;
  if (r.precision == "int8") {
    mlp.engine = int8_engine();
    // Packing is for the engine selected at the time.
    at::globalContext().setQEngine(mlp.engine);
  }
  for (std::size_t l = 0; l + 1 < r.widths.size(); ++l) {
    const std::int64_t in = r.widths[l];
    const std::int64_t out = r.widths[l + 1];
    // Our column-major out x in is [in, out] row-major: transposed, nn.Linear's [out, in].
    const torch::Tensor w =
        torch::from_blob(const_cast<float*>(r.weights[l]), {in, out}, torch::kFloat)
            .t()
            .contiguous();
    const torch::Tensor b =
        torch::from_blob(const_cast<float*>(r.biases[l]), {out}, torch::kFloat).clone();
    if (r.precision == "int8") {
      mlp.packed.push_back(call_boxed(linear_prepack(), {quantize_weight(w), b}));
    } else {
      mlp.weights.push_back(w.to(dtype_of(r.precision)));
      mlp.biases.push_back(b.to(dtype_of(r.precision)));
    }
  }
  return mlp;
}

// One LibTorch copy per trained model and precision in a process: every Google Benchmark call
// builds its workload anew.
std::shared_ptr<const TorchMlp> cached_mlp(const MlpPeerRequest& r) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TorchMlp>> cache;
  std::lock_guard lock(mutex);
  auto& mlp = cache[r.weights_key + "/" + r.precision];
  if (!mlp)
    mlp = std::make_shared<const TorchMlp>(make_torch_mlp(r));
  return mlp;
}

// The test set as PyTorch sees it: pixels scaled to [0, 1] (as ours), labels as int64. Once per
// data set in a process.
struct TestSet {
  torch::Tensor images;  // n x inputs, fp32
  torch::Tensor labels;  // n, int64
};

std::shared_ptr<const TestSet> cached_test_set(const MlpPeerRequest& r) {
  static std::mutex mutex;
  static std::map<const std::uint8_t*, std::shared_ptr<const TestSet>> cache;
  std::lock_guard lock(mutex);
  auto& set = cache[r.test_pixels];
  if (!set) {
    const auto n = std::int64_t(r.test_images);
    set = std::make_shared<const TestSet>(TestSet{
        .images = torch::from_blob(const_cast<std::uint8_t*>(r.test_pixels),
                                   {n, std::int64_t(r.widths.front())}, torch::kUInt8)
                      .to(torch::kFloat)
                      .div_(255.0f),
        .labels = torch::from_blob(const_cast<std::uint8_t*>(r.test_labels), {n}, torch::kUInt8)
                      .to(torch::kLong),
    });
  }
  return set;
}

// What the request must hold for the workload to read only what it was given.
void check_request(const MlpPeerRequest& r) {
  if (r.precision != "fp32" && r.precision != "bf16" && r.precision != "int8")
    throw std::runtime_error(fmt::format("no PyTorch peer at precision '{}'", r.precision));
  if (r.widths.size() < 2 || r.weights.size() + 1 != r.widths.size() ||
      r.biases.size() != r.weights.size())
    throw std::runtime_error("the PyTorch peer got weights of another shape than its widths");
  if (r.batch < 1 || r.test_images < std::size_t(r.batch) || r.batch_firsts.empty() ||
      r.accuracy_chunk == 0)
    throw std::runtime_error(fmt::format("the PyTorch peer got {} test images for a batch of {}",
                                         r.test_images, r.batch));
  for (const std::size_t first : r.batch_firsts) {
    if (first > r.test_images - std::size_t(r.batch))
      throw std::runtime_error("the PyTorch peer got an input batch past the test set");
  }
}

class MlpPeerInference final : public Workload {
 public:
  explicit MlpPeerInference(MlpPeerRequest request)
      : request_(std::move(request)),
        threads_(request_.threads),
        mlp_(cached_mlp(request_)),
        test_(cached_test_set(request_)) {
    if (mlp_->engine != c10::QEngine::NoQEngine)
      at::globalContext().setQEngine(mlp_->engine);
    for (const std::size_t first : request_.batch_firsts) {
      inputs_.push_back(test_->images.narrow(0, std::int64_t(first), request_.batch)
                            .to(dtype_of(request_.precision))
                            .contiguous());
    }
  }

  void run() override {
    c10::InferenceMode inference;
    output_ = mlp_->forward(inputs_[next_++ % inputs_.size()]);
  }

  double flops_per_iteration() const override { return request_.flops_per_sample * request_.batch; }

  // Top-1 test accuracy, in the chunks ours evaluates in, once per model and precision.
  std::map<std::string, double> quality() const override {
    static std::mutex mutex;
    static std::map<std::string, double> known;
    std::lock_guard lock(mutex);
    const std::string key = request_.weights_key + "/" + request_.precision;
    auto found = known.find(key);
    if (found == known.end()) {
      c10::InferenceMode inference;
      const auto n = std::int64_t(request_.test_images);
      const auto chunk = std::int64_t(request_.accuracy_chunk);
      std::int64_t correct = 0;
      for (std::int64_t first = 0; first < n; first += chunk) {
        const std::int64_t count = std::min(chunk, n - first);
        const torch::Tensor logits = mlp_->forward(
            test_->images.narrow(0, first, count).to(dtype_of(request_.precision)).contiguous());
        correct +=
            logits.argmax(1).eq(test_->labels.narrow(0, first, count)).sum().item<std::int64_t>();
      }
      found = known.emplace(key, double(correct) / double(n)).first;
    }
    return {{counter::kAccuracy, found->second}};
  }

  // The row's structured label, as the model rows': backend, task, variant, precision, batch,
  // engine, threads, then the weights and data as ours says them.
  std::string implementation() const override {
    const std::string engine =
        mlp_->engine == c10::QEngine::NoQEngine
            ? "none"
            : fmt::format("{} (dynamic int8: weights per tensor, activations per batch)",
                          engine_name(mlp_->engine));
    return fmt::format(
        "pytorch {}; task mlp/infer/{}/batch:{}; variant {}/pytorch; precision {}; batch {}; "
        "engine {}; threads {}; {}",
        TORCH_VERSION, fmt::join(request_.widths, "-"), request_.batch, request_.precision,
        request_.precision, request_.batch, engine, request_.threads, request_.provenance);
  }

 private:
  MlpPeerRequest request_;
  TorchThreads threads_;
  std::shared_ptr<const TorchMlp> mlp_;
  std::shared_ptr<const TestSet> test_;
  std::vector<torch::Tensor> inputs_;
  std::size_t next_ = 0;
  torch::Tensor output_;
};

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

}  // namespace
}  // namespace joulebench::models

// The plugin's second exported symbol (torch_plugin.h).
extern "C" __attribute__((visibility("default"))) bool joulebench_torch_mlp_peer_workload(
    const joulebench::models::MlpPeerRequest* request,
    std::unique_ptr<joulebench::Workload>* workload, std::string* error) {
  using namespace joulebench::models;
  try {
    check_request(*request);
    *workload = std::make_unique<MlpPeerInference>(*request);
    return true;
  } catch (const c10::Error& e) {
    *error = "PyTorch peer: " + first_line(e.what_without_backtrace());
  } catch (const std::exception& e) {
    *error = "PyTorch peer: " + first_line(e.what());
  }
  return false;
}
