#include "reporters/latex_escape.h"

namespace joulebench {

std::string latex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '<':
        out += "\\textless{}";
        break;
      case '>':
        out += "\\textgreater{}";
        break;
      case '|':
        out += "\\textbar{}";
        break;
      case '[':
        out += "{[}";
        break;
      case ']':
        out += "{]}";
        break;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          out += ' ';
        else
          out += c;
    }
  }
  for (std::size_t at = out.find("CO2"); at != std::string::npos; at = out.find("CO2", at + 1))
    out.replace(at, 3, "CO\\textsubscript{2}");
  // "--region" would print as an en dash.
  for (std::size_t at = out.find("--"); at != std::string::npos; at = out.find("--", at + 1))
    out.replace(at, 2, "-{}-");
  return out;
}

}  // namespace joulebench
