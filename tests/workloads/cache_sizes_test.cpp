// Reading the cache sizes the blocking is derived from (workloads/kernels/cache_sizes.h): sysfs
// fixture folders in the shape Linux writes them, and whatever this host's CPUID says (only
// checked for plausibility: tests never depend on the host).

#include "workloads/kernels/cache_sizes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace joulebench::kernels {
namespace {

namespace fs = std::filesystem;

class SysfsCaches : public testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::path(testing::TempDir()) /
        (std::string("caches_") + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void add(int index, const std::string& level, const std::string& type, const std::string& size) {
    const fs::path dir = root_ / ("index" + std::to_string(index));
    fs::create_directories(dir);
    std::ofstream(dir / "level") << level << "\n";
    std::ofstream(dir / "type") << type << "\n";
    std::ofstream(dir / "size") << size << "\n";
  }

  fs::path root_;
};

// What Linux shows on the Zen 5 VM's cpu0, instruction cache included.
TEST_F(SysfsCaches, ReadsDataAndUnifiedCachesByLevel) {
  add(0, "1", "Data", "48K");
  add(1, "1", "Instruction", "32K");
  add(2, "2", "Unified", "1024K");
  add(3, "3", "Unified", "32768K");
  const CacheSizes c = caches_from_sysfs(root_);
  EXPECT_EQ(c.l1d, 48u << 10);
  EXPECT_EQ(c.l2, 1u << 20);
  EXPECT_EQ(c.l3, 32u << 20);
  EXPECT_EQ(c.source, "sysfs");
  EXPECT_EQ(describe(c), "L1d 48 KiB / L2 1 MiB");
}

TEST_F(SysfsCaches, TheInstructionCacheIsNeverTakenForL1d) {
  add(0, "1", "Instruction", "64K");
  add(1, "1", "Data", "32K");
  add(2, "2", "Unified", "2M");
  const CacheSizes c = caches_from_sysfs(root_);
  EXPECT_EQ(c.l1d, 32u << 10);
  EXPECT_EQ(c.l2, 2u << 20);
}

TEST_F(SysfsCaches, MalformedOrMissingFilesLeaveSizesUnknown) {
  add(0, "1", "Data", "lots");
  add(1, "2", "Unified", "-5K");
  add(2, "3", "Unified", "99999999999999999999K");
  fs::create_directories(root_ / "index3");  // no files at all
  add(4, "x", "Data", "48K");                // no level
  const CacheSizes c = caches_from_sysfs(root_);
  EXPECT_EQ(c.l1d, 0u);
  EXPECT_EQ(c.l2, 0u);
  EXPECT_EQ(c.l3, 0u);
  EXPECT_EQ(c.source, "");
  EXPECT_EQ(describe(c), "L1d ? / L2 ?");
}

TEST_F(SysfsCaches, AFolderThatDoesNotExistGivesNothing) {
  const CacheSizes c = caches_from_sysfs(root_ / "absent");
  EXPECT_EQ(c.l1d + c.l2 + c.l3, 0u);
  EXPECT_EQ(c.source, "");
}

TEST_F(SysfsCaches, AnOversizedFileIsIgnored) {
  add(0, "1", "Data", std::string(200, '4'));
  EXPECT_EQ(caches_from_sysfs(root_).l1d, 0u);
}

// Whatever this host reports is either unknown or a plausible size: never an absurd figure.
TEST(CpuCaches, ThisHostReportsPlausibleSizesOrNone) {
  const CacheSizes& c = cpu_caches();
  EXPECT_TRUE(c.l1d == 0 || (c.l1d >= (4u << 10) && c.l1d <= (4u << 20))) << c.l1d;
  EXPECT_TRUE(c.l2 == 0 || (c.l2 >= (64u << 10) && c.l2 <= (1u << 30))) << c.l2;
  EXPECT_EQ(&cpu_caches(), &c);  // read once
}

}  // namespace
}  // namespace joulebench::kernels
