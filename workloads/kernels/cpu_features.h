#pragma once
// Which kernel runs: chosen at run time from the CPU's features, so one binary is fast where the
// instructions exist and correct everywhere else. Tests (and curious users) cap the choice with
// JOULEBENCH_KERNEL_ISA=portable|avx2|avx512 or set_isa_cap().

#include <string>

namespace joulebench::kernels {

struct CpuFeatures {
  bool avx2 = false;    // with FMA
  bool avx512 = false;  // F, BW, VL and DQ
  bool avx512_vnni = false;
  bool avx512_bf16 = false;
};

// What this CPU (and OS) supports, read once.
const CpuFeatures& cpu_features();

// The most a kernel may use; the features and the cap together decide the path.
enum class IsaCap { portable, avx2, avx512 };

// The cap from JOULEBENCH_KERNEL_ISA (unset: avx512, i.e. no cap), unless set_isa_cap() was
// called. Throws std::runtime_error with a one-line reason for an unknown value.
IsaCap isa_cap();
void set_isa_cap(IsaCap cap);  // for tests; not thread-safe against running kernels
void reset_isa_cap();          // back to the environment's choice

enum class Precision { fp32, bf16, int8, int4 };

enum class KernelPath { portable, avx2, avx512, avx512_vnni, avx512_bf16 };
// The path for this CPU and the current cap.
KernelPath path_for(Precision precision);
// The path a CPU with `features` takes under `cap`: the choice itself, testable for any CPU.
KernelPath path_for(Precision precision, const CpuFeatures& features, IsaCap cap);
const char* to_string(KernelPath path);

// The code path that runs for a precision under the current cap, e.g. "avx512-vnni",
// "avx512-bf16", "avx512", "avx2", "portable".
std::string kernel_path(Precision precision);

// One line for the run context: CPU features and the path per precision.
std::string describe_kernels();

const char* to_string(Precision precision);

}  // namespace joulebench::kernels
