// oneDNN matmul, the way inference engines call it: the primitive is created once with weights
// in the layout it prefers (format_tag::any) and the weights are reordered into it once; the
// timed iteration is one execute. oneDNN 2.6 has no public bf16 gemm call, so all precisions go
// through matmul. Debian builds oneDNN on OpenMP (libgomp), so its thread count is OpenMP's,
// set before the primitive is created (it plans its partition then) and before each execute.

#include <fmt/format.h>
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

#include "workloads/gemm/gemm_peers.h"
#include "workloads/gemm/gemm_problem.h"
#include "workloads/kernels/bf16.h"
#include "workloads/kernels/linear.h"
#include "workloads/rel_error.h"

namespace joulebench {
namespace {

using dnnl::memory;
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

enum class DnnlPrecision { fp32, bf16, int8 };

class GemmOneDnn final : public Workload {
 public:
  GemmOneDnn(GemmShape shape, DnnlPrecision precision, int threads)
      : inputs_(shape), threads_(threads), engine_(dnnl::engine::kind::cpu, 0), stream_(engine_) {
    omp_set_num_threads(threads_);
    const memory::dim m = shape.m, k = shape.k, n = shape.n;
    const dt src_type = precision == DnnlPrecision::fp32   ? dt::f32
                        : precision == DnnlPrecision::bf16 ? dt::bf16
                                                           : dt::s8;
    dnnl::primitive_attr attr;
    if (precision == DnnlPrecision::int8) {
      // Symmetric int8 as in the joulebench kernels: per-tensor activations, per-channel weights.
      const float a_scale = kernels::symmetric_scale(inputs_.a.data(), inputs_.a.size());
      a_int8_.resize(inputs_.a.size());
      kernels::quantize(inputs_.a.data(), inputs_.a.size(), a_scale, a_int8_.data());
      w_int8_.resize(inputs_.w.size());
      std::vector<float> scales(n);
      for (int j = 0; j < n; ++j) {
        const float* row = inputs_.w.data() + static_cast<std::size_t>(j) * k;
        const float w_scale = kernels::symmetric_scale(row, k);
        kernels::quantize(row, k, w_scale, w_int8_.data() + static_cast<std::size_t>(j) * k);
        scales[j] = a_scale * w_scale;
      }
      attr.set_output_scales(1 << 1, scales);
    } else if (precision == DnnlPrecision::bf16) {
      a_bf16_.resize(inputs_.a.size());
      w_bf16_.resize(inputs_.w.size());
      for (std::size_t i = 0; i < a_bf16_.size(); ++i)
        a_bf16_[i] = kernels::to_bf16(inputs_.a[i]);
      for (std::size_t i = 0; i < w_bf16_.size(); ++i)
        w_bf16_[i] = kernels::to_bf16(inputs_.w[i]);
    }
    void* a_data = precision == DnnlPrecision::fp32   ? static_cast<void*>(inputs_.a.data())
                   : precision == DnnlPrecision::bf16 ? static_cast<void*>(a_bf16_.data())
                                                      : static_cast<void*>(a_int8_.data());
    void* w_data = precision == DnnlPrecision::fp32   ? static_cast<void*>(inputs_.w.data())
                   : precision == DnnlPrecision::bf16 ? static_cast<void*>(w_bf16_.data())
                                                      : static_cast<void*>(w_int8_.data());
    const memory::desc src_md({m, k}, src_type, tag::ab);
    const memory::desc any_weights({k, n}, src_type, tag::any);
    const memory::desc dst_md({m, n}, dt::f32, tag::ab);
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src_md, any_weights, dst_md), attr,
                                          engine_);
    implementation_ = pd.impl_info_str();
    // W is n x k row-major: the k x n weights with strides (1, k), format "ba".
    memory user_weights({{k, n}, src_type, tag::ba}, engine_, w_data);
    weights_ = memory(pd.weights_desc(), engine_);
    dnnl::reorder(user_weights, weights_).execute(stream_, user_weights, weights_);
    stream_.wait();
    src_ = memory(src_md, engine_, a_data);
    c_.resize(static_cast<std::size_t>(m) * n);
    dst_ = memory(dst_md, engine_, c_.data());
    matmul_ = dnnl::matmul(pd);
  }

  void run() override {
    omp_set_num_threads(threads_);
    matmul_.execute(stream_,
                    {{DNNL_ARG_SRC, src_}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, dst_}});
    stream_.wait();
  }
  double flops_per_iteration() const override { return inputs_.shape.flops(); }
  std::map<std::string, double> quality() const override {
    const_cast<GemmOneDnn*>(this)->run();  // the same buffers the timed loop then overwrites
    return {{"rel_error", inputs_.rel_error(c_.data())}};
  }
  // oneDNN's own kernel name, e.g. "brg:avx512_core_amx" or "gemm:jit".
  std::string implementation() const override { return "onednn " + implementation_; }

 private:
  GemmInputs inputs_;
  int threads_;
  dnnl::engine engine_;
  dnnl::stream stream_;
  std::vector<std::int8_t> a_int8_, w_int8_;
  std::vector<kernels::bfloat16> a_bf16_, w_bf16_;
  std::vector<float> c_;
  memory src_, weights_, dst_;
  dnnl::matmul matmul_;
  std::string implementation_;
};

}  // namespace

std::string onednn_effective_isa() {
  switch (dnnl_get_effective_cpu_isa()) {
    case dnnl_cpu_isa_sse41:
      return "sse41";
    case dnnl_cpu_isa_avx:
      return "avx";
    case dnnl_cpu_isa_avx2:
      return "avx2";
    case dnnl_cpu_isa_avx2_vnni:
      return "avx2_vnni";
    case dnnl_cpu_isa_avx512_mic:
    case dnnl_cpu_isa_avx512_mic_4ops:
      return "avx512_mic";
    case dnnl_cpu_isa_avx512_core:
      return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni:
      return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16:
      return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx:
      return "avx512_core_amx";
    default:
      break;
  }
  return "unknown";
}

std::vector<WorkloadSpec> gemm_onednn_workloads() {
  std::vector<WorkloadSpec> specs;
  const std::pair<DnnlPrecision, const char*> precisions[] = {
      {DnnlPrecision::fp32, "fp32"}, {DnnlPrecision::bf16, "bf16"}, {DnnlPrecision::int8, "int8"}};
  const auto add = [&](const std::string& task, GemmShape shape, const std::string& shape_name,
                       DnnlPrecision p, const char* p_name, int threads, bool in_default,
                       std::int64_t batch = 0) {
    specs.push_back(
        {"",
         fmt::format("C = A*B, m={} k={} n={} {}, oneDNN matmul (weights pre-packed), {} thread(s)",
                     shape.m, shape.k, shape.n, p_name, threads),
         [=] { return std::make_unique<GemmOneDnn>(shape, p, threads); }, in_default});
    set_row_name(specs.back(), gemm_row_name(task, p_name, "onednn", shape_name, threads, batch));
  };
  for (int threads : {1, 2})
    for (const auto& [p, p_name] : precisions)
      for (int n : kGemmSizes)
        if (runs_at(n, threads))
          add("gemm", {n, n, n}, std::to_string(n), p, p_name, threads, threads == 1 && n == 512);
  for (const auto& [p, p_name] : precisions) {
    add("gemm", {256, 784, 256}, "256x784x256", p, p_name, 1, false);
    for (int batch : {1, 8})
      add("gemv", {batch, 4096, 4096}, fmt::format("4096x4096/batch:{}", batch), p, p_name, 1,
          false, batch);
  }
  return specs;
}

}  // namespace joulebench
