#include "workloads/gemm/gemm_kernels.h"

#include <fmt/format.h>

#include "workloads/rel_error.h"

namespace joulebench {

using kernels::Granularity;
using kernels::Precision;

GemmKernelWorkload::GemmKernelWorkload(GemmShape shape, Precision precision,
                                       Granularity granularity, int threads)
    : inputs_(shape),
      precision_(precision),
      options_{.threads = threads},
      path_(kernels::kernel_path(precision)),
      c_(static_cast<std::size_t>(shape.m) * shape.n) {
  const std::vector<float>& a = inputs_.a;
  const std::vector<float>& w = inputs_.w;
  switch (precision) {
    case Precision::fp32:
      w_fp32_ = std::make_unique<kernels::PackedFp32Weights>(w.data(), shape.n, shape.k);
      break;
    case Precision::bf16:
      w_bf16_ = std::make_unique<kernels::PackedBf16Weights>(w.data(), shape.n, shape.k);
      a_bf16_.resize(a.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        a_bf16_[i] = kernels::to_bf16(a[i]);
      break;
    case Precision::int8:
    case Precision::int4:
      w_quantized_ = std::make_unique<kernels::QuantizedWeights>(
          w.data(), shape.n, shape.k, precision == Precision::int8 ? 8 : 4, granularity);
      a_scale_ = kernels::symmetric_scale(a.data(), a.size());
      a_int8_.resize(a.size());
      kernels::quantize(a.data(), a.size(), a_scale_, a_int8_.data());
      break;
  }
}

GemmKernelWorkload::~GemmKernelWorkload() = default;

void GemmKernelWorkload::run() {
  compute(c_.data());
}

void GemmKernelWorkload::compute(float* c) const {
  const int m = inputs_.shape.m;
  switch (precision_) {
    case Precision::fp32:
      kernels::linear_fp32(inputs_.a.data(), m, *w_fp32_, nullptr, c, options_);
      break;
    case Precision::bf16:
      kernels::linear_bf16(a_bf16_.data(), m, *w_bf16_, nullptr, c, options_);
      break;
    case Precision::int8:
    case Precision::int4:
      kernels::linear_quantized({a_int8_.data(), m, inputs_.shape.k, a_scale_}, *w_quantized_,
                                nullptr, c, options_);
      break;
  }
}

std::map<std::string, double> GemmKernelWorkload::quality() const {
  std::vector<float> c(c_.size());
  compute(c.data());
  return {{"rel_error", inputs_.rel_error(c.data())}};
}

namespace {

WorkloadSpec spec(const char* task, GemmShape shape, Precision p, Granularity g, int threads,
                  bool in_default, const std::string& shape_name, std::int64_t batch = 0) {
  const bool quantized = p == Precision::int8 || p == Precision::int4;
  const bool per_tensor = quantized && g == Granularity::per_tensor;
  const RowName row = gemm_row_name(
      task, kernels::to_string(p), "joulebench", shape_name, threads, batch,
      per_tensor ? std::vector<std::string>{"scales:tensor"} : std::vector<std::string>{});
  std::string what = quantized
                         ? fmt::format(
                               "{} weights ({} scales), int8 activations, int32 "
                               "accumulation, fp32 out",
                               kernels::to_string(p), per_tensor ? "per-tensor" : "per-channel")
                     : p == Precision::bf16 ? "bf16 operands, fp32 accumulation"
                                            : "fp32";
  WorkloadSpec spec{"",
                    fmt::format("C = A*B, m={} k={} n={}, {}, joulebench kernel, {} thread(s)",
                                shape.m, shape.k, shape.n, what, threads),
                    [=] { return std::make_unique<GemmKernelWorkload>(shape, p, g, threads); },
                    in_default};
  set_row_name(spec, row);
  return spec;
}

}  // namespace

std::vector<WorkloadSpec> gemm_kernel_workloads() {
  std::vector<WorkloadSpec> specs;
  const Precision all[] = {Precision::fp32, Precision::bf16, Precision::int8, Precision::int4};
  for (int threads : {1, 2})
    for (Precision p : all)
      for (int n : kGemmSizes)
        if (runs_at(n, threads))
          specs.push_back(spec("gemm", {n, n, n}, p, Granularity::per_channel, threads,
                               n == 512 && threads == 1, std::to_string(n)));
  // MLP-like: batch 256 and 64 through a 784 -> 256 layer (MxKxN).
  for (Precision p : all)
    for (GemmShape s : {GemmShape{256, 784, 256}, GemmShape{64, 784, 256}})
      specs.push_back(spec("gemm", s, p, Granularity::per_channel, 1, s.m == 256, s.name()));
  for (Precision p : {Precision::int8, Precision::int4})
    for (int n : {512, 1024})
      specs.push_back(
          spec("gemm", {n, n, n}, p, Granularity::per_tensor, 1, false, std::to_string(n)));
  // GEMV: a batch of 1 or 8 through a 4096 x 4096 layer: the weights' bytes dominate, so int4
  // moves half of int8's and a quarter of bf16's.
  for (int batch : {1, 8})
    for (Precision p : all)
      specs.push_back(spec("gemv", {batch, 4096, 4096}, p, Granularity::per_channel, 1, batch == 1,
                           fmt::format("4096x4096/batch:{}", batch), batch));
  return specs;
}

}  // namespace joulebench
