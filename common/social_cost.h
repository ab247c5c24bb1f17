#pragma once
// The social cost of carbon: the damage, in money, that one more tonne of CO2 emitted does. Shown
// beside emissions (statement, projection) so a reader can weigh them against an electricity
// bill; --scc replaces the default.

#include <string_view>

namespace joulebench {

// US EPA, "Report on the Social Cost of Greenhouse Gases: Estimates Incorporating Recent
// Scientific Advances" (final, November 2023): SC-CO2 for emissions in 2020, central value at the
// 2.0% near-term Ramsey discount rate, in 2020 US dollars. The report's range across its discount
// rates (2.5% to 1.5%) is 120 to 340 USD per tonne.
inline constexpr double kDefaultSccUsdPerTonne = 190.0;
inline constexpr std::string_view kDefaultSccSource =
    "US EPA, Report on the Social Cost of Greenhouse Gases (2023), SC-CO2 for 2020 emissions at "
    "a 2.0% discount rate, 2020 USD";

struct SocialCostOfCarbon {
  double usd_per_tonne = kDefaultSccUsdPerTonne;
  std::string_view source = kDefaultSccSource;  // "--scc" when the user gave the figure

  // The figure is for CO2; applied to CO2e, as the tools it is compared with do, it treats the
  // other gases at their CO2-equivalent weight.
  double usd(double grams_co2e) const { return grams_co2e / 1e6 * usd_per_tonne; }
};

}  // namespace joulebench
