#pragma once
// C = A * B through joulebench's own kernels (workloads/kernels): fp32, bf16 (A and B stored as
// bf16, fp32 accumulation), int8 and int4 (A stored as int8 with one scale, B quantized per
// output channel or per tensor, int32 accumulation, fp32 output). Weights are packed and A is
// converted in the constructor: the timed iteration is the product alone, as in deployment,
// where weights are packed once and activations arrive in the layer's precision.

#include <memory>
#include <optional>
#include <vector>

#include "workloads/gemm/gemm_problem.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/kernels/linear.h"
#include "workloads/workload.h"

namespace joulebench {

class GemmKernelWorkload final : public Workload {
 public:
  GemmKernelWorkload(GemmShape shape, kernels::Precision precision,
                     kernels::Granularity granularity, int threads);
  ~GemmKernelWorkload() override;

  void run() override;
  double flops_per_iteration() const override { return inputs_.shape.flops(); }
  std::map<std::string, double> quality() const override;
  std::string implementation() const override { return path_; }

  const std::vector<float>& result() const { return c_; }

 private:
  void compute(float* c) const;

  GemmInputs inputs_;
  kernels::Precision precision_;
  kernels::LinearOptions options_;
  std::string path_;
  std::vector<float> c_;
  std::vector<kernels::bfloat16> a_bf16_;
  std::vector<std::int8_t> a_int8_;
  float a_scale_ = 1.0f;
  std::unique_ptr<kernels::PackedFp32Weights> w_fp32_;
  std::unique_ptr<kernels::PackedBf16Weights> w_bf16_;
  std::unique_ptr<kernels::QuantizedWeights> w_quantized_;
};

// gemm/{fp32,bf16,int8,int4}/joulebench/{128..2048, MLP shapes}[/scales:tensor][/threads:2] and
// gemv/.../joulebench/4096x4096/batch:{1,8}.
std::vector<WorkloadSpec> gemm_kernel_workloads();

}  // namespace joulebench
