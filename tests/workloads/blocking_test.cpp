// The blocking model (workloads/kernels/blocking.h): the constants measured on Zen 5 come out of
// Zen 5's caches, another CPU's caches give the values the model derives, unknown or absurd
// cache sizes give the defaults.

#include "workloads/kernels/blocking.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace joulebench::kernels {
namespace {

struct Expected {
  KernelPath path;
  Precision precision;
  int kc_groups;
  int nc_panels;
};

// AMD EPYC Zen 5 (family 26 model 2): 48 KiB L1d, 1 MiB L2 per core.
const CacheSizes kZen5{.l1d = 48 << 10, .l2 = 1 << 20, .l3 = 32 << 20, .source = "fixture"};
// Intel Xeon, Emerald Rapids (family 6 model 207), issue 17: 48 KiB L1d, 2 MiB L2, 260 MiB L3.
const CacheSizes kEmeraldRapids{
    .l1d = 48 << 10, .l2 = 2 << 20, .l3 = std::size_t{260} << 20, .source = "fixture"};

void expect_blocking(const CacheSizes& caches, const std::vector<Expected>& table) {
  for (const Expected& e : table) {
    const Blocking b = blocking_for(e.path, e.precision, caches);
    EXPECT_EQ(std::tie(b.kc_groups, b.nc_panels), std::tie(e.kc_groups, e.nc_panels))
        << to_string(e.precision) << " " << to_string(e.path) << ": " << describe(b);
  }
}

// The values each path's policy had as constants, chosen by measurement on Zen 5.
const std::vector<Expected> kMeasuredOnZen5{
    {KernelPath::avx512, Precision::fp32, 2048, 32},
    {KernelPath::avx512_bf16, Precision::bf16, 1024, 32},
    {KernelPath::avx512_vnni, Precision::int8, 0, 32},
    {KernelPath::avx512_vnni, Precision::int4, 0, 16},
    {KernelPath::avx2, Precision::fp32, 256, 16},
    {KernelPath::avx2, Precision::int8, 0, 8},
    {KernelPath::portable, Precision::fp32, 256, 16},
    {KernelPath::portable, Precision::bf16, 256, 16},
    {KernelPath::portable, Precision::int8, 0, 16},
    {KernelPath::portable, Precision::int4, 0, 16},
};

TEST(Blocking, Zen5CachesGiveTheConstantsMeasuredThere) {
  expect_blocking(kZen5, kMeasuredOnZen5);
}

// Twice the L2: the tall AVX-512 tiles' k blocks double (half of L2 over 176 bytes per group),
// their n blocks stay (L1d is the same); the short tiles keep their L1d-sized k blocks and put
// twice the panels in an n block. The integer paths do not depend on the caches.
TEST(Blocking, EmeraldRapidsCachesGiveTheDerivedValues) {
  expect_blocking(kEmeraldRapids, {
                                      {KernelPath::avx512, Precision::fp32, 4096, 32},
                                      {KernelPath::avx512_bf16, Precision::bf16, 2048, 32},
                                      {KernelPath::avx512_vnni, Precision::int8, 0, 32},
                                      {KernelPath::avx512_vnni, Precision::int4, 0, 16},
                                      {KernelPath::avx2, Precision::fp32, 256, 32},
                                      {KernelPath::avx2, Precision::int8, 0, 8},
                                      {KernelPath::portable, Precision::fp32, 256, 32},
                                      {KernelPath::portable, Precision::bf16, 256, 32},
                                  });
}

// A small older core: 32 KiB L1d, 256 KiB L2 (Skylake client).
TEST(Blocking, SmallCachesGiveSmallerBlocks) {
  const CacheSizes skylake{.l1d = 32 << 10, .l2 = 256 << 10, .l3 = 0, .source = "fixture"};
  expect_blocking(skylake, {
                               {KernelPath::avx512, Precision::fp32, 512, 16},
                               {KernelPath::avx512_bf16, Precision::bf16, 256, 16},
                               {KernelPath::avx2, Precision::fp32, 128, 8},
                               {KernelPath::portable, Precision::fp32, 128, 8},
                           });
}

TEST(Blocking, UnknownCachesFallBackToTheZen5Defaults) {
  expect_blocking(CacheSizes{}, kMeasuredOnZen5);
}

TEST(Blocking, ImplausibleCachesFallBackToTheDefaultsOneByOne) {
  // An L1d of 1 byte and an L2 of 1 TiB are not caches: each is replaced by its default.
  expect_blocking(CacheSizes{.l1d = 1, .l2 = std::size_t{1} << 40, .l3 = 0, .source = "bad"},
                  kMeasuredOnZen5);
  // A plausible L2 is kept while the implausible L1d falls back.
  const Blocking b = blocking_for(KernelPath::avx512, Precision::fp32,
                                  CacheSizes{.l1d = 0, .l2 = 2 << 20, .l3 = 0, .source = ""});
  EXPECT_EQ(b.kc_groups, 4096);
  EXPECT_EQ(b.nc_panels, 32);
}

TEST(Blocking, HugeCachesStayWithinTheClamps) {
  const CacheSizes huge{.l1d = 2 << 20, .l2 = 64 << 20, .l3 = 0, .source = "fixture"};
  for (const Expected& e : kMeasuredOnZen5) {
    const Blocking b = blocking_for(e.path, e.precision, huge);
    EXPECT_LE(b.kc_groups, 8192);
    EXPECT_GE(b.nc_panels, 1);
    EXPECT_LE(b.nc_panels, 64);
  }
}

TEST(Blocking, PairsNoCpuTakesGetThePortableBlocking) {
  const Blocking b = blocking_for(KernelPath::avx2, Precision::bf16, kZen5);
  const Blocking portable = blocking_for(KernelPath::portable, Precision::bf16, kZen5);
  EXPECT_EQ(std::tie(b.kc_groups, b.nc_panels), std::tie(portable.kc_groups, portable.nc_panels));
}

TEST(Blocking, DescriptionGivesKInValues) {
  EXPECT_EQ(describe(blocking_for(KernelPath::avx512, Precision::fp32, kZen5)),
            "kc 2048, nc 32 panels");
  // 1024 groups of two bf16 values.
  EXPECT_EQ(describe(blocking_for(KernelPath::avx512_bf16, Precision::bf16, kZen5)),
            "kc 2048, nc 32 panels");
  EXPECT_EQ(describe(blocking_for(KernelPath::avx512_vnni, Precision::int8, kZen5)),
            "kc all of k, nc 32 panels");
}

}  // namespace
}  // namespace joulebench::kernels
