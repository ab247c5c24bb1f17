// joulebench-kernel-table RESULT.json: our kernels beside oneDNN, OpenBLAS and Eigen, from one
// `joulebench run` (scripts/kernel_table.sh runs both).

#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "reporters/kernel_table.h"
#include "reporters/result_file.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: joulebench-kernel-table RESULT.json\n");
    return 2;
  }
  try {
    const joulebench::ResultFile file = joulebench::read_result_file(argv[1]);
    joulebench::write_kernel_table(std::cout, joulebench::kernel_table_entries(file));
  } catch (const std::exception& e) {
    fmt::print(stderr, "joulebench-kernel-table: {}\n", e.what());
    return 1;
  }
  return 0;
}
