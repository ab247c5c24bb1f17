// fp32 on AVX2 + FMA: a 2 x 32 microkernel (8 ymm accumulators, 4 weight vectors), enough to
// cover the FMA latency; the fallback for CPUs without AVX-512.
// Compiled with -mavx2 -mfma.

#include <immintrin.h>

#include <cstring>

#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

struct Fp32Avx2 {
  using A = float;
  static constexpr int kGroup = kGroupFp32, kMr = kTileFp32Avx2.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesFp32;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& o) {
    __m256 acc[MR][4];
    for (int r = 0; r < MR; ++r)
      for (int q = 0; q < 4; ++q)
        acc[r][q] = _mm256_setzero_ps();
    const auto* w = reinterpret_cast<const float*>(b);
    for (int g = 0; g < groups; ++g) {
      __m256 wq[4];
      for (int q = 0; q < 4; ++q)
        wq[q] = _mm256_load_ps(w + g * kNr + 8 * q);
      for (int r = 0; r < MR; ++r) {
        const __m256 av = _mm256_set1_ps(a[g * MR + r]);
        for (int q = 0; q < 4; ++q)
          acc[r][q] = _mm256_fmadd_ps(av, wq[q], acc[r][q]);
      }
    }
    for (int r = 0; r < MR; ++r) {
      alignas(32) float values[kNr];
      for (int q = 0; q < 4; ++q)
        _mm256_store_ps(values + 8 * q, acc[r][q]);
      store_float_row(values, r, o);
    }
  }
};

}  // namespace

void fp32_avx2(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
               const LinearOptions& options, const PathContext& context) {
  const int k = w.k();
  blocked_gemm<Fp32Avx2>(
      m, w.n(), k,
      element_packer<Fp32Avx2>(
          k, [x, k](int r, int i) { return x[static_cast<std::size_t>(r) * k + i]; }),
      w.panels().data(), bias, nullptr, nullptr, y, options, context);
}

}  // namespace joulebench::kernels::detail
