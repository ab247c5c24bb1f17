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
  fmt::print(out, "## Carbon impact statement\n\n");
  fmt::print(out, "{} {}{}\n\n", markdown_cell(t::opening_sentence(s)),
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
