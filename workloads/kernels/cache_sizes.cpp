// Reading the cache sizes (cache_sizes.h).

#include "workloads/kernels/cache_sizes.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace joulebench::kernels {

namespace {

// sysfs files here are a few bytes; a longer one is not what we expect.
std::optional<std::string> read_small_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::array<char, 64> buffer{};
  in.read(buffer.data(), buffer.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  if (got == 0 || got == buffer.size())
    return std::nullopt;
  std::string text(buffer.data(), got);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

// "48K" -> 49152; "1024K", "2M", "123" (bytes). 0 for anything else, or above 1 TiB.
std::size_t parse_size(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data())
    return 0;
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  std::uint64_t multiplier = 0;
  if (unit.empty())
    multiplier = 1;
  else if (unit == "K")
    multiplier = 1ull << 10;
  else if (unit == "M")
    multiplier = 1ull << 20;
  else if (unit == "G")
    multiplier = 1ull << 30;
  constexpr std::uint64_t kMax = 1ull << 40;
  if (multiplier == 0 || value > kMax / multiplier)
    return 0;
  return static_cast<std::size_t>(value * multiplier);
}

// Level 1 data, level 2 and 3 data or unified; instruction caches are left out.
void record(CacheSizes& caches, int level, bool data, std::size_t bytes) {
  if (!data || bytes == 0)
    return;
  std::size_t* slot = level == 1   ? &caches.l1d
                      : level == 2 ? &caches.l2
                      : level == 3 ? &caches.l3
                                   : nullptr;
  if (slot && *slot == 0)
    *slot = bytes;
}

}  // namespace

CacheSizes caches_from_sysfs(const std::filesystem::path& cache_dir) {
  CacheSizes caches;
  for (int index = 0; index < 16; ++index) {
    const std::filesystem::path dir = cache_dir / fmt::format("index{}", index);
    const auto level = read_small_file(dir / "level");
    const auto type = read_small_file(dir / "type");
    const auto size = read_small_file(dir / "size");
    if (!level || !type || !size)
      continue;
    record(caches, level->size() == 1 ? (*level)[0] - '0' : 0,
           *type == "Data" || *type == "Unified", parse_size(*size));
  }
  if (caches.l1d || caches.l2 || caches.l3)
    caches.source = "sysfs";
  return caches;
}

CacheSizes caches_from_cpuid() {
  CacheSizes caches;
#if defined(__x86_64__) || defined(__i386__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  // Deterministic cache parameters: leaf 4 (Intel), 0x8000001D (AMD), the same layout. Type 1 is
  // data, 3 unified, 0 ends the list.
  for (const unsigned leaf : {4u, 0x8000001du}) {
    for (unsigned sub = 0; sub < 16; ++sub) {
      if (!__get_cpuid_count(leaf, sub, &a, &b, &c, &d))
        break;
      const unsigned type = a & 31u;
      if (type == 0)
        break;
      const std::size_t ways = ((b >> 22) & 0x3ffu) + 1, partitions = ((b >> 12) & 0x3ffu) + 1,
                        line = (b & 0xfffu) + 1, sets = std::size_t{c} + 1;
      record(caches, static_cast<int>((a >> 5) & 7u), type == 1 || type == 3,
             ways * partitions * line * sets);
    }
    if (caches.l1d || caches.l2)
      break;
  }
  // AMD's older leaves, which some hypervisors expose when they hide 0x8000001D: ECX[31:24] of
  // 0x80000005 is the L1d in KiB, ECX[31:16] of 0x80000006 the L2 in KiB, EDX[31:18] the L3 in
  // 512 KiB units. Intel reports 0 in the L1 leaf.
  if (!caches.l1d && __get_cpuid(0x80000005u, &a, &b, &c, &d))
    caches.l1d = std::size_t{c >> 24} << 10;
  if (__get_cpuid(0x80000006u, &a, &b, &c, &d)) {
    if (!caches.l2)
      caches.l2 = std::size_t{c >> 16} << 10;
    if (!caches.l3)
      caches.l3 = std::size_t{d >> 18} << 19;
  }
#endif
  if (caches.l1d || caches.l2 || caches.l3)
    caches.source = "cpuid";
  return caches;
}

const CacheSizes& cpu_caches() {
  static const CacheSizes caches = [] {
    CacheSizes from_sysfs = caches_from_sysfs("/sys/devices/system/cpu/cpu0/cache");
    if (from_sysfs.l1d && from_sysfs.l2)
      return from_sysfs;
    return caches_from_cpuid();
  }();
  return caches;
}

namespace {
std::string bytes_text(std::size_t bytes) {
  if (bytes == 0)
    return "?";
  if (bytes % (1u << 20) == 0)
    return fmt::format("{} MiB", bytes >> 20);
  if (bytes % (1u << 10) == 0)
    return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} B", bytes);
}
}  // namespace

std::string describe(const CacheSizes& caches) {
  return fmt::format("L1d {} / L2 {}", bytes_text(caches.l1d), bytes_text(caches.l2));
}

}  // namespace joulebench::kernels
