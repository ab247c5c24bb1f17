// How the reporters scale: writes synthetic result files of N benchmark rows (realistic names
// across many tasks and variants, a few hosts, repetitions with aggregates, power timelines),
// runs `joulebench report` in every format, `compare` and `statement` on them end to end
// (parsing included), and prints rows, command, seconds and output bytes. A program to run by
// hand (scripts/reporter_scaling.sh), not a timed test: the machines CI runs on are shared.
//
// Usage: reporter_scaling_bench JOULEBENCH [SCRATCH_DIR] [ROWS...]   (default 10000 100000)
// JB_SCALING_KEEP=1 keeps the generated files (SCRATCH_DIR/rows-N/) to profile commands by hand.

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Rows of one file at most: result files are capped at 64 MiB, so a big data set is what it is
// in practice, many nightly files.
constexpr std::size_t kMaxRowsPerFile = 100'000;
constexpr std::size_t kHosts = 4;

const std::vector<std::string> kFamilies = {"gemm",      "gemv",      "conv2d",    "attention",
                                            "mlp/infer", "mlp/train", "layernorm", "softmax"};
const std::vector<std::string> kPrecisions = {"fp32", "bf16", "int8", "int4", "fp64"};
const std::vector<std::string> kBackends = {"eigen",   "joulebench", "openblas", "onednn",
                                            "xnnpack", "mkl",        "blis",     "ruy"};

// The k-th workload name: variants (precision x backend) vary fastest, so each task (a family
// and a shape) has up to 40 variants, and tasks number in the thousands for 10^5 rows.
std::string workload_name(std::size_t k) {
  const std::size_t variants = kPrecisions.size() * kBackends.size();
  const std::size_t variant = k % variants;
  const std::size_t task = k / variants;
  const std::string& family = kFamilies[task % kFamilies.size()];
  const std::size_t shape = 64 + 32 * (task / kFamilies.size());
  std::string name = fmt::format("{}/{}/{}/{}", family, kPrecisions[variant % kPrecisions.size()],
                                 kBackends[variant / kPrecisions.size()], shape);
  if (family.starts_with("mlp"))
    name += fmt::format("/batch:{}", 1 << (k % 9));
  return name + "/real_time";
}

json row(const std::string& name, const std::string& run_type, const std::string& aggregate,
         std::size_t k, std::size_t repetition, std::size_t host) {
  // Deterministic, spread-out figures so sorting and grading have work to do.
  const double scale = 1.0 + static_cast<double>((k * 2654435761u + repetition * 97 + host) % 1000);
  json r = {{"name", aggregate.empty() ? name : name + "_" + aggregate},
            {"run_name", name},
            {"run_type", run_type},
            {"repetitions", 3},
            {"repetition_index", repetition},
            {"threads", 1},
            {"iterations", 100},
            {"real_time", 10.0 * scale},
            {"cpu_time", 10.0 * scale},
            {"time_unit", "us"},
            {"energy_J", 1e-4 * scale},
            {"power_W", 12.0 + static_cast<double>(host)},
            {"co2_g", 4e-8 * scale},
            {"flops", 1e6 * static_cast<double>(1 + k % 50)},
            {"flop_per_J", 1e10 / scale}};
  if (name.find("train") != std::string::npos)
    r["accuracy"] = 0.9 + 0.0001 * static_cast<double>(scale);
  else
    r["rel_error"] = 1e-7 * scale;
  if (!aggregate.empty())
    r["aggregate_name"] = aggregate;
  return r;
}

json context(std::size_t host, std::size_t night) {
  return {
      {"host_name", fmt::format("ci-host-{}", host)},
      {"date", fmt::format("2026-{:02}-{:02}T02:00:00+00:00", 1 + night / 28 % 12, 1 + night % 28)},
      {"num_cpus", 16},
      {"joulebench_cpu_model", "AMD EPYC 7B13"},
      {"joulebench_meter", "rapl"},
      {"joulebench_meter_method", "powercap package and dram"},
      {"joulebench_provenance", "measured"},
      {"joulebench_region", "FR"},
      {"joulebench_grid_intensity_gCO2e_per_kWh", "56"},
      {"joulebench_pue", "1.2"},
      {"library_build_type", "release"}};
}

// Rows [first, first + count) of the data set: every other name is a single run, the others
// three repetitions and their mean, median and stddev (6 rows). Each file is one host's night.
json result_file(std::size_t file_index, std::size_t first, std::size_t count) {
  const std::size_t host = file_index % kHosts;
  json benchmarks = json::array();
  std::vector<std::string> timed;
  for (std::size_t k = first / 2; benchmarks.size() < count; ++k) {
    const std::string name = workload_name(k);
    if (k % 2 == 0) {
      benchmarks.push_back(row(name, "iteration", "", k, 0, host));
      continue;
    }
    for (std::size_t rep = 0; rep < 3 && benchmarks.size() < count; ++rep)
      benchmarks.push_back(row(name, "iteration", "", k, rep, host));
    for (const char* agg : {"mean", "median", "stddev"}) {
      if (benchmarks.size() < count)
        benchmarks.push_back(row(name, "aggregate", agg, k, 0, host));
    }
    if (timed.size() < 50)
      timed.push_back(name);
  }
  json timelines = json::array();
  for (const std::string& name : timed) {
    json t_s = json::array(), power = json::array();
    for (std::size_t i = 0; i < 3000; ++i) {  // 5 minutes at 10 Hz
      t_s.push_back(0.1 * static_cast<double>(i + 1));
      power.push_back(12.0 + static_cast<double>(i % 7));
    }
    timelines.push_back({{"name", name}, {"interval_s", 0.1}, {"t_s", t_s}, {"power_W", power}});
  }
  return {{"context", context(host, file_index / kHosts)},
          {"benchmarks", benchmarks},
          {"joulebench_power_timelines", timelines}};
}

std::vector<fs::path> write_data_set(const fs::path& dir, std::size_t rows) {
  fs::create_directories(dir);
  const std::size_t files = std::max(kHosts, (rows + kMaxRowsPerFile - 1) / kMaxRowsPerFile);
  std::vector<fs::path> paths;
  std::size_t first = 0;
  for (std::size_t f = 0; f < files; ++f) {
    const std::size_t count = rows / files + (f < rows % files ? 1 : 0);
    paths.push_back(dir / fmt::format("night-{:03}.json", f));
    std::ofstream(paths.back()) << result_file(f, first, count).dump();
    first += count;
  }
  return paths;
}

// Two files of `repetitions` repetitions of one benchmark, the second 2% slower.
std::vector<fs::path> write_compare_pair(const fs::path& dir, std::size_t repetitions) {
  fs::create_directories(dir);
  std::vector<fs::path> paths;
  for (int side = 0; side < 2; ++side) {
    json benchmarks = json::array();
    for (std::size_t rep = 0; rep < repetitions; ++rep) {
      json r = row("gemm/fp32/eigen/512/real_time", "iteration", "", rep, rep, 0);
      r["energy_J"] = (side == 0 ? 1.0 : 1.02) * (1.0 + 0.001 * static_cast<double>(rep % 100));
      benchmarks.push_back(std::move(r));
    }
    paths.push_back(dir / (side == 0 ? "base.json" : "new.json"));
    std::ofstream(paths.back()) << json{
        {"context", context(0, 0)},
        {"benchmarks", benchmarks}}.dump();
  }
  return paths;
}

std::string quoted(const std::vector<fs::path>& paths) {
  std::string out;
  for (const fs::path& p : paths)
    out += fmt::format(" '{}'", p.string());
  return out;
}

// CPU seconds (user and system) of every child that has ended so far.
double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Wall and CPU seconds: on a shared machine the wall time says more about the neighbours.
void time_command(std::size_t rows, const std::string& what, const std::string& command,
                  const fs::path& output) {
  fs::remove(output);
  const double cpu_before = children_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(fmt::format("{} >'{}' 2>&1", command, output.string()).c_str());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = children_cpu_seconds() - cpu_before;
  const auto bytes = fs::exists(output) ? fs::file_size(output) : 0;
  fmt::print("{:>9} | {:<22} | {:>8.2f} | {:>8.2f} | {:>12} | {}\n", rows, what, seconds, cpu,
             bytes, WIFEXITED(status) ? fmt::format("exit {}", WEXITSTATUS(status)) : "killed");
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} JOULEBENCH [SCRATCH_DIR] [ROWS...]\n", argv[0]);
    return 2;
  }
  const std::string joulebench = fs::absolute(argv[1]).string();
  const fs::path scratch = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "jb-scaling";
  std::vector<std::size_t> sizes;
  for (int i = 3; i < argc; ++i)
    sizes.push_back(std::stoul(argv[i]));
  if (sizes.empty())
    sizes = {10'000, 100'000};

  fmt::print("{:>9} | {:<22} | {:>8} | {:>8} | {:>12} | {}\n", "rows", "command", "wall s", "CPU s",
             "output bytes", "status");
  fmt::print("{:->9}-+-{:-<22}-+-{:->8}-+-{:->8}-+-{:->12}-+-------\n", "", "", "", "", "");
  for (const std::size_t rows : sizes) {
    const fs::path dir = scratch / fmt::format("rows-{}", rows);
    const std::vector<fs::path> files = write_data_set(dir, rows);
    const fs::path out = dir / "out";
    for (const char* format : {"md", "html", "csv", "json"}) {
      time_command(rows, fmt::format("report --format {}", format),
                   fmt::format("'{}' report{} --format {}", joulebench, quoted(files), format),
                   out);
    }
    time_command(rows, "statement", fmt::format("'{}' statement{}", joulebench, quoted(files)),
                 out);
    const std::vector<fs::path> pair = write_compare_pair(dir / "compare", rows);
    time_command(rows, "compare (1 name)", fmt::format("'{}' compare{}", joulebench, quoted(pair)),
                 out);
    if (std::getenv("JB_SCALING_KEEP") == nullptr)  // keep the files to profile by hand
      fs::remove_all(dir);
  }
  return 0;
}
