#pragma once
// How the front end that runs a measurement spells its options, so that a message from library
// code names the flag the user can type: `joulebench run --region`, but a JOULEBENCH_MAIN
// program's --joulebench_region. Result files never use these: they record neutral words
// ("region option", see harness/carbon/region_choice.h).
//
// The defaults are neutral too, for code that runs a measurement without a command line.

#include <string>

namespace joulebench {

struct FrontEndNames {
  std::string program = "joulebench";  // starts warnings: "joulebench run", "./my_benchmarks"
  std::string meter = "the meter option";
  std::string estimate_utilisation = "the estimate utilisation option";
  std::string region = "the region option";
  std::string intensity_series = "the intensity series option";
  std::string pue = "the PUE option";
  std::string sample_interval = "the sample interval option";
  std::string idle_baseline = "the idle baseline option";
  std::string min_time = "the minimum time option";
};

}  // namespace joulebench
