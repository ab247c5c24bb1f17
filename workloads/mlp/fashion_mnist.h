#pragma once
// Fashion-MNIST (Zalando, MIT): 28x28 grey images of 10 clothing classes, 60k for training and
// 10k for testing, read from the four IDX files of a directory.

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace joulebench::mlp {

inline constexpr int kPixels = 28 * 28;
inline constexpr int kClasses = 10;

// Images as the IDX files store them (one contiguous 784-byte image after another), so a batch
// becomes an Eigen matrix with one column per image by a straight copy.
struct LabelledImages {
  std::vector<std::uint8_t> pixels;
  std::vector<std::uint8_t> labels;
  std::filesystem::path images_file;  // where the images came from, for messages
  std::size_t size() const { return labels.size(); }
};

struct FashionMnist {
  std::filesystem::path dir;
  LabelledImages train, test;
  // FNV-1a over every byte: weight caches trained on other data must not be reused.
  std::uint64_t fingerprint = 0;
};

// Where the data come from when no --data-dir is given: $JOULEBENCH_DATA_DIR/fashion-mnist when
// the variable is set; else the Debian package's directory if it holds the training images
// (system_datasets_dir() in data_locations.h);
// else the slice installed with joulebench (<prefix>/share/joulebench/fashion-mnist, found from
// the executable's own path; in the build tree, the committed data/fashion-mnist).
std::filesystem::path default_fashion_mnist_dir();

// Reads {train,t10k}-{images-idx3,labels-idx1}-ubyte, each gzip-compressed (".gz") or raw.
// Throws std::runtime_error with a one-line reason: a missing file, a corrupt one, images that
// are not 28x28 (the models' 784 inputs), image and label counts that differ, a label outside
// 0-9. A split may hold any number of images, 0 included: what a workload needs of it is
// checked by require_images.
FashionMnist load_fashion_mnist(const std::filesystem::path& dir);

// The same, read once per process and directory (decoding takes a quarter of a second, and
// every Google Benchmark call constructs its workload anew).
const FashionMnist& cached_fashion_mnist(const std::filesystem::path& dir);

// Throws std::runtime_error "<images file> holds 10 images; <workload> needs at least 64
// (<purpose>)" when `split` holds fewer than `needed` images.
void require_images(const LabelledImages& split, std::size_t needed, const std::string& workload,
                    const std::string& purpose);

// Copies the images at `indices` into the columns of `x` (784 x indices.size()), scaled to 0-1,
// and their labels into `labels`. Throws std::out_of_range for an index past the data.
void gather_batch(const LabelledImages& data, std::span<const int> indices, Eigen::MatrixXf& x,
                  std::vector<int>& labels);
// The images [first, first + count) as one matrix, scaled to 0-1. Throws std::out_of_range when
// the range runs past the data.
Eigen::MatrixXf images_as_matrix(const LabelledImages& data, std::size_t first, std::size_t count);

}  // namespace joulebench::mlp
