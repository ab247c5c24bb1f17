// Shape checks and the choice of path per call.

#include "workloads/kernels/linear.h"

#include <fmt/format.h>

#include <stdexcept>

#include "workloads/kernels/blocking.h"
#include "workloads/kernels/cache_sizes.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/kernels/detail/paths.h"
#include "workloads/kernels/detail/workspace.h"

namespace joulebench::kernels {

namespace {

void check_call(int m, int k_x, int k_w, const void* x, const float* y, const LinearOptions& o) {
  if (m <= 0)
    throw std::invalid_argument(fmt::format("linear: batch must be at least 1, got {}", m));
  if (k_x != k_w)
    throw std::invalid_argument(
        fmt::format("linear: activations have {} columns, weights {}", k_x, k_w));
  if (!x || !y)
    throw std::invalid_argument("linear: null activations or output");
  if (o.threads < 1)
    throw std::invalid_argument(
        fmt::format("linear: threads must be at least 1, got {}", o.threads));
}

// The blocking for this CPU and the calling thread's scratch: what every path gets.
detail::PathContext context_for(KernelPath path, Precision precision) {
  return {blocking_for(path, precision, cpu_caches()), detail::thread_workspace()};
}

}  // namespace

void linear_fp32(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                 const LinearOptions& options) {
  check_call(m, w.k(), w.k(), x, y, options);
  const KernelPath path = path_for(Precision::fp32);
  const detail::PathContext context = context_for(path, Precision::fp32);
  if (path == KernelPath::avx512)
    detail::fp32_avx512(x, m, w, bias, y, options, context);
  else if (path == KernelPath::avx2)
    detail::fp32_avx2(x, m, w, bias, y, options, context);
  else
    detail::fp32_portable(x, m, w, bias, y, options, context);
}

namespace {
void run_bf16(detail::Bf16Source x, int m, const PackedBf16Weights& w, const float* bias, float* y,
              const LinearOptions& options) {
  const KernelPath path = path_for(Precision::bf16);
  const detail::PathContext context = context_for(path, Precision::bf16);
  if (path == KernelPath::avx512_bf16)
    detail::bf16_avx512(x, m, w, bias, y, options, context);
  else
    detail::bf16_portable(x, m, w, bias, y, options, context);
}

void run_quantized(detail::Int8Source x, int m, const QuantizedWeights& w, const float* bias,
                   float* y, const LinearOptions& options) {
  if (!(x.scale > 0.0f) || x.scale > 3.0e38f)
    throw std::invalid_argument(
        fmt::format("linear: activation scale must be positive and finite, got {}", x.scale));
  const Precision precision = w.bits() == 8 ? Precision::int8 : Precision::int4;
  const KernelPath path = path_for(precision);
  const detail::PathContext context = context_for(path, precision);
  if (path == KernelPath::avx512_vnni)
    detail::quantized_avx512_vnni(x, m, w, bias, y, options, context);
  else if (path == KernelPath::avx2)
    detail::int8_avx2(x, m, w, bias, y, options, context);
  else
    detail::quantized_portable(x, m, w, bias, y, options, context);
}
}  // namespace

void linear_bf16(const float* x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options) {
  check_call(m, w.k(), w.k(), x, y, options);
  run_bf16({.f32 = x}, m, w, bias, y, options);
}

void linear_bf16(const bfloat16* x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options) {
  check_call(m, w.k(), w.k(), x, y, options);
  run_bf16({.b16 = x}, m, w, bias, y, options);
}

void linear_quantized(const float* x, int m, float x_scale, const QuantizedWeights& w,
                      const float* bias, float* y, const LinearOptions& options) {
  check_call(m, w.k(), w.k(), x, y, options);
  run_quantized({.f32 = x, .scale = x_scale}, m, w, bias, y, options);
}

void linear_quantized(const QuantizedActivations& x, const QuantizedWeights& w, const float* bias,
                      float* y, const LinearOptions& options) {
  check_call(x.m, x.k, w.k(), x.data, y, options);
  run_quantized({.q = x.data, .scale = x.scale}, x.m, w, bias, y, options);
}

}  // namespace joulebench::kernels
