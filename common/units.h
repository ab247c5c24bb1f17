#pragma once
// Physical quantities as distinct types, so a joule never silently becomes a watt or a second
// when it crosses a module boundary. Only the products and quotients that make physical sense
// are defined.

#include <compare>

namespace joulebench {

template <class Tag>
struct Quantity {
  double value = 0.0;

  constexpr auto operator<=>(const Quantity&) const = default;
  constexpr Quantity& operator+=(Quantity other) {
    value += other.value;
    return *this;
  }
  friend constexpr Quantity operator+(Quantity a, Quantity b) { return {a.value + b.value}; }
  friend constexpr Quantity operator-(Quantity a, Quantity b) { return {a.value - b.value}; }
  friend constexpr Quantity operator*(Quantity a, double k) { return {a.value * k}; }
  friend constexpr Quantity operator*(double k, Quantity a) { return {a.value * k}; }
  friend constexpr Quantity operator/(Quantity a, double k) { return {a.value / k}; }
};

using Joules = Quantity<struct JoulesTag>;
using Watts = Quantity<struct WattsTag>;
using Seconds = Quantity<struct SecondsTag>;
using GramsCO2e = Quantity<struct GramsCO2eTag>;

constexpr Watts operator/(Joules e, Seconds t) {
  return {e.value / t.value};
}
constexpr Joules operator*(Watts p, Seconds t) {
  return {p.value * t.value};
}
constexpr Joules operator*(Seconds t, Watts p) {
  return {p.value * t.value};
}

inline constexpr double kJoulesPerKilowattHour = 3.6e6;

}  // namespace joulebench
