// joulebench-kernel-table RESULT.json: our kernels beside oneDNN, OpenBLAS and Eigen, from one
// `joulebench run` (scripts/kernel_table.sh runs both).

#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "common/result_schema.h"
#include "reporters/kernel_table.h"
#include "reporters/leaderboard/entries.h"
#include "reporters/result_file.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: joulebench-kernel-table RESULT.json\n");
    return 2;
  }
  try {
    using namespace joulebench;
    const ResultFile file = read_result_file(argv[1]);
    const std::vector<KernelTableEntry> entries = kernel_table_entries(file);
    write_kernel_table(std::cout, entries);
    std::cout << '\n';
    const std::string provenance = provenance_of(file);
    write_kernel_energy_table(
        std::cout, entries,
        fmt::format("{} by meter {}", provenance.empty() ? "unknown" : provenance,
                    file.context_value(context_key::kMeter).value_or("(none named)")));
  } catch (const std::exception& e) {
    fmt::print(stderr, "joulebench-kernel-table: {}\n", e.what());
    return 1;
  }
  return 0;
}
