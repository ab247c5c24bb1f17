#pragma once
// The MLP workloads on Fashion-MNIST:
//   mlp/train/fp32/<arch>/batch:<B>/<sgd|adam>    one training step per iteration
//   mlp/infer/<fp32|bf16|int8|int4>/<arch>/batch:<B>  one forward pass per iteration, with the
//                                                  test accuracy of that precision as `accuracy`
//   mlp/infer/<fp32|bf16|int8>/<backend>/<arch>/batch:<B>  the same on a registered peer
//                                                  (mlp_peers.h: PyTorch), same weights and data
//   mlp/train-to-accuracy/fp32/<arch>/batch:64/adam  one iteration = training from scratch until
//                                                  the test accuracy reaches the target
// Data and trained weights are loaded once per process (see trained_model.h); the threads are
// fixed at one, so rows compare with single-threaded PyTorch and are deterministic.

#include <vector>

#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> mlp_workloads();

}  // namespace joulebench
