#include "reporters/report_rows.h"

#include <set>
#include <string>

namespace joulebench {

std::vector<const ResultRow*> summary_rows(const ResultFile& file) {
  std::set<std::string> with_median;
  for (const ResultRow& row : file.rows) {
    if (row.run_type == "aggregate" && row.aggregate_name == "median") {
      with_median.insert(row.run_name);
    }
  }
  std::vector<const ResultRow*> out;
  for (const ResultRow& row : file.rows) {
    const bool has_median = with_median.contains(row.run_name);
    const bool keep = row.run_type == "aggregate" ? row.aggregate_name == "median" : !has_median;
    if (keep)
      out.push_back(&row);
  }
  return out;
}

}  // namespace joulebench
