// bf16 on AVX512-BF16: vdpbf16ps multiplies pairs of bf16 and adds both products into an fp32
// lane, so one instruction does 32 multiply-adds (twice fp32's FMA). Activations are rounded to
// bf16 (nearest even) while they are packed.
// Compiled with -mavx512f -mavx512bw -mavx512vl -mavx512bf16.

#include <immintrin.h>

#include <cstring>

#include "workloads/kernels/detail/avx512_pack.h"
#include "workloads/kernels/detail/avx512_store.h"
#include "workloads/kernels/detail/bf16_convert.h"
#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

// Blocks as for fp32, in k values (blocking.cpp).
struct Bf16Avx512 {
  using A = bfloat16;
  static constexpr int kGroup = kGroupBf16, kMr = kTileBf16Avx512.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesBf16;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    __m512 acc[MR][2];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
      acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    prefetch_output<MR>(out);
    for (int g = 0; g < groups; ++g) {
      const auto b0 = reinterpret_cast<__m512bh>(_mm512_load_si512(b + g * kGroupBytes));
      const auto b1 = reinterpret_cast<__m512bh>(_mm512_load_si512(b + g * kGroupBytes + 64));
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        std::int32_t pair;
        std::memcpy(&pair, a + (g * MR + r) * 2, 4);
        const auto av = reinterpret_cast<__m512bh>(_mm512_set1_epi32(pair));
        acc[r][0] = _mm512_dpbf16_ps(acc[r][0], av, b0);
        acc[r][1] = _mm512_dpbf16_ps(acc[r][1], av, b1);
      }
    }
    store_float_tile<MR>(acc, out);
  }
};

}  // namespace

void bf16_avx512(Bf16Source x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options, const PathContext& context) {
  const int k = w.k();
  const bfloat16* b16 = x.b16;
  if (!b16) {
    // Rounded in one flat pass first, so packing is a plain transpose of bf16 pairs.
    const std::size_t count = static_cast<std::size_t>(m) * k;
    auto* rounded = reinterpret_cast<bfloat16*>(
        context.workspace.get(Buffer::activations, count * sizeof(bfloat16)));
    for (std::size_t i = 0; i < count; ++i)
      rounded[i] = round_to_bf16(x.f32[i]);
    b16 = rounded;
  }
  const auto tail = [b16, k](int r, int i) { return b16[static_cast<std::size_t>(r) * k + i]; };
  blocked_gemm<Bf16Avx512>(
      m, w.n(), k, unit_packer<Bf16Avx512>(b16, 2 * static_cast<std::size_t>(k), k, 0, tail),
      w.panels().data(), bias, nullptr, nullptr, y, options, context);
}

}  // namespace joulebench::kernels::detail
