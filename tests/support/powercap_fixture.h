#pragma once
// A powercap tree in a temporary directory, laid out like /sys/class/powercap: zones nested under
// their parent, ids in hex. Tests write energy_uj to script the counters.

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "harness/system/file_system.h"

namespace joulebench::testing {

class PowercapFixture {
 public:
  PowercapFixture() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "joulebench-powercap-XXXXXX").string();
    root_ = ::mkdtemp(pattern.data());
  }
  ~PowercapFixture() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  PowercapFixture(const PowercapFixture&) = delete;
  PowercapFixture& operator=(const PowercapFixture&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // `relative`: "intel-rapl:0" or "intel-rapl:0/intel-rapl:0:0".
  std::filesystem::path add_zone(const std::string& relative, const std::string& name,
                                 std::uint64_t energy_uj,
                                 std::uint64_t max_range_uj = 262143328850ULL) {
    const std::filesystem::path dir = root_ / relative;
    std::filesystem::create_directories(dir);
    write(dir / "name", name);
    write(dir / "max_energy_range_uj", std::to_string(max_range_uj));
    set_energy(relative, energy_uj);
    return dir;
  }

  void set_energy(const std::string& relative, std::uint64_t energy_uj) {
    // Write then rename, so a concurrent reader never sees a half-written number.
    const std::filesystem::path target = root_ / relative / "energy_uj";
    const std::filesystem::path temp = root_ / relative / "energy_uj.tmp";
    write(temp, std::to_string(energy_uj));
    std::filesystem::rename(temp, target);
  }

  // Two sockets with dram, and psys, as on a two-socket Skylake-SP server with psys exposed.
  void add_two_socket_machine() {
    add_zone("intel-rapl:0", "package-0", 1000000);
    add_zone("intel-rapl:0/intel-rapl:0:0", "core", 500000);
    add_zone("intel-rapl:0/intel-rapl:0:1", "dram", 200000);
    add_zone("intel-rapl:1", "package-1", 3000000);
    add_zone("intel-rapl:1/intel-rapl:1:0", "dram", 400000);
    add_zone("intel-rapl:a", "psys", 9000000);
  }

 private:
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text << '\n';
  }

  std::filesystem::path root_;
};

// The real file system, except that chosen paths fail with a chosen errno: permission errors
// even when the tests run as root.
class FailingFileSystem final : public FileSystem {
 public:
  std::string failing_path;
  int error = 0;

  FileText read_text(const std::string& path) const noexcept override {
    if (!failing_path.empty() && path == failing_path)
      return FileText{{}, error};
    return real_file_system().read_text(path);
  }
  std::vector<std::string> list_directory(const std::string& path) const override {
    return real_file_system().list_directory(path);
  }
  bool exists(const std::string& path) const override { return real_file_system().exists(path); }
};

}  // namespace joulebench::testing
