#pragma once
// The power figure `joulebench estimate` charges a named CPU or GPU with: its TDP from the
// built-in tables (data/hardware/), times how many there are, with the row it came from.

#include <string>
#include <string_view>

#include "common/units.h"

namespace joulebench {

struct DevicePower {
  std::string kind;   // "CPU" or "GPU"
  std::string model;  // the table's name for it
  Watts tdp;          // one device
  int count = 1;
  std::string source;  // datasheet title (year), URL; or the CPU table and its row
  std::string note;    // what the figure is, or a caveat
  Watts total() const { return tdp * static_cast<double>(count); }
};

// A device whose TDP the user gave (estimate --cpu-tdp/--gpu-tdp): not looked up, and its source
// says so. `flag` names the flag for the source line.
DevicePower given_power(std::string kind, std::string_view model, double tdp_watts, int count,
                        std::string_view flag);

// Throws std::runtime_error with one line naming the closest known models for an unknown model,
// or listing the form factors when the name fits several with different TDPs ("H100").
DevicePower gpu_power(std::string_view model, int count);
DevicePower cpu_power(std::string_view model, int count);

}  // namespace joulebench
