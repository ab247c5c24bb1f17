#include "workloads/mlp/mlp_workloads.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "common/result_schema.h"
#include "workloads/mlp/eigen_threads.h"
#include "workloads/mlp/kernel_mlp.h"
#include "workloads/mlp/mlp_peers.h"
#include "workloads/mlp/mlp_suite_config.h"
#include "workloads/mlp/trained_model.h"
#include "workloads/row_name.h"

namespace joulebench {
namespace {

using kernels::Precision;
using mlp::EigenThreads;
using mlp::FashionMnist;
using mlp::OptimizerKind;

const std::vector<std::vector<int>> kArchitectures = {
    {784, 128, 10}, {784, 256, 256, 10}, {784, 1024, 1024, 10}};
constexpr unsigned kSeed = 1;
constexpr std::size_t kCalibrationImages = 2000;
// Inference cycles through a few distinct batches, as a server would see, without streaming the
// whole test set through the cache.
constexpr std::size_t kInputBatches = 4;
constexpr int kMaxEpochsToTarget = 30;
// The peers' rows (PyTorch) join the default suite at this architecture only, every precision
// and batch: the comparison the leaderboard needs, for a few more seconds of suite.
const std::vector<int> kPeerDefaultArchitecture = {784, 256, 256, 10};
constexpr int kTrainToAccuracyBatch = 64;

const FashionMnist& suite_data() {
  return mlp::cached_fashion_mnist(mlp::mlp_data_dir());
}

std::string data_label(const FashionMnist& data) {
  return fmt::format("{} train / {} test images from {}", data.train.size(), data.test.size(),
                     data.dir.string());
}

// What each row needs of the data set, checked before the suite runs (WorkloadSpec::check_inputs)
// and again by its factory: a split smaller than a batch is one line naming the file, never a
// read past the pixels or a division by zero.
void check_train_step(const std::string& name, int batch) {
  mlp::require_images(suite_data().train, static_cast<std::size_t>(batch), name,
                      fmt::format("one training batch of {}", batch));
}

void check_inference(const std::string& name, int batch) {
  const int weights_batch = mlp::TrainingRecipe{}.batch;
  mlp::require_images(suite_data().train, static_cast<std::size_t>(weights_batch), name,
                      fmt::format("training batches of {} for the weights it runs", weights_batch));
  mlp::require_images(suite_data().test, static_cast<std::size_t>(batch), name,
                      fmt::format("one test batch of {}", batch));
}

void check_train_to_accuracy(const std::string& name) {
  mlp::require_images(suite_data().train, kTrainToAccuracyBatch, name,
                      fmt::format("one training batch of {}", kTrainToAccuracyBatch));
  mlp::require_images(suite_data().test, 1, name, "test images to measure its accuracy on");
}

std::shared_ptr<const mlp::TrainedModel> suite_model(const std::vector<int>& widths) {
  mlp::TrainingRecipe recipe;
  recipe.widths = widths;
  recipe.epochs = mlp::mlp_suite_config().inference_epochs;
  recipe.seed = kSeed;
  return mlp::trained_model(recipe, suite_data(), mlp::mlp_cache_dir());
}

// Where each of the kInputBatches timed input batches starts in the test set: batches taken in
// turn, the last one moved back to fit. check_inference guarantees 1 <= batch <= test_size, so
// the modulo and the subtraction neither divide by zero nor wrap.
std::vector<std::size_t> input_batch_firsts(std::size_t test_size, int batch) {
  const auto b = static_cast<std::size_t>(batch);
  std::vector<std::size_t> firsts;
  for (std::size_t i = 0; i < kInputBatches; ++i)
    firsts.push_back(std::min((i * b) % test_size, test_size - b));
  return firsts;
}

std::vector<float> input_scales(const mlp::TrainedModel& model) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<float>> cache;
  std::lock_guard lock(mutex);
  auto& scales = cache[model.key];
  if (scales.empty())
    scales = mlp::calibrate_input_scales(model.weights, model.data->train, kCalibrationImages);
  return scales;
}

class MlpTrainStep final : public Workload {
 public:
  MlpTrainStep(const std::vector<int>& widths, int batch, OptimizerKind optimizer)
      : threads_(1),
        widths_(widths),
        batch_(batch),
        weights_(mlp::init_mlp(widths, kSeed)),
        trainer_(weights_, mlp::default_optimizer(optimizer), suite_data().train, batch, kSeed) {}

  void run() override { loss_ = trainer_.step(); }
  double flops_per_iteration() const override {
    return mlp::training_flops_per_sample(widths_) * batch_;
  }
  std::string implementation() const override { return "eigen; " + data_label(suite_data()); }

 private:
  EigenThreads threads_;
  std::vector<int> widths_;
  int batch_;
  mlp::MlpWeights weights_;
  mlp::Trainer trainer_;
  float loss_ = 0.0f;
};

// What a peer's row runs on: the weights ours runs (trained or loaded here, at the row's first
// run), the inputs ours cycles through, the flops ours declares.
mlp::MlpPeerRow peer_row(const std::vector<int>& widths, Precision precision, int batch) {
  mlp::MlpPeerRow row;
  row.model = suite_model(widths);
  row.precision = precision;
  row.batch = batch;
  row.batch_firsts = input_batch_firsts(row.model->data->test.size(), batch);
  row.flops_per_sample = mlp::forward_flops_per_sample(widths);
  row.accuracy_chunk = mlp::kAccuracyChunk;
  return row;
}

class MlpInference final : public Workload {
 public:
  MlpInference(const std::vector<int>& widths, Precision precision, int batch)
      : threads_(1), precision_(precision), model_(suite_model(widths)) {
    if (precision == Precision::fp32) {
      eigen_.emplace(model_->weights);
    } else {
      kernel_.emplace(model_->weights, precision,
                      precision == Precision::bf16 ? std::vector<float>{} : input_scales(*model_));
    }
    // check_inference (run by the factory) guarantees 1 <= batch <= test.size().
    const auto& test = model_->data->test;
    for (const std::size_t first : input_batch_firsts(test.size(), batch))
      inputs_.push_back(mlp::images_as_matrix(test, first, static_cast<std::size_t>(batch)));
    flops_ = mlp::forward_flops_per_sample(widths) * batch;
  }

  void run() override {
    const Eigen::MatrixXf& x = inputs_[next_++ % inputs_.size()];
    output_ = eigen_ ? &eigen_->logits(x) : &kernel_->logits(x);
  }
  double flops_per_iteration() const override { return flops_; }

  // Test accuracy of this precision, computed once per model and precision in a process.
  std::map<std::string, double> quality() const override {
    static std::mutex mutex;
    static std::map<std::string, double> known;
    std::lock_guard lock(mutex);
    const std::string key = model_->key + "/" + kernels::to_string(precision_);
    auto found = known.find(key);
    if (found == known.end()) {
      const mlp::Classifier classify = [this](const Eigen::MatrixXf& x) -> const Eigen::MatrixXf& {
        return eigen_ ? eigen_->logits(x) : kernel_->logits(x);
      };
      found = known.emplace(key, mlp::accuracy(classify, model_->data->test)).first;
    }
    return {{counter::kAccuracy, found->second}};
  }

  std::string implementation() const override {
    return fmt::format("{}; weights {} epochs; {}", eigen_ ? "eigen" : kernel_->implementation(),
                       model_->recipe.epochs, data_label(*model_->data));
  }

 private:
  EigenThreads threads_;
  Precision precision_;
  std::shared_ptr<const mlp::TrainedModel> model_;
  // Mutable: their buffers are scratch space, which quality() reuses to evaluate the test set.
  mutable std::optional<mlp::MlpForward> eigen_;
  mutable std::optional<mlp::KernelMlp> kernel_;
  std::vector<Eigen::MatrixXf> inputs_;
  std::size_t next_ = 0;
  const Eigen::MatrixXf* output_ = nullptr;
  double flops_ = 0.0;
};

// One iteration is a whole training run from the same initial weights, evaluated on the test set
// after every epoch, until the target accuracy is reached: its energy and time are the cost of
// getting there (evaluations included, as in MLPerf's time-to-train).
class MlpTrainToAccuracy final : public Workload {
 public:
  explicit MlpTrainToAccuracy(const std::vector<int>& widths)
      : threads_(1), widths_(widths), target_(mlp::mlp_suite_config().target_accuracy) {
    suite_data();  // read the data outside the timed iteration
  }

  void run() override {
    mlp::MlpWeights weights = mlp::init_mlp(widths_, kSeed);
    mlp::Trainer trainer(weights, mlp::default_optimizer(OptimizerKind::adam), suite_data().train,
                         kTrainToAccuracyBatch, kSeed);
    epochs_ = 0;
    accuracy_ = 0.0;
    while (accuracy_ < target_ && epochs_ < kMaxEpochsToTarget) {
      trainer.epoch();
      ++epochs_;
      accuracy_ = mlp::accuracy(weights, suite_data().test);
    }
  }
  // Not known in advance: the epochs it takes are the result.
  double flops_per_iteration() const override { return 0.0; }
  std::map<std::string, double> outcome() const override {
    return {{counter::kAccuracy, accuracy_},
            {"epochs", epochs_},
            {"target_accuracy", target_},
            {"target_reached", accuracy_ >= target_ ? 1.0 : 0.0}};
  }
  std::string implementation() const override {
    return fmt::format("eigen; target {:g}, at most {} epochs; {}", target_, kMaxEpochsToTarget,
                       data_label(suite_data()));
  }

 private:
  EigenThreads threads_;
  std::vector<int> widths_;
  double target_;
  int epochs_ = 0;
  double accuracy_ = 0.0;
};

// The registered peers' rows of one architecture, precision and batch.
void add_peer_rows(std::vector<WorkloadSpec>& specs, const std::vector<mlp::MlpPeer>& peers,
                   const std::vector<int>& widths, Precision p, int batch) {
  const std::string arch = mlp::architecture_name(widths);
  for (const mlp::MlpPeer& peer : peers) {
    if (std::find(peer.precisions.begin(), peer.precisions.end(), p) == peer.precisions.end())
      continue;
    const RowName row{.before = {"mlp", "infer"},
                      .precision = kernels::to_string(p),
                      .backend = peer.backend,
                      .after = {arch, fmt::format("batch:{}", batch)},
                      .unit = WorkUnit::inference,
                      .batch = batch};
    const std::string name = row.name();
    specs.push_back({name,
                     fmt::format("MLP {} forward pass at {}, batch {}, {} on the same weights, "
                                 "with its Fashion-MNIST test accuracy",
                                 arch, kernels::to_string(p), batch, peer.description),
                     [=] {
                       check_inference(name, batch);
                       peer.check();
                       return peer.make(peer_row(widths, p, batch));
                     }});
    specs.back().check_inputs = [=] {
      check_inference(name, batch);
      peer.check();
    };
    specs.back().in_default_suite = widths == kPeerDefaultArchitecture;
    specs.back().labels = row.labels();
  }
}

}  // namespace

std::vector<WorkloadSpec> mlp_workloads() {
  std::vector<WorkloadSpec> specs;
  for (const auto& widths : kArchitectures) {
    const std::string arch = mlp::architecture_name(widths);
    for (int batch : {64, 256}) {
      for (OptimizerKind opt : {OptimizerKind::sgd_momentum, OptimizerKind::adam}) {
        const RowName row{.before = {"mlp", "train"},
                          .precision = "fp32",
                          .backend = "",
                          .after = {arch, fmt::format("batch:{}", batch), mlp::optimizer_name(opt)},
                          .unit = WorkUnit::step,
                          .batch = batch};
        const std::string name = row.name();
        specs.push_back(
            {name,
             fmt::format("one training step of MLP {} on Fashion-MNIST, batch {}, {}", arch, batch,
                         opt == OptimizerKind::adam ? "Adam" : "SGD with momentum"),
             [=] {
               check_train_step(name, batch);
               return std::make_unique<MlpTrainStep>(widths, batch, opt);
             }});
        specs.back().check_inputs = [=] { check_train_step(name, batch); };
        specs.back().labels = row.labels();
        // The default suite keeps SGD at batch 64 only: batch 256 adds little a leaderboard
        // needs and a few seconds per size.
        specs.back().in_default_suite = batch == 64 || opt == OptimizerKind::adam;
      }
    }
  }
  const std::vector<mlp::MlpPeer> peers = mlp::mlp_peers();
  for (const auto& widths : kArchitectures) {
    const std::string arch = mlp::architecture_name(widths);
    for (Precision p : {Precision::fp32, Precision::bf16, Precision::int8, Precision::int4}) {
      for (int batch : {1, 64, 256}) {
        const RowName row{.before = {"mlp", "infer"},
                          .precision = kernels::to_string(p),
                          .backend = "",
                          .after = {arch, fmt::format("batch:{}", batch)},
                          .unit = WorkUnit::inference,
                          .batch = batch};
        const std::string name = row.name();
        specs.push_back({name,
                         fmt::format("MLP {} forward pass at {}, batch {}, with its Fashion-MNIST "
                                     "test accuracy",
                                     arch, kernels::to_string(p), batch),
                         [=] {
                           check_inference(name, batch);
                           return std::make_unique<MlpInference>(widths, p, batch);
                         }});
        specs.back().check_inputs = [=] { check_inference(name, batch); };
        specs.back().labels = row.labels();
        add_peer_rows(specs, peers, widths, p, batch);  // beside ours
      }
    }
  }
  for (const auto& widths : kArchitectures) {
    const std::string arch = mlp::architecture_name(widths);
    const RowName row{.before = {"mlp", "train-to-accuracy"},
                      .precision = "fp32",
                      .backend = "",
                      .after = {arch, fmt::format("batch:{}", kTrainToAccuracyBatch), "adam"},
                      .unit = WorkUnit::iteration,
                      .batch = kTrainToAccuracyBatch};
    const std::string name = row.name();
    WorkloadSpec spec{name,
                      fmt::format("MLP {} trained from scratch until its Fashion-MNIST test "
                                  "accuracy reaches --target-accuracy (one iteration)",
                                  arch),
                      [=] {
                        check_train_to_accuracy(name);
                        return std::make_unique<MlpTrainToAccuracy>(widths);
                      }};
    spec.iterations = 1;
    spec.check_inputs = [=] { check_train_to_accuracy(name); };
    spec.labels = row.labels();
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace joulebench
