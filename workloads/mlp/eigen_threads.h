#pragma once
// Eigen runs its products on OpenMP threads once the kernels' -fopenmp reaches it. The MLP code
// runs on a set number of threads (one in the workloads, so rows compare with single-threaded
// PyTorch), and restores the process's setting afterwards for other workloads. On a busy machine
// two spinning OpenMP threads on small products made training tens of times slower, so the tests
// pin one thread too.

#include <Eigen/Core>

namespace joulebench::mlp {

class EigenThreads {
 public:
  explicit EigenThreads(int n) : previous_(Eigen::nbThreads()) { Eigen::setNbThreads(n); }
  ~EigenThreads() { Eigen::setNbThreads(previous_); }
  EigenThreads(const EigenThreads&) = delete;
  EigenThreads& operator=(const EigenThreads&) = delete;

 private:
  int previous_;
};

}  // namespace joulebench::mlp
