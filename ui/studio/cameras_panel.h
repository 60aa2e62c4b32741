// SPDX-License-Identifier: Apache-2.0
// The "Cameras" dock of multi-view projects: the current frame as every other camera of the
// sequence saw it, small, with that camera's label drawn over it (the 21 keypoints and bones,
// rimmed in the label's provenance colour), so the annotator sees at once whether a correction in
// one view agrees with the others. Clicking a view switches the workspace to that camera at the
// same frame.
//
// The views are decoded on the GUI thread through their own sources (never the frame presenter's
// prefetchers), only while the dock is visible and only once stepping pauses for kSettleMs, so
// holding the arrow key stays smooth. GUI thread only.
#pragma once

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <QWidget>
#include <map>
#include <memory>
#include <vector>

#include "core/io/video/video_source.h"
#include "ui/studio/annotation_session.h"

namespace handprop::ui {

class CamerasPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSettleMs = 150;
  static constexpr int kThumbnailWidth = 240;

  explicit CamerasPanel(QWidget* parent = nullptr);

  // The session whose other cameras to show (nullptr: none); forgets open sources.
  void SetSession(AnnotationSession* session);
  // Shows frame `frame` of the other cameras of `video_id`'s sequence for `hand_id`, after the
  // settle delay (or at once with `now`).
  void ShowFrame(int64_t video_id, int frame, int64_t hand_id, bool now = false);
  // The views drawn last: (video id, picture) per other camera.
  const std::vector<std::pair<int64_t, QImage>>& views() const { return views_; }

 Q_SIGNALS:
  void CameraChosen(qint64 video_id, int frame);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void Render();
  QImage RenderView(const VideoRecord& video);

  AnnotationSession* session_ = nullptr;
  std::map<int64_t, std::unique_ptr<VideoSource>> sources_;
  QTimer settle_;
  int64_t video_id_ = 0;
  int frame_ = 0;
  int64_t hand_id_ = 0;
  QVBoxLayout* list_ = nullptr;
  QLabel* empty_ = nullptr;
  std::vector<QLabel*> labels_;
  std::vector<std::pair<int64_t, QImage>> views_;
};

}  // namespace handprop::ui
