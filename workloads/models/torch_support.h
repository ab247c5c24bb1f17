#pragma once
// What the plugin's two torch files share (model_workloads_torch.cpp, mlp_peer_torch.cpp):
// LibTorch's thread count per row, and the names of its quantized engines. Included by the
// plugin alone.

#include <ATen/Parallel.h>
#include <c10/core/QEngine.h>

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

// LibTorch's intra-op threads for one row, restored afterwards (as EigenThreads does for Eigen).
class TorchThreads {
 public:
  explicit TorchThreads(int threads) : previous_(at::get_num_threads()) {
    at::set_num_threads(threads);
  }
  ~TorchThreads() { at::set_num_threads(previous_); }
  TorchThreads(const TorchThreads&) = delete;
  TorchThreads& operator=(const TorchThreads&) = delete;

 private:
  int previous_;
};

}  // namespace joulebench::models
