#include "harness/meters/composite_meter.h"

#include <fmt/format.h>

namespace joulebench {

CompositeMeter::CompositeMeter(std::vector<std::unique_ptr<Meter>> parts)
    : parts_(std::move(parts)) {
  std::vector<std::string_view> names;
  for (const auto& part : parts_) {
    names.push_back(part->name());
    for (const EnergyDomain& d : part->domains())
      domains_.push_back(d);
  }
  name_ = fmt::format("{}", fmt::join(names, "+"));
}

std::string CompositeMeter::method() const {
  std::vector<std::string> methods;
  for (const auto& part : parts_)
    methods.push_back(fmt::format("{}: {}", part->name(), part->method()));
  return fmt::format("{}", fmt::join(methods, "; "));
}

EnergyReading CompositeMeter::read() noexcept {
  EnergyReading out;
  out.per_domain.reserve(domains_.size());
  for (const auto& part : parts_) {
    EnergyReading r = part->read();
    out.per_domain.insert(out.per_domain.end(), r.per_domain.begin(), r.per_domain.end());
    out.time = r.time;
  }
  return out;
}

std::optional<std::string> CompositeMeter::failure() const {
  for (const auto& part : parts_) {
    if (auto f = part->failure())
      return fmt::format("{}: {}", part->name(), *f);
  }
  return std::nullopt;
}

}  // namespace joulebench
