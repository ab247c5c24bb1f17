#include "workloads/row_name.h"

#include <fmt/format.h>

namespace joulebench {
namespace {

void append(std::string& out, const std::string& segment) {
  if (segment.empty())
    return;
  if (!out.empty())
    out += '/';
  out += segment;
}

}  // namespace

std::string RowName::name() const {
  std::string out;
  for (const std::string& s : before)
    append(out, s);
  append(out, precision);
  append(out, backend);
  for (const std::string& s : after)
    append(out, s);
  return out;
}

RowLabels RowName::labels() const {
  RowLabels labels;
  for (const std::string& s : before)
    append(labels.task, s);
  for (const std::string& s : after)
    append(labels.task, s);
  labels.variant = backend.empty() ? precision : fmt::format("{}/{}", precision, backend);
  labels.precision = precision;
  labels.backend = backend;
  labels.batch = batch;
  labels.unit = unit;
  return labels;
}

void set_row_name(WorkloadSpec& spec, const RowName& row) {
  spec.name = row.name();
  spec.labels = row.labels();
}

}  // namespace joulebench
