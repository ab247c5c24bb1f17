// The kernels' scratch buffers (detail/workspace.h). Compiled for the baseline ISA, like
// linear.cpp: the only copies of the buffers' code are here.

#include "workloads/kernels/detail/workspace.h"

#include <algorithm>
#include <array>

#include "workloads/kernels/linear.h"

namespace joulebench::kernels::detail {

struct Workspace::Buffers {
  std::array<PackedBuffer, kBufferCount> buffer;
};

Workspace::Workspace() : buffers_(std::make_unique<Buffers>()) {}

Workspace::~Workspace() = default;

std::byte* Workspace::get(Buffer which, std::size_t bytes) {
  PackedBuffer& b = buffers_->buffer[static_cast<std::size_t>(which)];
  if (bytes > b.bytes() || !b.data())
    b = PackedBuffer(std::max({bytes, 2 * b.bytes(), std::size_t{64}}));
  return b.data();
}

Workspace& thread_workspace() {
  thread_local Workspace workspace;
  return workspace;
}

}  // namespace joulebench::kernels::detail
