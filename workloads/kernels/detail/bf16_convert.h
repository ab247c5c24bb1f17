#pragma once
// bfloat16 conversions for the kernel translation units: internal linkage, so each per-ISA file
// inlines (or keeps) its own copy and none is shared with another (detail/workspace.h says why).
// Round to nearest even, as the hardware's vcvtneps2bf16 does for normal numbers, so a portable
// and an AVX512-BF16 pack agree bit for bit. bf16.h's to_bf16/from_bf16 are these, out of line.

#include <bit>
#include <cstdint>

#include "workloads/kernels/bf16.h"

namespace joulebench::kernels::detail {
namespace {

inline bfloat16 round_to_bf16(float x) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
  if ((bits & 0x7fffffffu) > 0x7f800000u)  // NaN stays a (quiet) NaN instead of rounding to inf
    return static_cast<bfloat16>((bits >> 16) | 0x0040u);
  const std::uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<bfloat16>((bits + rounding) >> 16);
}

inline float widen_bf16(bfloat16 x) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(x) << 16);
}

}  // namespace
}  // namespace joulebench::kernels::detail
