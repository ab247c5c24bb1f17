#pragma once
// bfloat16 storage: the top 16 bits of an IEEE float. Conversions round to nearest even, as
// the hardware's vcvtneps2bf16 does, so a portable and an AVX512-BF16 pack agree bit for bit.

#include <bit>
#include <cstdint>

namespace joulebench::kernels {

using bfloat16 = std::uint16_t;

inline bfloat16 to_bf16(float x) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
  if ((bits & 0x7fffffffu) > 0x7f800000u)  // NaN stays a (quiet) NaN instead of rounding to inf
    return static_cast<bfloat16>((bits >> 16) | 0x0040u);
  const std::uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<bfloat16>((bits + rounding) >> 16);
}

inline float from_bf16(bfloat16 x) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(x) << 16);
}

}  // namespace joulebench::kernels
