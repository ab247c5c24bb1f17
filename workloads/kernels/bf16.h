#pragma once
// bfloat16 storage: the top 16 bits of an IEEE float. Conversions round to nearest even, as
// the hardware's vcvtneps2bf16 does, so a portable and an AVX512-BF16 pack agree bit for bit.
// Defined out of line (bf16.cpp): an inline function here would be compiled into the per-ISA
// kernel files too, and the linker could keep their AVX-512 copy for every caller. The kernels
// use detail/bf16_convert.h.

#include <cstdint>

namespace joulebench::kernels {

using bfloat16 = std::uint16_t;

bfloat16 to_bf16(float x);
float from_bf16(bfloat16 x);

}  // namespace joulebench::kernels
