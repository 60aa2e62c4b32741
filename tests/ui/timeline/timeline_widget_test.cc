// SPDX-License-Identifier: Apache-2.0
// TimelineWidget: clicks and drags seek to the frame under the mouse, the wheel zooms around it,
// and the painted rows show the provenance, key-frame and uncertainty colours at the right columns.
#include "ui/timeline/timeline_widget.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "ui/timeline/provenance_colours.h"

namespace handprop::ui {
namespace {

constexpr int kColumns = 600;
constexpr int kFrames = 1200;  // 2 frames per column when zoomed out

LabelRecord Label(int frame, Provenance provenance, double confidence) {
  LabelRecord label;
  label.frame_index = frame;
  label.provenance = provenance;
  label.confidence.setConstant(confidence);
  return label;
}

// Frames [0, 300) manual, [300, 600) propagated (uncertainty 0.5), [600, 900) unlabelled,
// [900, 1200) predicted (uncertainty 1).
LabelTimeline Pattern() {
  LabelTimeline timeline(kFrames);
  for (int f = 0; f < 300; ++f) timeline.Set(Label(f, Provenance::kManual, 1.0));
  for (int f = 300; f < 600; ++f) timeline.Set(Label(f, Provenance::kPropagated, 0.5));
  for (int f = 900; f < 1200; ++f) timeline.Set(Label(f, Provenance::kPredicted, 0.0));
  return timeline;
}

class TimelineWidgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    widget_.setFixedSize(TimelineWidget::kTitleWidth + kColumns, 120);
    widget_.SetRows({{QStringLiteral("cam0 / right"), &a_}, {QStringLiteral("cam0 / left"), &b_}});
    widget_.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget_));
    ASSERT_EQ(widget_.ColumnCount(), kColumns);
  }
  QPoint At(int column, int row) const {
    return QPoint(TimelineWidget::kTitleWidth + column, widget_.BarTop(row) + TimelineWidget::kBarHeight / 2);
  }
  void Wheel(QPoint position, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWheelEvent event(position, widget_.mapToGlobal(position), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget_, &event);
  }
  QColor Pixel(const QImage& image, int column, int y) const {
    const qreal dpr = image.devicePixelRatio();
    return image.pixelColor(static_cast<int>((TimelineWidget::kTitleWidth + column) * dpr), static_cast<int>(y * dpr));
  }

  LabelTimeline a_ = Pattern();
  LabelTimeline b_{kFrames};
  TimelineWidget widget_;
};

TEST_F(TimelineWidgetTest, ClickSeeksToTheFrameUnderTheMouse) {
  QSignalSpy spy(&widget_, &TimelineWidget::SeekRequested);
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, At(150, 0));
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, At(433, 1));
  ASSERT_EQ(spy.count(), 2);
  EXPECT_EQ(spy[0][0].toInt(), 0);
  EXPECT_EQ(spy[0][1].toInt(), 300);
  EXPECT_EQ(spy[1][0].toInt(), 1);
  EXPECT_EQ(spy[1][1].toInt(), 866);
  widget_.SetView(100, 60);  // zoomed in: 10 pixels per frame
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, At(255, 0));
  EXPECT_EQ(spy.last()[1].toInt(), 125);
}

TEST_F(TimelineWidgetTest, DragEmitsSuccessiveSeeks) {
  QSignalSpy spy(&widget_, &TimelineWidget::SeekRequested);
  QTest::mousePress(&widget_, Qt::LeftButton, Qt::NoModifier, At(100, 0));
  for (int column : {110, 120, 120, 90}) {
    const QPoint position = At(column, 1);  // the row stays the one pressed
    QMouseEvent move(QEvent::MouseMove, position, widget_.mapToGlobal(position), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&widget_, &move);
  }
  QTest::mouseRelease(&widget_, Qt::LeftButton, Qt::NoModifier, At(90, 0));
  std::vector<int> frames;
  for (const auto& args : spy) {
    EXPECT_EQ(args[0].toInt(), 0);
    frames.push_back(args[1].toInt());
  }
  EXPECT_EQ(frames, (std::vector<int>{200, 220, 240, 180}));
}

TEST_F(TimelineWidgetTest, WheelZoomKeepsTheFrameUnderTheMouse) {
  const QPoint mouse = At(300, 0);
  const int anchor = widget_.FrameAtX(mouse.x());
  ASSERT_EQ(anchor, 600);
  for (int i = 0; i < 4; ++i) {
    const int span = widget_.view_span();
    Wheel(mouse, 120);
    EXPECT_LT(widget_.view_span(), span);
    EXPECT_EQ(widget_.FrameAtX(mouse.x()), anchor);
  }
  const QPoint other = At(450, 0);
  const int other_anchor = widget_.FrameAtX(other.x());
  Wheel(other, -240);
  EXPECT_EQ(widget_.FrameAtX(other.x()), other_anchor);
  for (int i = 0; i < 40; ++i) Wheel(mouse, 120);  // the zoom stops at kMaxPixelsPerFrame
  EXPECT_EQ(widget_.view_span(), kColumns / TimelineWidget::kMaxPixelsPerFrame);

  const int first = widget_.view_first(), span = widget_.view_span();
  Wheel(mouse, -120, Qt::ShiftModifier);  // pans right, keeps the zoom
  EXPECT_GT(widget_.view_first(), first);
  EXPECT_EQ(widget_.view_span(), span);
  widget_.findChild<QScrollBar*>()->setValue(7);
  EXPECT_EQ(widget_.view_first(), 7);
  widget_.SetCurrent(0, 1000);  // off screen: the view follows
  EXPECT_LE(widget_.view_first(), 1000);
  EXPECT_GT(widget_.view_first() + widget_.view_span(), 1000);
}

TEST_F(TimelineWidgetTest, PaintsProvenanceKeyFramesAndUncertaintyAtTheRightColumns) {
  widget_.SetCurrent(0, 1199);  // the cursor sits in the last column, away from the samples
  QImage image = widget_.grab().toImage();
  const int bar = widget_.BarTop(0) + TimelineWidget::kBarHeight - 3;
  const int strip = widget_.BarTop(0) + TimelineWidget::kBarHeight + TimelineWidget::kStripHeight / 2;
  const int tick = widget_.BarTop(0) - 2;
  EXPECT_EQ(Pixel(image, 75, bar), ProvenanceColour(Provenance::kManual));
  EXPECT_EQ(Pixel(image, 149, bar), ProvenanceColour(Provenance::kManual));
  EXPECT_EQ(Pixel(image, 150, bar), ProvenanceColour(Provenance::kPropagated));
  EXPECT_EQ(Pixel(image, 299, bar), ProvenanceColour(Provenance::kPropagated));
  EXPECT_EQ(Pixel(image, 300, bar), UnlabelledColour());
  EXPECT_EQ(Pixel(image, 525, bar), ProvenanceColour(Provenance::kPredicted));
  EXPECT_EQ(Pixel(image, 75, strip), UncertaintyColour(0.0f));
  EXPECT_EQ(Pixel(image, 225, strip), UncertaintyColour(0.5f));
  EXPECT_EQ(Pixel(image, 525, strip), UncertaintyColour(1.0f));
  const QColor background = Pixel(image, 225, tick);
  EXPECT_NE(Pixel(image, 75, tick), background);        // key frames are ticked
  EXPECT_EQ(Pixel(image, 525, tick), background);       // machine labels are not
  EXPECT_EQ(Pixel(image, 75, widget_.BarTop(1) + 5), UnlabelledColour());  // the empty second row

  for (int f = 600; f < 900; ++f) a_.Set(Label(f, Provenance::kVerified, 1.0));
  widget_.Refresh();
  image = widget_.grab().toImage();
  EXPECT_EQ(Pixel(image, 375, bar), ProvenanceColour(Provenance::kVerified));

  widget_.SetView(290, 20);  // zoomed in on the manual/propagated border: 30 pixels per frame
  image = widget_.grab().toImage();
  EXPECT_EQ(Pixel(image, 299, bar), ProvenanceColour(Provenance::kManual));      // frame 299
  EXPECT_EQ(Pixel(image, 300, bar), ProvenanceColour(Provenance::kPropagated));  // frame 300
}

}  // namespace
}  // namespace handprop::ui
