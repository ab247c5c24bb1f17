#include "harness/system/proc_stats.h"

#include <unistd.h>

#include <charconv>
#include <string_view>

namespace joulebench {
namespace {

// Successive unsigned integers separated by spaces, from `text` on.
bool next_number(std::string_view& text, std::uint64_t& value) {
  const std::size_t start = text.find_first_of("0123456789");
  if (start == std::string_view::npos)
    return false;
  const char* begin = text.data() + start;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc())
    return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

std::optional<std::uint64_t> meminfo_kb(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos)
    return std::nullopt;
  std::string_view rest = text.substr(at + key.size());
  std::uint64_t kb = 0;
  if (!next_number(rest, kb))
    return std::nullopt;
  return kb;
}

}  // namespace

std::optional<MachineCpuTicks> read_machine_cpu_ticks(const std::string& stat_path,
                                                      const FileSystem& fs) noexcept {
  const FileText file = fs.read_text(stat_path);
  std::string_view text = file.text;
  if (!file.ok() || !text.starts_with("cpu "))
    return std::nullopt;
  text = text.substr(0, text.find('\n'));
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  std::uint64_t fields[8] = {};
  for (std::uint64_t& f : fields) {
    if (!next_number(text, f))
      return std::nullopt;
  }
  MachineCpuTicks ticks;
  ticks.busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
  ticks.total = ticks.busy + fields[3] + fields[4];
  return ticks;
}

std::optional<double> read_machine_memory_in_use_gb(const std::string& meminfo_path,
                                                    const FileSystem& fs) noexcept {
  const FileText file = fs.read_text(meminfo_path);
  if (!file.ok())
    return std::nullopt;
  const auto total = meminfo_kb(file.text, "MemTotal:");
  const auto available = meminfo_kb(file.text, "MemAvailable:");
  if (!total || !available || *available > *total)
    return std::nullopt;
  return static_cast<double>(*total - *available) * 1024.0 / 1e9;
}

std::optional<double> read_process_resident_gb(const std::string& statm_path,
                                               const FileSystem& fs) noexcept {
  const FileText file = fs.read_text(statm_path);
  std::string_view text = file.text;
  std::uint64_t size_pages = 0;
  std::uint64_t resident_pages = 0;
  if (!file.ok() || !next_number(text, size_pages) || !next_number(text, resident_pages))
    return std::nullopt;
  return static_cast<double>(resident_pages) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1e9;
}

}  // namespace joulebench
