#include "reporters/compare/meter_compatibility.h"

#include <fmt/format.h>

#include "common/error_text.h"
#include "common/result_schema.h"

namespace joulebench {

std::string describe_meter(const ResultFile& file) {
  const auto meter = file.context_value(context_key::kMeter);
  const auto provenance = file.context_value(context_key::kProvenance);
  if (!meter && !provenance)
    return "no recorded meter";
  return fmt::format("{} ({})", meter.value_or("unknown meter"),
                     provenance.value_or("unknown provenance"));
}

std::optional<std::string> meter_mismatch(const ResultFile& base, const ResultFile& candidate) {
  const bool same =
      base.context_value(context_key::kMeter) == candidate.context_value(context_key::kMeter) &&
      base.context_value(context_key::kProvenance) ==
          candidate.context_value(context_key::kProvenance);
  if (same)
    return std::nullopt;
  // An error line: context values may hold newlines or be megabytes long.
  return fmt::format("{} has energy from {}, {} from {}", base.source,
                     printable_text(describe_meter(base)), candidate.source,
                     printable_text(describe_meter(candidate)));
}

}  // namespace joulebench
