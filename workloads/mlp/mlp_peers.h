#pragma once
// Other implementations of the mlp/infer rows, measured beside ours on the same trained weights
// and the same test set: PyTorch through the LibTorch plugin (workloads/models/mlp_peer_rows.cpp)
// registers itself here. The MLP suite names the rows
//   mlp/infer/<precision>/<backend>/<arch>/batch:<B>
// checks their data as it checks ours, trains (or loads) the weights at the row's first run, not
// at registration, and hands them to the peer. joulebench_workloads cannot link the plugin's
// loader (which links joulebench_workloads), so the app registers the peer before it lists or
// runs anything.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "workloads/kernels/cpu_features.h"
#include "workloads/mlp/trained_model.h"
#include "workloads/workload.h"

namespace joulebench::mlp {

// What a peer's row runs: the suite's trained model at one precision and batch, on the inputs
// ours cycles through (the test images starting at each of batch_firsts, batch images each).
struct MlpPeerRow {
  std::shared_ptr<const TrainedModel> model;
  kernels::Precision precision = kernels::Precision::fp32;
  int batch = 1;
  std::vector<std::size_t> batch_firsts;
  double flops_per_sample = 0.0;   // as ours declare: forward_flops_per_sample(widths)
  std::size_t accuracy_chunk = 0;  // images per forward pass when ours measures accuracy
};

struct MlpPeer {
  std::string backend;      // the row name's segment after the precision: "pytorch"
  std::string description;  // in the rows' `joulebench list` line: "through PyTorch's C++ ..."
  std::vector<kernels::Precision> precisions;
  // Throws std::runtime_error with one line when the peer cannot run (its plugin does not load):
  // part of the rows' check_inputs, so that is an error before anything is measured.
  std::function<void()> check;
  std::function<std::unique_ptr<Workload>(const MlpPeerRow&)> make;
};

// Registers (or replaces, by backend) a peer; the rows of mlp_workloads() built afterwards
// include it.
void register_mlp_peer(MlpPeer peer);
std::vector<MlpPeer> mlp_peers();

}  // namespace joulebench::mlp
