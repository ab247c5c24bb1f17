#include "common/huge_page_heap.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

constexpr std::string_view kMadvise = "always [madvise] never\n";
constexpr std::uintmax_t kLarge = kHugePageHeapMinInputBytes;

TEST(HugePageHeap, LargeInputsRestartWithTheTunable) {
  EXPECT_EQ(tunables_for_huge_page_heap(std::nullopt, kMadvise, kLarge), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunables_for_huge_page_heap(std::nullopt, "[always] madvise never", kLarge),
            "glibc.malloc.hugetlb=1");
}

TEST(HugePageHeap, TheUsersOtherTunablesAreKept) {
  EXPECT_EQ(tunables_for_huge_page_heap("glibc.malloc.arena_max=2", kMadvise, kLarge),
            "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST(HugePageHeap, AChoiceAlreadyMadeIsRespected) {
  // Set by the user (0 turns it off), or by the restart itself: never a second restart.
  EXPECT_EQ(tunables_for_huge_page_heap("glibc.malloc.hugetlb=0", kMadvise, kLarge), std::nullopt);
  EXPECT_EQ(tunables_for_huge_page_heap("glibc.malloc.hugetlb=1", kMadvise, kLarge), std::nullopt);
}

TEST(HugePageHeap, SmallInputsAreNotWorthARestart) {
  EXPECT_EQ(tunables_for_huge_page_heap(std::nullopt, kMadvise, kLarge - 1), std::nullopt);
}

TEST(HugePageHeap, NoRestartWhenTheKernelHasNoHugePagesToGive) {
  EXPECT_EQ(tunables_for_huge_page_heap(std::nullopt, "always madvise [never]\n", kLarge),
            std::nullopt);
  EXPECT_EQ(tunables_for_huge_page_heap(std::nullopt, "", kLarge), std::nullopt);  // unreadable
}

}  // namespace
}  // namespace joulebench
