#pragma once
// Plain-text renderings of the what-if answers (estimate, region comparison, deployment
// projection). Each figure is printed with the formula that made it and the source of each
// factor, so a reader can redo the sum by hand.

#include <string>
#include <vector>

#include "common/social_cost.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/whatif/energy_estimate.h"
#include "harness/whatif/region_comparison.h"
#include "reporters/whatif/deployment_projection.h"

namespace joulebench::cli {

struct EstimateReport {
  EstimateInput input;
  EnergyEstimate result;
  double hours = 0.0;
  SocialCostOfCarbon scc{};
};

std::string render_estimate(const EstimateReport& report);
std::string render_region_comparison(const RegionComparison& comparison);
std::string render_projection(const DeploymentProjection& projection);

}  // namespace joulebench::cli
