#pragma once
// Writing IDX files and Fashion-MNIST directories for tests: raw or gzip, any shape, any size.

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace joulebench::mlp::idx_test {

using Bytes = std::vector<std::uint8_t>;

// The directory of the committed reproducer files (tests/mlp/data).
inline std::filesystem::path reproducer_dir() {
  return JOULEBENCH_MLP_TEST_DATA_DIR;
}

inline Bytes idx_bytes(const std::vector<std::uint32_t>& dims, const Bytes& data,
                       std::uint8_t type = 0x08) {
  Bytes out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    for (int shift : {24, 16, 8, 0})
      out.push_back(static_cast<std::uint8_t>(d >> shift));
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

inline void write_raw(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

inline void write_gzip(const std::filesystem::path& path, const Bytes& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  if (!bytes.empty()) {
    ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
  }
  gzclose(f);
}

inline Bytes read_raw(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

inline Bytes counting(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<std::uint8_t>(i * 7);
  return b;
}

// One split of a Fashion-MNIST directory: `n` 28x28 images (gzip) and `labels_n` labels (raw).
inline void write_split(const std::filesystem::path& dir, const std::string& prefix,
                        std::uint32_t n, std::uint32_t labels_n, std::uint8_t max_label = 9,
                        std::uint32_t side = 28) {
  write_gzip(dir / (prefix + "-images-idx3-ubyte.gz"),
             idx_bytes({n, side, side}, counting(std::size_t{n} * side * side)));
  Bytes labels(labels_n);
  for (std::size_t i = 0; i < labels.size(); ++i)
    labels[i] = static_cast<std::uint8_t>(i % (max_label + 1u));
  write_raw(dir / (prefix + "-labels-idx1-ubyte"), idx_bytes({labels_n}, labels));
}

// A valid Fashion-MNIST directory of `train` and `test` images.
inline void write_fashion_mnist(const std::filesystem::path& dir, std::uint32_t train,
                                std::uint32_t test) {
  std::filesystem::create_directories(dir);
  write_split(dir, "train", train, train);
  write_split(dir, "t10k", test, test);
}

}  // namespace joulebench::mlp::idx_test
