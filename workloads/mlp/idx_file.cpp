#include "workloads/mlp/idx_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>

namespace joulebench::mlp {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr std::uint8_t kMaxDimensions = 4;
// Data are read in pieces of this size, so the buffer never runs more than one piece (and the
// vector's growth) ahead of the bytes the file actually holds.
constexpr std::size_t kChunk = std::size_t{1} << 20;

// Fills `out` and returns out.size(), or fewer bytes only at the end of the data. Throws with a
// one-line reason on a read error.
using ByteReader = std::function<std::size_t(std::span<std::uint8_t> out)>;

[[noreturn]] void fail(const std::string& source, const std::string& why) {
  throw std::runtime_error(fmt::format("{}: {}", source, why));
}

std::string_view type_name(std::uint8_t type) {
  switch (type) {
    case 0x08:
      return "unsigned byte";
    case 0x09:
      return "signed byte";
    case 0x0B:
      return "16-bit integer";
    case 0x0C:
      return "32-bit integer";
    case 0x0D:
      return "32-bit float";
    case 0x0E:
      return "64-bit float";
    default:
      return "no IDX type";
  }
}

std::uint32_t big_endian(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

// The product of the dimensions, saturated at the largest uint64 (four dimensions of 2^32 - 1
// overflow 64 bits).
std::uint64_t element_count(const std::vector<std::uint32_t>& dims) {
  if (std::find(dims.begin(), dims.end(), 0u) != dims.end())
    return 0;
  std::uint64_t product = 1;
  for (std::uint32_t d : dims) {
    if (product > std::numeric_limits<std::uint64_t>::max() / d)
      return std::numeric_limits<std::uint64_t>::max();
    product *= d;
  }
  return product;
}

std::string describe_count(std::uint64_t elements, const std::vector<std::uint32_t>& dims) {
  const std::string count = elements == std::numeric_limits<std::uint64_t>::max()
                                ? std::string("more than 2^64")
                                : fmt::format("{}", elements);
  if (dims.size() == 1)
    return fmt::format("{} elements", count);
  return fmt::format("{} elements ({})", count, fmt::join(dims, "x"));
}

// How many bytes the reader still delivers, counting at most `limit`.
std::uint64_t count_remaining(const ByteReader& read, std::uint64_t limit) {
  std::vector<std::uint8_t> scratch(kChunk);
  std::uint64_t total = 0;
  while (total < limit) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, limit - total));
    const std::size_t got = read(std::span(scratch).first(want));
    total += got;
    if (got < want)
      break;
  }
  return total;
}

void check_magic(const std::array<std::uint8_t, 4>& magic, const std::string& source) {
  const std::string shown =
      fmt::format("magic {:02x} {:02x} {:02x} {:02x}", magic[0], magic[1], magic[2], magic[3]);
  if (magic[0] != 0 || magic[1] != 0) {
    fail(source,
         fmt::format("not an unsigned-byte IDX file ({}; an IDX file starts 00 00)", shown));
  }
  if (magic[2] != kUnsignedByteType) {
    fail(source, fmt::format("not an unsigned-byte IDX file ({}: element type 0x{:02x}, {}; only "
                             "0x08, unsigned byte, is read)",
                             shown, magic[2], type_name(magic[2])));
  }
  if (magic[3] == 0 || magic[3] > kMaxDimensions) {
    fail(source, fmt::format("not an unsigned-byte IDX file ({}: {} dimensions; expected 1 to {})",
                             shown, magic[3], kMaxDimensions));
  }
}

IdxArray parse(const ByteReader& read, const std::string& source) {
  std::array<std::uint8_t, 4> magic{};
  if (const std::size_t got = read(magic); got != magic.size())
    fail(source, fmt::format("truncated: {} bytes, shorter than the 4-byte IDX magic", got));
  check_magic(magic, source);

  IdxArray array;
  std::vector<std::uint8_t> header(4u * magic[3]);
  if (read(header) != header.size())
    fail(source, fmt::format("truncated: header declares {} dimensions", magic[3]));
  for (std::size_t d = 0; d < magic[3]; ++d)
    array.dims.push_back(big_endian(&header[4 * d]));
  const std::uint64_t elements = element_count(array.dims);

  if (elements > kMaxIdxElements) {
    // Refused either way; a look at the next piece says whether the file is simply short (as a
    // few bytes declaring billions of elements are), without decompressing a gigabyte to say so.
    const std::uint64_t held = count_remaining(read, kChunk);
    if (held < kChunk) {
      fail(source, fmt::format("truncated: header declares {}, file holds {}",
                               describe_count(elements, array.dims), held));
    }
    fail(source, fmt::format("header declares {}, more than the {} (1 GiB) an IDX file may hold",
                             describe_count(elements, array.dims), kMaxIdxElements));
  }

  // Grown piece by piece as bytes arrive: never more memory than the file holds, whatever its
  // header says.
  const auto declared = static_cast<std::size_t>(elements);
  while (array.data.size() < declared) {
    const std::size_t before = array.data.size();
    const std::size_t want = std::min(kChunk, declared - before);
    array.data.resize(before + want);
    const std::size_t got = read(std::span(array.data).subspan(before, want));
    if (got < want) {
      fail(source, fmt::format("truncated: header declares {}, file holds {}",
                               describe_count(elements, array.dims), before + got));
    }
  }
  std::array<std::uint8_t, 1> extra{};
  if (read(extra) != 0) {
    fail(source, fmt::format("trailing data after the {} its header declares (dimension mismatch)",
                             describe_count(elements, array.dims)));
  }
  return array;
}

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Opens without blocking (a FIFO named like a data file must not hang the run) and accepts
// regular files only; the descriptor goes to zlib, which reads gzip and raw bytes alike.
GzFile open_regular_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    fail(path.string(), error == ENOENT ? std::string("no such file") : std::strerror(error));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    fail(path.string(), S_ISDIR(info.st_mode) ? "a directory, not an IDX file"
                                              : "not a regular file (IDX files are read from "
                                                "regular files only)");
  }
  GzFile file(gzdopen(fd, "rb"));
  if (!file) {
    ::close(fd);
    fail(path.string(), "cannot open");
  }
  return file;
}

ByteReader gzip_reader(gzFile file, const std::string& source) {
  return [file, source](std::span<std::uint8_t> out) {
    std::size_t got = 0;
    while (got < out.size()) {
      const auto want = static_cast<unsigned>(std::min<std::size_t>(out.size() - got, kChunk));
      const int n = gzread(file, out.data() + got, want);
      if (n < 0) {
        int code = 0;
        fail(source, fmt::format("unreadable gzip data ({})", gzerror(file, &code)));
      }
      if (n == 0)
        break;
      got += static_cast<std::size_t>(n);
    }
    // zlib reports a gzip stream cut short as an error only after the read that hit its end.
    int code = Z_OK;
    const char* message = gzerror(file, &code);
    if (code != Z_OK && code != Z_STREAM_END)
      fail(source, fmt::format("truncated or corrupt gzip data ({})", message));
    return got;
  };
}

}  // namespace

IdxArray read_idx_file(const std::filesystem::path& path) {
  const GzFile file = open_regular_file(path);
  return parse(gzip_reader(file.get(), path.string()), path.string());
}

IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& source) {
  std::size_t position = 0;
  return parse(
      [&](std::span<std::uint8_t> out) {
        const std::size_t n = std::min(out.size(), bytes.size() - position);
        std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(position), n, out.begin());
        position += n;
        return n;
      },
      source);
}

}  // namespace joulebench::mlp
