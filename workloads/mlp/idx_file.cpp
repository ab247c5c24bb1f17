#include "workloads/mlp/idx_file.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <limits>
#include <memory>
#include <stdexcept>

namespace joulebench::mlp {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
// Far above any real data set; a corrupt header must not make us allocate terabytes.
constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 32;

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
  throw std::runtime_error(fmt::format("{}: {}", path.string(), why));
}

// Reads exactly `size` bytes; returns how many it got (less at the end of the data).
std::size_t read_up_to(gzFile file, const std::filesystem::path& path, std::uint8_t* out,
                       std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const auto chunk = static_cast<unsigned>(
        std::min<std::size_t>(size - got, std::numeric_limits<int>::max() / 2));
    const int n = gzread(file, out + got, chunk);
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file, &code);
      fail(path, fmt::format("unreadable gzip data ({})", message));
    }
    if (n == 0)
      break;
    got += static_cast<std::size_t>(n);
  }
  // zlib reports a gzip stream cut short as an error only after the read that hit its end.
  int code = Z_OK;
  const char* message = gzerror(file, &code);
  if (code != Z_OK && code != Z_STREAM_END)
    fail(path, fmt::format("truncated or corrupt gzip data ({})", message));
  return got;
}

std::uint32_t big_endian(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

}  // namespace

IdxArray read_idx_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    fail(path, "no such file");
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file)
    fail(path, "cannot open");

  std::array<std::uint8_t, 4> magic{};
  if (read_up_to(file.get(), path, magic.data(), magic.size()) != magic.size())
    fail(path, "truncated: shorter than the 4-byte IDX magic");
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != kUnsignedByteType || magic[3] == 0 ||
      magic[3] > 4) {
    fail(path, fmt::format("not an unsigned-byte IDX file (magic {:02x} {:02x} {:02x} {:02x}, "
                           "expected 00 00 08 and 1 to 4 dimensions)",
                           magic[0], magic[1], magic[2], magic[3]));
  }

  IdxArray array;
  std::vector<std::uint8_t> header(4u * magic[3]);
  if (read_up_to(file.get(), path, header.data(), header.size()) != header.size())
    fail(path, fmt::format("truncated: header declares {} dimensions", magic[3]));
  std::uint64_t elements = 1;
  for (std::size_t d = 0; d < magic[3]; ++d) {
    array.dims.push_back(big_endian(&header[4 * d]));
    elements *= array.dims.back();
    if (elements > kMaxElements)
      fail(path, "header declares more than 2^32 elements");
  }

  array.data.resize(elements);
  const std::size_t got = read_up_to(file.get(), path, array.data.data(), array.data.size());
  if (got != elements) {
    fail(path,
         fmt::format("truncated: {} of the {} data bytes its header declares", got, elements));
  }
  std::uint8_t extra = 0;
  if (read_up_to(file.get(), path, &extra, 1) != 0)
    fail(path, "dimension mismatch: data continue past the size its header declares");
  return array;
}

}  // namespace joulebench::mlp
