#include "adapters/report/report_text.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace vetmatch {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fixed(double x, int decimals) {
  if (!std::isfinite(x)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  std::string s(buffer);
  // "-0.00" and the like: a negative zero after rounding.
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) {
    s.erase(0, 1);
  }
  return s;
}

std::string grouped(std::int64_t n) {
  const std::uint64_t magnitude =
      n < 0 ? 0 - std::uint64_t(n) : std::uint64_t(n);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "–";
  return fixed(100.0 * double(part) / double(whole), 1) + "%";
}

Label group_label(Group g) {
  static constexpr std::array<Label, 4> kLabels = {{
      {"退役士兵", "Soldier"},
      {"士官", "NCO"},
      {"军官", "Officer"},
      {"随军家属", "Spouse"},
  }};
  return kLabels[static_cast<std::size_t>(g)];
}

Label priority_label(PriorityFlag f) {
  static constexpr std::array<Label, 4> kLabels = {{
      {"伤残", "Disabled"},
      {"烈属", "Martyr's family"},
      {"立功受奖", "Merit"},
      {"困难", "Hardship"},
  }};
  return kLabels[static_cast<std::size_t>(f)];
}

Label short_reason_label(ShortReason r) {
  switch (r) {
    case ShortReason::kNone:
      return {"", ""};
    case ShortReason::kNoEligibleBooth:
      return {"本场没有合适的展位", "No booth at this fair fits"};
    case ShortReason::kFewerEligibleBooths:
      return {"合适的展位都已列入", "Every booth that fits is listed"};
    case ShortReason::kBoothsFull:
      return {"其他合适的展位面试已满", "Other booths that fit are full"};
  }
  return {"", ""};
}

}  // namespace vetmatch
