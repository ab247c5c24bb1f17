// joulebench-kernel-table RESULT.json: our kernels beside oneDNN, OpenBLAS and Eigen, from one
// `joulebench run` (scripts/kernel_table.sh runs both). Exit status as every joulebench program
// (common/error_model.h): 0, 2 with one line for a bad command line or result file, 3 for an
// internal error.

#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "common/error_model.h"
#include "common/result_schema.h"
#include "reporters/kernel_table.h"
#include "reporters/leaderboard/entries.h"
#include "reporters/result_file.h"

namespace {

constexpr const char* kProgram = "joulebench-kernel-table";

int print_kernel_tables(const char* result_path) {
  using namespace joulebench;
  const ResultFile file = read_result_file(result_path);
  const std::vector<KernelTableEntry> entries = kernel_table_entries(file);
  write_kernel_table(std::cout, entries);
  std::cout << '\n';
  const std::string provenance = provenance_of(file);
  write_kernel_energy_table(
      std::cout, entries,
      fmt::format("{} by meter {}", provenance.empty() ? "unknown" : provenance,
                  file.context_value(context_key::kMeter).value_or("(none named)")));
  std::cout.flush();
  if (!std::cout)
    throw joulebench::UserError("cannot write the tables to standard output");
  return joulebench::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "{}: error: expected one argument, RESULT.json (usage: {} RESULT.json)\n",
               kProgram, kProgram);
    return joulebench::kExitUserError;
  }
  try {
    return print_kernel_tables(argv[1]);
  } catch (...) {
    return joulebench::report_current_exception(kProgram);
  }
}
