// The one error model (common/error_model.h): which exceptions are the user's to fix (exit 2)
// and which are internal errors (exit 3), and the one line each prints. The CLI and
// JOULEBENCH_MAIN programs print exactly these lines; no input makes them throw a bug on
// purpose, so the internal side is tested here.

#include "common/error_model.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <new>
#include <regex>
#include <string>
#include <system_error>
#include <vector>

#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

template <typename Exception>
ErrorReport classify(const Exception& e) {
  return classify_exception(std::make_exception_ptr(e), "joulebench run");
}

void expect_user(const ErrorReport& r, const std::string& what) {
  EXPECT_EQ(r.kind, ErrorKind::user) << r.line;
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.line, "joulebench run: error: " + what);
}

void expect_internal(const ErrorReport& r, const std::string& mention) {
  EXPECT_EQ(r.kind, ErrorKind::internal) << r.line;
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(r.line.starts_with("joulebench run: internal error: ")) << r.line;
  EXPECT_NE(r.line.find(mention), std::string::npos) << r.line;
  EXPECT_NE(r.line.find("please report it with the command line"), std::string::npos) << r.line;
  EXPECT_EQ(r.line.find('\n'), std::string::npos) << r.line;
}

TEST(ErrorModel, UserErrorsAndTheRuntimeErrorsOfParsersAreTheUsersToFix) {
  expect_user(classify(UserError("--pue must be a number")), "--pue must be a number");
  expect_user(classify(std::runtime_error("run.json: not a Google Benchmark result")),
              "run.json: not a Google Benchmark result");
  // A regular expression the user gave (--filter).
  const ErrorReport regex = classify(std::regex_error(std::regex_constants::error_paren));
  EXPECT_EQ(regex.kind, ErrorKind::user) << regex.line;
  const ErrorReport path = classify(std::filesystem::filesystem_error(
      "cannot create directory", "out/x", std::make_error_code(std::errc::permission_denied)));
  EXPECT_EQ(path.kind, ErrorKind::user) << path.line;
  EXPECT_NE(path.line.find("out/x"), std::string::npos) << path.line;
}

TEST(ErrorModel, BugsAreInternalErrorsEvenWhenTheyDeriveFromRuntimeError) {
  expect_internal(classify(std::logic_error("unknown Metric value")), "unknown Metric value");
  expect_internal(classify(std::invalid_argument("stoi")), "stoi");  // escaped a parser
  expect_internal(classify(std::out_of_range("map::at")), "map::at");
  expect_internal(classify(std::bad_alloc()), "bad_alloc");
  expect_internal(classify(fmt::format_error("invalid format string")), "invalid format string");
  expect_internal(classify(std::system_error(
                      std::make_error_code(std::errc::resource_unavailable_try_again), "thread")),
                  "thread");
  expect_internal(classify(std::overflow_error("bitset")), "bitset");
  expect_internal(classify(std::range_error("wstring_convert")), "wstring_convert");
  expect_internal(classify(std::exception()), "std::exception");
  expect_internal(classify_exception(std::make_exception_ptr(42), "joulebench run"),
                  "not a std::exception");
}

TEST(ErrorModel, ANlohmannExceptionThatEscapedAParserIsInternal) {
  // nlohmann::json's exceptions derive from std::exception, not std::runtime_error: a reader must
  // word its parse_error as a one-line user error itself. A stand-in with the same base:
  struct parse_error : std::exception {
    const char* what() const noexcept override { return "[json.exception.parse_error.101]"; }
  };
  expect_internal(classify(parse_error()), "json.exception.parse_error.101");
}

// The line and the exit code as main() gets them, through a real stream.
int report(const std::exception_ptr& error, const testing::TempDir& dir, std::string& printed) {
  const std::filesystem::path file = dir.path() / "stderr.txt";
  std::FILE* stream = std::fopen(file.c_str(), "w");
  int code = -1;
  try {
    std::rethrow_exception(error);
  } catch (...) {
    code = report_current_exception("joulebench-kernel-table", stream);
  }
  std::fclose(stream);
  printed = testing::read_whole_file(file);
  return code;
}

TEST(ErrorModel, ReportPrintsOneLineAndReturnsTheExitCode) {
  testing::TempDir dir;
  std::string printed;
  EXPECT_EQ(report(std::make_exception_ptr(std::runtime_error("x.json: empty file")), dir, printed),
            kExitUserError);
  EXPECT_EQ(printed, "joulebench-kernel-table: error: x.json: empty file\n");
  EXPECT_EQ(report(std::make_exception_ptr(std::out_of_range("vector")), dir, printed),
            kExitInternalError);
  EXPECT_TRUE(printed.starts_with("joulebench-kernel-table: internal error: vector (a bug"))
      << printed;
  EXPECT_EQ(printed.find('\n'), printed.size() - 1) << printed;
}

TEST(ErrorModel, APrefixIsAddedToUserErrorsOnlyAndNeverMakesABugAUserError) {
  const auto prefixed = [](const std::exception_ptr& error) {
    try {
      try {
        std::rethrow_exception(error);
      } catch (...) {
        rethrow_with_prefix("--models");
      }
    } catch (...) {
      return classify_exception(std::current_exception(), "joulebench run");
    }
    return ErrorReport{};
  };
  expect_user(prefixed(std::make_exception_ptr(std::runtime_error("m.json: no \"task\""))),
              "--models: m.json: no \"task\"");
  expect_internal(prefixed(std::make_exception_ptr(std::logic_error("null model"))), "null model");
  const ErrorReport oom = prefixed(std::make_exception_ptr(std::bad_alloc()));
  EXPECT_EQ(oom.kind, ErrorKind::internal);
  EXPECT_EQ(oom.line.find("--models"), std::string::npos) << oom.line;
}

TEST(ErrorModel, ExitCodesAreTheDocumentedOnes) {
  EXPECT_EQ(kExitOk, 0);
  EXPECT_EQ(kExitAnswerNo, 1);
  EXPECT_EQ(kExitUserError, 2);
  EXPECT_EQ(kExitInternalError, 3);
}

}  // namespace
}  // namespace joulebench
