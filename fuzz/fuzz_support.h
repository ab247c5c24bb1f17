#pragma once
// Shared by the libFuzzer harnesses: the error contract every target checks, and splitting one
// fuzz input into several files.
//
// The contract (the project promise): bad input is refused with a std::runtime_error whose
// message is one non-empty line. Anything else escaping (a std::logic_error, a raw nlohmann
// exception, a multi-line or empty message) is a finding, reported by aborting so libFuzzer
// records the input.

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench::fuzz {

[[noreturn]] inline void finding(std::string_view what, std::string_view message) {
  std::fprintf(stderr, "FUZZ FINDING: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(message.size()), message.data());
  std::abort();
}

// Checks a refusal's message: one line, not empty.
inline void check_refusal(const std::runtime_error& e) {
  const std::string_view message = e.what();
  if (message.empty())
    finding("empty error message", message);
  if (message.find('\n') != std::string_view::npos)
    finding("multi-line error message", message);
}

// Runs `body`; a std::runtime_error is a clean refusal (its message checked), any other
// exception a finding.
template <typename Body>
void expect_clean(Body&& body) {
  try {
    body();
  } catch (const std::runtime_error& e) {
    check_refusal(e);
  } catch (const std::exception& e) {
    finding("exception other than std::runtime_error", e.what());
  }
}

// The separator between the files packed into one fuzz input (seeds use it too).
inline constexpr std::string_view kFileSeparator = "\n#--joulebench-fuzz-next-file--#\n";

// Splits at kFileSeparator into at most `max_parts` parts (the last one keeps the rest).
inline std::vector<std::string_view> split_files(std::string_view input, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = input.find(kFileSeparator);
    if (at == std::string_view::npos)
      break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + kFileSeparator.size());
  }
  parts.push_back(input);
  return parts;
}

}  // namespace joulebench::fuzz
