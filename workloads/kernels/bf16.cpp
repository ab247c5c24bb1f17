// The out-of-line bfloat16 conversions (bf16.h), compiled for the baseline ISA.

#include "workloads/kernels/bf16.h"

#include "workloads/kernels/detail/bf16_convert.h"

namespace joulebench::kernels {

bfloat16 to_bf16(float x) {
  return detail::round_to_bf16(x);
}

float from_bf16(bfloat16 x) {
  return detail::widen_bf16(x);
}

}  // namespace joulebench::kernels
