#include <fmt/format.h>
#include <fmt/ostream.h>

#include "reporters/markdown_cell.h"
#include "reporters/statement/carbon_statement.h"
#include "reporters/statement/everyday_equivalents.h"
#include "reporters/statement/statement_text.h"

namespace joulebench {
namespace {

std::string with_space(const std::string& sentence) {
  return sentence.empty() ? sentence : " " + sentence;
}

}  // namespace

void write_statement_markdown(std::ostream& out, const CarbonStatement& s) {
  namespace t = statement_text;
  const auto& car = kEverydayEquivalents[0];
  const auto& fuel = kEverydayEquivalents[1];
  fmt::print(out, "## Carbon impact statement\n\n");
  fmt::print(
      out,
      "The {} measured benchmark(s) in {} result file(s) used **{}** of electricity at "
      "the hardware (IT energy) and emitted **{}**, with the facility overhead (PUE) and "
      "the grid carbon intensity below applied. That is about as much CO2 as {} {} "
      "{}, or {} {} {}. {}{}\n\n",
      [&] {
        int n = 0;
        for (const auto& src : s.sources)
          n += src.benchmarks;
        return n;
      }(),
      s.sources.size(), t::kwh(s.it_energy_joules), t::kg_co2e(s.co2_grams),
      t::number(s.co2_grams / car.grams_co2_per_unit), car.unit, car.activity,
      t::number(s.co2_grams / fuel.grams_co2_per_unit), fuel.unit, fuel.activity,
      markdown_cell(t::social_cost_sentence(s)), with_space(t::missing_energy_sentence(s)));
  for (const StatementSource& source : s.sources) {
    fmt::print(out, "### {}\n\n| | |\n|---|---|\n", markdown_cell(source.file));
    for (const auto& [label, value] : t::source_rows(source))
      fmt::print(out, "| {} | {} |\n", label, markdown_cell(value));
    fmt::print(out, "\n");
  }
  fmt::print(out, "Notes:\n\n");
  fmt::print(out,
             "- Energy covers the measured benchmark windows only; CO2e = energy x PUE x grid "
             "intensity, per benchmark.\n");
  for (const std::string& note : t::missing_energy_notes(s))
    fmt::print(out, "- {}\n", markdown_cell(note));
  if (t::any_estimated(s)) {
    fmt::print(out,
               "- Energy marked *estimated* comes from a model of the hardware, not from a "
               "sensor.\n");
  }
  for (const auto& e : kEverydayEquivalents) {
    fmt::print(out, "- {} g CO2 per {} {} ({}).\n", fmt::format("{:.4g}", e.grams_co2_per_unit),
               e.one_unit, e.activity, e.source);
  }
}

}  // namespace joulebench
