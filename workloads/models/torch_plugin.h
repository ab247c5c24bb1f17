#pragma once
// The seam between joulebench and its LibTorch plugin (libjoulebench_torch_models.so). LibTorch
// takes about two seconds to load and register its operators, so the executable does not link
// it: `joulebench run --models` alone loads the plugin with dlopen (model_rows.cpp), and every
// other command starts as fast as before.

#include <string>
#include <vector>

#include "workloads/models/model_manifest.h"
#include "workloads/workload.h"

namespace joulebench::models {

// The plugin's one exported function: the manifest's rows into `rows`, or false with one line in
// `error`. C linkage for a name dlsym finds; both sides are this project's C++ (same compiler,
// same libstdc++), so the C++ types cross safely.
using PluginEntry = bool (*)(const ModelManifest* manifest, std::vector<WorkloadSpec>* rows,
                             std::string* error);
inline constexpr const char* kPluginEntryName = "joulebench_torch_model_workloads";

}  // namespace joulebench::models
