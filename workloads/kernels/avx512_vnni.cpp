// int8 and int4 weights on AVX512-VNNI: vpdpbusd multiplies unsigned bytes by signed bytes and
// adds groups of four into int32 lanes. Activations are shifted to unsigned while they are packed
// (q + 128); the epilogue subtracts 128 x the weights' row sums. int4 weights are unpacked in
// registers (AND, shift, and a 16-entry vpshufb table) right before the multiply, so the kernel
// streams half the bytes of int8 — what makes int4 pay off when weights come from memory (GEMV).
// Compiled with -mavx512f -mavx512bw -mavx512vl -mavx512vnni.

#include <immintrin.h>

#include <cstring>

#include "workloads/kernels/detail/avx512_pack.h"
#include "workloads/kernels/detail/avx512_store.h"
#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

// acc += a (u8) . b (s8), four products per int32 lane. GCC 12 does not tie the intrinsic's
// accumulator to its destination register: with 24 accumulators it copies each one around every
// vpdpbusd and spills them to the stack (3x slower than oneDNN). The asm form names the
// accumulator as an in-out register, so each stays in its own zmm.
inline __m512i dpbusd(__m512i acc, __m512i a, __m512i b) {
  asm("vpdpbusd %[b], %[a], %[acc]" : [acc] "+v"(acc) : [a] "v"(a), [b] "v"(b));
  return acc;
}

inline __m512i broadcast_group(const std::uint8_t* p) {
  std::int32_t v;
  std::memcpy(&v, p, 4);
  return _mm512_set1_epi32(v);
}

// 32 panels per n block (blocking.cpp); 8 was 0.86x oneDNN at 2048.
struct Int8Vnni {
  using A = std::uint8_t;
  static constexpr int kGroup = kGroupInt8, kMr = kTileInt8Vnni.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesInt8;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    __m512i acc[MR][2];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
      acc[r][0] = acc[r][1] = _mm512_setzero_si512();
    for (int g = 0; g < groups; ++g) {
      const __m512i b0 = _mm512_load_si512(b + g * kGroupBytes);
      const __m512i b1 = _mm512_load_si512(b + g * kGroupBytes + 64);
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        const __m512i av = broadcast_group(a + (g * MR + r) * 4);
        acc[r][0] = dpbusd(acc[r][0], av, b0);
        acc[r][1] = dpbusd(acc[r][1], av, b1);
      }
    }
    store_int_tile<MR>(acc, out);
  }
};

struct Int4Vnni {
  using A = std::uint8_t;
  static constexpr int kGroup = kGroupInt8, kMr = kTileInt4Vnni.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesInt4;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    __m512i acc[MR][2];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
      acc[r][0] = acc[r][1] = _mm512_setzero_si512();
    const __m512i low = _mm512_set1_epi8(0x0f);
    // Two's-complement nibble -> int8, repeated in each 128-bit lane for vpshufb.
    const __m512i table = _mm512_broadcast_i32x4(
        _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, -8, -7, -6, -5, -4, -3, -2, -1));
    for (int g = 0; g < groups; ++g) {
      const __m512i packed = _mm512_load_si512(b + g * kGroupBytes);
      const __m512i b0 = _mm512_shuffle_epi8(table, _mm512_and_si512(packed, low));
      const __m512i b1 =
          _mm512_shuffle_epi8(table, _mm512_and_si512(_mm512_srli_epi16(packed, 4), low));
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        const __m512i av = broadcast_group(a + (g * MR + r) * 4);
        acc[r][0] = dpbusd(acc[r][0], av, b0);
        acc[r][1] = dpbusd(acc[r][1], av, b1);
      }
    }
    store_int_tile<MR>(acc, out);
  }
};

}  // namespace

void quantized_avx512_vnni(Int8Source x, int m, const QuantizedWeights& w, const float* bias,
                           float* y, const LinearOptions& options, const PathContext& context) {
  // Shifted to unsigned: q + 128, which flips each byte's top bit.
  const auto packer = [](auto policy) {
    using P = decltype(policy);
    return [](const std::int8_t* q, int k) {
      const auto tail = [q, k](int r, int i) {
        return static_cast<std::uint8_t>(q[static_cast<std::size_t>(r) * k + i] + 128);
      };
      return unit_packer<P>(q, static_cast<std::size_t>(k), k, 0x80808080u, tail);
    };
  };
  if (w.bits() == 8)
    quantized_gemm<Int8Vnni>(x, m, w, bias, y, options, context, true, packer(Int8Vnni{}));
  else
    quantized_gemm<Int4Vnni>(x, m, w, bias, y, options, context, true, packer(Int4Vnni{}));
}

}  // namespace joulebench::kernels::detail
