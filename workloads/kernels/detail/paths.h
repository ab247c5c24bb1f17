#pragma once
// The entry point of each code path; linear.cpp picks one per call (cpu_features.h). Each
// path lives in its own translation unit, compiled with only the instructions it may use.

#include <cstdint>

#include "workloads/kernels/blocking.h"
#include "workloads/kernels/detail/workspace.h"
#include "workloads/kernels/linear.h"

namespace joulebench::kernels::detail {

// What a path gets besides its operands: the blocking chosen for this CPU (blocking_for) and
// the caller's scratch memory (the per-ISA files own none, detail/workspace.h).
struct PathContext {
  Blocking blocking;
  Workspace& workspace;
};

struct Bf16Source {
  const float* f32 = nullptr;  // one of the two
  const bfloat16* b16 = nullptr;
};

struct Int8Source {
  const float* f32 = nullptr;  // quantized with `scale` while packed
  const std::int8_t* q = nullptr;
  float scale = 1.0f;
};

void fp32_portable(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                   const LinearOptions& options, const PathContext& context);
void fp32_avx2(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
               const LinearOptions& options, const PathContext& context);
void fp32_avx512(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                 const LinearOptions& options, const PathContext& context);

void bf16_portable(Bf16Source x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                   const LinearOptions& options, const PathContext& context);
void bf16_avx512(Bf16Source x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options, const PathContext& context);

// int8 and int4 weights.
void quantized_portable(Int8Source x, int m, const QuantizedWeights& w, const float* bias, float* y,
                        const LinearOptions& options, const PathContext& context);
void quantized_avx512_vnni(Int8Source x, int m, const QuantizedWeights& w, const float* bias,
                           float* y, const LinearOptions& options, const PathContext& context);
// int8 weights only.
void int8_avx2(Int8Source x, int m, const QuantizedWeights& w, const float* bias, float* y,
               const LinearOptions& options, const PathContext& context);

}  // namespace joulebench::kernels::detail
