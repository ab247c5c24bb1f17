// The portable path: plain C++ on the same packed layouts, compiled without any instruction-set
// flag, so it is correct on every CPU and is the reference the fast paths are tested against.

#include <algorithm>
#include <cstring>

#include "workloads/kernels/detail/bf16_convert.h"
#include "workloads/kernels/detail/blocked_gemm.h"
#include "workloads/kernels/detail/paths.h"
#include "workloads/kernels/detail/quantize_value.h"
#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels::detail {
namespace {

template <int MR>
void store_float(const float (&acc)[MR][kNr], const TileOut& o) {
  for (int r = 0; r < MR; ++r)
    store_float_row(acc[r], r, o);
}

template <int MR>
void store_int(const std::int32_t (&acc)[MR][kNr], const TileOut& o) {
  for (int r = 0; r < MR; ++r) {
    float* c = o.c + static_cast<std::size_t>(r) * o.ldc;
    for (int j = 0; j < o.cols; ++j) {
      float v = static_cast<float>(acc[r][j] + o.comp[j]) * o.scale[j] + o.bias[j];
      if (o.relu)
        v = std::max(v, 0.0f);
      c[j] = v;
    }
  }
}

struct Fp32 {
  using A = float;
  static constexpr int kGroup = kGroupFp32, kMr = kTileFp32Portable.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesFp32;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    float acc[MR][kNr] = {};
    const auto* w = reinterpret_cast<const float*>(b);
    for (int g = 0; g < groups; ++g)
      for (int r = 0; r < MR; ++r)
        for (int j = 0; j < kNr; ++j)
          acc[r][j] += a[g * MR + r] * w[g * kNr + j];
    store_float<MR>(acc, out);
  }
};

struct Bf16 {
  using A = bfloat16;
  static constexpr int kGroup = kGroupBf16, kMr = kTileBf16Portable.rows;
  static constexpr std::size_t kGroupBytes = kGroupBytesBf16;
  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    float acc[MR][kNr] = {};
    const auto* w = reinterpret_cast<const bfloat16*>(b);
    for (int g = 0; g < groups; ++g)
      for (int r = 0; r < MR; ++r) {
        const float a0 = widen_bf16(a[(g * MR + r) * 2]), a1 = widen_bf16(a[(g * MR + r) * 2 + 1]);
        for (int j = 0; j < kNr; ++j)
          acc[r][j] +=
              a0 * widen_bf16(w[(g * kNr + j) * 2]) + a1 * widen_bf16(w[(g * kNr + j) * 2 + 1]);
      }
    store_float<MR>(acc, out);
  }
};

// int8 and int4 weights: A is signed int8, so no compensation.
template <int Bits>
struct Quantized {
  using A = std::int8_t;
  static constexpr int kGroup = kGroupInt8,
                       kMr = (Bits == 8 ? kTileInt8Portable : kTileInt4Portable).rows;
  static constexpr std::size_t kGroupBytes = Bits == 8 ? kGroupBytesInt8 : kGroupBytesInt4;

  static int weight(const std::byte* group, int v) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(group);
    if constexpr (Bits == 8) {
      return static_cast<std::int8_t>(bytes[v]);
    } else {
      const int nibble = v < 64 ? bytes[v] & 0x0f : bytes[v - 64] >> 4;
      return nibble >= 8 ? nibble - 16 : nibble;
    }
  }

  template <int MR>
  static void tile(int groups, const A* a, const std::byte* b, const TileOut& out) {
    std::int32_t acc[MR][kNr] = {};
    for (int g = 0; g < groups; ++g) {
      const std::byte* group = b + g * kGroupBytes;
      for (int j = 0; j < kNr; ++j) {
        int w[4];
        for (int e = 0; e < 4; ++e)
          w[e] = weight(group, j * 4 + e);
        for (int r = 0; r < MR; ++r)
          for (int e = 0; e < 4; ++e)
            acc[r][j] += a[(g * MR + r) * 4 + e] * w[e];
      }
    }
    store_int<MR>(acc, out);
  }
};

}  // namespace

void fp32_portable(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                   const LinearOptions& options, const PathContext& context) {
  const int k = w.k();
  blocked_gemm<Fp32>(
      m, w.n(), k,
      element_packer<Fp32>(k,
                           [x, k](int r, int i) { return x[static_cast<std::size_t>(r) * k + i]; }),
      w.panels().data(), bias, nullptr, nullptr, y, options, context);
}

void bf16_portable(Bf16Source x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                   const LinearOptions& options, const PathContext& context) {
  const int k = w.k();
  const auto at = [k](int r, int i) { return static_cast<std::size_t>(r) * k + i; };
  if (x.b16)
    blocked_gemm<Bf16>(m, w.n(), k,
                       element_packer<Bf16>(k, [&](int r, int i) { return x.b16[at(r, i)]; }),
                       w.panels().data(), bias, nullptr, nullptr, y, options, context);
  else
    blocked_gemm<Bf16>(
        m, w.n(), k,
        element_packer<Bf16>(k, [&](int r, int i) { return round_to_bf16(x.f32[at(r, i)]); }),
        w.panels().data(), bias, nullptr, nullptr, y, options, context);
}

void quantized_portable(Int8Source x, int m, const QuantizedWeights& w, const float* bias, float* y,
                        const LinearOptions& options, const PathContext& context) {
  const auto to_a = [](int q) { return static_cast<std::int8_t>(q); };
  if (w.bits() == 8)
    quantized_gemm<Quantized<8>>(x, m, w, bias, y, options, context, false,
                                 int8_element_packer<Quantized<8>>(to_a));
  else
    quantized_gemm<Quantized<4>>(x, m, w, bias, y, options, context, false,
                                 int8_element_packer<Quantized<4>>(to_a));
}

}  // namespace joulebench::kernels::detail
