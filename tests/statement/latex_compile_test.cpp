// The LaTeX statement compiles with pdflatex, with no overfull box (text past the margin) and no
// underfull one (a table cell stretched into gaps). Skipped where no pdflatex was found at
// configure time (texlive-latex-base is not among the test packages: it is large); the closing
// note of a change says where it ran.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "reporters/result_file.h"
#include "reporters/statement/carbon_statement.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

// A measured and an estimated file, with a long meter description: the cell that once ran over.
ResultFile measured() {
  return parse_result_json(R"({"context": {"host_name": "lab", "joulebench_meter": "rapl",
    "joulebench_provenance": "measured", "joulebench_cpu_model": "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
    "joulebench_energy_source": "RAPL powercap energy_uj counters (package-0, dram), wraparound at max_energy_range_uj",
    "joulebench_pue": "1.2", "joulebench_region": "FR", "joulebench_grid_intensity_gCO2e_per_kWh": "56",
    "joulebench_grid_intensity_method": "direct", "joulebench_grid_intensity_source": "RTE eco2mix 2023"},
    "benchmarks": [{"name": "gemm/fp32/eigen/512", "run_type": "iteration", "iterations": 10,
      "real_time": 1, "time_unit": "ms", "energy_J": 0.5, "co2_g": 1e-05}]})",
                           "results/lab-xeon-20261129T101010Z.json");
}

ResultFile estimated() {
  return parse_result_json(R"({"context": {"host_name": "vm", "joulebench_meter": "model",
    "joulebench_provenance": "estimated",
    "joulebench_energy_source": "estimate: CPU 24 W ('AMD EPYC' not in the TDP table: default 12 W per logical CPU x 2 CPUs (Green Algorithms v3.0 TDP_cpu.csv row 'Any', CC-BY-4.0)) x utilisation = process CPU time / (wall time x logical CPUs) (process mode, Eco2AI's way); RAM 0.375 W/GB (CodeCarbon: 3 W per 8 GB) x process resident memory"},
    "benchmarks": [{"name": "mlp/infer/fp32/784-128-10/batch:64", "run_type": "iteration",
      "iterations": 100, "real_time": 2, "time_unit": "ms", "energy_J": 0.02, "co2_g": 2e-06}]})",
                           "results/vm-20261129T101010Z.json");
}

TEST(StatementLatex, CompilesWithoutOverfullOrUnderfullBoxes) {
  if (std::string(JOULEBENCH_PDFLATEX).empty())
    GTEST_SKIP() << "no pdflatex at configure time (texlive-latex-base)";
  testing::TempDir dir;
  {
    std::ofstream body(dir.path() / "statement.tex");
    write_statement_latex(body, build_carbon_statement({measured(), estimated()}));
    std::ofstream(dir.path() / "doc.tex")
        << "\\documentclass{article}\n\\begin{document}\n\\input{statement.tex}\n\\end{document}\n";
  }
  const testing::ProcessResult r =
      testing::Process(JOULEBENCH_PDFLATEX,
                       {"-interaction=nonstopmode", "-halt-on-error", "doc.tex"}, dir.path(),
                       dir.path())
          .wait();
  std::ifstream log_file(dir.path() / "doc.log");
  std::stringstream log;
  log << log_file.rdbuf();
  ASSERT_EQ(r.exit_code, 0) << r.out << log.str();
  EXPECT_EQ(log.str().find("Overfull"), std::string::npos) << log.str();
  EXPECT_EQ(log.str().find("Underfull"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace joulebench
