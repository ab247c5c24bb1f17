#include "reporters/whatif/deployment_projection.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>
#include <stdexcept>

#include "common/error_text.h"
#include "common/flag_rules.h"
#include "common/result_schema.h"
#include "common/units.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

constexpr double kDaysPerYear = 365.0;
constexpr const char* kTrainingPrefix = "mlp/train-to-accuracy/";

std::vector<std::string> segments(const std::string& name) {
  std::vector<std::string> out;
  std::string part;
  for (const char c : name) {
    if (c == '/') {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  out.push_back(part);
  return out;
}

// libstdc++'s std::regex recurses once per character of the text it searches: a benchmark name
// of 30,000 characters overflowed the stack (issue 18). Names up to this length go through the
// regex; longer ones (no real benchmark has one) are matched by the pattern as plain text.
constexpr std::size_t kMaxRegexNameChars = 512;
// A --workload or --training pattern is a few words; a longer one is refused before compiling.
constexpr std::size_t kMaxPatternChars = 256;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// An architecture segment: layer widths joined by '-' ("784-256-256-10"). A scan, not a regex:
// segments come from names of any length.
bool is_architecture(const std::string& s) {
  if (s.empty() || !is_digit(s.front()) || !is_digit(s.back()) ||
      s.find('-') == std::string::npos || s.find("--") != std::string::npos)
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '-'; });
}

// The name a pattern sees: without the /real_time or /manual_time Google Benchmark appends, so
// "batch:1$" finds ".../batch:1/real_time" (issue 16).
std::string_view matchable_name(std::string_view name) {
  for (const std::string_view suffix : {"/real_time", "/manual_time"}) {
    if (name.ends_with(suffix))
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// A --workload / --training pattern, or the default training prefix; bounded work on any name.
class NameMatcher {
 public:
  static NameMatcher prefix(std::string text) { return NameMatcher(std::move(text), {}); }

  static NameMatcher regex(const std::string& pattern, const char* flag) {
    if (pattern.size() > kMaxPatternChars)
      throw std::runtime_error(fmt::format("{} {} is longer than {} characters", flag,
                                           quoted_value(pattern), kMaxPatternChars));
    try {
      return NameMatcher(pattern, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
      throw std::runtime_error(fmt::format("{} {} is not a regular expression: {}", flag,
                                           quoted_value(pattern), e.what()));
    }
  }

  bool matches(std::string_view full_name) const {
    const std::string_view name = matchable_name(full_name);
    if (!regex_)
      return name.starts_with(text_);
    if (name.size() > kMaxRegexNameChars)
      return name.find(text_) != std::string_view::npos;
    return std::regex_search(name.begin(), name.end(), *regex_);
  }

 private:
  NameMatcher(std::string text, std::optional<std::regex> regex)
      : text_(std::move(text)), regex_(std::move(regex)) {}
  std::string text_;
  std::optional<std::regex> regex_;
};

// Energy and CO2 per iteration, pooled over the iteration rows of one run name. Rows without an
// energy figure (see reporters/row_energy.h) are not pooled, only counted, so a workload whose
// every run lost its energy is named in an error instead of projected from 0 J.
struct Pooled {
  std::string file;
  double joules = 0.0;  // sum of energy_J x iterations
  double grams = 0.0;
  double iterations = 0.0;  // of the rows with energy; 0: no energy figure at all
  const ResultFile* source = nullptr;
  std::optional<std::int64_t> labelled_batch;  // from the rows' labels, when they have a batch
  int runs_without_energy = 0;
  std::string missing_reason;  // of the first such run
};

// Why a row is not pooled, or "" when it is.
std::string why_not_pooled(const ResultRow& row, std::string_view provenance) {
  if (!has_energy(row))
    return missing_energy_reason(row, provenance);
  const auto co2 = row.counter(counter::kCo2);
  if (!co2 || !std::isfinite(*co2) || *co2 < 0.0)
    return fmt::format("no usable {} counter", counter::kCo2);
  return {};
}

std::map<std::string, Pooled> pool_rows(const std::vector<ResultFile>& files) {
  std::map<std::string, Pooled> pooled;
  for (const ResultFile& file : files) {
    for (const ResultRow& row : file.rows) {
      if (row.run_type != "iteration" || row.error_message || row.iterations <= 0)
        continue;
      // A plain Google Benchmark row never had energy: not a workload to project.
      if (!has_energy(row) && !lost_energy(row))
        continue;
      const std::string& name = row.run_name.empty() ? row.name : row.run_name;
      Pooled& p = pooled[name];
      if (!p.source) {
        p.source = &file;
        p.file = file.source;
      }
      if (!p.labelled_batch && row.labels && row.labels->batch > 0)
        p.labelled_batch = row.labels->batch;
      if (std::string why =
              why_not_pooled(row, file.context_value(context_key::kProvenance).value_or(""));
          !why.empty()) {
        if (p.runs_without_energy++ == 0)
          p.missing_reason = std::move(why);
        continue;
      }
      const auto n = static_cast<double>(row.iterations);
      p.joules += *row.counter(counter::kEnergy) * n;
      p.grams += *row.counter(counter::kCo2) * n;
      p.iterations += n;
    }
  }
  return pooled;
}

bool has_figure(const Pooled& p) {
  return p.iterations > 0.0 && p.joules > 0.0;
}

std::string recorded(const ResultFile& file, const char* key) {
  const std::optional<std::string> value = file.context_value(key);
  return value ? *value : std::string("not recorded");
}

double recorded_pue(const ResultFile& file) {
  const auto text = file.context_value(context_key::kPue);
  if (!text)
    return 1.0;
  double value = 1.0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || !(value >= 1.0))
    throw std::runtime_error(
        fmt::format("{}: {} {} is not a PUE", file.source, context_key::kPue, quoted_value(*text)));
  return value;
}

Footprint scale(const InferenceCost& inf, double inferences, const ProjectionOptions& o) {
  Footprint f;
  f.it_joules = inf.it_joules * inferences;
  f.facility_joules = f.it_joules * inf.pue;
  f.co2_grams = inf.co2_grams * inferences;
  if (o.price_per_kwh)
    f.cost = f.facility_joules / kJoulesPerKilowattHour * *o.price_per_kwh;
  f.scc_usd = o.scc.usd(f.co2_grams);
  return f;
}

// Huge --per-day or --years can overflow a double (and a denormal daily energy make the
// break-even infinite); say so instead of printing inf.
void require_finite(const DeploymentProjection& p) {
  const Footprint& f = p.total;
  const bool finite = std::isfinite(f.it_joules) && std::isfinite(f.facility_joules) &&
                      std::isfinite(f.co2_grams) && std::isfinite(f.scc_usd) &&
                      (!f.cost || std::isfinite(*f.cost)) &&
                      (!p.break_even_days || std::isfinite(*p.break_even_days));
  if (!finite)
    throw std::runtime_error(
        "the projection is too large to compute (--per-day x --years, or the days to break even, "
        "overflow a double): use other figures");
}

// The same rules the command line checks (common/flag_rules.h), for callers of the library.
void validate(const ProjectionOptions& o) {
  check_number("--per-day", o.per_day, flag_rules::kPerDay);
  check_number("--years", o.years, flag_rules::kYears);
  if (o.price_per_kwh)
    check_number("--price-per-kWh", *o.price_per_kwh, flag_rules::kPricePerKwh);
  check_number("--scc", o.scc.usd_per_tonne, flag_rules::kScc);
}

}  // namespace

std::optional<int> batch_from_name(const std::string& run_name) {
  for (const std::string& s : segments(run_name)) {
    if (!s.starts_with("batch:"))
      continue;
    int value = 0;
    const char* first = s.data() + 6;
    const char* last = s.data() + s.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc() && end == last && value > 0)
      return value;
  }
  return std::nullopt;
}

DeploymentProjection project_deployment(const std::vector<ResultFile>& files,
                                        const ProjectionOptions& options) {
  validate(options);
  const std::map<std::string, Pooled> pooled = pool_rows(files);
  const NameMatcher training_re = options.training_regex
                                      ? NameMatcher::regex(*options.training_regex, "--training")
                                      : NameMatcher::prefix(kTrainingPrefix);
  const std::optional<NameMatcher> workload_re =
      options.workload_regex
          ? std::optional(NameMatcher::regex(*options.workload_regex, "--workload"))
          : std::nullopt;

  std::vector<std::string> candidates;
  std::vector<std::string> trainings;
  for (const auto& [name, p] : pooled) {
    const bool training = training_re.matches(name);
    if (training)
      trainings.push_back(name);
    if (workload_re ? workload_re->matches(name) : !training)
      candidates.push_back(name);
  }
  if (candidates.empty()) {
    throw std::runtime_error(
        workload_re ? fmt::format("no benchmark with energy counters matches --workload {}",
                                  quoted_value(*options.workload_regex))
                    : "no benchmark with energy_J and co2_g counters in the files");
  }
  if (candidates.size() > 1) {
    const std::size_t shown = std::min<std::size_t>(candidates.size(), 5);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < shown; ++i)
      names.push_back(printable_text(candidates[i]));
    throw std::runtime_error(fmt::format(
        "{} workloads match ({}{}); choose one with --workload REGEX", candidates.size(),
        fmt::join(names, ", "), shown < candidates.size() ? ", ..." : ""));
  }

  DeploymentProjection out;
  out.options = options;
  const std::string& name = candidates.front();
  const Pooled& p = pooled.at(name);
  if (!has_figure(p)) {
    throw std::runtime_error(fmt::format(
        "workload {} in {} has no energy figure ({}; {} run(s)): nothing to project",
        quoted_value(name), p.file, printable_text(p.missing_reason), p.runs_without_energy));
  }
  InferenceCost& inf = out.inference;
  inf.workload = name;
  inf.file = p.file;
  if (p.labelled_batch) {
    inf.batch = *p.labelled_batch;
    inf.batch_source = InferenceCost::BatchSource::labels;
  } else if (const std::optional<int> batch = batch_from_name(name)) {
    inf.batch = *batch;
    inf.batch_source = InferenceCost::BatchSource::name;
  }
  inf.it_joules = p.joules / p.iterations / static_cast<double>(inf.batch);
  inf.co2_grams = p.grams / p.iterations / static_cast<double>(inf.batch);
  inf.pue = recorded_pue(*p.source);
  inf.intensity = p.source->context_value(context_key::kIntensity).value_or("not recorded");
  inf.meter = fmt::format("{} ({})", recorded(*p.source, context_key::kMeter),
                          recorded(*p.source, context_key::kProvenance));
  inf.runs_without_energy = p.runs_without_energy;
  inf.missing_reason = p.missing_reason;

  out.per_day = scale(inf, options.per_day, options);
  out.per_year = scale(inf, options.per_day * kDaysPerYear, options);
  out.total = scale(inf, options.per_day * kDaysPerYear * options.years, options);

  // The training row for the same model: the only one, or the only one sharing the inference
  // row's architecture segment.
  std::erase(trainings, name);
  std::vector<std::string> picked = trainings;
  if (picked.size() > 1) {
    std::vector<std::string> same_arch;
    for (const std::string& s : segments(name)) {
      if (!is_architecture(s))
        continue;
      for (const std::string& t : trainings) {
        const auto parts = segments(t);
        if (std::find(parts.begin(), parts.end(), s) != parts.end())
          same_arch.push_back(t);
      }
    }
    picked = same_arch;
  }
  if (picked.size() == 1 && !has_figure(pooled.at(picked.front()))) {
    const Pooled& t = pooled.at(picked.front());
    out.training_note = fmt::format(
        "the training row {} ({}) has no energy figure ({}; {} run(s)), so there is nothing to "
        "compare with",
        picked.front(), t.file, t.missing_reason, t.runs_without_energy);
  } else if (picked.size() == 1) {
    const Pooled& t = pooled.at(picked.front());
    out.training = TrainingCost{.workload = picked.front(),
                                .file = t.file,
                                .it_joules = t.joules / t.iterations,
                                .co2_grams = t.grams / t.iterations};
    // per_day.it_joules > 0: the inference row has a positive energy figure and per_day > 0.
    out.break_even_days = out.training->it_joules / out.per_day.it_joules;
  } else if (trainings.empty()) {
    out.training_note = fmt::format(
        "no training row ({}) in the files: add the result file of the training run to compare",
        options.training_regex ? "--training " + *options.training_regex
                               : std::string(kTrainingPrefix) + "...");
  } else {
    out.training_note = fmt::format(
        "{} training rows and none singled out by the architecture in '{}': choose one with "
        "--training REGEX",
        trainings.size(), name);
  }
  require_finite(out);
  return out;
}

}  // namespace joulebench
