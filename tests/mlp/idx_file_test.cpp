#include "workloads/mlp/idx_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/mlp/idx_test_files.h"
#include "tests/mlp/slice_dir.h"
#include "tests/support/temp_dir.h"
#include "workloads/mlp/fashion_mnist.h"

namespace joulebench::mlp {
namespace {

using namespace idx_test;

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

// The same through the in-memory entry point, which names the bytes by `source`.
void expect_parse_error(const Bytes& bytes, const std::string& why) {
  try {
    parse_idx(bytes, "memory");
    ADD_FAILURE() << "no error for " << why;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_TRUE(message.starts_with("memory: ")) << message;
    EXPECT_NE(message.find(why), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
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
  const IdxArray m = parse_idx(file, "memory");
  EXPECT_EQ(m.dims, (std::vector<std::uint32_t>{3, 2, 5}));
  EXPECT_EQ(m.data, counting(30));
}

TEST(IdxFile, ReadsMoreThanOneChunk) {
  // 3 MiB crosses the reader's 1 MiB pieces, raw and gzip.
  testing::TempDir dir;
  const Bytes file = idx_bytes({3, 1024, 1024}, counting(3u << 20));
  write_raw(dir.path() / "big.idx", file);
  write_gzip(dir.path() / "big.idx.gz", file);
  for (const char* name : {"big.idx", "big.idx.gz"})
    EXPECT_EQ(read_idx_file(dir.path() / name).data, counting(3u << 20)) << name;
}

TEST(IdxFile, MissingFileAndOtherKindsOfFile) {
  expect_error("/no/such/dir/x.idx", "no such file");
  testing::TempDir dir;
  expect_error(dir.path(), "a directory, not an IDX file");
  expect_error("/dev/null", "not a regular file");
}

TEST(IdxFile, NotAnIdxFile) {
  testing::TempDir dir;
  write_raw(dir.path() / "text.idx", {'h', 'e', 'l', 'l', 'o'});
  expect_error(dir.path() / "text.idx", "not an unsigned-byte IDX file (magic 68 65 6c 6c");
}

TEST(IdxFile, ElementTypesOtherThanUnsignedByte) {
  expect_parse_error(idx_bytes({4}, counting(16), 0x0D),
                     "magic 00 00 0d 01: element type 0x0d, 32-bit float; only 0x08");
  expect_parse_error(idx_bytes({4}, counting(4), 0x09), "element type 0x09, signed byte");
  expect_parse_error(idx_bytes({4}, counting(4), 0x42), "element type 0x42, no IDX type");
}

TEST(IdxFile, DimensionCount) {
  expect_parse_error({0, 0, 8, 0}, "0 dimensions; expected 1 to 4");
  expect_parse_error(idx_bytes({1, 1, 1, 1, 1}, counting(1)), "5 dimensions; expected 1 to 4");
  EXPECT_EQ(parse_idx(idx_bytes({1, 1, 1, 2}, counting(2)), "memory").data.size(), 2u);
}

TEST(IdxFile, ZeroSizedDimensionHoldsNoData) {
  const IdxArray empty = parse_idx(idx_bytes({0, 28, 28}, {}), "memory");
  EXPECT_EQ(empty.dims, (std::vector<std::uint32_t>{0, 28, 28}));
  EXPECT_TRUE(empty.data.empty());
  expect_parse_error(idx_bytes({0, 28, 28}, {1}), "trailing data after the 0 elements (0x28x28)");
}

TEST(IdxFile, TruncatedRawFile) {
  testing::TempDir dir;
  Bytes file = idx_bytes({10, 4}, counting(40));
  file.erase(file.end() - 3, file.end());  // the last 3 data bytes
  write_raw(dir.path() / "cut.idx", file);
  expect_error(dir.path() / "cut.idx",
               "truncated: header declares 40 elements (10x4), file holds 37");
  write_raw(dir.path() / "short.idx", {0, 0});
  expect_error(dir.path() / "short.idx", "truncated: 2 bytes, shorter than the 4-byte IDX magic");
  write_raw(dir.path() / "header.idx", {0, 0, 8, 3, 0, 0, 0, 2});
  expect_error(dir.path() / "header.idx", "truncated: header declares 3 dimensions");
}

// Issue 18's reproducers, as committed bytes: headers declaring billions of elements over a file
// of 8 and 16 bytes. The reader used to allocate and zero-fill what the header declared (4.3 GB)
// before reading; it now fails at once, holding no more than the file's bytes (the memory bound
// itself is tested in mlp_idx_allocation_test).
TEST(IdxFile, HugeHeaderOverTinyFileIsTruncated) {
  const std::filesystem::path dir = reproducer_dir();
  expect_error(dir / "declares-4g-elements.idx",
               "truncated: header declares 4278190339 elements, file holds 0");
  expect_error(dir / "declares-65536x65536.idx",
               "truncated: header declares 4294967296 elements (65536x65536), file holds 4");
}

TEST(IdxFile, ElementCountBeyond64BitsIsTruncated) {
  expect_parse_error(idx_bytes({0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, counting(3)),
                     "truncated: header declares more than 2^64 elements "
                     "(4294967295x4294967295x4294967295x4294967295), file holds 3");
}

TEST(IdxFile, MoreThanTheMaximumIsRefused) {
  // Refused without reading a gigabyte: "truncated" when the data end within the first piece the
  // reader looks at, else the maximum.
  expect_parse_error(idx_bytes({0x40000001}, counting(100)),
                     "truncated: header declares 1073741825 elements, file holds 100");
  expect_parse_error(idx_bytes({1024, 1024, 1025}, counting(std::size_t{2} << 20)),
                     "header declares 1074790400 elements (1024x1024x1025), more than the "
                     "1073741824 (1 GiB) an IDX file may hold");
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

TEST(IdxFile, TrailingDataAfterDeclaredElements) {
  testing::TempDir dir;
  write_raw(dir.path() / "long.idx", idx_bytes({4}, counting(5)));
  expect_error(dir.path() / "long.idx",
               "trailing data after the 4 elements its header declares (dimension mismatch)");
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
  EXPECT_EQ(data.train.images_file, dir.path() / "train-images-idx3-ubyte.gz");
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
  expect_dataset_error(dir.path(), "images of shape 12x27x27, expected N x 28 x 28");
}

TEST(FashionMnistFiles, CommittedSliceLoads) {
  const FashionMnist data = load_fashion_mnist(committed_fashion_mnist_slice_dir());
  EXPECT_EQ(data.train.size(), 3000u);
  EXPECT_EQ(data.test.size(), 1000u);
}

}  // namespace
}  // namespace joulebench::mlp
