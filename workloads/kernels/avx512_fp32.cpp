// fp32 on AVX-512F: a 12 x 32 microkernel, 24 zmm accumulators (an FMA's latency is 4 cycles on
// Zen 4 and Intel cores, so 24 independent chains keep one or two FMA pipes busy).
// Compiled with -mavx512f -mfma only (workloads/kernels/CMakeLists.txt).

#include <immintrin.h>

#include "workloads/kernels/detail/avx512_pack.h"
#include "workloads/kernels/detail/avx512_store.h"
#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

// Its blocking comes from the CPU's caches (blocking.cpp); on the Zen 5 core it was measured on,
// all of k up to 2048 and 32 panels (1024 outputs) per n block.
struct Fp32Avx512 {
  using A = float;
  static constexpr int kGroup = kGroupFp32, kMr = kTileFp32Avx512.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesFp32;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    __m512 acc[MR][2];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
      acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    const auto* w = reinterpret_cast<const float*>(b);
    prefetch_output<MR>(out);
    for (int g = 0; g < groups; ++g) {
      const __m512 b0 = _mm512_load_ps(w + g * kNr);
      const __m512 b1 = _mm512_load_ps(w + g * kNr + 16);
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        // Packed: reading X in place (12 rows, a power-of-two stride apart) thrashes L1 sets.
        const __m512 av = _mm512_set1_ps(a[g * MR + r]);
        acc[r][0] = _mm512_fmadd_ps(av, b0, acc[r][0]);
        acc[r][1] = _mm512_fmadd_ps(av, b1, acc[r][1]);
      }
    }
    store_float_tile<MR>(acc, out);
  }
};

}  // namespace

void fp32_avx512(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                 const LinearOptions& options, const PathContext& context) {
  const int k = w.k();
  // A group is one float: every group is whole, so the tail is never asked for.
  const auto tail = [x, k](int r, int i) { return x[static_cast<std::size_t>(r) * k + i]; };
  blocked_gemm<Fp32Avx512>(m, w.n(), k, unit_packer<Fp32Avx512>(x, 4 * std::size_t(k), k, 0, tail),
                           w.panels().data(), bias, nullptr, nullptr, y, options, context);
}

}  // namespace joulebench::kernels::detail
