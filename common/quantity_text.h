#pragma once
// Energy and emissions as people read them: plain notation (no 4.3e-05), three significant
// digits, in a unit that keeps the figure short. One set of rules for every command that prints
// such figures in prose or in a table (statement, estimate, project).

#include <string>

namespace joulebench::quantity_text {

// "0.0000336", "3.21", "12300": three significant digits, never an exponent; "0" for 0.
std::string number(double value);

// `joules` in the unit that suits `scale`: J below 1 Wh, Wh below 1 kWh, kWh above ("155 J",
// "43.2 Wh", "1.23 kWh"). Cells of one table pass its largest figure as the scale, so a row
// reads across without a change of unit.
std::string energy(double joules, double scale);
std::string energy(double joules);  // in its own unit

// `grams` as "0.368 g CO2e" or, from a scale of 1 kg, "1.5 kg CO2e".
std::string co2e(double grams, double scale);
std::string co2e(double grams);

}  // namespace joulebench::quantity_text
