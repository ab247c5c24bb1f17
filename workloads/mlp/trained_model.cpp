#include "workloads/mlp/trained_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <bit>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/bounded_read.h"
#include "workloads/mlp/eigen_threads.h"

namespace joulebench::mlp {
namespace {

constexpr std::string_view kMagic = "joulebench-mlp-weights-v1\n";

void append_floats(std::string& out, const float* p, Eigen::Index count) {
  out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(count) * sizeof(float));
}

bool read_floats(std::istream& in, float* p, Eigen::Index count) {
  in.read(reinterpret_cast<char*>(p), static_cast<std::streamsize>(count) * sizeof(float));
  return in.good();
}

std::uintmax_t weight_file_bytes(const std::vector<int>& widths) {
  std::uintmax_t floats = 0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    const auto in = static_cast<std::uintmax_t>(widths[l]);
    const auto out = static_cast<std::uintmax_t>(widths[l + 1]);
    floats += out * in + out;
  }
  return kMagic.size() + fmt::format("{}\n", fmt::join(widths, " ")).size() +
         floats * sizeof(float);
}

}  // namespace

std::string cache_file_name(const TrainingRecipe& r, std::uint64_t data_fingerprint) {
  return fmt::format("mlp-{}-{}-b{}-seed{}-ep{}-data{:016x}.bin", architecture_name(r.widths),
                     optimizer_name(r.optimizer), r.batch, r.seed, r.epochs, data_fingerprint);
}

void save_weights(const std::filesystem::path& path, const MlpWeights& weights) {
  static_assert(std::endian::native == std::endian::little, "weight files are little-endian");
  std::string out(kMagic);
  out += fmt::format("{}\n", fmt::join(weights.widths, " "));
  for (std::size_t l = 0; l < weights.layers(); ++l) {
    append_floats(out, weights.w[l].data(), weights.w[l].size());
    append_floats(out, weights.b[l].data(), weights.b[l].size());
  }
  write_file_atomically(path, out);
}

std::optional<MlpWeights> load_weights(const std::filesystem::path& path,
                                       const std::vector<int>& widths) {
  // The file's exact size follows from the widths: read no more than that (a cache file replaced
  // by a FIFO, a device or a huge file is a cache miss, not a hang or gigabytes of memory).
  std::string bytes;
  try {
    bytes = read_file_bounded(path, weight_file_bytes(widths), "a weight file of this model");
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
  std::istringstream in(std::move(bytes));
  std::string magic(kMagic.size(), '\0');
  std::string widths_line;
  if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size())) || magic != kMagic ||
      !std::getline(in, widths_line) || widths_line != fmt::format("{}", fmt::join(widths, " "))) {
    return std::nullopt;
  }
  MlpWeights w;
  w.widths = widths;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    w.w.emplace_back(widths[l + 1], widths[l]);
    w.b.emplace_back(widths[l + 1]);
    if (!read_floats(in, w.w.back().data(), w.w.back().size()) ||
        !read_floats(in, w.b.back().data(), w.b.back().size())) {
      return std::nullopt;
    }
  }
  if (in.peek() != std::char_traits<char>::eof())
    return std::nullopt;
  return w;
}

std::shared_ptr<const TrainedModel> trained_model(const TrainingRecipe& recipe,
                                                  const FashionMnist& data,
                                                  const std::filesystem::path& cache_dir) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TrainedModel>> in_memory;
  const std::string key = cache_file_name(recipe, data.fingerprint);
  std::lock_guard lock(mutex);
  if (auto found = in_memory.find(key); found != in_memory.end())
    return found->second;

  auto model = std::make_shared<TrainedModel>();
  model->recipe = recipe;
  model->data = &data;
  model->key = key;
  const std::filesystem::path file = cache_dir.empty() ? cache_dir : cache_dir / key;
  std::optional<MlpWeights> cached;
  if (!cache_dir.empty())
    cached = load_weights(file, recipe.widths);
  if (cached) {
    model->weights = std::move(*cached);
  } else {
    const auto start = std::chrono::steady_clock::now();
    const EigenThreads one_thread(1);
    model->weights = init_mlp(recipe.widths, recipe.seed);
    Trainer trainer(model->weights, default_optimizer(recipe.optimizer), data.train, recipe.batch,
                    recipe.seed);
    for (int e = 0; e < recipe.epochs; ++e)
      trainer.epoch();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    fmt::print(stderr, "joulebench: trained MLP {} for {} epochs on {} images in {:.1f} s\n",
               architecture_name(recipe.widths), recipe.epochs, data.train.size(), took.count());
    try {
      if (cache_dir.empty())
        throw std::runtime_error("no cache directory (neither XDG_CACHE_HOME nor HOME is set)");
      std::filesystem::create_directories(cache_dir);
      save_weights(file, model->weights);
    } catch (const std::exception& e) {
      fmt::print(stderr, "joulebench: warning: trained weights not cached: {}\n", e.what());
    }
  }
  in_memory[key] = model;
  return model;
}

}  // namespace joulebench::mlp
