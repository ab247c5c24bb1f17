#pragma once
// How packed weights lie in memory, shared by the packers and every kernel path.
//
// W (n x k) is cut into panels of kNr = 32 outputs (two 16-lane AVX-512 vectors of fp32 or int32
// accumulators); n is zero-padded to whole panels. Inside a panel, k is cut into groups of the
// size one dot-product instruction consumes per lane (fp32 1, bf16 2 for vdpbf16ps, int8 4 for
// vpdpbusd), zero-padded. A group stores its 32 outputs' values one after another, each output's
// group values contiguous:
//   element (output c of panel p, k index g * G + e) at ((p * groups + g) * 32 + c) * G + e.
// int4 packs the 128 values of an int8-layout group into 64 bytes: value v goes to byte v % 64,
// low nibble for v < 64, high nibble otherwise (so one AND and one shift give two 64-byte
// vectors in int8 layout).

#include <cstddef>

namespace joulebench::kernels::detail {

inline constexpr int kNr = 32;

constexpr int ceil_div(int a, int b) {
  return (a + b - 1) / b;
}

inline constexpr int kGroupFp32 = 1;
inline constexpr int kGroupBf16 = 2;
inline constexpr int kGroupInt8 = 4;

// Bytes of one group of one panel.
inline constexpr std::size_t kGroupBytesFp32 = kNr * 4;
inline constexpr std::size_t kGroupBytesBf16 = kNr * 2 * 2;
inline constexpr std::size_t kGroupBytesInt8 = kNr * 4;
inline constexpr std::size_t kGroupBytesInt4 = kNr * 4 / 2;

}  // namespace joulebench::kernels::detail
