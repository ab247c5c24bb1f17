// Packing and quantizing weights into the panel layout (detail/panel_layout.h). Runs once per
// weight matrix, outside timed loops, so plain portable code.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "workloads/kernels/detail/bf16_convert.h"
#include "workloads/kernels/detail/panel_layout.h"
#include "workloads/kernels/detail/quantize_value.h"
#include "workloads/kernels/linear.h"

namespace joulebench::kernels {

using detail::ceil_div;
using detail::kNr;

void detail::AlignedFree::operator()(void* p) const {
  std::free(p);
}

PackedBuffer::PackedBuffer(std::size_t bytes) : bytes_(bytes) {
  const std::size_t rounded = std::max<std::size_t>(64, (bytes + 63) / 64 * 64);
  void* p = std::aligned_alloc(64, rounded);
  if (!p)
    throw std::bad_alloc();
  std::memset(p, 0, rounded);
  data_.reset(static_cast<std::byte*>(p));
}

namespace {

void check_shape(int n, int k, const char* what) {
  if (n <= 0 || k <= 0)
    throw std::invalid_argument(std::string(what) + ": weights must be at least 1 x 1, got " +
                                std::to_string(n) + " x " + std::to_string(k));
}

std::size_t panel_bytes(int n, int k, int group, std::size_t group_bytes) {
  return static_cast<std::size_t>(ceil_div(n, kNr)) * ceil_div(k, group) * group_bytes;
}

// Offset in elements of (output j, input i) for a layout of `group` values per group.
std::size_t packed_index(int j, int i, int k, int group) {
  const int groups = ceil_div(k, group);
  const int p = j / kNr, c = j % kNr, g = i / group, e = i % group;
  return ((static_cast<std::size_t>(p) * groups + g) * kNr + c) * group + e;
}

}  // namespace

PackedFp32Weights::PackedFp32Weights(const float* w, int n, int k)
    : n_(n),
      k_(k),
      panels_((check_shape(n, k, "fp32"),
               panel_bytes(n, k, detail::kGroupFp32, detail::kGroupBytesFp32))) {
  auto* dst = reinterpret_cast<float*>(panels_.data());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < k; ++i)
      dst[packed_index(j, i, k, detail::kGroupFp32)] = w[static_cast<std::size_t>(j) * k + i];
}

PackedBf16Weights::PackedBf16Weights(const bfloat16* w, int n, int k)
    : n_(n),
      k_(k),
      panels_((check_shape(n, k, "bf16"),
               panel_bytes(n, k, detail::kGroupBf16, detail::kGroupBytesBf16))) {
  auto* dst = reinterpret_cast<bfloat16*>(panels_.data());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < k; ++i)
      dst[packed_index(j, i, k, detail::kGroupBf16)] = w[static_cast<std::size_t>(j) * k + i];
}

namespace {
std::vector<bfloat16> round_to_bf16(const float* w, std::size_t count) {
  std::vector<bfloat16> out(count);
  for (std::size_t i = 0; i < count; ++i)
    out[i] = detail::round_to_bf16(w[i]);
  return out;
}
}  // namespace

PackedBf16Weights::PackedBf16Weights(const float* w, int n, int k)
    : PackedBf16Weights(
          round_to_bf16(w, static_cast<std::size_t>(std::max(n, 0)) * std::max(k, 0)).data(), n,
          k) {}

QuantizedWeights::QuantizedWeights(const float* w, int n, int k, int bits, Granularity granularity)
    : n_(n), k_(k), bits_(bits), granularity_(granularity) {
  check_shape(n, k, "quantized");
  if (bits != 8 && bits != 4)
    throw std::invalid_argument("quantized weights: bits must be 8 or 4, got " +
                                std::to_string(bits));
  const int qmax = bits == 8 ? 127 : 7;
  const std::size_t row = static_cast<std::size_t>(k);
  scales_.resize(n);
  if (granularity == Granularity::per_tensor) {
    std::fill(scales_.begin(), scales_.end(), symmetric_scale(w, row * n, qmax));
  } else {
    for (int j = 0; j < n; ++j)
      scales_[j] = symmetric_scale(w + j * row, row, qmax);
  }
  row_sums_.assign(n, 0);
  panels_ = PackedBuffer(panel_bytes(
      n, k, detail::kGroupInt8, bits == 8 ? detail::kGroupBytesInt8 : detail::kGroupBytesInt4));
  auto* dst = reinterpret_cast<std::uint8_t*>(panels_.data());
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < k; ++i) {
      const int q = detail::quantize_value(w[j * row + i], scales_[j], qmax);
      row_sums_[j] += q;
      const std::size_t at = packed_index(j, i, k, detail::kGroupInt8);
      if (bits == 8) {
        dst[at] = static_cast<std::uint8_t>(static_cast<std::int8_t>(q));
      } else {
        // 128 int8-layout values per group -> 64 bytes (panel_layout.h).
        const std::size_t group_start = at / 128 * 128, v = at % 128;
        std::uint8_t& byte = dst[group_start / 2 + v % 64];
        const auto nibble = static_cast<std::uint8_t>(q & 0x0f);
        byte = static_cast<std::uint8_t>(v < 64 ? (byte & 0xf0) | nibble
                                                : (byte & 0x0f) | (nibble << 4));
      }
    }
  }
}

int QuantizedWeights::value(int j, int i) const {
  const std::size_t at = packed_index(j, i, k_, detail::kGroupInt8);
  const auto* src = reinterpret_cast<const std::uint8_t*>(panels_.data());
  if (bits_ == 8)
    return static_cast<std::int8_t>(src[at]);
  const std::size_t group_start = at / 128 * 128, v = at % 128;
  const std::uint8_t byte = src[group_start / 2 + v % 64];
  const int nibble = v < 64 ? byte & 0x0f : byte >> 4;
  return nibble >= 8 ? nibble - 16 : nibble;
}

float symmetric_scale(const float* x, std::size_t count, int qmax) {
  float max_abs = 0.0f;
  for (std::size_t i = 0; i < count; ++i)
    max_abs = std::max(max_abs, std::fabs(x[i]));
  return max_abs > 0.0f ? max_abs / static_cast<float>(qmax) : 1.0f;
}

void quantize(const float* x, std::size_t count, float scale, std::int8_t* q, int qmax) {
  for (std::size_t i = 0; i < count; ++i)
    q[i] = static_cast<std::int8_t>(detail::quantize_value(x[i], scale, qmax));
}

}  // namespace joulebench::kernels
