#pragma once
// The IDX format of the MNIST family (big-endian header: two zero bytes, a type code, the number
// of dimensions, then one 32-bit size per dimension; the data follow in row-major order).
// Only the unsigned-byte type (0x08) is supported: it is the only one Fashion-MNIST uses.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace joulebench::mlp {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // product of dims bytes
};

// Reads a gzip-compressed or a raw IDX file (zlib reads both). Throws std::runtime_error with a
// one-line reason naming the file: missing, not gzip-readable, wrong magic, truncated, or
// trailing bytes after the declared dimensions.
IdxArray read_idx_file(const std::filesystem::path& path);

}  // namespace joulebench::mlp
