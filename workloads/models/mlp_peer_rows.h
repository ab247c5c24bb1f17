#pragma once
// PyTorch as a peer of our mlp/infer rows: our trained weights through LibTorch, as rows
//   mlp/infer/<fp32|bf16|int8>/pytorch/<arch>/batch:<B>
// beside ours (workloads/mlp/mlp_peers.h). The row names need no LibTorch; the plugin
// (torch_plugin.h) is loaded by the rows' input check, so `joulebench list` stays fast.

#include <optional>
#include <string>

namespace joulebench::models {

// Registers the "pytorch" peer with the MLP suite when the LibTorch plugin is there (looking for
// its file only); call before the workloads are listed or selected.
void register_pytorch_mlp_peer();

// The `joulebench list` line that says why the PyTorch peer rows are absent
// ("mlp/infer/*/pytorch/*: not built (...)"), or nullopt when they are there.
std::optional<std::string> pytorch_mlp_peer_absent();

}  // namespace joulebench::models
