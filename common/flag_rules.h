#pragma once
// The rule of every numeric flag of joulebench and of JOULEBENCH_MAIN programs, in one place:
// each flag is checked against its rule once, where it is parsed (CLI11 validators for the
// commands' own flags, check_measurement_options for the measurement options both front ends
// share), and --help states the bounds. Upper bounds on counts and times keep a typo (an extra
// digit, 2147483647) from ending in std::bad_alloc or a run that never ends.

#include "common/number_rule.h"

namespace joulebench::flag_rules {

// --- run and JOULEBENCH_MAIN (the measurement) ---
// An hour per benchmark is far beyond what any meter needs to resolve a window.
inline const NumberRule kMinTime{.what = "a finite number of seconds", .min = 0.0, .max = 3600.0};
// Each repetition is a result row; a thousand already gives stable medians.
inline const NumberRule kRepetitions{
    .what = "a whole number", .min = 1.0, .max = 1000.0, .whole = true};
// The sampler must not spin (one read per millisecond is already far finer than RAPL's update
// interval), nor sample less than once a minute, which would miss counter wraps.
inline const NumberRule kSampleInterval{.what = "a finite number of seconds",
                                        .min = 0.001,
                                        .max = 60.0,
                                        .zero_allowed = true,
                                        .zero_means = "no background reads"};
inline const NumberRule kIdleBaseline{.what = "a finite number of seconds",
                                      .min = 0.0,
                                      .min_inclusive = false,
                                      .max = 3600.0,
                                      .zero_allowed = true,
                                      .zero_means = "skip"};
inline const NumberRule kPue{
    .what = "a finite power usage effectiveness (PUE)", .min = 1.0, .max = 3.0};
inline const NumberRule kTargetAccuracy{
    .what = "a finite fraction of test images", .min = 0.0, .max = 1.0};
inline const NumberRule kMlpEpochs{
    .what = "a whole number", .min = 1.0, .max = 1000.0, .whole = true};
// Google Benchmark's warm-up before each benchmark (passed through by `run`).
inline const NumberRule kMinWarmupTime{
    .what = "a finite number of seconds", .min = 0.0, .max = 3600.0};

// --- compare ---
// In percent of the base median; 1000% (eleven times the base) is beyond any useful gate.
inline const NumberRule kThresholdPercent{.what = "a finite percentage", .min = 0.0, .max = 1000.0};
inline const NumberRule kAlpha{.what = "a finite significance level",
                               .min = 0.0,
                               .min_inclusive = false,
                               .max = 1.0,
                               .max_inclusive = false};

// --- statement, project, estimate ---
// USD per tonne CO2; published estimates range up to a few thousand.
inline const NumberRule kScc{.what = "a finite cost in USD per tonne", .min = 0.0, .max = 1e6};
inline const NumberRule kPerDay{
    .what = "a finite number of inferences", .min = 0.0, .min_inclusive = false, .max = 1e15};
inline const NumberRule kYears{
    .what = "a finite number of years", .min = 0.0, .min_inclusive = false, .max = 100.0};
inline const NumberRule kPricePerKwh{.what = "a finite price", .min = 0.0, .max = 1e6};
// A hundred years of hours.
inline const NumberRule kHours{
    .what = "a finite number of hours", .min = 0.0, .min_inclusive = false, .max = 876000.0};
inline const NumberRule kUtilization{.what = "a finite fraction of TDP", .min = 0.0, .max = 1.0};
// A device's TDP given by the user (estimate --cpu-tdp/--gpu-tdp): above 0, at most 10 kW (a
// whole GPU tray is under that; a typo of 1000x is not).
inline const NumberRule kDeviceTdp{
    .what = "a finite power in watts", .min = 0.0, .min_inclusive = false, .max = 10000.0};
inline const NumberRule kDeviceCount{
    .what = "a whole number", .min = 1.0, .max = 100000.0, .whole = true};

}  // namespace joulebench::flag_rules
