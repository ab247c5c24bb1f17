// The blocking model (blocking.h).
//
// The loop nest (detail/blocked_gemm.h): for each n block of nc panels, for each k block of kc
// groups, for each row panel of kMr rows: pack a kMr x kc activation tile, then run the
// microkernel over the nc weight panels, each reading a kc-group slice of its panel. The tile is
// reused across the nc panels; a panel slice is reused across row panels.
//
// kc. The classic GotoBLAS/BLIS analysis: the activation tile and the weight panel slice the
// microkernel streams beside it must stay in the cache the microkernel reads from. Which cache
// that is follows from the register tile: a tall tile (8 or more rows) does 2 x rows FMAs per
// two weight vectors loaded, so its weights can come from L2 at full speed, and kc is sized
// against half of L2 (the other half holds the output rows and the next slice being
// prefetched); a short tile (2 or 4 rows) reloads weights every few FMAs and needs them in L1d,
// so kc is sized against L1d. Measured on Zen 5 (README, "Kernels and performance"): for fp32
// AVX-512, all of k up to 2048 (k blocks of 256 sized for L1 gave 0.89x oneDNN at 2048, 2048
// gave 1.02x: fewer passes over the output win); for AVX2 and portable fp32, 256.
// bf16 AVX-512 covers the same k values as fp32 (its blocks were set to fp32's, in k values, and
// match oneDNN: README), i.e. half as many groups of two.
// Integer paths never split k: int32 accumulators cannot be parked in the fp32 output.
//
// nc. A tall tile's k block lives in L2, so the weights of an n block stream from L3 anyway; what
// nc buys is reuse of the packed activation tile (packed once per n block) and fewer passes over
// the output. It is as large as keeps one row panel's outputs of the block (kMr x nc x 32 fp32)
// in L1d: 32 panels (1024 outputs) at 12 rows and 48 KiB. A short tile's k block lives in L1d,
// and the weights of its n block (nc slices of kc groups) are reused across row panels from
// L2: nc is as large as fits half of L2, 16 panels at kc 256 and 1 MiB.
// The integer paths' nc (8 to 32) are measured on Zen 5 and no cache model reproduced them; they
// are kept as measured for every CPU.
//
// Every count is rounded down to a power of two (as measured: the loop nest's ends then align
// with the panel and k sizes the benchmarks use) and clamped to a sane range.

#include "workloads/kernels/blocking.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>

#include "workloads/kernels/detail/register_tiles.h"

namespace joulebench::kernels {

namespace {

using detail::RegisterTile;

constexpr int kTallTileRows = 8;

const RegisterTile& register_tile(KernelPath path, Precision precision) {
  switch (precision) {
    case Precision::fp32:
      if (path == KernelPath::avx512)
        return detail::kTileFp32Avx512;
      if (path == KernelPath::avx2)
        return detail::kTileFp32Avx2;
      return detail::kTileFp32Portable;
    case Precision::bf16:
      return path == KernelPath::avx512_bf16 ? detail::kTileBf16Avx512 : detail::kTileBf16Portable;
    case Precision::int8:
      if (path == KernelPath::avx512_vnni)
        return detail::kTileInt8Vnni;
      if (path == KernelPath::avx2)
        return detail::kTileInt8Avx2;
      return detail::kTileInt8Portable;
    case Precision::int4:
      return path == KernelPath::avx512_vnni ? detail::kTileInt4Vnni : detail::kTileInt4Portable;
  }
  return detail::kTileFp32Portable;
}

// Measured on Zen 5 (see the top of this file).
int integer_nc_panels(KernelPath path, Precision precision) {
  if (path == KernelPath::avx512_vnni)
    return precision == Precision::int8 ? 32 : 16;
  if (path == KernelPath::avx2 && precision == Precision::int8)
    return 8;
  return 16;
}

std::size_t plausible(std::size_t bytes, std::size_t lo, std::size_t hi, std::size_t fallback) {
  return bytes >= lo && bytes <= hi ? bytes : fallback;
}

// The largest power of two <= value, clamped to [lo, hi].
int pow2_at_most(std::size_t value, int lo, int hi) {
  const std::size_t p = value == 0 ? 0 : std::bit_floor(value);
  return static_cast<int>(
      std::clamp<std::size_t>(p, static_cast<std::size_t>(lo), static_cast<std::size_t>(hi)));
}

constexpr int kMinKcGroups = 16, kMaxKcGroups = 8192, kMaxNcPanels = 64;

}  // namespace

Blocking blocking_for(KernelPath path, Precision precision, const CacheSizes& caches) {
  const std::size_t l1d = plausible(caches.l1d, 8 << 10, 2 << 20, kDefaultL1dBytes);
  const std::size_t l2 = plausible(caches.l2, 128 << 10, 64 << 20, kDefaultL2Bytes);
  const RegisterTile& tile = register_tile(path, precision);
  if (!tile.splits_k)
    return {.kc_groups = 0, .nc_panels = integer_nc_panels(path, precision), .group = tile.group};

  if (precision == Precision::bf16 && path == KernelPath::avx512_bf16) {
    const Blocking fp32 = blocking_for(KernelPath::avx512, Precision::fp32, caches);
    return {.kc_groups = std::max(kMinKcGroups, fp32.kc_groups / tile.group),
            .nc_panels = fp32.nc_panels,
            .group = tile.group};
  }

  const bool tall = tile.rows >= kTallTileRows;
  const std::size_t group_bytes =
      static_cast<std::size_t>(tile.rows) * tile.a_group_bytes + tile.w_group_bytes;
  const int kc = pow2_at_most((tall ? l2 / 2 : l1d) / group_bytes, kMinKcGroups, kMaxKcGroups);
  const std::size_t nc_limit =
      tall ? l1d / (static_cast<std::size_t>(tile.rows) * detail::kNr * sizeof(float))
           : l2 / 2 / (static_cast<std::size_t>(kc) * tile.w_group_bytes);
  return {
      .kc_groups = kc, .nc_panels = pow2_at_most(nc_limit, 1, kMaxNcPanels), .group = tile.group};
}

std::string describe(const Blocking& blocking) {
  return blocking.kc_groups > 0
             ? fmt::format("kc {}, nc {} panels", blocking.kc_groups * blocking.group,
                           blocking.nc_panels)
             : fmt::format("kc all of k, nc {} panels", blocking.nc_panels);
}

}  // namespace joulebench::kernels
