// SPDX-License-Identifier: Apache-2.0
// Geometry, view and mouse handling of the timeline; painting is in timeline_paint.cc.
#include "ui/timeline/timeline_widget.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace handprop::ui {

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent), scroll_bar_(new QScrollBar(Qt::Horizontal, this)) {
  setMouseTracking(false);
  setFocusPolicy(Qt::ClickFocus);
  connect(scroll_bar_, &QScrollBar::valueChanged, this, [this](int value) {
    if (value != view_first_) SetView(value, view_span_);
  });
  SyncScrollBar();
}

void TimelineWidget::SetRows(std::vector<TimelineRow> rows) {
  rows_ = std::move(rows);
  total_frames_ = 1;
  for (const TimelineRow& row : rows_)
    if (row.timeline != nullptr) total_frames_ = std::max(total_frames_, row.timeline->num_frames());
  current_row_ = std::clamp(current_row_, 0, std::max(0, static_cast<int>(rows_.size()) - 1));
  current_frame_ = std::clamp(current_frame_, 0, total_frames_ - 1);
  view_first_ = 0;
  view_span_ = total_frames_;
  SyncScrollBar();
  updateGeometry();
  update();
  Q_EMIT ViewChanged(view_first_, view_span_);
}

void TimelineWidget::SetCurrent(int row, int frame) {
  current_row_ = std::clamp(row, 0, std::max(0, static_cast<int>(rows_.size()) - 1));
  current_frame_ = std::clamp(frame, 0, total_frames_ - 1);
  if (current_frame_ < view_first_ || current_frame_ >= view_first_ + view_span_)
    SetView(current_frame_ - view_span_ / 2, view_span_);
  update();
}

void TimelineWidget::Refresh() { update(); }

int TimelineWidget::MinSpan() const {
  return std::clamp((ColumnCount() + kMaxPixelsPerFrame - 1) / kMaxPixelsPerFrame, 1, total_frames_);
}

void TimelineWidget::SetView(int first, int span) {
  const int new_span = std::clamp(span, MinSpan(), total_frames_);
  const int new_first = std::clamp(first, 0, total_frames_ - new_span);
  if (new_first == view_first_ && new_span == view_span_) return;
  view_first_ = new_first;
  view_span_ = new_span;
  SyncScrollBar();
  update();
  Q_EMIT ViewChanged(view_first_, view_span_);
}

void TimelineWidget::SyncScrollBar() {
  const QSignalBlocker block(scroll_bar_);
  scroll_bar_->setRange(0, total_frames_ - view_span_);
  scroll_bar_->setPageStep(view_span_);
  scroll_bar_->setSingleStep(std::max(1, view_span_ / 20));
  scroll_bar_->setValue(view_first_);
}

int TimelineWidget::ColumnCount() const { return std::max(1, width() - kTitleWidth); }

int TimelineWidget::FrameAtX(int x) const {
  const int64_t column = std::clamp(x - kTitleWidth, 0, ColumnCount() - 1);
  return view_first_ + static_cast<int>(column * view_span_ / ColumnCount());
}

int TimelineWidget::RowAtY(int y) const {
  if (rows_.empty()) return -1;
  return std::clamp((y - kTopMargin) / kRowPitch, 0, static_cast<int>(rows_.size()) - 1);
}

int TimelineWidget::BarTop(int row) const { return kTopMargin + row * kRowPitch + kTickHeight; }

QSize TimelineWidget::sizeHint() const {
  const int rows = std::max(1, static_cast<int>(rows_.size()));
  return QSize(kTitleWidth + 800, kTopMargin + rows * kRowPitch + scroll_bar_->sizeHint().height());
}

void TimelineWidget::SeekTo(const QPoint& position) {
  const int frame = FrameAtX(position.x());
  if (frame == last_seek_frame_) return;
  last_seek_frame_ = frame;
  Q_EMIT SeekRequested(drag_row_, frame);
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || rows_.empty()) return QWidget::mousePressEvent(event);
  dragging_ = true;
  drag_row_ = RowAtY(event->position().toPoint().y());
  last_seek_frame_ = -1;
  SeekTo(event->position().toPoint());
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
  if (!dragging_) return QWidget::mouseMoveEvent(event);
  SeekTo(event->position().toPoint());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) dragging_ = false;
  QWidget::mouseReleaseEvent(event);
}

void TimelineWidget::wheelEvent(QWheelEvent* event) {
  const QPoint angle = event->angleDelta();
  const bool pan = (event->modifiers() & Qt::ShiftModifier) || std::abs(angle.x()) > std::abs(angle.y());
  if (pan) {
    const int delta = angle.x() != 0 ? angle.x() : angle.y();
    const int step = std::max(1, static_cast<int>(std::lround(std::abs(delta) / 120.0 * view_span_ / 10.0)));
    SetView(view_first_ + (delta > 0 ? -step : step), view_span_);
  } else if (angle.y() != 0) {
    const int x = static_cast<int>(event->position().x());
    const int64_t column = std::clamp(x - kTitleWidth, 0, ColumnCount() - 1);
    const int anchor = FrameAtX(x);
    const double factor = std::pow(1.25, angle.y() / 120.0);
    const int span = std::clamp(static_cast<int>(std::lround(view_span_ / factor)), MinSpan(), total_frames_);
    SetView(anchor - static_cast<int>(column * span / ColumnCount()), span);
  }
  event->accept();
}

void TimelineWidget::resizeEvent(QResizeEvent* event) {
  const int height = scroll_bar_->sizeHint().height();
  scroll_bar_->setGeometry(kTitleWidth, this->height() - height, std::max(1, width() - kTitleWidth), height);
  SetView(view_first_, view_span_);  // the zoom limit depends on the width
  QWidget::resizeEvent(event);
}

}  // namespace handprop::ui
