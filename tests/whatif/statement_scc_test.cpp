#include <gtest/gtest.h>

#include <sstream>

#include "reporters/statement/carbon_statement.h"
#include "reporters/statement/statement_text.h"

namespace joulebench {
namespace {

CarbonStatement statement_of(double co2_grams) {
  CarbonStatement s;
  s.co2_grams = co2_grams;
  return s;
}

// 38.08 g = 3.808e-5 t; x 190 USD/t = 0.007235 USD; x 100 USD/t = 0.003808 USD.
TEST(StatementSocialCost, KnownAnswerWithTheDefaultAndAGivenFigure) {
  CarbonStatement s = statement_of(38.08);
  const std::string epa = statement_text::social_cost_sentence(s);
  EXPECT_NE(epa.find("190 USD per tonne"), std::string::npos) << epa;
  EXPECT_NE(epa.find("US EPA"), std::string::npos) << epa;
  EXPECT_NE(epa.find("about 0.00724 USD"), std::string::npos) << epa;
  s.scc = SocialCostOfCarbon{100.0, "--scc"};
  const std::string given = statement_text::social_cost_sentence(s);
  EXPECT_NE(given.find("100 USD per tonne of CO2 (--scc)"), std::string::npos) << given;
  EXPECT_NE(given.find("about 0.00381 USD"), std::string::npos) << given;
}

TEST(StatementSocialCost, BothFormatsCarryTheSentence) {
  const CarbonStatement s = statement_of(1e6);  // one tonne: 190 USD
  std::ostringstream md;
  write_statement_markdown(md, s);
  EXPECT_NE(md.str().find("about 190 USD of damage"), std::string::npos) << md.str();
  std::ostringstream tex;
  write_statement_latex(tex, s);
  EXPECT_NE(tex.str().find("about 190 USD of damage"), std::string::npos) << tex.str();
  EXPECT_NE(tex.str().find("2.0\\% discount rate"), std::string::npos) << tex.str();
}

}  // namespace
}  // namespace joulebench
