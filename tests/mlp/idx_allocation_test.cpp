// The IDX reader's memory is bounded by the bytes the file holds, not by what its header
// declares. This program replaces the global operator new to record the largest single request,
// so the bound is checked exactly and without depending on the host's memory or timing.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "tests/mlp/idx_test_files.h"
#include "tests/support/temp_dir.h"
#include "workloads/mlp/idx_file.h"

namespace {
std::atomic<std::size_t> largest_request{0};
}  // namespace

void* operator new(std::size_t size) {
  std::size_t seen = largest_request.load();
  while (size > seen && !largest_request.compare_exchange_weak(seen, size)) {
  }
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace joulebench::mlp {
namespace {

using namespace idx_test;

// Far below what the headers declare (4.3 GB), above the reader's 1 MiB pieces.
constexpr std::size_t kBound = std::size_t{4} << 20;

std::size_t largest_request_reading(const std::filesystem::path& path) {
  largest_request = 0;
  EXPECT_THROW(read_idx_file(path), std::runtime_error) << path;
  return largest_request.load();
}

TEST(IdxAllocation, HugeHeadersOverTinyFilesAllocateLittle) {
  for (const char* name : {"declares-4g-elements.idx", "declares-65536x65536.idx"})
    EXPECT_LT(largest_request_reading(reproducer_dir() / name), kBound) << name;
}

TEST(IdxAllocation, GzipDeclaringMoreThanItHoldsAllocatesLittle) {
  // A valid gzip stream whose IDX header declares 2^30 elements (within the maximum) but holds
  // 100 bytes: the reader must not size its buffer from the header.
  testing::TempDir dir;
  write_gzip(dir.path() / "liar.idx.gz", idx_bytes({1024, 1024, 1024}, counting(100)));
  EXPECT_LT(largest_request_reading(dir.path() / "liar.idx.gz"), kBound);
}

}  // namespace
}  // namespace joulebench::mlp
