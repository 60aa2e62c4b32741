// SPDX-License-Identifier: Apache-2.0
// The timeline of the annotation workspace (docs/timeline.md): one row per (video, hand), each
// pixel column coloured by the majority provenance of its frames (dark grey when most are
// unlabelled), key frames ticked above the bar, an uncertainty strip below it (brightness = the
// column's largest uncertainty) and a cursor at the current frame. A column summary comes from
// LabelTimeline's block index, so a repaint costs O(64 columns + frames / 64) per row however long
// the video is.
// Interaction: click or drag seeks (SeekRequested; the owner answers with SetCurrent), the wheel
// zooms around the frame under the mouse, shift+wheel, a horizontal wheel or the scroll bar pans.
// Geometry: columns start kTitleWidth pixels from the left; with W columns showing `span` frames
// from `first`, column c shows the frames LabelTimeline::Summarize(first, first + span - 1, W)
// puts in bin c, and a click in column c seeks to that bin's first frame.
// GUI thread only. The LabelTimeline pointers must outlive the rows (SetRows({}) drops them);
// after changing a timeline call Refresh().
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/annotate/label_timeline.h"

class QScrollBar;

namespace handprop::ui {

struct TimelineRow {
  QString title;                    // e.g. "cam0 / right"
  const LabelTimeline* timeline = nullptr;
};

class TimelineWidget : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kTitleWidth = 120;     // pixels left of the columns
  static constexpr int kTickHeight = 5;       // key-frame lane above each bar
  static constexpr int kBarHeight = 16;       // provenance bar
  static constexpr int kStripHeight = 6;      // uncertainty strip under the bar
  static constexpr int kRowGap = 5;
  static constexpr int kRowPitch = kTickHeight + kBarHeight + kStripHeight + kRowGap;
  static constexpr int kTopMargin = 4;
  static constexpr int kMaxPixelsPerFrame = 40;  // zoom-in limit

  explicit TimelineWidget(QWidget* parent = nullptr);

  // Replaces the rows and shows all frames (the longest row's count).
  void SetRows(std::vector<TimelineRow> rows);
  // Moves the cursor; scrolls the view when the frame is outside it.
  void SetCurrent(int row, int frame);
  // Repaints after labels changed.
  void Refresh();
  // Shows frames [first, first + span - 1], clamped to what exists and the zoom limit.
  void SetView(int first, int span);

  int current_row() const { return current_row_; }
  int current_frame() const { return current_frame_; }
  int view_first() const { return view_first_; }
  int view_span() const { return view_span_; }
  int total_frames() const { return total_frames_; }
  // Number of frame columns (pixels) and the geometry used to draw and hit-test them.
  int ColumnCount() const;
  int FrameAtX(int x) const;          // the first frame of the column under x (clamped)
  int RowAtY(int y) const;            // the row under y (clamped); -1 without rows
  int BarTop(int row) const;          // y of the provenance bar's first pixel line

  QSize sizeHint() const override;

 Q_SIGNALS:
  void SeekRequested(int row, int frame);
  void ViewChanged(int first, int span);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  int MinSpan() const;
  void SeekTo(const QPoint& position);
  void SyncScrollBar();

  std::vector<TimelineRow> rows_;
  int total_frames_ = 1;
  int view_first_ = 0;
  int view_span_ = 1;
  int current_row_ = 0;
  int current_frame_ = 0;
  bool dragging_ = false;
  int drag_row_ = 0;
  int last_seek_frame_ = -1;
  QScrollBar* scroll_bar_ = nullptr;
};

}  // namespace handprop::ui
