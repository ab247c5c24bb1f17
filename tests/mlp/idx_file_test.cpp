#include "workloads/mlp/idx_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"
#include "workloads/mlp/fashion_mnist.h"

namespace joulebench::mlp {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes idx_bytes(std::vector<std::uint32_t> dims, const Bytes& data, std::uint8_t type = 0x08) {
  Bytes out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    for (int shift : {24, 16, 8, 0})
      out.push_back(static_cast<std::uint8_t>(d >> shift));
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

void write_raw(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void write_gzip(const std::filesystem::path& path, const Bytes& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  gzclose(f);
}

Bytes read_raw(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

// The error is one line that names the file and contains `why`.
void expect_error(const std::filesystem::path& path, const std::string& why) {
  try {
    read_idx_file(path);
    ADD_FAILURE() << "no error for " << path;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find(why), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

Bytes counting(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<std::uint8_t>(i * 7);
  return b;
}

TEST(IdxFile, ReadsRawAndGzipAlike) {
  testing::TempDir dir;
  const Bytes file = idx_bytes({3, 2, 5}, counting(30));
  write_raw(dir.path() / "a.idx", file);
  write_gzip(dir.path() / "a.idx.gz", file);
  for (const char* name : {"a.idx", "a.idx.gz"}) {
    const IdxArray a = read_idx_file(dir.path() / name);
    EXPECT_EQ(a.dims, (std::vector<std::uint32_t>{3, 2, 5})) << name;
    EXPECT_EQ(a.data, counting(30)) << name;
  }
}

TEST(IdxFile, MissingFile) {
  expect_error("/no/such/dir/x.idx", "no such file");
}

TEST(IdxFile, WrongMagic) {
  testing::TempDir dir;
  write_raw(dir.path() / "float.idx", idx_bytes({4}, counting(16), 0x0D));
  expect_error(dir.path() / "float.idx", "magic 00 00 0d 01");
  write_raw(dir.path() / "text.idx", {'h', 'e', 'l', 'l', 'o'});
  expect_error(dir.path() / "text.idx", "magic");
  write_raw(dir.path() / "nodims.idx", {0, 0, 8, 0});
  expect_error(dir.path() / "nodims.idx", "magic");
}

TEST(IdxFile, TruncatedRawFile) {
  testing::TempDir dir;
  Bytes file = idx_bytes({10, 4}, counting(40));
  file.erase(file.end() - 3, file.end());  // the last 3 data bytes
  write_raw(dir.path() / "cut.idx", file);
  expect_error(dir.path() / "cut.idx", "truncated: 37 of the 40 data bytes");
  write_raw(dir.path() / "short.idx", {0, 0});
  expect_error(dir.path() / "short.idx", "truncated");
  write_raw(dir.path() / "header.idx", {0, 0, 8, 3, 0, 0, 0, 2});
  expect_error(dir.path() / "header.idx", "truncated: header");
}

TEST(IdxFile, TruncatedGzipFile) {
  testing::TempDir dir;
  write_gzip(dir.path() / "whole.gz", idx_bytes({100, 28, 28}, counting(78400)));
  Bytes gz = read_raw(dir.path() / "whole.gz");
  gz.resize(gz.size() / 2);
  write_raw(dir.path() / "cut.gz", gz);
  expect_error(dir.path() / "cut.gz", "truncated");
}

TEST(IdxFile, CorruptGzipData) {
  testing::TempDir dir;
  write_gzip(dir.path() / "whole.gz", idx_bytes({100, 28, 28}, counting(78400)));
  Bytes gz = read_raw(dir.path() / "whole.gz");
  for (std::size_t i = 20; i < gz.size() - 8; i += 3)
    gz[i] ^= 0x5A;
  write_raw(dir.path() / "bad.gz", gz);
  EXPECT_THROW(read_idx_file(dir.path() / "bad.gz"), std::runtime_error);
}

TEST(IdxFile, DataLongerThanDeclared) {
  testing::TempDir dir;
  write_raw(dir.path() / "long.idx", idx_bytes({4}, counting(5)));
  expect_error(dir.path() / "long.idx", "dimension mismatch");
}

// A Fashion-MNIST directory of `n` images and labels, in which a test then breaks one file.
void write_split(const std::filesystem::path& dir, const std::string& prefix, std::uint32_t n,
                 std::uint32_t labels_n, std::uint8_t max_label = 9, std::uint32_t side = 28) {
  write_gzip(dir / (prefix + "-images-idx3-ubyte.gz"),
             idx_bytes({n, side, side}, counting(std::size_t{n} * side * side)));
  Bytes labels(labels_n);
  for (std::size_t i = 0; i < labels.size(); ++i)
    labels[i] = static_cast<std::uint8_t>(i % (max_label + 1u));
  write_raw(dir / (prefix + "-labels-idx1-ubyte"), idx_bytes({labels_n}, labels));
}

void expect_dataset_error(const std::filesystem::path& dir, const std::string& why) {
  try {
    load_fashion_mnist(dir);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
}

TEST(FashionMnistFiles, LoadsMixedGzipAndRawFiles) {
  testing::TempDir dir;
  write_split(dir.path(), "train", 12, 12);
  write_split(dir.path(), "t10k", 5, 5);
  const FashionMnist data = load_fashion_mnist(dir.path());
  EXPECT_EQ(data.train.size(), 12u);
  EXPECT_EQ(data.test.size(), 5u);
  EXPECT_EQ(data.train.pixels.size(), 12u * 784u);
  EXPECT_EQ(data.test.labels[3], 3);
}

TEST(FashionMnistFiles, RejectsBadDirectories) {
  testing::TempDir dir;
  expect_dataset_error(dir.path(), "no train-images-idx3-ubyte.gz or train-images-idx3-ubyte");
  write_split(dir.path(), "t10k", 5, 5);
  write_split(dir.path(), "train", 12, 11);
  expect_dataset_error(dir.path(), "dimension mismatch: 11 labels for 12 images");
  write_split(dir.path(), "train", 12, 12, 10);
  expect_dataset_error(dir.path(), "label 10 of item 10 is outside 0-9");
  write_split(dir.path(), "train", 12, 12, 9, 27);
  expect_dataset_error(dir.path(), "images of shape 12x27x27");
}

TEST(FashionMnistFiles, CommittedSliceLoads) {
  const FashionMnist data = load_fashion_mnist(committed_fashion_mnist_slice_dir());
  EXPECT_EQ(data.train.size(), 3000u);
  EXPECT_EQ(data.test.size(), 1000u);
}

}  // namespace
}  // namespace joulebench::mlp
