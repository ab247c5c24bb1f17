#include "harness/meters/meter.h"

namespace joulebench {

std::string_view to_string(Provenance p) {
  switch (p) {
    case Provenance::measured:
      return "measured";
    case Provenance::integrated_power:
      return "integrated-power";
    case Provenance::estimated:
      return "estimated";
  }
  return "estimated";
}

Provenance weakest(Provenance a, Provenance b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

Joules EnergyReading::total() const {
  Joules sum;
  for (Joules j : per_domain)
    sum += j;
  return sum;
}

Provenance provenance_of(const Meter& meter) {
  Provenance p = Provenance::measured;
  for (const EnergyDomain& d : meter.domains())
    p = weakest(p, d.provenance);
  return p;
}

}  // namespace joulebench
