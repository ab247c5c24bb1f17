#include "app/whatif_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "common/quantity_text.h"

namespace joulebench::cli {
namespace {

std::string intensity_line(const GridIntensity& gi) {
  std::string where = gi.is_default ? "world average (no region given: a default, not a location)"
                                    : fmt::format("{} ({})", gi.region, gi.name);
  return fmt::format("{:g} gCO2e/kWh: {}, {}, {} - {}{}", gi.grams_per_kwh, where, gi.year,
                     gi.method, gi.source,
                     gi.chosen_by.empty() ? "" : fmt::format(" (chosen by {})", gi.chosen_by));
}

std::string scc_line(const SocialCostOfCarbon& scc) {
  return fmt::format("{:g} USD per tonne CO2 - {}", scc.usd_per_tonne, scc.source);
}

void region_rows(std::string& out, std::string_view title,
                 const std::vector<RegionEmission>& rows) {
  if (rows.empty())
    return;
  out += fmt::format("  {}:\n", title);
  for (const RegionEmission& r : rows) {
    out += fmt::format("    {:<30} {:>7.1f} gCO2e/kWh  {:<9} {}  {:>16}  {}\n", r.code,
                       r.grams_per_kwh, r.method, r.year, quantity_text::co2e(r.co2.value), r.name);
  }
}

std::string money(double usd) {
  return quantity_text::number(usd);
}

}  // namespace

std::string render_estimate(const EstimateReport& report) {
  const EstimateInput& in = report.input;
  const EnergyEstimate& e = report.result;
  std::vector<std::string> devices;
  std::vector<std::string> terms;
  for (const DevicePower& d : in.devices) {
    devices.push_back(fmt::format("{} x {} {}", d.count, d.kind, d.model));
    terms.push_back(fmt::format("{} x {:g} W", d.count, d.tdp.value));
  }
  const std::string power_sum =
      terms.size() == 1 ? terms.front() : fmt::format("({})", fmt::join(terms, " + "));
  const GridIntensity& gi = in.carbon.intensity;
  const double kwh = e.facility_energy.value / kJoulesPerKilowattHour;
  std::string out;
  out += fmt::format(
      "Estimate (nothing was run): {} for {:g} h at utilisation {:g}, region {}, "
      "PUE {:g}\n\n",
      fmt::join(devices, " + "), report.hours, in.utilization,
      gi.is_default ? "none (world average)" : gi.region, in.carbon.pue);
  out += fmt::format("  {:<16} {:>14}  = {} x {:g} x {:g} h\n", "IT energy",
                     quantity_text::energy(e.it_energy.value), power_sum, in.utilization,
                     report.hours);
  out += fmt::format("  {:<16} {:>14}  = {} x PUE {:g}\n", "facility energy",
                     quantity_text::energy(e.facility_energy.value),
                     quantity_text::energy(e.it_energy.value), in.carbon.pue);
  out +=
      fmt::format("  {:<16} {:>14}  = {} kWh x {:g} gCO2e/kWh\n", "CO2e",
                  quantity_text::co2e(e.co2.value), quantity_text::number(kwh), gi.grams_per_kwh);
  out += fmt::format("  {:<16} {:>14}  = {} t x {:g} USD/t\n\n", "social cost",
                     money(report.scc.usd(e.co2.value)) + " USD",
                     quantity_text::number(e.co2.value / 1e6), report.scc.usd_per_tonne);
  out += "Factors and their sources:\n";
  for (const DevicePower& d : in.devices) {
    out +=
        fmt::format("  {} {}: {:g} W ({}) - {}\n", d.kind, d.model, d.tdp.value, d.note, d.source);
  }
  out += fmt::format(
      "  utilisation {:g}: average fraction of TDP drawn (--utilisation; 1 = at TDP "
      "throughout, an upper bound)\n",
      in.utilization);
  out += fmt::format("  hours {:g} (--hours)\n", report.hours);
  out += fmt::format(
      "  PUE {:g} (--pue; 1 = IT energy only; see data/README.md for typical "
      "values)\n",
      in.carbon.pue);
  out += fmt::format("  grid intensity {}\n", intensity_line(gi));
  out += fmt::format("  social cost of carbon {}\n", scc_line(report.scc));
  return out;
}

std::string render_region_comparison(const RegionComparison& c) {
  std::string out = fmt::format(
      "\nThe same facility energy ({}) charged in other regions (tables: {}). Regions with a "
      "figure of their own are ranked per method: lifecycle figures include fuel supply and "
      "construction, direct ones only combustion, so the two are not compared.\n",
      quantity_text::energy(c.facility_energy.value), c.tables);
  for (const RegionRanking& r : c.rankings) {
    const std::string method = r.method.empty() ? "method not given" : r.method;
    region_rows(out, fmt::format("cleanest ({}, {} ranked)", method, r.ranked), r.cleanest);
    region_rows(out, fmt::format("dirtiest ({}, {} ranked)", method, r.ranked), r.dirtiest);
  }
  region_rows(out, "chosen (--regions)", c.chosen);
  return out;
}

std::string render_projection(const DeploymentProjection& p) {
  const InferenceCost& inf = p.inference;
  const ProjectionOptions& o = p.options;
  std::string out;
  out += fmt::format(
      "Deployment projection (from the energy recorded in the result file; nothing was run): "
      "{:.10g} "
      "inferences per day\n\n",
      o.per_day);
  out += fmt::format("  workload         {} ({})\n", inf.workload, inf.file);
  out += fmt::format("  energy from      {}\n", inf.meter);
  if (inf.runs_without_energy > 0) {
    out += fmt::format("  left out         {} run(s) without an energy figure ({})\n",
                       inf.runs_without_energy, inf.missing_reason);
  }
  out += fmt::format(
      "  per inference    {} IT = energy_J per iteration / {} inference(s) per iteration ({})\n",
      quantity_text::energy(inf.it_joules), inf.batch,
      inf.batch_source == InferenceCost::BatchSource::labels
          ? fmt::format("batch {} in the row's labels", inf.batch)
      : inf.batch_source == InferenceCost::BatchSource::name
          ? fmt::format("batch:{} in the name", inf.batch)
          : std::string("no batch in the labels or the name: one per iteration"));
  out += fmt::format(
      "                   {} (co2_g / {}, recorded with PUE {:g} and {} "
      "gCO2e/kWh)\n\n",
      quantity_text::co2e(inf.co2_grams), inf.batch, inf.pue, inf.intensity);
  const std::string over = fmt::format("over {:g} year(s)", o.years);
  out += fmt::format("  {:<18} {:>18} {:>18} {:>18}\n", "", "per day", "per year (365 d)", over);
  auto row = [&](std::string_view label, auto&& pick) {
    out += fmt::format("  {:<18} {:>18} {:>18} {:>18}\n", label, pick(p.per_day), pick(p.per_year),
                       pick(p.total));
  };
  // Facility energy is at least IT energy (PUE >= 1); the largest column depends on --years.
  const double joules_scale =
      std::max({p.per_day.facility_joules, p.per_year.facility_joules, p.total.facility_joules});
  const double grams_scale =
      std::max({p.per_day.co2_grams, p.per_year.co2_grams, p.total.co2_grams});
  row("IT energy",
      [&](const Footprint& f) { return quantity_text::energy(f.it_joules, joules_scale); });
  row("facility energy",
      [&](const Footprint& f) { return quantity_text::energy(f.facility_joules, joules_scale); });
  row("CO2e", [&](const Footprint& f) { return quantity_text::co2e(f.co2_grams, grams_scale); });
  if (o.price_per_kwh) {
    row(fmt::format("cost at {:g}/kWh", *o.price_per_kwh),
        [](const Footprint& f) { return money(f.cost.value_or(0.0)); });
  }
  row("social cost (USD)", [](const Footprint& f) { return money(f.scc_usd); });
  out += "\n";
  out += fmt::format(
      "  facility energy = IT energy x PUE {:g}; CO2e = recorded co2_g per "
      "inference x inferences{}\n",
      inf.pue, o.price_per_kwh ? "; cost = facility kWh x --price-per-kWh" : "");
  out += fmt::format("  social cost of carbon {}\n\n", scc_line(o.scc));
  if (p.training) {
    const TrainingCost& t = *p.training;
    out += fmt::format("Training the same model ({}, {}): {} IT, {} per run.\n", t.workload, t.file,
                       quantity_text::energy(t.it_joules), quantity_text::co2e(t.co2_grams));
    out += fmt::format(
        "Inference uses as much IT energy as one training run after {:.3g} days "
        "(= {} / {} per day).\n",
        *p.break_even_days, quantity_text::energy(t.it_joules),
        quantity_text::energy(p.per_day.it_joules));
  } else {
    out += fmt::format("Training: {}.\n", p.training_note);
  }
  return out;
}

}  // namespace joulebench::cli
