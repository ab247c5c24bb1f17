#pragma once
// The last step before a JSON result file appears: what Google Benchmark wrote is read once,
// completed, and replaced atomically.
//
// - Labels (joulebench/labels.h) become fields of their benchmark's rows (row_key), aggregates
//   included.
// - Power timelines (one per benchmark, from the sampler) go under result_key::kPowerTimelines.
// - Aggregates (mean, median, stddev, cv) of a benchmark some of whose repetitions have no
//   energy lose their energy counters: Google Benchmark computes each counter's statistics over
//   the repetitions that carry it, so a mean would stand for fewer repetitions than it says and
//   a stddev over one of them reads 0. Their label says why; the repetitions keep their own
//   figures.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/measurement/run_record_reporter.h"

namespace joulebench {

// Removes the energy counters (counter::is_energy_derived) from every aggregate row whose
// run_name has a repetition without energy_J, and labels it "no energy: K of N repetitions had
// none". Returns how many aggregate rows it changed.
int drop_energy_of_incomplete_aggregates(nlohmann::json& document);

// Adds each benchmark's labels to every row whose run_name is the benchmark's. Returns how many
// rows it labelled.
int add_row_labels(nlohmann::json& document, const std::vector<BenchmarkLabels>& labels);

// Reads `result_json`, applies the above and adds the timelines (when there are any): the
// finished file's text. Throws std::runtime_error with a one-line reason naming the file.
std::string finished_result_json(const std::filesystem::path& result_json,
                                 const RunRecords& records);

// finished_result_json, then the file replaced atomically with it.
void finish_result_json(const std::filesystem::path& result_json, const RunRecords& records);

}  // namespace joulebench
