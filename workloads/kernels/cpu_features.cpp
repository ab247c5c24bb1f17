#include "workloads/kernels/cpu_features.h"

#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "workloads/kernels/blocking.h"
#include "workloads/kernels/cache_sizes.h"

namespace joulebench::kernels {

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = [] {
    CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
    // GCC's checks include the OS's XSAVE state (XCR0), so a kernel that does not save the
    // AVX-512 registers reads as no AVX-512.
    __builtin_cpu_init();
    f.avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    f.avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
    f.avx512_vnni = f.avx512 && __builtin_cpu_supports("avx512vnni");
    f.avx512_bf16 = f.avx512 && __builtin_cpu_supports("avx512bf16");
#endif
    return f;
  }();
  return features;
}

namespace {

// -1: follow the environment.
std::atomic<int> cap_override{-1};

IsaCap cap_from_environment() {
  const char* value = std::getenv("JOULEBENCH_KERNEL_ISA");
  if (!value || !*value)
    return IsaCap::avx512;
  const std::string_view v(value);
  if (v == "portable")
    return IsaCap::portable;
  if (v == "avx2")
    return IsaCap::avx2;
  if (v == "avx512")
    return IsaCap::avx512;
  throw std::runtime_error(
      fmt::format("JOULEBENCH_KERNEL_ISA='{}' is not one of portable, avx2, avx512", value));
}

}  // namespace

IsaCap isa_cap() {
  const int forced = cap_override.load();
  if (forced >= 0)
    return static_cast<IsaCap>(forced);
  static const IsaCap from_environment = cap_from_environment();  // read once: kernels call this
  return from_environment;
}

void set_isa_cap(IsaCap cap) {
  cap_override.store(static_cast<int>(cap));
}
void reset_isa_cap() {
  cap_override.store(-1);
}

KernelPath path_for(Precision precision) {
  return path_for(precision, cpu_features(), isa_cap());
}

KernelPath path_for(Precision precision, const CpuFeatures& f, IsaCap cap) {
  const bool avx512 = cap == IsaCap::avx512 && f.avx512;
  const bool avx2 = cap != IsaCap::portable && f.avx2;
  using P = KernelPath;
  switch (precision) {
    case Precision::fp32:
      return avx512 ? P::avx512 : avx2 ? P::avx2 : P::portable;
    case Precision::bf16:
      return avx512 && f.avx512_bf16 ? P::avx512_bf16 : P::portable;
    case Precision::int8:
      return avx512 && f.avx512_vnni ? P::avx512_vnni : avx2 ? P::avx2 : P::portable;
    case Precision::int4:
      return avx512 && f.avx512_vnni ? P::avx512_vnni : P::portable;
  }
  return P::portable;
}

const char* to_string(KernelPath path) {
  switch (path) {
    case KernelPath::portable:
      return "portable";
    case KernelPath::avx2:
      return "avx2";
    case KernelPath::avx512:
      return "avx512";
    case KernelPath::avx512_vnni:
      return "avx512-vnni";
    case KernelPath::avx512_bf16:
      return "avx512-bf16";
  }
  return "?";
}

std::string kernel_path(Precision precision) {
  return to_string(path_for(precision));
}

const char* to_string(Precision precision) {
  switch (precision) {
    case Precision::fp32:
      return "fp32";
    case Precision::bf16:
      return "bf16";
    case Precision::int8:
      return "int8";
    case Precision::int4:
      return "int4";
  }
  return "?";
}

std::string describe_kernels() {
  const CpuFeatures& f = cpu_features();
  std::vector<std::string> have;
  if (f.avx2)
    have.emplace_back("avx2+fma");
  if (f.avx512)
    have.emplace_back("avx512f/bw/vl/dq");
  if (f.avx512_vnni)
    have.emplace_back("avx512-vnni");
  if (f.avx512_bf16)
    have.emplace_back("avx512-bf16");
  const CacheSizes& caches = cpu_caches();
  std::vector<std::string> paths;
  for (Precision p : {Precision::fp32, Precision::bf16, Precision::int8, Precision::int4}) {
    const KernelPath path = path_for(p);
    paths.push_back(fmt::format("{} {} ({})", to_string(p), to_string(path),
                                describe(blocking_for(path, p, caches))));
  }
  return fmt::format(
      "cpu: {}; kernels: {}; blocking from {}{}",
      have.empty() ? "baseline" : fmt::format("{}", fmt::join(have, " ")), fmt::join(paths, ", "),
      describe(caches),
      caches.source.empty() ? " (defaults: caches unknown)" : fmt::format(" ({})", caches.source));
}

}  // namespace joulebench::kernels
