#pragma once
// The loop nest around a microkernel: Y = X * W^T with W in panels (panel_layout.h).
//
// Every kernel translation unit includes this with its own instruction-set flags, so all of it
// sits in an anonymous namespace: one copy per translation unit. Shared inline code would let the
// linker keep an AVX-512 copy for the portable path, which then faults on an older CPU. For the
// same reason it owns no memory (no std::vector, no thread_local): scratch comes from the
// caller's Workspace (workspace.h), and scripts/check-kernel-symbols.sh checks the objects.
//
// A policy P describes one path:
//   using A;                    packed activation element (float, bf16, uint8_t, int16_t, ...)
//   kGroup                      k values per group (panel_layout.h)
//   kMr                         rows of the microkernel (register_tiles.h)
//   kGroupBytes                 bytes per group per panel
//   template <int MR> static void tile(int groups, const A* a, const std::byte* b,
//                                      const TileOut& out)
// The blocking is a run-time value derived from the CPU's caches (blocking.h), passed in:
//   kc_groups                   groups per k block; 0 = all of k (integer accumulators cannot
//                               be parked in the fp32 output between blocks)
//   nc_panels                   panels per n block: each packed activation tile is read once
//                               per n block and reused across its panels
// Activations are packed tile by tile, right before use: kMr rows (fewer in the last) by one k
// block, group-major inside, so the microkernel reads them in order and broadcasts one group
// per row. The caller says how (pack_panel): element by element here (element_packer), or with
// a path's vector instructions (avx512_pack.h).

#include <algorithm>
#include <cstddef>
#include <cstdint>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "workloads/kernels/detail/panel_layout.h"
#include "workloads/kernels/detail/paths.h"
#include "workloads/kernels/detail/workspace.h"
#include "workloads/kernels/linear.h"

#ifdef _OPENMP
// Uses the variable `threads` in scope.
#define JOULEBENCH_OMP_PARALLEL_FOR \
  _Pragma("omp parallel for num_threads(threads) schedule(dynamic, 1)")
#else
#define JOULEBENCH_OMP_PARALLEL_FOR
#endif

namespace joulebench::kernels::detail {
namespace {

// Where a microkernel writes its tile of up to kMr x 32 outputs, and what it applies on the way.
struct TileOut {
  float* c;
  int ldc;
  int cols;    // valid columns, 1..32
  bool first;  // first k block: overwrite instead of accumulating into c
  bool last;   // last k block: apply the epilogue
  // 32 values each, already offset to the tile's first column.
  const float* bias;
  const float* scale;        // integer paths: x_scale * w_scale[j]
  const std::int32_t* comp;  // integer paths: added to the int32 accumulator (unsigned shift)
  bool relu;
};

// The scalar epilogue of a float tile's row r: values[j] for j < cols, added to what earlier k
// blocks left in the output unless this is the first, then bias and ReLU after the last.
inline void store_float_row(const float* values, int r, const TileOut& o) {
  float* c = o.c + static_cast<std::size_t>(r) * o.ldc;
  for (int j = 0; j < o.cols; ++j) {
    float v = values[j];
    if (!o.first)
      v += c[j];
    if (o.last) {
      v += o.bias[j];
      if (o.relu)
        v = std::max(v, 0.0f);
    }
    c[j] = v;
  }
}

inline std::size_t round_up64(std::size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

template <class P, int R = P::kMr>
void tile_rows(int mr, int groups, const typename P::A* a, const std::byte* b, const TileOut& out) {
  if constexpr (R >= 1) {
    if (mr == R) {
      P::template tile<R>(groups, a, b, out);
      return;
    }
    tile_rows<P, R - 1>(mr, groups, a, b, out);
  }
}

// A packer for blocked_gemm that goes element by element: convert(row, i) gives the packed
// activation (row, i) for i < k; the last group is zero-padded.
template <class P, class Convert>
auto element_packer(int k, Convert convert) {
  return [k, convert](int r0, int mr, int g0, int gb, typename P::A* dst) {
    constexpr int G = P::kGroup;
    const int whole_end = std::min(g0 + gb, k / G);
    const std::size_t stride = static_cast<std::size_t>(mr) * G;
    // Row by row: reads run along the source rows; only the last group can be partial.
    for (int r = 0; r < mr; ++r) {
      typename P::A* row = dst + static_cast<std::size_t>(r) * G;
      for (int g = g0; g < whole_end; ++g)
        for (int e = 0; e < G; ++e)
          row[(g - g0) * stride + e] = convert(r0 + r, g * G + e);
      for (int g = std::max(g0, whole_end); g < g0 + gb; ++g)
        for (int e = 0; e < G; ++e)
          row[(g - g0) * stride + e] = g * G + e < k ? convert(r0 + r, g * G + e) : typename P::A{};
    }
  };
}

// pack_panel(r0, mr, g0, gb, dst) writes groups g0..g0+gb-1 of activation rows r0..r0+mr-1 as
// one packed tile: gb groups of mr x kGroup values, a partial last group of k zero-padded.
template <class P, class PackPanel>
void blocked_gemm(int m, int n, int k, PackPanel pack_panel, const std::byte* panels,
                  const float* bias, const float* scale, const std::int32_t* comp, float* y,
                  const LinearOptions& options, const PathContext& context) {
  using A = typename P::A;
  constexpr int G = P::kGroup;
  const int groups = ceil_div(k, G);
  const int npanels = ceil_div(n, kNr);
  const std::size_t npad = static_cast<std::size_t>(npanels) * kNr;

  const std::size_t v_bytes = round_up64(npad * 4);
  std::byte* base = context.workspace.get(Buffer::epilogue, 3 * v_bytes);
  float* bias_p = reinterpret_cast<float*>(base);
  float* scale_p = reinterpret_cast<float*>(base + v_bytes);
  auto* comp_p = reinterpret_cast<std::int32_t*>(base + 2 * v_bytes);
  for (std::size_t j = 0; j < npad; ++j) {
    const bool real = j < static_cast<std::size_t>(n);
    bias_p[j] = real && bias ? bias[j] : 0.0f;
    scale_p[j] = real && scale ? scale[j] : 1.0f;
    comp_p[j] = real && comp ? comp[j] : 0;
  }

  // One row panel (GEMV-like): k blocks would only make every weight panel a set of strided
  // 32 KiB pieces; streaming each panel whole lets the prefetchers run.
  const int kc_blocked = context.blocking.kc_groups;
  const int kc = kc_blocked > 0 && m > P::kMr ? std::min(kc_blocked, groups) : groups;
  const int nc = std::max(1, context.blocking.nc_panels);
  const int row_panels = ceil_div(m, P::kMr);
  const bool relu = options.activation == Activation::relu;

  // One packed activation tile per thread of the team, allocated here in the calling thread;
  // a unit gets its thread's: the team's thread number in the parallel loop below, 0 when the
  // caller runs it (even inside a caller's own parallel region, whose numbers would overrun).
  const int threads = options.threads;
  const std::size_t tile_bytes =
      round_up64(sizeof(A) * static_cast<std::size_t>(P::kMr) * static_cast<std::size_t>(kc) * G);
  std::byte* tiles = context.workspace.get(
      Buffer::tiles, tile_bytes * static_cast<std::size_t>(std::max(1, threads)));

  // One unit of work: a range of row panels times a range of weight panels, run through all of
  // k. Units write disjoint outputs, so threads need no barrier between k blocks; a descheduled
  // thread (a loaded machine) delays only its own units, and dynamic scheduling moves the rest.
  // A unit packs each activation tile right before the weight panels that use it: the tile is
  // still in L1 then, nothing is written to memory and read back, and threads pack in parallel.
  // The price is packing again per n block (once in all for n up to nc * 32).
  const auto run_unit = [&](std::size_t thread, int ir0, int ir1, int p0, int p1) {
    A* a_tile = reinterpret_cast<A*>(tiles + thread * tile_bytes);
    for (int jp0 = p0; jp0 < p1; jp0 += nc) {
      const int jp1 = std::min(p1, jp0 + nc);
      for (int g0 = 0; g0 < groups; g0 += kc) {
        const int gb = std::min(kc, groups - g0);
        for (int ir = ir0; ir < ir1; ++ir) {
          const int r0 = ir * P::kMr;
          const int mr = std::min(P::kMr, m - r0);
          pack_panel(r0, mr, g0, gb, a_tile);
          for (int jp = jp0; jp < jp1; ++jp) {
            const int j0 = jp * kNr;
            const TileOut out{y + static_cast<std::size_t>(r0) * n + j0,
                              n,
                              std::min(kNr, n - j0),
                              g0 == 0,
                              g0 + gb >= groups,
                              bias_p + j0,
                              scale_p + j0,
                              comp_p + j0,
                              relu};
            const std::byte* b_tile =
                panels + (static_cast<std::size_t>(jp) * groups + g0) * P::kGroupBytes;
            tile_rows<P>(mr, gb, a_tile, b_tile, out);
          }
        }
      }
    }
  };

  if (threads <= 1) {
    run_unit(0, 0, row_panels, 0, npanels);
    return;
  }
  // Four units per thread: split rows when there are enough, else outputs (GEMV). Units differ
  // in size by one panel at most: units of ceil(span / units) panels left a last one nearly
  // empty, and at 512 x 512 one of two threads a fifth more work than the other.
  const bool split_rows = row_panels >= 2 * threads;
  const int span = split_rows ? row_panels : npanels;
  const int units = std::min(span, 4 * threads);
  JOULEBENCH_OMP_PARALLEL_FOR
  for (int u = 0; u < units; ++u) {
    const int lo = u * span / units, hi = (u + 1) * span / units;
#ifdef _OPENMP
    const auto thread = static_cast<std::size_t>(omp_get_thread_num());
#else
    const std::size_t thread = 0;
#endif
    if (split_rows)
      run_unit(thread, lo, hi, 0, npanels);
    else
      run_unit(thread, 0, row_panels, lo, hi);
  }
}

}  // namespace
}  // namespace joulebench::kernels::detail

#include "workloads/kernels/detail/quantize_value.h"

namespace joulebench::kernels::detail {
namespace {

// quantized_gemm's make_packer for element-by-element packing: to_a(q) is the packed value of q.
template <class P, class ToA>
auto int8_element_packer(ToA to_a) {
  return [to_a](const std::int8_t* q, int k) {
    return element_packer<P>(
        k, [q, k, to_a](int r, int i) { return to_a(q[static_cast<std::size_t>(r) * k + i]); });
  };
}

// Quantized entry shared by the integer paths: per-output scales x_scale * w_scale[j], and for
// kernels that shift activations to unsigned (by 128 while packing), the compensation
// -128 * sum(w). make_packer(q, k) gives blocked_gemm's packer for int8 activations q (m x k).
template <class P, class MakePacker>
void quantized_gemm(Int8Source x, int m, const QuantizedWeights& w, const float* bias, float* y,
                    const LinearOptions& options, const PathContext& context, bool shifted,
                    MakePacker make_packer) {
  const int k = w.k(), n = w.n();
  const std::size_t v_bytes = round_up64(static_cast<std::size_t>(n) * 4);
  std::byte* base = context.workspace.get(Buffer::per_output, 2 * v_bytes);
  auto* scale = reinterpret_cast<float*>(base);
  auto* comp = reinterpret_cast<std::int32_t*>(base + v_bytes);
  for (int j = 0; j < n; ++j) {
    scale[j] = x.scale * w.scales()[j];
    comp[j] = shifted ? -128 * w.row_sums()[j] : 0;
  }
  // Float activations are quantized in one flat pass first (vectorised in this translation
  // unit's instruction set), not element by element while packing.
  const std::int8_t* q = x.q;
  if (!q) {
    const std::size_t count = static_cast<std::size_t>(m) * k;
    auto* quantized =
        reinterpret_cast<std::int8_t*>(context.workspace.get(Buffer::activations, count));
    for (std::size_t i = 0; i < count; ++i)
      quantized[i] = static_cast<std::int8_t>(quantize_value(x.f32[i], x.scale, 127));
    q = quantized;
  }
  blocked_gemm<P>(m, n, k, make_packer(q, k), w.panels().data(), bias, scale, comp, y, options,
                  context);
}

}  // namespace
}  // namespace joulebench::kernels::detail
