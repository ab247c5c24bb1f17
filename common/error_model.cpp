#include "common/error_model.h"

#include <fmt/format.h>

#include <filesystem>
#include <new>
#include <system_error>

namespace joulebench {
namespace {

ErrorReport user_error(std::string_view who, std::string_view what) {
  return {.kind = ErrorKind::user,
          .exit_code = kExitUserError,
          .line = fmt::format("{}: error: {}", who, what)};
}

ErrorReport internal_error(std::string_view who, std::string_view what) {
  return {.kind = ErrorKind::internal,
          .exit_code = kExitInternalError,
          .line = fmt::format("{}: internal error: {} (a bug in joulebench, not in your input: "
                              "please report it with the command line)",
                              who, what)};
}

}  // namespace

ErrorReport classify_exception(std::exception_ptr error, std::string_view who) {
  if (!error)
    return internal_error(who, "no exception");
  try {
    std::rethrow_exception(error);
  } catch (const UserError& e) {
    return user_error(who, e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return user_error(who, e.what());
  } catch (const fmt::format_error& e) {
    return internal_error(who, fmt::format("format error: {}", e.what()));
  } catch (const std::system_error& e) {
    return internal_error(who, e.what());
  } catch (const std::range_error& e) {
    return internal_error(who, e.what());
  } catch (const std::overflow_error& e) {
    return internal_error(who, e.what());
  } catch (const std::underflow_error& e) {
    return internal_error(who, e.what());
  } catch (const std::runtime_error& e) {
    return user_error(who, e.what());
  } catch (const std::exception& e) {
    return internal_error(who, e.what());
  } catch (...) {
    return internal_error(who, "an exception that is not a std::exception");
  }
}

int report_current_exception(std::string_view who, std::FILE* stream) noexcept {
  ErrorReport report;  // empty: nothing allocated yet
  try {
    report = classify_exception(std::current_exception(), who);
  } catch (...) {
    // The line could not be made (out of memory): the exception's words are lost, and with them
    // whether the user could fix it.
    std::fputs("joulebench: internal error while reporting an error (out of memory?)\n", stream);
    return kExitInternalError;
  }
  std::fputs(report.line.c_str(), stream);
  std::fputc('\n', stream);
  return report.exit_code;
}

void rethrow_with_prefix(std::string_view prefix) {
  const std::exception_ptr error = std::current_exception();
  if (classify_exception(error, "").kind == ErrorKind::user) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      throw UserError(fmt::format("{}: {}", prefix, e.what()));
    }
  }
  std::rethrow_exception(error);
}

}  // namespace joulebench
