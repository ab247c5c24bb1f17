#include "reporters/statement/carbon_statement.h"

#include <fmt/format.h>

#include <stdexcept>

#include "common/result_schema.h"

namespace joulebench {

CarbonStatement build_carbon_statement(const std::vector<ResultFile>& files) {
  CarbonStatement statement;
  for (const ResultFile& file : files) {
    namespace k = context_key;
    auto context = [&file](const char* key) {
      return file.context_value(key).value_or("not recorded");
    };
    StatementSource s{.file = file.source,
                      .host = file.context_value("host_name").value_or("unknown host"),
                      .hardware = context(k::kCpuModel),
                      .region = context(k::kRegion),
                      .intensity = context(k::kIntensity),
                      .intensity_source = context(k::kIntensitySource),
                      .intensity_method = context(k::kIntensityMethod),
                      .pue = context(k::kPue),
                      .meter = fmt::format("{} ({}): {}", context(k::kMeter),
                                           context(k::kProvenance), context(k::kMeterMethod))};
    bool any_energy = false;
    for (const ResultRow& row : file.rows) {
      if (row.run_type != "iteration" || row.error_message)
        continue;
      const auto energy = row.counter(counter::kEnergy);
      const auto co2 = row.counter(counter::kCo2);
      if (!energy || !co2)
        continue;
      any_energy = true;
      const auto n = static_cast<double>(row.iterations);
      s.it_energy_joules += *energy * n;
      s.co2_grams += *co2 * n;
      ++s.benchmarks;
    }
    if (!any_energy)
      throw std::runtime_error(fmt::format("{}: no {} / {} counters (not a joulebench run?)",
                                           file.source, counter::kEnergy, counter::kCo2));
    statement.it_energy_joules += s.it_energy_joules;
    statement.co2_grams += s.co2_grams;
    statement.sources.push_back(std::move(s));
  }
  return statement;
}

}  // namespace joulebench
