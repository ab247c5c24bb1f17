#pragma once
// The numbers and rows shared by the Markdown and LaTeX statements, so both say the same thing.

#include <string>
#include <utility>
#include <vector>

#include "common/quantity_text.h"
#include "common/units.h"
#include "reporters/statement/carbon_statement.h"

namespace joulebench::statement_text {

// Figures in plain notation (a statement is read by people who do not read 4.3e-05), three
// significant digits, in a unit that keeps them short: the rules every command shares.
using quantity_text::co2e;
using quantity_text::energy;
using quantity_text::number;
// For everyday equivalents: "12345", "3.21", "0.00456", or "less than 0.001" (a reader does
// not picture 7.56e-06 km).
std::string plain_number(double value);

// The statement's first sentence, shared by every format: how many benchmarks in how many files,
// whether their energy was measured by a sensor or estimated from a model of the hardware (or
// how many of each), the energy, the emissions and the everyday equivalents.
std::string opening_sentence(const CarbonStatement& s);

// "At a social cost of carbon of 190 USD per tonne of CO2 (SOURCE), these emissions did about
// 0.00723 USD of damage."
std::string social_cost_sentence(const CarbonStatement& s);

// True when some energy in the statement comes from a model rather than a sensor.
bool any_estimated(const CarbonStatement& s);

// "" when every benchmark run has an energy figure; else one sentence saying how many runs are
// left out of the totals, e.g. "2 benchmark run(s) have no energy figure and are not counted
// in these totals (see the notes)."
std::string missing_energy_sentence(const CarbonStatement& s);

// One note per source with runs left out: "results/x.json: 2 benchmark run(s) have no energy
// figure and are not counted: gemm/a (energy_J = 0 (...)); gemm/b, 2 runs (...)". At most
// kMissingListed names each, then "and N more".
inline constexpr std::size_t kMissingListed = 8;
std::vector<std::string> missing_energy_notes(const CarbonStatement& s);

// Label and value rows describing one result file, in display order. A source without any
// energy figure shows "n/a" for its energy and emissions, never 0.
std::vector<std::pair<std::string, std::string>> source_rows(const StatementSource& s);

}  // namespace joulebench::statement_text
