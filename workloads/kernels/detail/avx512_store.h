#pragma once
// Writing a microkernel's zmm accumulators (MR rows x 32 columns) to the output with the
// epilogue; masked loads and stores cover a last panel narrower than 32. Internal linkage: only
// AVX-512 translation units include it.

#include <immintrin.h>

#include "workloads/kernels/detail/blocked_gemm.h"

namespace joulebench::kernels::detail {
namespace {

inline __mmask16 column_mask(int cols, int half) {
  const int valid = std::clamp(cols - 16 * half, 0, 16);
  return static_cast<__mmask16>(valid == 16 ? 0xffffu : (1u << valid) - 1u);
}

// Asks for the tile's output rows ahead of the k loop when they will be read (a k block after
// the first), so the loads at its end find them in L1 instead of waiting on L3 at every tile.
template <int MR>
inline void prefetch_output(const TileOut& o) {
  if (o.first)
    return;
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    const char* c = reinterpret_cast<const char*>(o.c + static_cast<std::size_t>(r) * o.ldc);
    _mm_prefetch(c, _MM_HINT_T0);
    _mm_prefetch(c + 64, _MM_HINT_T0);
  }
}

template <int MR>
inline void store_float_tile(__m512 (&acc)[MR][2], const TileOut& o) {
  const __mmask16 mask[2] = {column_mask(o.cols, 0), column_mask(o.cols, 1)};
  const __m512 zero = _mm512_setzero_ps();
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    float* c = o.c + static_cast<std::size_t>(r) * o.ldc;
    for (int h = 0; h < 2; ++h) {
      __m512 v = acc[r][h];
      if (!o.first)
        v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(mask[h], c + 16 * h));
      if (o.last) {
        v = _mm512_add_ps(v, _mm512_loadu_ps(o.bias + 16 * h));
        if (o.relu)
          v = _mm512_max_ps(v, zero);
      }
      _mm512_mask_storeu_ps(c + 16 * h, mask[h], v);
    }
  }
}

template <int MR>
inline void store_int_tile(__m512i (&acc)[MR][2], const TileOut& o) {
  const __mmask16 mask[2] = {column_mask(o.cols, 0), column_mask(o.cols, 1)};
  const __m512 zero = _mm512_setzero_ps();
  __m512i comp[2];
  __m512 scale[2], bias[2];
  for (int h = 0; h < 2; ++h) {
    comp[h] = _mm512_loadu_si512(o.comp + 16 * h);
    scale[h] = _mm512_loadu_ps(o.scale + 16 * h);
    bias[h] = _mm512_loadu_ps(o.bias + 16 * h);
  }
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    float* c = o.c + static_cast<std::size_t>(r) * o.ldc;
    for (int h = 0; h < 2; ++h) {
      const __m512 f = _mm512_cvtepi32_ps(_mm512_add_epi32(acc[r][h], comp[h]));
      __m512 v = _mm512_fmadd_ps(f, scale[h], bias[h]);
      if (o.relu)
        v = _mm512_max_ps(v, zero);
      _mm512_mask_storeu_ps(c + 16 * h, mask[h], v);
    }
  }
}

}  // namespace
}  // namespace joulebench::kernels::detail
