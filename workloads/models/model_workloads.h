#pragma once
// The rows of `joulebench run --models FILE.json`: every variant of the manifest's model at every
// batch size (and thread count) becomes a workload
//   model/<task>/<variant>/batch:<N>[/threads:<T>]
// whose iteration is one forward pass of the TorchScript file through LibTorch, with `accuracy`
// (top-1 over the whole eval set, in batches of N, computed once outside the timed loop) when
// the manifest names eval data, and `flops` when it declares flops_per_sample.
//
// Eval data: IDX images and labels (pixels scaled to [0, 1] as the MLP's are), or a .pt file
// holding `inputs` (N x input_shape) and `labels` (N integers) tensors, saved with
// torch.save({"inputs": x, "labels": y}, path) or as attributes of a TorchScript module. Without
// eval data the inputs are random in [0, 1) and the rows have no accuracy.
//
// This header needs no LibTorch: the rows run in a plugin loaded on first use (torch_plugin.h),
// and a build without it (JOULEBENCH_TORCH=OFF, or libtorch-dev not found) refuses --models with
// the reason.

#include <optional>
#include <string>
#include <vector>

#include "workloads/models/model_manifest.h"
#include "workloads/workload.h"

namespace joulebench::models {

// For `joulebench list` and the --models error of a build without LibTorch: why the model rows
// are absent ("model/*: not built (LibTorch ... not found at configure time; install
// libtorch-dev and reconfigure)"); nullopt when they are built.
std::optional<std::string> models_not_built();

// The manifest's rows, in the order variants x batch sizes x threads. Loading the models and the
// eval data waits for each row's check_inputs (run before anything is measured) or its factory.
// Throws std::runtime_error with models_not_built()'s line in a build without LibTorch.
std::vector<WorkloadSpec> model_workloads(const ModelManifest& manifest);

}  // namespace joulebench::models
