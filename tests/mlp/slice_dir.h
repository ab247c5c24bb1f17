#pragma once
// The committed Fashion-MNIST slice (data/fashion-mnist), for tests that read it in-process. The
// library itself knows no source path (workloads/mlp/data_locations.h); tests/mlp/CMakeLists.txt
// gives this one to the tests that need it.

#include <filesystem>

namespace joulebench::mlp {

inline std::filesystem::path committed_fashion_mnist_slice_dir() {
  return JOULEBENCH_FASHION_MNIST_SLICE_DIR;
}

}  // namespace joulebench::mlp
