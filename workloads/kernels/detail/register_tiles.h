#pragma once
// The register tile of each kernel path: what its microkernel holds in registers, and the bytes
// it reads per k group. The policies in the per-ISA files take their rows from here, and
// blocking_for() (blocking.h) derives the cache blocking from the same numbers.
// Only constants (no functions): nothing here is compiled into code that could be shared.

#include <cstddef>

#include "workloads/kernels/detail/panel_layout.h"

namespace joulebench::kernels::detail {

struct RegisterTile {
  int rows;                   // kMr: activation rows per microkernel call (its columns: kNr = 32)
  int group;                  // k values per group
  std::size_t a_group_bytes;  // packed activation bytes per row per group
  std::size_t w_group_bytes;  // weight bytes per panel per group
  bool splits_k;              // float accumulators: k may be cut into blocks summed in the output
};

// 24 zmm accumulators (12 rows x 2 vectors).
inline constexpr RegisterTile kTileFp32Avx512{12, kGroupFp32, 4, kGroupBytesFp32, true};
inline constexpr RegisterTile kTileBf16Avx512{12, kGroupBf16, 4, kGroupBytesBf16, true};
inline constexpr RegisterTile kTileInt8Vnni{12, kGroupInt8, 4, kGroupBytesInt8, false};
// 12 rows as int8: 24 accumulators, the two unpacked weight vectors, the packed one, the nibble
// mask, the lookup table and the broadcast make 30 of the 32 zmm registers, and GCC spills none.
// 8 rows (before) unpacked each weight vector for 16 vpdpbusd instead of 24: 5-8% slower than 12
// at 512..2048 on Zen 5, and slower than int8.
inline constexpr RegisterTile kTileInt4Vnni{12, kGroupInt8, 4, kGroupBytesInt4, false};
// 8 ymm accumulators (2 rows x 4 vectors) and 4 weight vectors.
inline constexpr RegisterTile kTileFp32Avx2{2, kGroupFp32, 4, kGroupBytesFp32, true};
// int16 activations (4 per group).
inline constexpr RegisterTile kTileInt8Avx2{2, kGroupInt8, 8, kGroupBytesInt8, false};
inline constexpr RegisterTile kTileFp32Portable{4, kGroupFp32, 4, kGroupBytesFp32, true};
inline constexpr RegisterTile kTileBf16Portable{4, kGroupBf16, 4, kGroupBytesBf16, true};
inline constexpr RegisterTile kTileInt8Portable{4, kGroupInt8, 4, kGroupBytesInt8, false};
inline constexpr RegisterTile kTileInt4Portable{4, kGroupInt8, 4, kGroupBytesInt4, false};

}  // namespace joulebench::kernels::detail
