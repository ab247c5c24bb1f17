// The executable's side of the PyTorch peer rows: the row (mlp_peers.h) as the plugin's plain
// request (torch_plugin.h), and the plugin's workload back.

#include "workloads/models/mlp_peer_rows.h"

#include <fmt/format.h>

#include <stdexcept>

#include "workloads/mlp/mlp_peers.h"
#include "workloads/models/torch_plugin.h"
#include "workloads/models/torch_plugin_loader.h"

namespace joulebench::models {
namespace {

// Loads the plugin on first use: seconds, so only when a row is checked or built.
MlpPeerEntry peer_entry() {
  return reinterpret_cast<MlpPeerEntry>(torch_plugin_symbol(kMlpPeerEntryName));
}

MlpPeerRequest peer_request(const mlp::MlpPeerRow& row) {
  const mlp::TrainedModel& model = *row.model;
  const mlp::LabelledImages& test = model.data->test;
  MlpPeerRequest request;
  request.weights_key = model.key;
  request.widths = model.weights.widths;
  for (std::size_t l = 0; l < model.weights.layers(); ++l) {
    request.weights.push_back(model.weights.w[l].data());
    request.biases.push_back(model.weights.b[l].data());
  }
  request.test_pixels = test.pixels.data();
  request.test_labels = test.labels.data();
  request.test_images = test.size();
  request.precision = kernels::to_string(row.precision);
  request.batch = row.batch;
  request.threads = 1;  // as every MLP row
  request.batch_firsts = row.batch_firsts;
  request.flops_per_sample = row.flops_per_sample;
  request.accuracy_chunk = row.accuracy_chunk;
  // As ours' labels say it (mlp_workloads.cpp).
  request.provenance =
      fmt::format("weights {} epochs; {} train / {} test images from {}", model.recipe.epochs,
                  model.data->train.size(), test.size(), model.data->dir.string());
  request.owner = row.model;
  return request;
}

}  // namespace

void register_pytorch_mlp_peer() {
  if (pytorch_mlp_peer_absent())
    return;
  mlp::MlpPeer peer;
  peer.backend = "pytorch";
  peer.description = "through PyTorch's C++ runtime (LibTorch)";
  peer.precisions = {kernels::Precision::fp32, kernels::Precision::bf16, kernels::Precision::int8};
  peer.check = [] { peer_entry(); };
  peer.make = [](const mlp::MlpPeerRow& row) {
    const MlpPeerRequest request = peer_request(row);
    std::unique_ptr<Workload> workload;
    std::string error;
    if (!peer_entry()(&request, &workload, &error))
      throw std::runtime_error(error);
    return workload;
  };
  mlp::register_mlp_peer(std::move(peer));
}

std::optional<std::string> pytorch_mlp_peer_absent() {
  if (const std::optional<std::string> absent = torch_plugin_absent())
    return fmt::format("mlp/infer/*/pytorch/*: {}", *absent);
  return std::nullopt;
}

}  // namespace joulebench::models
