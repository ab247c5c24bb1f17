#pragma once
// Where joulebench finds its data and keeps its trained weights, wherever it was installed: no
// path of the machine that built it is compiled in.
//
// The data directory (what `cmake --install` puts in <prefix>/share/joulebench):
//   1. $JOULEBENCH_DATA_DIR, when set;
//   2. else the directory of the running executable (/proc/self/exe), then the path from the
//      install's bin directory to its data directory ("../share/joulebench"). The build tree has
//      the same layout (build/app/joulebench beside build/share/joulebench, a link to the source
//      tree's data/), so one rule serves the build tree and every installed prefix, moved or not.
// The distribution's data set packages: $JOULEBENCH_SYSTEM_DATASETS, else /usr/share/datasets
// (Debian's dataset-fashion-mnist installs /usr/share/datasets/fashion-mnist).
// The weight cache: $XDG_CACHE_HOME/joulebench, else $HOME/.cache/joulebench (the XDG base
// directory rule), whatever the working directory.

#include <filesystem>
#include <string>

namespace joulebench::mlp {

// The directory holding joulebench's data sets (fashion-mnist/ ...), as the rule above says.
// The boolean says whether JOULEBENCH_DATA_DIR chose it (an error then names the variable).
struct DataDir {
  std::filesystem::path path;
  bool from_variable = false;
};
DataDir joulebench_data_dir();

// Where the distribution installs data set packages, as the rule above says.
std::filesystem::path system_datasets_dir();

// The default directory of trained MLP weights; empty when neither XDG_CACHE_HOME (absolute)
// nor HOME is set, and then nothing is cached.
std::filesystem::path default_weight_cache_dir();

}  // namespace joulebench::mlp
