#pragma once
// Finding and loading the LibTorch plugin (torch_plugin.h) from the executable: beside it (the
// build tree), then where `cmake --install` puts it. Built with JOULEBENCH_TORCH_PLUGIN when CMake
// found LibTorch, else with JOULEBENCH_TORCH_REASON.

#include <optional>
#include <string>

namespace joulebench::models {

// Why this process has no LibTorch rows, the end of a `list` line: "not built (JOULEBENCH_TORCH=
// OFF; install libtorch-dev and reconfigure)" in a build without LibTorch, "not available (no
// LibTorch plugin: DIR/libjoulebench_torch_models.so, ... absent; rebuild joulebench)" when the
// plugin file is missing at run time; nullopt when the plugin file is there. Only looks for the
// file: loading LibTorch takes seconds.
std::optional<std::string> torch_plugin_absent();

// The plugin's exported function `name`, loading the plugin on first use (never closed).
// Throws std::runtime_error with one line when it cannot be loaded or lacks the symbol.
void* torch_plugin_symbol(const char* name);

}  // namespace joulebench::models
