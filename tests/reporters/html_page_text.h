#pragma once
// The HTML leaderboard without the chart libraries it inlines (<script data-jb="vendor">, about
// 840 KB of minified vega): what the page's own renderer wrote, for golden files and text
// checks that must not match inside the libraries.

#include <string>

namespace joulebench::testing {

inline std::string without_vendor_scripts(std::string page) {
  const std::string open = "<script data-jb=\"vendor\">";
  for (auto at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
    const auto body = at + open.size();
    const auto end = page.find("</script>", body);
    if (end == std::string::npos)
      break;
    page.replace(body, end - body, "(vendored library)");
  }
  return page;
}

}  // namespace joulebench::testing
