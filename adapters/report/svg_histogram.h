// Histograms for the printed report: binning and an inline SVG bar chart
// (no script, no external resource; text inherits the page's fonts).
//
// Contract: Bins are [lo + i w, lo + (i + 1) w) for i < count - 1 and the
// last one closed; a value within 1e-9 w below a boundary counts in the
// upper bin (so 0.7 is in [0.70, 0.75) although 0.7 - 0.6 is a hair under
// 0.1 in binary); values below lo count in the first bin and above the end
// in the last. count >= 1, w > 0. The SVG is a pure function of its
// arguments (same counts, same bytes).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vetmatch {

struct Bins {
  double lo = 0.0;
  double width = 1.0;
  int count = 1;
};

std::vector<std::int64_t> bin_counts(std::span<const double> values,
                                     const Bins& bins);

/// Bins of 0.05 for scores in [min_fit, 1]: lo = min_fit rounded down to a
/// multiple of 0.05.
Bins fit_bins(double min_fit);
/// Bins for distances in [0, max_km]: width 1, 2 or 5 x 10^k km (at least
/// 1 km), the smallest giving at most `max_bins` bins.
Bins distance_bins(double max_km, int max_bins = 12);

struct HistogramStyle {
  std::string title;   ///< above the chart (HTML-escaped here)
  std::string x_unit;  ///< after the axis labels, e.g. "km"
  int decimals = 2;    ///< of the bin edges
};

/// An <svg> element, 480 x 210 user units, scaled to its container's width.
std::string svg_histogram(const std::vector<std::int64_t>& counts,
                          const Bins& bins, const HistogramStyle& style);

}  // namespace vetmatch
