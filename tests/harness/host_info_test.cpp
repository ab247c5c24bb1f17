// The machine a result came from: logical CPUs and CPU model from /proc/cpuinfo, and a short id
// that is the same in every build (FNV-1a, not std::hash), from /etc/machine-id when readable,
// else from host name, CPU model and CPU count. Files come through the file-system seam.

#include "harness/system/host_info.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>
#include <string>
#include <vector>

#include "common/result_schema.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/run_context.h"
#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

class MapFileSystem : public FileSystem {
 public:
  std::map<std::string, std::string> files;

  FileText read_at_most(const std::string& path, std::size_t) const noexcept override {
    const auto it = files.find(path);
    return it == files.end() ? FileText{"", ENOENT, {}} : FileText{it->second, 0, {}};
  }
  std::vector<std::string> list_directory(const std::string&) const override { return {}; }
  bool exists(const std::string& path) const override { return files.contains(path); }
};

constexpr const char* kTwoXeons = R"(processor	: 0
vendor_id	: GenuineIntel
model name	: Intel(R) Xeon(R) Platinum 8488C
physical id	: 0

processor	: 1
vendor_id	: GenuineIntel
model name	: Intel(R) Xeon(R) Platinum 8488C
physical id	: 0
)";

TEST(HostInfo, Fnv1aMatchesThePublishedTestVectors) {
  // From the FNV reference (isthe.com/chongo/tech/comp/fnv), 64-bit FNV-1a.
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ull);
}

TEST(HostInfo, MachineIdComesFromEtcMachineIdWhenReadable) {
  MapFileSystem fs;
  fs.files["/cpuinfo"] = kTwoXeons;
  fs.files["/machine-id"] = "4f1c2b8e9d0a4c6b8e7f6a5b4c3d2e1f\n";
  const HostInfo info = read_host_info(fs, {"/cpuinfo", "/machine-id"});
  EXPECT_EQ(info.cpu_model, "Intel(R) Xeon(R) Platinum 8488C");
  EXPECT_EQ(info.logical_cpus, 2);
  ASSERT_EQ(info.machine_id.size(), 12u);
  EXPECT_EQ(info.machine_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  // Pinned: the id must not change between builds, compilers or releases.
  EXPECT_EQ(info.machine_id, machine_id("4f1c2b8e9d0a4c6b8e7f6a5b4c3d2e1f", "x", "y", 9));
  EXPECT_EQ(machine_id("4f1c2b8e9d0a4c6b8e7f6a5b4c3d2e1f", "", "", 1), "ac8ca1ba9cb8");
  // The host name does not enter it when the machine-id file does: renaming keeps the machine.
  EXPECT_EQ(machine_id("abc", "vm", "AMD EPYC", 2), machine_id("abc\n", "db-1", "AMD EPYC", 2));
  EXPECT_NE(machine_id("abc", "vm", "AMD EPYC", 2), machine_id("abd", "vm", "AMD EPYC", 2));
}

TEST(HostInfo, WithoutMachineIdTheHostNameCpuModelAndCountNameTheMachine) {
  MapFileSystem fs;
  fs.files["/cpuinfo"] = kTwoXeons;  // no machine-id file: a minimal container
  const HostInfo info = read_host_info(fs, {"/cpuinfo", "/machine-id"});
  EXPECT_EQ(info.machine_id, machine_id("", info.host_name, info.cpu_model, 2));
  EXPECT_EQ(machine_id("", "vm", "Intel(R) Xeon(R) Platinum 8488C", 2), "2b55e975ba11");
  // Two VMs both called "vm" on different CPUs are two machines.
  EXPECT_NE(machine_id("", "vm", "AMD EPYC 9R45", 2), machine_id("", "vm", "Intel Xeon", 2));
  EXPECT_NE(machine_id("", "vm", "AMD EPYC 9R45", 2), machine_id("", "vm", "AMD EPYC 9R45", 4));
  EXPECT_EQ(machine_id(" \n", "vm", "AMD EPYC 9R45", 2), machine_id("", "vm", "AMD EPYC 9R45", 2));
}

TEST(HostInfo, NoCpuinfoStillDescribesTheMachine) {
  const MapFileSystem fs;
  const HostInfo info = read_host_info(fs, {"/cpuinfo", "/machine-id"});
  EXPECT_EQ(info.cpu_model, "unknown");
  EXPECT_EQ(info.logical_cpus, 1);
  EXPECT_EQ(info.machine_id.size(), 12u);
  EXPECT_FALSE(info.host_name.empty());
}

// Every result file says which machine it came from, so `report` can key rows on it. The values
// are this host's (read_host_info on the real files): what matters here is that they are there
// and agree with read_host_info.
TEST(HostInfo, TheRunContextRecordsTheMachineIdAndLogicalCpus) {
  const testing::FakeMeter meter([](int k) { return 1.0 * k; }, [](int k) { return 0.1 * k; });
  const CarbonAccounting carbon{resolve_grid_intensity(std::string("fra")), 1.0};
  const ContextEntries entries = describe_run(meter, carbon);
  const std::map<std::string, std::string> c(entries.begin(), entries.end());
  const HostInfo host = read_host_info();
  ASSERT_TRUE(c.contains(context_key::kMachineId));
  EXPECT_EQ(c.at(context_key::kMachineId), host.machine_id);
  EXPECT_EQ(c.at(context_key::kMachineId).size(), 12u);
  EXPECT_EQ(c.at(context_key::kLogicalCpus), std::to_string(host.logical_cpus));
  EXPECT_EQ(c.at(context_key::kCpuModel), host.cpu_model);
}

}  // namespace
}  // namespace joulebench
