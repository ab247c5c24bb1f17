#pragma once
// What the plugin's two torch files share (model_workloads_torch.cpp, mlp_peer_torch.cpp):
// LibTorch's thread count per row, and the names of its quantized engines. Included by the
// plugin alone.

#include <ATen/Parallel.h>
#include <c10/core/QEngine.h>
#include <dlfcn.h>

#include <string>

namespace joulebench::models {

inline c10::QEngine engine_of(const std::string& name) {
  if (name == "onednn")
    return c10::QEngine::ONEDNN;
  if (name == "qnnpack")
    return c10::QEngine::QNNPACK;
  if (name == "fbgemm")
    return c10::QEngine::FBGEMM;
  return c10::QEngine::X86;
}

inline std::string engine_name(c10::QEngine engine) {
  switch (engine) {
    case c10::QEngine::ONEDNN:
      return "onednn";
    case c10::QEngine::QNNPACK:
      return "qnnpack";
    case c10::QEngine::FBGEMM:
      return "fbgemm";
    case c10::QEngine::X86:
      return "x86";
    case c10::QEngine::NoQEngine:
      break;
  }
  return "none";
}

// LibTorch runs its fp32 products on CPU in its BLAS: Debian's is OpenBLAS (libblas.so.3 over
// libopenblas.so.0, the one the OpenBLAS peer rows use), whose own thread pool (both CPUs
// unless OPENBLAS_NUM_THREADS says otherwise) at::set_num_threads does not reach. Its controls,
// when LibTorch's BLAS is that OpenBLAS; null otherwise.
struct OpenBlasThreadControl {
  void (*set)(int) = nullptr;
  int (*get)() = nullptr;
};

inline OpenBlasThreadControl openblas_thread_control() {
  static const OpenBlasThreadControl control = [] {
    OpenBlasThreadControl c;
    // Already loaded (by LibTorch, or by joulebench itself) or not at all: never loaded here.
    if (void* handle = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_NOLOAD); handle != nullptr) {
      c.set = reinterpret_cast<void (*)(int)>(dlsym(handle, "openblas_set_num_threads"));
      c.get = reinterpret_cast<int (*)()>(dlsym(handle, "openblas_get_num_threads"));
      if (c.set == nullptr || c.get == nullptr)
        c = {};
    }
    return c;
  }();
  return control;
}

// LibTorch's intra-op threads and its OpenBLAS's for one row, restored afterwards (as
// EigenThreads does for Eigen): a row at one thread runs on one CPU.
class TorchThreads {
 public:
  explicit TorchThreads(int threads) : previous_(at::get_num_threads()) {
    at::set_num_threads(threads);
    if (const OpenBlasThreadControl blas = openblas_thread_control(); blas.set != nullptr) {
      previous_blas_ = blas.get();
      blas.set(threads);
    }
  }
  ~TorchThreads() {
    at::set_num_threads(previous_);
    if (const OpenBlasThreadControl blas = openblas_thread_control(); blas.set != nullptr)
      blas.set(previous_blas_);
  }
  TorchThreads(const TorchThreads&) = delete;
  TorchThreads& operator=(const TorchThreads&) = delete;

 private:
  int previous_;
  int previous_blas_ = 0;
};

}  // namespace joulebench::models
