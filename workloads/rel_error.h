#pragma once
// ||C - C_ref|| / ||C_ref|| (Frobenius), the `rel_error` counter of kernel workloads. A
// non-finite value anywhere in C gives NaN, and within() is false for NaN, so a NaN result can
// never pass a bound.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>

namespace joulebench {

template <class T>
double relative_error(std::span<const T> c, std::span<const double> reference) {
  if (c.size() != reference.size())
    throw std::invalid_argument("relative_error: result and reference differ in size");
  double diff = 0.0, norm = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double v = static_cast<double>(c[i]);
    if (!std::isfinite(v))
      return std::numeric_limits<double>::quiet_NaN();
    diff += (v - reference[i]) * (v - reference[i]);
    norm += reference[i] * reference[i];
  }
  if (norm == 0.0)  // a zero reference makes the ratio meaningless: inputs must be non-zero
    return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(diff / norm);
}

// True when error is a number no larger than bound.
inline bool within(double error, double bound) {
  return error <= bound;
}

}  // namespace joulebench
