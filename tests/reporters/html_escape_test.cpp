#include "reporters/html_escape.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace joulebench {
namespace {

TEST(HtmlEscape, MarkupAndQuotesBecomeEntities) {
  EXPECT_EQ(html_escape("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("<img src=x onerror='a()'> & b"),
            "&lt;img src=x onerror=&#39;a()&#39;&gt; &amp; b");
  EXPECT_EQ(html_escape("gemm/fp32/256"), "gemm/fp32/256");
}

TEST(HtmlEscape, ControlCharactersOtherThanWhitespaceBecomeVisible) {
  EXPECT_EQ(html_escape("a\tb\nc\r"), "a\tb\nc\r");
  EXPECT_EQ(html_escape(std::string_view("a\0b\x1b\x7f", 5)), "a\u2400b\u241b\u2421");
}

TEST(JsonForScript, NothingCanEndTheScriptElementAndTheJsonMeansTheSame) {
  const nlohmann::json data = {{"name", "</script><script>alert(1)</script><!-- & -->"},
                               {"line", "a\u2028b\u2029c"},
                               {"n", 1.5}};
  const std::string safe = json_for_script(data.dump());
  EXPECT_EQ(safe.find('<'), std::string::npos) << safe;
  EXPECT_EQ(safe.find('>'), std::string::npos) << safe;
  EXPECT_EQ(safe.find('&'), std::string::npos) << safe;
  EXPECT_EQ(safe.find("\u2028"), std::string::npos) << safe;
  EXPECT_EQ(safe.find("\u2029"), std::string::npos) << safe;
  EXPECT_NE(safe.find("\\u003c/script\\u003e"), std::string::npos) << safe;
  EXPECT_EQ(nlohmann::json::parse(safe), data);
}

TEST(JsonForScript, InvalidUtf8IsReplacedBeforeEscaping) {
  const nlohmann::json data = {{"name", std::string("a\xff<b")}};
  const std::string safe =
      json_for_script(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  EXPECT_EQ(nlohmann::json::parse(safe)["name"], "a\ufffd<b");
}

}  // namespace
}  // namespace joulebench
