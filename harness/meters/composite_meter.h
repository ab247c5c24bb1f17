#pragma once
// Several meters read as one: the CPU source plus each GPU source, their domains side by side.
// Selection guarantees the parts' domains are disjoint, so the total counts nothing twice.

#include <memory>
#include <string>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench {

class CompositeMeter final : public Meter {
 public:
  explicit CompositeMeter(std::vector<std::unique_ptr<Meter>> parts);

  std::string_view name() const override { return name_; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  // The parts are read one after the other; the reading's time is the last part's.
  EnergyReading read() noexcept override;
  std::optional<std::string> failure() const override;

 private:
  std::vector<std::unique_ptr<Meter>> parts_;
  std::string name_;  // "rapl+nvml"
  std::vector<EnergyDomain> domains_;
};

}  // namespace joulebench
