#include "harness/system/gpu_tdp_table.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace joulebench {
namespace {

std::string read_source_table() {
  std::ifstream in(JOULEBENCH_GPU_TDP_CSV);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const GpuTdpRow& matched(std::string_view model) {
  const GpuLookup found = find_gpu_tdp(model);
  if (!std::holds_alternative<GpuMatch>(found))
    throw std::runtime_error("no single match for " + std::string(model));
  return *std::get<GpuMatch>(found).row;
}

// The rule of data/: a figure without a source does not belong in the table. Read from the
// source file, so a row added without a datasheet fails here even before it is compiled in.
TEST(GpuTdpTable, EveryRowHasADatasheetSource) {
  const std::vector<GpuTdpRow> rows = parse_gpu_tdp_table(read_source_table());
  ASSERT_GE(rows.size(), 11u);
  for (const GpuTdpRow& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_FALSE(row.source_title.empty());
    EXPECT_TRUE(row.source_url.starts_with("https://")) << row.source_url;
    EXPECT_GE(row.source_year, 2017);
    EXPECT_LE(row.source_year, 2026);
    EXPECT_GT(row.tdp_watts, 0.0);
    EXPECT_FALSE(row.form_factor.empty());
    EXPECT_FALSE(row.note.empty()) << "say what the figure is (max TDP, total board power, ...)";
  }
}

TEST(GpuTdpTable, TheCompiledInTableIsTheSourceFile) {
  const std::vector<GpuTdpRow> file_rows = parse_gpu_tdp_table(read_source_table());
  const auto built_in = gpu_tdp_table();
  ASSERT_EQ(built_in.size(), file_rows.size());
  for (std::size_t i = 0; i < file_rows.size(); ++i) {
    EXPECT_EQ(built_in[i].name, file_rows[i].name);
    EXPECT_EQ(built_in[i].tdp_watts, file_rows[i].tdp_watts);
  }
}

// The models the issue asks for, by the names people use; where the form factor changes the TDP
// the figure is the datasheet's for that form factor.
TEST(GpuTdpTable, KnownModelsResolveToTheirDatasheetFigures) {
  EXPECT_EQ(matched("H100 SXM").tdp_watts, 700.0);
  EXPECT_EQ(matched("nvidia h100-pcie").tdp_watts, 350.0);
  EXPECT_EQ(matched("H100 NVL").tdp_watts, 400.0);
  EXPECT_EQ(matched("NVIDIA H100 80GB HBM3").name, "NVIDIA H100 SXM");  // NVML's name
  EXPECT_EQ(matched("H200 SXM").tdp_watts, 700.0);
  EXPECT_EQ(matched("H200 NVL").tdp_watts, 600.0);
  EXPECT_EQ(matched("A100 SXM").tdp_watts, 400.0);
  EXPECT_EQ(matched("A100-PCIE-40GB").tdp_watts, 250.0);
  EXPECT_EQ(matched("A100 PCIe 80GB").tdp_watts, 300.0);
  EXPECT_EQ(matched("Tesla V100-SXM2-16GB").tdp_watts, 300.0);
  EXPECT_EQ(matched("V100 PCIe").tdp_watts, 250.0);
  EXPECT_EQ(matched("L4").tdp_watts, 72.0);
  EXPECT_EQ(matched("L40S").tdp_watts, 350.0);
  EXPECT_EQ(matched("A10").tdp_watts, 150.0);  // an exact name wins over the A100 family
  EXPECT_EQ(matched("A10G").name, "NVIDIA A10G");
  EXPECT_EQ(matched("Tesla T4").tdp_watts, 70.0);
  EXPECT_EQ(matched("GeForce RTX 4090").tdp_watts, 450.0);
  EXPECT_EQ(matched("AMD Instinct MI250").tdp_watts, 500.0);
  EXPECT_EQ(matched("MI300X").tdp_watts, 750.0);
}

TEST(GpuTdpTable, AFamilyWithDifferentFormFactorsMustBeNamedExactly) {
  const GpuLookup h100 = find_gpu_tdp("H100");
  ASSERT_TRUE(std::holds_alternative<GpuAmbiguous>(h100));
  EXPECT_EQ(std::get<GpuAmbiguous>(h100).rows.size(), 3u);  // SXM, PCIe, NVL
  const GpuLookup a100_pcie = find_gpu_tdp("A100 PCIe");
  ASSERT_TRUE(std::holds_alternative<GpuAmbiguous>(a100_pcie));
  EXPECT_EQ(std::get<GpuAmbiguous>(a100_pcie).rows.size(), 2u);  // 40 GB 250 W, 80 GB 300 W
}

TEST(GpuTdpTable, AnUnknownModelGetsTheClosestNames) {
  const GpuLookup found = find_gpu_tdp("H1OO SXM");  // letter O for zero
  ASSERT_TRUE(std::holds_alternative<GpuUnknown>(found));
  const auto& closest = std::get<GpuUnknown>(found).closest;
  ASSERT_EQ(closest.size(), 3u);
  EXPECT_EQ(closest.front(), "NVIDIA H100 SXM");
  const GpuLookup typo = find_gpu_tdp("H100x");
  ASSERT_TRUE(std::holds_alternative<GpuUnknown>(typo));
  EXPECT_TRUE(std::get<GpuUnknown>(typo).closest.front().starts_with("NVIDIA H100"));
}

TEST(GpuTdpTable, RowsWithoutASourceOrWithDuplicateNamesAreRejected) {
  const std::string header =
      "name,aliases,form_factor,tdp_watts,source_title,source_url,source_year,note\n";
  EXPECT_THROW(parse_gpu_tdp_table(header + "X1,,PCIe,100,,https://x.example,2023,max\n"),
               std::runtime_error);
  EXPECT_THROW(parse_gpu_tdp_table(header + "X1,,PCIe,100,Datasheet,ftp://x,2023,max\n"),
               std::runtime_error);
  EXPECT_THROW(parse_gpu_tdp_table(header + "X1,,PCIe,0,Datasheet,https://x.example,2023,max\n"),
               std::runtime_error);
  EXPECT_THROW(parse_gpu_tdp_table(header + "X1,,PCIe,100,Datasheet,https://x.example,20,max\n"),
               std::runtime_error);
  EXPECT_THROW(parse_gpu_tdp_table(header + "X1,,PCIe,100,D,https://x.example,2023,max\n" +
                                   "X-2,x1,PCIe,100,D,https://x.example,2023,max\n"),
               std::runtime_error);
  EXPECT_THROW(parse_gpu_tdp_table("name,tdp_watts\nX1,100\n"), std::runtime_error);
  try {
    parse_gpu_tdp_table(header +
                        "X1,,PCIe,100,D,https://x.example,2023,max\nX2,,PCIe,-5,D,"
                        "https://x.example,2023,max\n");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST(GpuTdpTable, NormalisationDropsBrandsAndPunctuation) {
  EXPECT_EQ(normalise_gpu_model("NVIDIA Tesla V100-SXM2-16GB"), "v100sxm216gb");
  EXPECT_EQ(normalise_gpu_model("AMD Instinct MI300X"), "mi300x");
  EXPECT_EQ(normalise_gpu_model("GeForce RTX 4090"), "rtx4090");
}

}  // namespace
}  // namespace joulebench
