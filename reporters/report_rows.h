#pragma once
// Which rows of a result file a summary shows: the median aggregate where repetitions produced
// one, else each iteration row. Errored runs are kept so they are visible, not silently dropped.

#include <vector>

#include "reporters/result_file.h"

namespace joulebench {

std::vector<const ResultRow*> summary_rows(const ResultFile& file);

}  // namespace joulebench
