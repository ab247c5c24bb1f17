#pragma once
// Scratch memory for the kernels, owned outside the per-ISA translation units.
//
// The per-ISA files (avx2_*.cpp, avx512_*.cpp) are compiled with instruction-set flags, so any
// function with external linkage they emit (an inline function, a template instantiation such
// as std::vector's destructor, a thread_local's guard) is a weak symbol the linker may pick for
// the whole program, and an AVX-512 copy then faults on an older CPU. So they own no
// std::vector and no thread_local: they get their buffers from a Workspace, whose every member
// function is defined out of line in workspace.cpp (compiled for the baseline ISA), and they
// only ever call those members. scripts/check-kernel-symbols.sh checks the objects.

#include <cstddef>
#include <memory>

namespace joulebench::kernels::detail {

// The buffers one kernel call uses at the same time; each grows independently.
enum class Buffer {
  epilogue,     // padded bias, scale and compensation vectors (blocked_gemm)
  per_output,   // the integer paths' scale and compensation before padding (quantized_gemm)
  activations,  // activations converted in one flat pass (int8 quantized, bf16 rounded)
  tiles,        // one packed activation tile per thread
};
inline constexpr int kBufferCount = 4;

class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // At least `bytes` bytes, 64-byte aligned, contents unspecified. Grows, never shrinks, so
  // steady-state calls do not allocate; a later get() of the same buffer may move it.
  std::byte* get(Buffer buffer, std::size_t bytes);

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

// The calling thread's workspace (linear.cpp passes it to the path it runs).
Workspace& thread_workspace();

}  // namespace joulebench::kernels::detail
