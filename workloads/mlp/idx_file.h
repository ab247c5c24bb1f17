#pragma once
// The IDX format of the MNIST family (big-endian header: two zero bytes, a type code, the number
// of dimensions, then one 32-bit size per dimension; the data follow in row-major order).
// Only the unsigned-byte type (0x08) is supported: it is the only one Fashion-MNIST uses.
//
// The header is never trusted: the data buffer grows only as bytes actually arrive (from the
// file, or from the gzip stream as it is decompressed), so a few header bytes declaring billions
// of elements fail in microseconds with "truncated", not after allocating gigabytes.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace joulebench::mlp {

// The most elements (bytes) one IDX file may hold: 1 GiB (2^30). The full Fashion-MNIST training
// set holds 47 MB (60,000 x 28 x 28), EMNIST's largest split 547 MB. A header declaring more is
// refused after reading at most 1 MiB past it: "truncated" when the data end there, else the
// maximum. Below it, a file that holds less than it declares is "truncated" once its data end.
inline constexpr std::uint64_t kMaxIdxElements = std::uint64_t{1} << 30;

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // product of dims bytes
};

// Reads a gzip-compressed or a raw IDX file (zlib reads both) from a regular file. Throws
// std::runtime_error with a one-line reason naming the file: missing, not a regular file, not
// gzip-readable, not an IDX file, an element type other than unsigned byte, 0 or more than 4
// dimensions, more than kMaxIdxElements elements, truncated ("truncated: header declares N
// elements, file holds M"), or trailing data after the declared elements.
IdxArray read_idx_file(const std::filesystem::path& path);

// The same checks over uncompressed IDX bytes in memory (for fuzzing and tests); `source` names
// the bytes in errors, as the path does for read_idx_file.
IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& source);

}  // namespace joulebench::mlp
