// libFuzzer target: the IDX reader (workloads/mlp/idx_file.h). It reads a path through zlib's
// gzopen, which reads gzip and raw files alike, so each input is written to an in-memory file
// twice: as is (raw, or gzip when the fuzzer made one) and wrapped in gzip.

#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_support.h"
#include "workloads/mlp/idx_file.h"

namespace {

// The scratch files are anonymous memory files (memfd), named by their /proc/self/fd path: the
// reader opens a path like any other, and nothing is left on disk when libFuzzer ends the
// process without running exit handlers (a crash, a timeout, fork mode's jobs).
std::filesystem::path memory_file(const char* name) {
  const int fd = memfd_create(name, 0);
  if (fd < 0) {
    std::perror("memfd_create");
    std::abort();
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

void write_raw(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

void write_gzip(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  gzFile file = gzopen(path.c_str(), "wb");
  if (file == nullptr)
    std::abort();
  if (size > 0)
    gzwrite(file, data, static_cast<unsigned>(size));
  gzclose(file);
}

void read_checked(const std::filesystem::path& path) {
  joulebench::fuzz::expect_clean([&] {
    const joulebench::mlp::IdxArray array = joulebench::mlp::read_idx_file(path);
    std::uint64_t elements = 1;
    for (const std::uint32_t d : array.dims)
      elements *= d;
    if (elements != array.data.size())
      joulebench::fuzz::finding("data size differs from the product of the dimensions", "");
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path raw = memory_file("input.idx");
  static const std::filesystem::path gz = memory_file("input.idx.gz");
  write_raw(raw, data, size);
  read_checked(raw);
  write_gzip(gz, data, size);
  read_checked(gz);
  return 0;
}
