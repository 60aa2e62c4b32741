// SPDX-License-Identifier: Apache-2.0
// What the two views show for the cursor: the video frame (decoded through one FramePrefetcher
// per video, so stepping hits its read-ahead cache, on the AsyncFrameLoader's thread, so a slow
// seek shows the hand at once over the previous picture and the frame when it arrives) under
// the posed hand in the overlay view,
// with the camera's intrinsics, and the same hand in the orbiting 3D view. The label's
// provenance colours the mesh and keypoints (ProvenanceLook, the timeline's palette); a preview's
// label is drawn as a ghost mesh. A video that cannot be read shows a grey frame and says why in
// frame_error() (the window offers to relink it). GUI thread only.
#pragma once

#include <QImage>
#include <QString>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "core/io/store/store_records.h"
#include "core/io/video/frame_prefetcher.h"
#include "core/model/hand_model.h"
#include "core/model/lbs.h"
#include "ui/studio/async_frame_loader.h"
#include "ui/viewport/hand_viewport.h"

namespace handprop::ui {

class FramePresenter {
 public:
  FramePresenter(HandViewport* overlay, HandViewport* orbit, const HandLbs& lbs);
  ~FramePresenter();

  // Shows frame `frame` of `video` with `label` (none: the bare frame) and `ghost` (a preview's
  // label, may be null), seen through `intrinsics`. The picture is decoded only when the frame
  // changed; when that takes longer than decode_wait() it arrives later (frame_pending()).
  void Show(const VideoRecord& video, int frame, const CameraIntrinsics& intrinsics, const std::optional<LabelRecord>& label,
            const LabelRecord* ghost);
  // Forgets every open video (a project was closed or a video relinked).
  void Reset();
  void Forget(int64_t video_id);
  // "" when the last frame was shown, else the one-line reason it could not be read.
  const QString& frame_error() const { return frame_error_; }
  // The asked-for frame is still being decoded (the previous picture shows meanwhile).
  bool frame_pending() const { return pending_; }
  // How long Show waits for a frame before drawing without it (default 40 ms; the screenshot
  // flag waits for it).
  void set_decode_wait(std::chrono::milliseconds wait) { decode_wait_ = wait; }
  // Called on the GUI thread when a late frame has arrived and is shown (or failed).
  void set_frame_arrived(std::function<void()> callback) { frame_arrived_ = std::move(callback); }
  // The last frame shown, as decoded (RGB), for tests and the screenshot flag.
  const QImage& frame_image() const { return image_; }
  // Decode time of the last Show, milliseconds (the frame-step benchmark reads it).
  double last_decode_ms() const { return last_decode_ms_; }

  void SetSelectedKeypoint(int keypoint) { selected_keypoint_ = keypoint; }

 private:
  std::shared_ptr<FramePrefetcher> Prefetcher(const VideoRecord& video);
  void ShowHand(const std::optional<LabelRecord>& label, const LabelRecord* ghost);
  void SetPicture(const AsyncFrameLoader::Result& result, const VideoRecord& video);
  void OnFrameReady(qint64 video_id, int frame);

  HandViewport* overlay_;
  HandViewport* orbit_;
  const HandLbs& lbs_;
  std::map<int64_t, std::shared_ptr<FramePrefetcher>> prefetchers_;
  AsyncFrameLoader loader_;
  std::chrono::milliseconds decode_wait_{40};
  std::function<void()> frame_arrived_;
  int64_t shown_video_ = 0;   // the picture on screen (or pending)
  int shown_frame_ = -1;
  int video_width_ = 0, video_height_ = 0;
  bool pending_ = false;
  std::map<int64_t, QString> open_errors_;
  QString frame_error_;
  QImage image_;
  double last_decode_ms_ = 0.0;
  int selected_keypoint_ = -1;
  bool orbit_framed_ = false;
};

}  // namespace handprop::ui
