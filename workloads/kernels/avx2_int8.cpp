// int8 weights on AVX2 without VNNI. vpmaddubsw (u8 x s8 -> s16 pairs) would saturate at
// 255 x 127 x 2, so both operands are widened to int16 and multiplied with vpmaddwd (exact
// int16 x int16 -> int32 pairs): half VNNI's rate, never a wrong answer.
// Weights keep the int8 panel layout: 16 bytes (4 outputs x 4 k) widen to one ymm whose int32
// lane 2c holds output c's k0,k1 pair and lane 2c+1 its k2,k3 pair; the two are added at the end.
// Activations are packed as int16 groups of four, broadcast as one 64-bit value.
// Compiled with -mavx2 -mfma.

#include <immintrin.h>

#include <cstring>

#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

struct Int8Avx2 {
  using A = std::int16_t;
  static constexpr int kGroup = kGroupInt8, kMr = kTileInt8Avx2.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesInt8;

  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& o) {
    // Two halves of 16 outputs each: 4 x MR accumulators fit in 16 ymm registers.
    for (int h = 0; h < 2; ++h) {
      __m256i acc[MR][4];
      for (int r = 0; r < MR; ++r)
        for (int q = 0; q < 4; ++q)
          acc[r][q] = _mm256_setzero_si256();
      for (int g = 0; g < groups; ++g) {
        const std::byte* group = b + g * kGroupBytes + h * 64;
        __m256i w[4];
        for (int q = 0; q < 4; ++q)
          w[q] = _mm256_cvtepi8_epi16(
              _mm_load_si128(reinterpret_cast<const __m128i*>(group + 16 * q)));
        for (int r = 0; r < MR; ++r) {
          long long four;
          std::memcpy(&four, a + (g * MR + r) * 4, 8);
          const __m256i av = _mm256_set1_epi64x(four);
          for (int q = 0; q < 4; ++q)
            acc[r][q] = _mm256_add_epi32(acc[r][q], _mm256_madd_epi16(av, w[q]));
        }
      }
      for (int r = 0; r < MR; ++r) {
        // hadd gives outputs (0 1 4 5 | 2 3 6 7); the 64-bit permute puts them in order.
        const __m256i lo = _mm256_permute4x64_epi64(_mm256_hadd_epi32(acc[r][0], acc[r][1]), 0xd8);
        const __m256i hi = _mm256_permute4x64_epi64(_mm256_hadd_epi32(acc[r][2], acc[r][3]), 0xd8);
        alignas(32) float values[16];
        const __m256i sums[2] = {lo, hi};
        for (int s = 0; s < 2; ++s) {
          const int j = h * 16 + s * 8;
          const __m256i comp = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.comp + j));
          const __m256 f = _mm256_cvtepi32_ps(_mm256_add_epi32(sums[s], comp));
          __m256 v = _mm256_fmadd_ps(f, _mm256_loadu_ps(o.scale + j), _mm256_loadu_ps(o.bias + j));
          if (o.relu)
            v = _mm256_max_ps(v, _mm256_setzero_ps());
          _mm256_store_ps(values + s * 8, v);
        }
        const int valid = std::clamp(o.cols - h * 16, 0, 16);
        std::memcpy(o.c + static_cast<std::size_t>(r) * o.ldc + h * 16, values,
                    sizeof(float) * valid);
      }
    }
  }
};

}  // namespace

void int8_avx2(Int8Source x, int m, const QuantizedWeights& w, const float* bias, float* y,
               const LinearOptions& options, const PathContext& context) {
  const auto to_a = [](int q) { return static_cast<std::int16_t>(q); };
  quantized_gemm<Int8Avx2>(x, m, w, bias, y, options, context, false,
                           int8_element_packer<Int8Avx2>(to_a));
}

}  // namespace joulebench::kernels::detail
