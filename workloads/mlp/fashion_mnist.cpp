#include "workloads/mlp/fashion_mnist.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "workloads/mlp/data_locations.h"
#include "workloads/mlp/idx_file.h"

namespace joulebench::mlp {
namespace {

std::filesystem::path find_file(const std::filesystem::path& dir, const std::string& stem) {
  for (const std::string& name : {stem + ".gz", stem}) {
    std::error_code ec;
    if (std::filesystem::exists(dir / name, ec))
      return dir / name;
  }
  throw std::runtime_error(fmt::format(
      "Fashion-MNIST: no {0}.gz or {0} in {1} (install dataset-fashion-mnist, pass --data-dir or "
      "set JOULEBENCH_DATA_DIR)",
      stem, dir.string()));
}

LabelledImages load_split(const std::filesystem::path& dir, const std::string& prefix) {
  const std::filesystem::path images_path = find_file(dir, prefix + "-images-idx3-ubyte");
  const std::filesystem::path labels_path = find_file(dir, prefix + "-labels-idx1-ubyte");
  IdxArray images = read_idx_file(images_path);
  IdxArray labels = read_idx_file(labels_path);
  // The models take 784 = 28 x 28 inputs (kPixels); any other shape would be read misaligned.
  if (images.dims.size() != 3 || images.dims[1] != 28 || images.dims[2] != 28) {
    const std::string shape = fmt::format("{}", fmt::join(images.dims, "x"));
    throw std::runtime_error(fmt::format(
        "{}: dimension mismatch: images of shape {}, expected N x 28 x 28 (the models' {} inputs)",
        images_path.string(), shape, kPixels));
  }
  if (labels.dims.size() != 1) {
    throw std::runtime_error(fmt::format("{}: dimension mismatch: {} dimensions, expected 1",
                                         labels_path.string(), labels.dims.size()));
  }
  if (labels.dims[0] != images.dims[0]) {
    throw std::runtime_error(fmt::format("{}: dimension mismatch: {} labels for {} images in {}",
                                         labels_path.string(), labels.dims[0], images.dims[0],
                                         images_path.string()));
  }
  for (std::size_t i = 0; i < labels.data.size(); ++i) {
    if (labels.data[i] >= kClasses) {
      throw std::runtime_error(fmt::format("{}: label {} of item {} is outside 0-9",
                                           labels_path.string(), labels.data[i], i));
    }
  }
  return {std::move(images.data), std::move(labels.data), images_path};
}

std::uint64_t fnv1a(std::uint64_t hash, const std::vector<std::uint8_t>& bytes) {
  for (std::uint8_t b : bytes) {
    hash ^= b;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

std::filesystem::path default_fashion_mnist_dir() {
  const DataDir data = joulebench_data_dir();
  if (data.from_variable)
    return data.path / "fashion-mnist";  // chosen by the user: an error names it, no fallback
  std::error_code ec;
  const std::filesystem::path package = system_datasets_dir() / "fashion-mnist";
  if (std::filesystem::exists(package / "train-images-idx3-ubyte.gz", ec) ||
      std::filesystem::exists(package / "train-images-idx3-ubyte", ec)) {
    return package;
  }
  return data.path / "fashion-mnist";
}

FashionMnist load_fashion_mnist(const std::filesystem::path& dir) {
  FashionMnist data;
  data.dir = dir;
  data.train = load_split(dir, "train");
  data.test = load_split(dir, "t10k");
  std::uint64_t hash = 14695981039346656037ull;
  for (const LabelledImages* split : {&data.train, &data.test}) {
    hash = fnv1a(hash, split->pixels);
    hash = fnv1a(hash, split->labels);
  }
  data.fingerprint = hash;
  return data;
}

const FashionMnist& cached_fashion_mnist(const std::filesystem::path& dir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::unique_ptr<const FashionMnist>> loaded;
  std::lock_guard lock(mutex);
  auto& slot = loaded[dir];
  if (!slot)
    slot = std::make_unique<const FashionMnist>(load_fashion_mnist(dir));
  return *slot;
}

void require_images(const LabelledImages& split, std::size_t needed, const std::string& workload,
                    const std::string& purpose) {
  if (split.size() >= needed)
    return;
  throw std::runtime_error(fmt::format("{} holds {} images; {} needs at least {} ({})",
                                       split.images_file.string(), split.size(), workload, needed,
                                       purpose));
}

void gather_batch(const LabelledImages& data, std::span<const int> indices, Eigen::MatrixXf& x,
                  std::vector<int>& labels) {
  const auto n = static_cast<Eigen::Index>(indices.size());
  x.resize(kPixels, n);
  labels.resize(indices.size());
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto i = static_cast<std::size_t>(indices[static_cast<std::size_t>(j)]);
    if (i >= data.size()) {
      throw std::out_of_range(
          fmt::format("image {} of a batch is past the {} images of the data", i, data.size()));
    }
    const std::uint8_t* image = data.pixels.data() + i * kPixels;
    float* column = x.col(j).data();
    for (int p = 0; p < kPixels; ++p)
      column[p] = static_cast<float>(image[p]) * (1.0f / 255.0f);
    labels[static_cast<std::size_t>(j)] = data.labels[i];
  }
}

Eigen::MatrixXf images_as_matrix(const LabelledImages& data, std::size_t first, std::size_t count) {
  if (first > data.size() || count > data.size() - first) {
    throw std::out_of_range(fmt::format("images {} to {} are past the {} images of the data", first,
                                        first + count, data.size()));
  }
  const Eigen::Map<const Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>> bytes(
      data.pixels.data() + first * kPixels, kPixels, static_cast<Eigen::Index>(count));
  return bytes.cast<float>() * (1.0f / 255.0f);
}

}  // namespace joulebench::mlp
