#pragma once
// Packing activations for the AVX-512 paths. A group of every AVX-512 path is 32 bits (one fp32,
// two bf16, four int8), so packing a row panel is a transpose of 32-bit units: done 16 x 16 in
// registers instead of one element at a time, which cost about 7% of a 512 x 512 fp32 product.
// Internal linkage: only AVX-512 translation units include it.

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "workloads/kernels/detail/blocked_gemm.h"

namespace joulebench::kernels::detail {
namespace {

// v[r] holds row r; afterwards v[c] holds column c.
inline void transpose_16x16(__m512i (&v)[16]) {
  __m512i t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_epi32(v[i], v[i + 1]);
    t[i + 1] = _mm512_unpackhi_epi32(v[i], v[i + 1]);
  }
  // Within each 128-bit lane L, v[4q + c] now holds column 4L + c of rows 4q..4q+3.
  for (int q = 0; q < 16; q += 4) {
    v[q] = _mm512_unpacklo_epi64(t[q], t[q + 2]);
    v[q + 1] = _mm512_unpackhi_epi64(t[q], t[q + 2]);
    v[q + 2] = _mm512_unpacklo_epi64(t[q + 1], t[q + 3]);
    v[q + 3] = _mm512_unpackhi_epi64(t[q + 1], t[q + 3]);
  }
  // Pair the row quarters' lanes: t[c] (c < 4) holds lanes 0 and 2, t[c + 4] lanes 1 and 3, of
  // rows 0-7; t[c + 8] and t[c + 12] the same of rows 8-15.
  for (int h = 0; h < 2; ++h)
    for (int c = 0; c < 4; ++c) {
      t[8 * h + c] = _mm512_shuffle_i32x4(v[8 * h + c], v[8 * h + c + 4], 0x88);
      t[8 * h + c + 4] = _mm512_shuffle_i32x4(v[8 * h + c], v[8 * h + c + 4], 0xdd);
    }
  for (int c = 0; c < 4; ++c) {
    v[c] = _mm512_shuffle_i32x4(t[c], t[c + 8], 0x88);
    v[c + 8] = _mm512_shuffle_i32x4(t[c], t[c + 8], 0xdd);
    v[c + 4] = _mm512_shuffle_i32x4(t[c + 4], t[c + 12], 0x88);
    v[c + 12] = _mm512_shuffle_i32x4(t[c + 4], t[c + 12], 0xdd);
  }
}

// A packer for blocked_gemm (P::kMr <= 16) over activations stored as rows of 32-bit groups:
// row r starts at x + r * row_bytes (no alignment needed) and its first k / kGroup groups are
// whole. Each unit is XORed with `flip` (0x80808080 turns int8 into the unsigned bytes VNNI
// takes). tail(row, i) gives the packed value of a k index in a partial last group.
template <class P, class Tail>
auto unit_packer(const void* x, std::size_t row_bytes, int k, std::uint32_t flip, Tail tail) {
  static_assert(sizeof(typename P::A) * P::kGroup == 4 && P::kMr <= 16);
  return [=](int r0, int mr, int g0, int gb, typename P::A* tile) {
    constexpr int G = P::kGroup;
    const int whole_end = std::min(g0 + gb, k / G);
    const auto* src = static_cast<const std::byte*>(x) + static_cast<std::size_t>(r0) * row_bytes;
    auto* dst = reinterpret_cast<std::uint32_t*>(tile);
    const __m512i flip_v = _mm512_set1_epi32(static_cast<int>(flip));
    const auto rows = static_cast<__mmask16>((1u << mr) - 1u);
    for (int c0 = g0; c0 < whole_end; c0 += 16) {
      const int count = std::min(16, whole_end - c0);
      // A masked load never touches the units past the row's end.
      const auto units = static_cast<__mmask16>(count == 16 ? 0xffffu : (1u << count) - 1u);
      __m512i v[16];
      for (int r = 0; r < 16; ++r)
        v[r] = r < mr ? _mm512_xor_si512(
                            _mm512_maskz_loadu_epi32(units, src + r * row_bytes + c0 * 4), flip_v)
                      : _mm512_setzero_si512();
      transpose_16x16(v);
      for (int c = 0; c < count; ++c)
        _mm512_mask_storeu_epi32(dst + static_cast<std::size_t>(c0 - g0 + c) * mr, rows, v[c]);
    }
    if (whole_end < g0 + gb) {  // the partial last group of k
      typename P::A* last = tile + static_cast<std::size_t>(whole_end - g0) * mr * G;
      for (int r = 0; r < mr; ++r)
        for (int e = 0; e < G; ++e) {
          const int i = whole_end * G + e;
          last[r * G + e] = i < k ? tail(r0 + r, i) : typename P::A{};
        }
    }
  };
}

}  // namespace
}  // namespace joulebench::kernels::detail
