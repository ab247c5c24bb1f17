#include "harness/meters/perf_meter.h"

#include <errno.h>
#include <fmt/format.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace joulebench {
namespace {

// The RAPL energy events the kernel names, and the domain each becomes (per package).
struct KnownEvent {
  const char* event;
  const char* domain_prefix;
};
constexpr KnownEvent kEvents[] = {
    {"energy-pkg", "cpu.package-"},    {"energy-ram", "cpu.dram-"},
    {"energy-cores", "cpu.core-"},     {"energy-gpu", "cpu.uncore-"},
    {"energy-psys", "platform.psys-"},
};
constexpr Seconds kRaplUpdateInterval{1e-3};

int real_open(std::uint32_t type, std::uint64_t config, int cpu) noexcept {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = type;
  attr.config = config;
  // Counting only: the power PMU rejects sampling events.
  const long fd = ::syscall(SYS_perf_event_open, &attr, -1, cpu, -1, 0UL);
  return fd < 0 ? -errno : static_cast<int>(fd);
}

bool real_read(int fd, std::uint64_t* count) noexcept {
  return ::read(fd, count, sizeof *count) == static_cast<ssize_t>(sizeof *count);
}

void real_close(int fd) noexcept {
  ::close(fd);
}

std::optional<long long> parse_integer(std::string_view text, int base = 10) {
  if (base == 16 && text.starts_with("0x"))
    text.remove_prefix(2);
  // The whole text or nothing: "0x02zz" is no event number, nor "-2".
  long long value = 0;
  const char* const stop = text.data() + text.size();
  const auto [end, ec] = std::from_chars(text.data(), stop, value, base);
  if (text.empty() || text[0] == '-' || ec != std::errc() || end != stop)
    return std::nullopt;
  return value;
}

// The most CPUs a Linux kernel can have (x86 MAXSMP: NR_CPUS 8192): a cpumask naming a CPU past
// it is not one, and expanding "0-9223372036854775807" would never end.
constexpr long long kMaxCpuId = 8191;

// A CPU id as a cpumask item writes it: digits only, within the kernel's range.
std::optional<long long> parse_cpu_id(std::string_view text) {
  long long value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text[0] == '-' || ec != std::errc() || stop != end || value > kMaxCpuId)
    return std::nullopt;
  return value;
}

// "0,18" or "0-1": the CPUs that carry the package-wide events, one per package/die. Empty when
// any item is malformed or out of range: a cpumask that lies names no CPU.
std::vector<int> parse_cpu_list(const std::string& text) {
  std::vector<int> cpus;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find(',', begin);
    if (end == std::string::npos)
      end = text.size();
    const std::string_view item = std::string_view(text).substr(begin, end - begin);
    const std::size_t dash = item.find('-');
    const auto first = parse_cpu_id(item.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : parse_cpu_id(item.substr(dash + 1));
    if (!first || !last || *last < *first)
      return {};
    for (long long c = *first; c <= *last; ++c)
      cpus.push_back(static_cast<int>(c));
    begin = end + 1;
  }
  return cpus;
}

// "event=0x02" -> 2.
std::optional<std::uint64_t> parse_event_config(const std::string& text) {
  constexpr std::string_view kKey = "event=";
  const std::size_t at = text.find(kKey);
  if (at == std::string::npos)
    return std::nullopt;
  std::string_view value = std::string_view(text).substr(at + kKey.size());
  value = value.substr(0, value.find(','));
  const auto parsed = parse_integer(value, 16);
  if (!parsed)
    return std::nullopt;
  return static_cast<std::uint64_t>(*parsed);
}

std::string permission_reason(int error, const PerfSeam& seam) {
  const std::string paranoid = first_line(seam.files->read_text(seam.paranoid_path));
  return fmt::format(
      "perf_event_open of the power PMU was refused ({}; perf_event_paranoid={}): CPU-wide "
      "events need perf_event_paranoid <= 0, CAP_PERFMON (Linux 5.8+) or CAP_SYS_ADMIN; e.g. "
      "'sudo sysctl kernel.perf_event_paranoid=0' or 'sudo setcap cap_perfmon+ep joulebench'",
      std::strerror(error), paranoid.empty() ? "unknown" : paranoid);
}

}  // namespace

std::string resolve_perf_pmu_directory(const std::optional<std::string>& flag) {
  if (flag && !flag->empty())
    return *flag;
  if (const char* env = std::getenv(kPerfPmuRootVariable); env != nullptr && *env != '\0')
    return env;
  return kDefaultPerfPmuDirectory;
}

PerfSeam real_perf_seam() {
  PerfSeam seam;
  seam.pmu_directory = resolve_perf_pmu_directory(std::nullopt);
  seam.open_event = real_open;
  seam.read_count = real_read;
  seam.close_event = real_close;
  return seam;
}

PerfDiscovery discover_perf(const PerfSeam& seam) {
  PerfDiscovery out;
  const FileSystem& fs = *seam.files;
  const std::string& dir = seam.pmu_directory;
  // Every file here is a sysfs attribute: bounded, regular, parsed whole ("4abc" is no type).
  const auto type = parse_unsigned_attribute(fs.read_attribute(dir + "/type"));
  if (!type) {
    out.problem = fmt::format(
        "no perf 'power' PMU at {} (CPU without RAPL, kernel without RAPL perf events, or a VM)",
        dir);
    return out;
  }
  if (*type > std::numeric_limits<std::uint32_t>::max()) {
    out.problem = fmt::format("{}/type holds {}, not a perf PMU type", dir, *type);
    return out;
  }
  out.pmu_type = static_cast<std::uint32_t>(*type);
  out.present = true;
  const std::vector<int> cpus = parse_cpu_list(first_line(fs.read_attribute(dir + "/cpumask")));
  if (cpus.empty()) {
    out.problem = fmt::format("{}/cpumask names no CPU", dir);
    return out;
  }

  std::vector<PerfEvent> found;
  for (const KnownEvent& known : kEvents) {
    const std::string base = dir + "/events/" + known.event;
    const FileText description = fs.read_attribute(base);
    if (!description.ok())
      continue;  // this CPU has no such domain
    const auto config = parse_event_config(first_line(description));
    const FileText unit_file = fs.read_attribute(base + ".unit");
    const std::string unit = unit_file.text.ends_with('\n')
                                 ? unit_file.text.substr(0, unit_file.text.size() - 1)
                                 : unit_file.text;
    // Parsed whole, as the RAPL counters are: "2.3e-10abc" is not a scale, nor inf or nan.
    const double scale = parse_decimal_attribute(fs.read_attribute(base + ".scale")).value_or(0.0);
    if (!config || !unit_file.ok() || unit != "Joules" || !(scale > 0.0)) {
      out.passed_over.push_back(
          {known.event, "unexpected event description, unit or scale in sysfs"});
      continue;
    }
    for (std::size_t package = 0; package < cpus.size(); ++package) {
      found.push_back(PerfEvent{.event = known.event,
                                .domain = fmt::format("{}{}", known.domain_prefix, package),
                                .config = *config,
                                .cpu = cpus[package],
                                .joules_per_count = scale});
    }
  }

  // The same overlap rules as powercap: package + dram; psys contains the package; cores and
  // the client GPU plane are parts of it.
  const bool has_package = std::any_of(found.begin(), found.end(),
                                       [](const PerfEvent& e) { return e.event == "energy-pkg"; });
  for (PerfEvent& e : found) {
    if (e.event == "energy-pkg" || e.event == "energy-ram" ||
        (e.event == "energy-psys" && !has_package)) {
      out.events.push_back(std::move(e));
    } else if (e.event == "energy-psys") {
      out.passed_over.push_back({e.domain, "contains the package; package + dram are summed"});
    } else {
      out.passed_over.push_back({e.domain, "part of its package, which is summed"});
    }
  }
  if (out.events.empty()) {
    out.problem = fmt::format("the power PMU at {} offers no package, dram or psys event", dir);
    return out;
  }

  for (const PerfEvent& e : out.events) {
    const int fd = seam.open_event(out.pmu_type, e.config, e.cpu);
    if (fd >= 0) {
      seam.close_event(fd);
      continue;
    }
    out.problem = (-fd == EACCES || -fd == EPERM)
                      ? permission_reason(-fd, seam)
                      : fmt::format("perf_event_open({} on cpu {}) failed: {}", e.event, e.cpu,
                                    std::strerror(-fd));
    break;
  }
  return out;
}

PerfMeter::PerfMeter(PerfDiscovery discovery, PerfSeam seam, ClockFn wall_clock)
    : discovery_(std::move(discovery)),
      seam_(seam),
      wall_clock_(wall_clock),
      start_counts_(discovery_.events.size()),
      joules_(discovery_.events.size()) {
  for (std::size_t i = 0; i < discovery_.events.size(); ++i) {
    const PerfEvent& e = discovery_.events[i];
    domains_.push_back(EnergyDomain{.name = e.domain,
                                    .provenance = Provenance::measured,
                                    .resolution = Joules{e.joules_per_count},
                                    .update_interval = kRaplUpdateInterval});
    const int fd = seam_.open_event(discovery_.pmu_type, e.config, e.cpu);
    fds_.push_back(fd);
    if (fd < 0 || !seam_.read_count(fd, &start_counts_[i])) {
      if (failure_.empty())
        failure_ = fmt::format("cannot open {} on cpu {}: {}; {} stays at 0", e.event, e.cpu,
                               std::strerror(fd < 0 ? -fd : EIO), e.domain);
    }
  }
}

PerfMeter::~PerfMeter() {
  for (int fd : fds_) {
    if (fd >= 0)
      seam_.close_event(fd);
  }
}

std::string PerfMeter::method() const {
  std::vector<std::string> events;
  for (const PerfEvent& e : discovery_.events)
    events.push_back(fmt::format("{}=power/{}/ on cpu {}", e.domain, e.event, e.cpu));
  return fmt::format("RAPL through the perf power PMU (type {}), count x sysfs scale: {}",
                     discovery_.pmu_type, fmt::join(events, ", "));
}

EnergyReading PerfMeter::read() noexcept {
  std::lock_guard lock(mutex_);
  EnergyReading reading;
  reading.per_domain.reserve(fds_.size());
  for (std::size_t i = 0; i < fds_.size(); ++i) {
    std::uint64_t count = 0;
    if (fds_[i] >= 0 && seam_.read_count(fds_[i], &count)) {
      joules_[i] =
          static_cast<double>(count - start_counts_[i]) * discovery_.events[i].joules_per_count;
    } else if (fds_[i] >= 0 && failure_.empty()) {
      failure_ = fmt::format("reading {} failed; {} stopped advancing", discovery_.events[i].event,
                             discovery_.events[i].domain);
    }
    reading.per_domain.push_back(Joules{joules_[i]});
  }
  reading.time = wall_clock_();
  return reading;
}

std::optional<std::string> PerfMeter::failure() const {
  std::lock_guard lock(mutex_);
  if (failure_.empty())
    return std::nullopt;
  return failure_;
}

}  // namespace joulebench
