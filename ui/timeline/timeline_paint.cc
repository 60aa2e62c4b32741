// SPDX-License-Identifier: Apache-2.0
// TimelineWidget::paintEvent: per row, one LabelTimeline summary per pixel column, drawn as runs
// of equal colour (bar, key-frame ticks, uncertainty strip), then the titles and the cursor.
#include <QPainter>
#include <algorithm>

#include "ui/timeline/provenance_colours.h"
#include "ui/timeline/timeline_widget.h"

namespace handprop::ui {
namespace {

// Majority provenance; unlabelled only when more frames are unlabelled than carry any one
// provenance; ties go to the lower provenance value.
QColor BinColour(const LabelTimeline::Bin& bin) {
  int best = 0;
  for (int p = 1; p < kNumProvenances; ++p)
    if (bin.counts[p] > bin.counts[best]) best = p;
  if (bin.unlabelled > bin.counts[best]) return UnlabelledColour();
  return ProvenanceColour(static_cast<Provenance>(best));
}

// Fills [x0, x1) x [y, y + h) in runs of equal colour; colour(c) gives column c's colour.
template <typename ColourOf>
void FillRuns(QPainter* painter, int left, int columns, int y, int h, ColourOf&& colour) {
  int start = 0;
  QColor run = colour(0);
  for (int c = 1; c <= columns; ++c) {
    const QColor next = c < columns ? colour(c) : QColor();
    if (c < columns && next == run) continue;
    if (run.isValid()) painter->fillRect(left + start, y, c - start, h, run);
    start = c;
    run = next;
  }
}

}  // namespace

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(32, 32, 32));
  painter.setPen(QColor(220, 220, 220));
  if (rows_.empty()) {
    painter.drawText(rect(), Qt::AlignCenter, tr("No videos"));
    return;
  }
  const int columns = ColumnCount();
  const int64_t span = view_span_;
  std::vector<int> starts(columns + 1);
  for (int c = 0; c <= columns; ++c) starts[c] = view_first_ + static_cast<int>(c * span / columns);
  std::vector<LabelTimeline::Bin> bins(columns);
  std::vector<bool> present(columns);
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r) {
    const LabelTimeline* timeline = rows_[r].timeline;
    const int n = timeline != nullptr ? timeline->num_frames() : 0;
    for (int c = 0; c < columns; ++c) {
      const int first = starts[c], last = std::max(first, starts[c + 1] - 1);
      present[c] = first < n;
      if (present[c]) bins[c] = timeline->SummarizeRange(first, std::min(last, n - 1));
    }
    const int bar = BarTop(r);
    FillRuns(&painter, kTitleWidth, columns, bar, kBarHeight,
             [&](int c) { return present[c] ? BinColour(bins[c]) : QColor(); });
    FillRuns(&painter, kTitleWidth, columns, bar + kBarHeight, kStripHeight,
             [&](int c) { return present[c] ? UncertaintyColour(bins[c].max_uncertainty) : QColor(); });
    const int tick_width = span < columns ? 2 : 1;
    for (int c = 0; c < columns; ++c)
      if (present[c] && bins[c].has_key_frame && (c == 0 || starts[c] != starts[c - 1]))
        painter.fillRect(kTitleWidth + c, bar - kTickHeight, tick_width, kTickHeight, QColor(235, 235, 235));

    QFont font = painter.font();
    font.setBold(r == current_row_);
    painter.setFont(font);
    const QRect title(4, bar - kTickHeight, kTitleWidth - 8, kTickHeight + kBarHeight + kStripHeight);
    painter.drawText(title, Qt::AlignVCenter | Qt::AlignLeft,
                     painter.fontMetrics().elidedText(rows_[r].title, Qt::ElideMiddle, title.width()));
  }
  // The cursor spans the columns that show the current frame.
  if (current_frame_ >= view_first_ && current_frame_ < view_first_ + view_span_) {
    const auto first_column = std::lower_bound(starts.begin(), starts.end() - 1, current_frame_) - starts.begin();
    const auto last_column = std::upper_bound(starts.begin(), starts.end() - 1, current_frame_) - starts.begin() - 1;
    const int x0 = kTitleWidth + static_cast<int>(std::min(first_column, last_column));
    const int w = std::max(2, static_cast<int>(last_column - std::min(first_column, last_column)) + 1);
    const int bottom = BarTop(static_cast<int>(rows_.size()) - 1) + kBarHeight + kStripHeight;
    painter.fillRect(x0, kTopMargin, w, bottom - kTopMargin, QColor(255, 255, 255, 160));
  }
}

}  // namespace handprop::ui
