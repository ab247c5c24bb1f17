#pragma once
// The one rounding rule for symmetric quantization, shared by quantize(), the weight packers and
// every kernel's activation packing, so a kernel and its reference see identical integers.
// Internal linkage: kernel translation units compile it with different instruction sets.

#include <algorithm>
#include <cmath>

namespace joulebench::kernels::detail {
namespace {

inline int quantize_value(float x, float scale, int qmax) {
  const float q = std::nearbyint(x / scale);
  // NaN compares false both ways and would become an arbitrary integer; map it to 0 (the
  // product then differs from its fp64 reference, which is where a NaN input shows up).
  if (!(q == q))
    return 0;
  return static_cast<int>(std::clamp(q, static_cast<float>(-qmax), static_cast<float>(qmax)));
}

}  // namespace
}  // namespace joulebench::kernels::detail
