// OpenBLAS sgemm/dgemm. Debian's libopenblas0-pthread has its own thread pool, set per call with
// openblas_set_num_threads (it does not follow OpenMP's settings).

#include <cblas.h>
#include <fmt/format.h>

#include "common/result_schema.h"
#include "workloads/gemm/gemm_peers.h"
#include "workloads/gemm/gemm_problem.h"
#include "workloads/rel_error.h"

namespace joulebench {
namespace {

template <class Scalar>
class GemmOpenBlas final : public Workload {
 public:
  GemmOpenBlas(GemmShape shape, int threads)
      : inputs_(shape),
        threads_(threads),
        a_(inputs_.a.begin(), inputs_.a.end()),
        w_(inputs_.w.begin(), inputs_.w.end()),
        c_(static_cast<std::size_t>(shape.m) * shape.n) {}

  void run() override { compute(c_.data()); }
  double flops_per_iteration() const override { return inputs_.shape.flops(); }
  std::map<std::string, double> quality() const override {
    std::vector<Scalar> c(c_.size());
    compute(c.data());
    return {{"rel_error", inputs_.rel_error(c.data())}};
  }
  // The core, which decides the speed more than anything else here (openblas_core.h).
  std::string implementation() const override {
    const OpenBlasCoreDecision core = openblas_core_decision();
    return fmt::format("openblas core {}{}", core.loaded, core.fallback ? " (a fallback)" : "");
  }

 private:
  void compute(Scalar* c) const {
    openblas_set_num_threads(threads_);
    const GemmShape& s = inputs_.shape;
    // C = A * W^T, all row-major.
    if constexpr (std::is_same_v<Scalar, float>)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, s.m, s.n, s.k, 1.0f, a_.data(), s.k,
                  w_.data(), s.k, 0.0f, c, s.n);
    else
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, s.m, s.n, s.k, 1.0, a_.data(), s.k,
                  w_.data(), s.k, 0.0, c, s.n);
  }

  GemmInputs inputs_;
  int threads_;
  std::vector<Scalar> a_, w_, c_;
};

}  // namespace

std::string openblas_loaded_core() {
  // Debian's cblas.h declares it; the name is fixed once OpenBLAS has loaded.
  return openblas_get_corename();
}

std::vector<WorkloadSpec> gemm_openblas_workloads() {
  std::vector<WorkloadSpec> specs;
  for (int threads : {1, 2})
    for (const char* precision : {"fp32", "fp64"})
      for (int n : kGemmSizes) {
        if (!runs_at(n, threads))
          continue;
        const bool fp32 = precision[2] == '3';
        specs.push_back(
            {"",
             fmt::format("C = A*B, {0}x{0} {1}, OpenBLAS {2}gemm, {3} thread(s)", n, precision,
                         fp32 ? 's' : 'd', threads),
             [n, threads, fp32]() -> std::unique_ptr<Workload> {
               if (fp32)
                 return std::make_unique<GemmOpenBlas<float>>(GemmShape{n, n, n}, threads);
               return std::make_unique<GemmOpenBlas<double>>(GemmShape{n, n, n}, threads);
             },
             threads == 1 && n == 512});
        set_row_name(specs.back(),
                     gemm_row_name("gemm", precision, "openblas", std::to_string(n), threads));
      }
  // The MLP-like shape, fp32.
  specs.push_back({"", "C = A*B, m=256 k=784 n=256 fp32, OpenBLAS",
                   [] {
                     return std::make_unique<GemmOpenBlas<float>>(GemmShape{256, 784, 256}, 1);
                   },
                   false});
  set_row_name(specs.back(), gemm_row_name("gemm", "fp32", "openblas", "256x784x256", 1));
  return specs;
}

}  // namespace joulebench
