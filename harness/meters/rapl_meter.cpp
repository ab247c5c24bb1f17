#include "harness/meters/rapl_meter.h"

#include <errno.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace joulebench {
namespace {

constexpr std::string_view kMsrControl = "intel-rapl";
constexpr std::string_view kMmioControl = "intel-rapl-mmio";
// RAPL status registers refresh about every millisecond (Intel SDM Vol. 3B; AMD likewise).
constexpr Seconds kRaplUpdateInterval{1e-3};

bool is_hex(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(c) != 0; });
}

// "intel-rapl:0" -> 1 level, "intel-rapl:0:a" -> 2 levels; anything else -> 0.
int zone_depth(std::string_view id, std::string_view control) {
  if (!id.starts_with(control) || id.size() <= control.size() || id[control.size()] != ':')
    return 0;
  std::string_view rest = id.substr(control.size() + 1);
  int depth = 0;
  while (true) {
    const std::size_t colon = rest.find(':');
    if (!is_hex(rest.substr(0, colon)))
      return 0;
    ++depth;
    if (colon == std::string_view::npos)
      return depth;
    rest = rest.substr(colon + 1);
  }
}

std::string permission_advice(const std::string& path) {
  return fmt::format(
      "cannot read {}: permission denied (energy_uj is root-only since the 2020 PLATYPUS fix, "
      "CVE-2020-8694); run as root, or grant read access with 'sudo chmod a+r "
      "/sys/class/powercap/intel-rapl*/energy_uj' (a udev rule makes it permanent), or use "
      "the meter 'perf' with CAP_PERFMON",
      path);
}

// "package-1" -> "1", "package-0-die-1" -> "0-die-1"; other names give no socket.
std::optional<std::string> socket_of(std::string_view package_name) {
  constexpr std::string_view kPrefix = "package-";
  if (!package_name.starts_with(kPrefix) || package_name.size() == kPrefix.size())
    return std::nullopt;
  return std::string(package_name.substr(kPrefix.size()));
}

std::string domain_for(std::string_view name, std::string_view parent_name, std::string_view id) {
  if (parent_name.empty()) {  // a top-level zone
    if (name.starts_with("package-"))
      return fmt::format("cpu.{}", name);
    if (name == "psys")
      return "platform.psys";
    return fmt::format("rapl.{}", id);
  }
  if (const auto socket = socket_of(parent_name))
    return fmt::format("cpu.{}-{}", name, *socket);
  return fmt::format("rapl.{}", id);
}

struct FoundZone {
  std::string id;
  std::string control;
  std::string directory;
};

// Zones appear both flat (/sys/class/powercap/intel-rapl:0:0) and nested
// (intel-rapl:0/intel-rapl:0:0); ids are unique per control type, so collect by id.
std::map<std::string, FoundZone> find_zones(const std::string& root, const FileSystem& fs) {
  std::map<std::string, FoundZone> found;
  auto visit = [&](const std::string& dir, auto&& self) -> void {
    for (const std::string& entry : fs.list_directory(dir)) {
      for (std::string_view control : {kMmioControl, kMsrControl}) {
        if (zone_depth(entry, control) == 0)
          continue;
        const std::string path = dir + "/" + entry;
        if (found.emplace(entry, FoundZone{entry, std::string(control), path}).second)
          self(path, self);
        break;
      }
      // The control-type directory ("intel-rapl") holds the zones on a real system.
      if ((entry == kMsrControl || entry == kMmioControl) && dir == root)
        self(dir + "/" + entry, self);
    }
  };
  visit(root, visit);
  return found;
}

std::string parent_id(const std::string& id) {
  const std::size_t last = id.rfind(':');
  return id.substr(0, last);
}

}  // namespace

std::string resolve_powercap_root(const std::optional<std::string>& flag) {
  if (flag && !flag->empty())
    return *flag;
  if (const char* env = std::getenv(kPowercapRootVariable); env != nullptr && *env != '\0')
    return env;
  return kDefaultPowercapRoot;
}

RaplDiscovery discover_rapl(const std::string& root, const FileSystem& fs) {
  RaplDiscovery out;
  if (!fs.exists(root)) {
    out.problem = fmt::format(
        "no powercap tree at {} (no RAPL driver, a VM, or a container masking "
        "/sys/devices/virtual/powercap)",
        root);
    return out;
  }
  const std::map<std::string, FoundZone> found = find_zones(root, fs);
  if (found.empty()) {
    out.problem = fmt::format("no intel-rapl zones under {} (CPU without RAPL, or a VM)", root);
    return out;
  }
  out.present = true;

  std::map<std::string, std::string> names;  // id -> `name`
  for (const auto& [id, zone] : found)
    names[id] = first_line(fs.read_attribute(zone.directory + "/name"));

  std::vector<RaplZone> msr;
  std::vector<RaplZone> mmio;
  for (const auto& [id, zone] : found) {
    const std::string& name = names[id];
    if (name.empty()) {
      out.passed_over.push_back({zone.directory, "no readable 'name' file"});
      continue;
    }
    const bool nested = zone_depth(id, zone.control) > 1;
    const std::string parent_name = nested ? names[parent_id(id)] : std::string();
    RaplZone z{id, name, domain_for(name, parent_name, id), zone.directory, 0};

    const FileText energy = fs.read_attribute(z.directory + "/energy_uj");
    if (energy.error == EACCES || energy.error == EPERM) {
      out.problem = permission_advice(z.directory + "/energy_uj");
      out.zones.clear();
      return out;
    }
    const std::optional<std::uint64_t> energy_uj = parse_unsigned_attribute(energy);
    if (!energy_uj) {
      out.passed_over.push_back({z.domain, energy.ok() ? "energy_uj is not a number"
                                                       : fmt::format("energy_uj unreadable: {}",
                                                                     describe_error(energy))});
      continue;
    }
    const auto range =
        parse_unsigned_attribute(fs.read_attribute(z.directory + "/max_energy_range_uj"));
    if (!range || *range == 0) {
      out.passed_over.push_back(
          {z.domain, "no max_energy_range_uj, so a wrapped counter could not be unwrapped"});
      continue;
    }
    if (*energy_uj > *range) {
      out.passed_over.push_back(
          {z.domain, fmt::format("energy_uj {} is above its max_energy_range_uj {}: the counter "
                                 "cannot be trusted",
                                 *energy_uj, *range)});
      continue;
    }
    z.max_energy_range_uj = *range;
    (zone.control == kMmioControl ? mmio : msr).push_back(std::move(z));
  }

  out.zones = msr;
  for (RaplZone& z : mmio) {
    const bool duplicate = std::any_of(msr.begin(), msr.end(),
                                       [&](const RaplZone& m) { return m.domain == z.domain; });
    if (duplicate) {
      out.passed_over.push_back(
          {z.domain + " (" + z.id + ")", "the same domain as the MSR zone of that name"});
    } else {
      out.zones.push_back(std::move(z));
    }
  }
  if (out.zones.empty())
    out.problem = fmt::format("no readable RAPL zone under {}", root);
  return out;
}

RaplPlan plan_disjoint_zones(const std::vector<RaplZone>& zones) {
  RaplPlan plan;
  const bool has_package = std::any_of(zones.begin(), zones.end(), [](const RaplZone& z) {
    return z.domain.starts_with("cpu.package-");
  });
  for (const RaplZone& z : zones) {
    if (z.domain.starts_with("cpu.package-") || z.domain.starts_with("cpu.dram-")) {
      plan.summed.push_back(z);
    } else if (z.zone_name == "psys") {
      if (has_package) {
        plan.passed_over.push_back(
            {z.domain, "contains the package; package + dram are summed instead"});
      } else {
        plan.summed.push_back(z);
      }
    } else if (z.zone_name == "core" || z.zone_name == "uncore") {
      plan.passed_over.push_back({z.domain, "part of its package, which is summed"});
    } else {
      plan.passed_over.push_back({z.domain, "unknown RAPL zone; overlap unknown, not summed"});
    }
  }
  return plan;
}

RaplStep judge_rapl_step(std::uint64_t previous_uj, std::uint64_t now_uj, std::uint64_t range_uj,
                         Seconds elapsed) {
  RaplStep step;
  if (now_uj > range_uj) {
    step.lie =
        fmt::format("energy_uj reads {} uJ, above its max_energy_range_uj {}", now_uj, range_uj);
    return step;
  }
  const bool wrapped = now_uj < previous_uj;
  std::uint64_t energy_uj = now_uj - previous_uj;
  if (wrapped) {
    // previous_uj <= range_uj: every accepted value was checked against the range.
    energy_uj = range_uj - previous_uj + now_uj;
    if (previous_uj > range_uj || energy_uj > range_uj / 2) {
      step.lie = fmt::format(
          "energy_uj went backwards from {} to {} uJ without having been near the top of its "
          "range {} uJ (a wrap is the short way round, under half the range)",
          previous_uj, now_uj, range_uj);
      return step;
    }
  }
  const Joules energy{static_cast<double>(energy_uj) * 1e-6};
  const Seconds allowed = std::max(elapsed, Seconds{0.0}) + kRaplStepSlack;
  if (energy > kMaxRaplDomainPower * allowed) {
    step.lie = fmt::format(
        "energy_uj {} {:.6g} J in {:.3g} s ({} to {} uJ), {:.4g} W, over the {:g} W one RAPL "
        "domain can draw",
        wrapped ? "wrapped by" : "jumped by", energy.value, elapsed.value, previous_uj, now_uj,
        energy.value / std::max(elapsed.value, kRaplStepSlack.value), kMaxRaplDomainPower.value);
    return step;
  }
  step.energy_uj = energy_uj;
  return step;
}

RaplMeter::RaplMeter(std::vector<RaplZone> zones, const FileSystem& fs, ClockFn wall_clock)
    : zones_(std::move(zones)), fs_(fs), wall_clock_(wall_clock), counters_(zones_.size()) {
  for (const RaplZone& z : zones_) {
    energy_paths_.push_back(z.directory + "/energy_uj");
    // The hardware counter is 32 bits wide, so the range divided by 2^32 is its energy unit
    // (about 61 uJ on Intel, 15.3 uJ on AMD); sysfs itself counts in uJ.
    const double unit_uj = std::max(1.0, static_cast<double>(z.max_energy_range_uj) / 4294967296.0);
    domains_.push_back(EnergyDomain{.name = z.domain,
                                    .provenance = Provenance::measured,
                                    .resolution = Joules{unit_uj * 1e-6},
                                    .update_interval = kRaplUpdateInterval});
  }
  const Seconds now = wall_clock_();
  for (std::size_t i = 0; i < zones_.size(); ++i)
    advance(i, now);
}

std::string RaplMeter::method() const {
  std::vector<std::string> ids;
  for (const RaplZone& z : zones_)
    ids.push_back(fmt::format("{}={}", z.domain, z.directory));
  return fmt::format(
      "RAPL energy counters via powercap sysfs energy_uj ({}), unwrapped modulo "
      "max_energy_range_uj",
      fmt::join(ids, ", "));
}

void RaplMeter::fail(Counter& counter, std::string reason) noexcept {
  counter.frozen = true;
  if (failure_.empty())
    failure_ = std::move(reason);
}

void RaplMeter::freeze_all_out_of_memory() noexcept {
  out_of_memory_ = true;
  for (Counter& c : counters_)
    c.frozen = true;
}

void RaplMeter::advance(std::size_t index, Seconds now) noexcept {
  try {
    advance_or_throw(index, now);
  } catch (...) {
    // Only allocation can fail here (a message being worded): stop counting rather than count
    // without the checks. Every counter, so the domains stay comparable.
    freeze_all_out_of_memory();
  }
}

void RaplMeter::advance_or_throw(std::size_t index, Seconds now) {
  const RaplZone& zone = zones_[index];
  Counter& c = counters_[index];
  if (c.frozen)
    return;
  const std::string& path = energy_paths_[index];
  const FileText file = fs_.read_attribute(path);
  const std::optional<std::uint64_t> value = parse_unsigned_attribute(file);
  if (!value) {
    fail(c, file.ok() ? fmt::format("{} no longer holds a number; {} stopped advancing", path,
                                    zone.domain)
            : (file.error == EACCES || file.error == EPERM)
                ? permission_advice(path)
                : fmt::format("cannot read {}: {}; {} stopped advancing", path,
                              describe_error(file), zone.domain));
    return;
  }
  if (!c.seen) {
    // The first read has nothing to step from, but a value above the range is already a lie.
    if (*value > zone.max_energy_range_uj) {
      fail(c, fmt::format("{}: {}", zone.domain,
                          *judge_rapl_step(0, *value, zone.max_energy_range_uj, Seconds{0.0}).lie));
      return;
    }
  } else {
    const RaplStep step =
        judge_rapl_step(c.last_uj, *value, zone.max_energy_range_uj, now - c.last_time);
    if (step.lie) {
      // Not added: the domain freezes and every later window is refused through failure().
      fail(c, fmt::format("{}: {} ({}); a counter that lies gives no figure", zone.domain,
                          *step.lie, path));
      return;
    }
    c.accumulated_uj += step.energy_uj;
  }
  c.last_uj = *value;
  c.last_time = now;
  c.seen = true;
}

EnergyReading RaplMeter::read() noexcept {
  std::lock_guard lock(mutex_);
  EnergyReading reading;
  const Seconds now = wall_clock_();
  reading.time = now;
  try {
    reading.per_domain.reserve(zones_.size());  // the one allocation; push_back below reuses it
  } catch (...) {
    // No memory for the reading itself: a reading without domains, and failure() says why, so
    // every window from here on carries no energy (energy_counters.h) instead of a crash.
    freeze_all_out_of_memory();
    return reading;
  }
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    advance(i, now);
    reading.per_domain.push_back(Joules{static_cast<double>(counters_[i].accumulated_uj) * 1e-6});
  }
  return reading;
}

std::optional<std::string> RaplMeter::failure() const {
  std::lock_guard lock(mutex_);
  if (!failure_.empty())
    return failure_;
  if (out_of_memory_)
    return "out of memory while reading the RAPL counters; every domain stopped advancing";
  return std::nullopt;
}

}  // namespace joulebench
