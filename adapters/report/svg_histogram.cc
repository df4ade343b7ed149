#include "adapters/report/svg_histogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "adapters/report/report_text.h"

namespace vetmatch {
namespace {

constexpr double kWidth = 480, kHeight = 210;
constexpr double kLeft = 40, kRight = 12, kTop = 40, kBottom = 38;

}  // namespace

std::vector<std::int64_t> bin_counts(std::span<const double> values,
                                     const Bins& bins) {
  if (bins.count < 1 || !(bins.width > 0)) {
    throw std::invalid_argument("bin_counts: count >= 1 and width > 0");
  }
  std::vector<std::int64_t> counts(std::size_t(bins.count), 0);
  for (double x : values) {
    const double at = std::floor((x - bins.lo) / bins.width + 1e-9);
    const int i = at < 0 ? 0 : at >= bins.count ? bins.count - 1 : int(at);
    ++counts[std::size_t(i)];
  }
  return counts;
}

Bins fit_bins(double min_fit) {
  Bins bins;
  bins.width = 0.05;
  const int lo_step = std::clamp(int(std::floor(min_fit / 0.05 + 1e-9)), 0, 19);
  bins.lo = lo_step * 0.05;
  bins.count = 20 - lo_step;
  return bins;
}

Bins distance_bins(double max_km, int max_bins) {
  Bins bins;
  bins.lo = 0.0;
  const double top = std::max(max_km, 1.0);
  for (double scale = 1.0;; scale *= 10.0) {
    for (double step : {1.0, 2.0, 5.0}) {
      const double width = step * scale;
      const int count = std::max(1, int(std::ceil(top / width - 1e-9)));
      if (count <= max_bins) {
        bins.width = width;
        bins.count = count;
        return bins;
      }
    }
  }
}

std::string svg_histogram(const std::vector<std::int64_t>& counts,
                          const Bins& bins, const HistogramStyle& style) {
  const std::int64_t largest =
      counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  const double bar_w = counts.empty() ? plot_w : plot_w / double(counts.size());
  const double base = kTop + plot_h;

  std::string s = "<svg class=\"chart\" viewBox=\"0 0 480 210\" role=\"img\">";
  s += "<title>" + html_escape(style.title) + "</title>";
  s += "<text class=\"chart-title\" x=\"" + fixed(kLeft, 0) + "\" y=\"18\">" +
       html_escape(style.title) + "</text>";
  // Axes and the largest count.
  s += "<line class=\"axis\" x1=\"" + fixed(kLeft, 0) + "\" y1=\"" +
       fixed(base, 1) + "\" x2=\"" + fixed(kWidth - kRight, 0) + "\" y2=\"" +
       fixed(base, 1) + "\"/>";
  s += "<line class=\"axis\" x1=\"" + fixed(kLeft, 0) + "\" y1=\"" +
       fixed(kTop, 0) + "\" x2=\"" + fixed(kLeft, 0) + "\" y2=\"" +
       fixed(base, 1) + "\"/>";
  s += "<text class=\"tick\" x=\"" + fixed(kLeft - 6, 0) + "\" y=\"" +
       fixed(kTop + 4, 0) + "\" text-anchor=\"end\">" +
       std::to_string(largest) + "</text>";
  s += "<text class=\"tick\" x=\"" + fixed(kLeft - 6, 0) + "\" y=\"" +
       fixed(base + 4, 1) + "\" text-anchor=\"end\">0</text>";
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double x = kLeft + bar_w * double(i);
    const double h =
        largest > 0 ? plot_h * double(counts[i]) / double(largest) : 0.0;
    if (counts[i] > 0) {
      s += "<rect class=\"bar\" x=\"" + fixed(x + 1, 1) + "\" y=\"" +
           fixed(base - h, 1) + "\" width=\"" + fixed(bar_w - 2, 1) +
           "\" height=\"" + fixed(h, 1) + "\"/>";
      s += "<text class=\"count\" x=\"" + fixed(x + bar_w / 2, 1) + "\" y=\"" +
           fixed(base - h - 3, 1) + "\" text-anchor=\"middle\">" +
           std::to_string(counts[i]) + "</text>";
    }
  }
  // Edges under the axis: every one when they fit, else every other.
  const std::size_t edges = counts.size() + 1;
  const std::size_t stride = edges > 11 ? 2 : 1;
  for (std::size_t i = 0; i < edges; i += stride) {
    const double x = kLeft + bar_w * double(i);
    std::string label = fixed(bins.lo + bins.width * double(i), style.decimals);
    s += "<text class=\"tick\" x=\"" + fixed(x, 1) + "\" y=\"" +
         fixed(base + 16, 1) + "\" text-anchor=\"middle\">" + label + "</text>";
  }
  if (!style.x_unit.empty()) {
    s += "<text class=\"tick\" x=\"" + fixed(kWidth - kRight, 0) + "\" y=\"" +
         fixed(base + 34, 1) + "\" text-anchor=\"end\">" +
         html_escape(style.x_unit) + "</text>";
  }
  s += "</svg>";
  return s;
}

}  // namespace vetmatch
