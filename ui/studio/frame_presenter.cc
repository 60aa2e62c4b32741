// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/frame_presenter.h"

#include <chrono>
#include <exception>

#include "ui/viewport/label_colours.h"
#include "ui/viewport/view_camera.h"

namespace handprop::ui {
namespace {

QImage GreyFrame(int width, int height) {
  QImage image(std::max(width, 1), std::max(height, 1), QImage::Format_RGB888);
  image.fill(QColor(70, 70, 70));
  return image;
}

}  // namespace

FramePresenter::FramePresenter(HandViewport* overlay, HandViewport* orbit, const HandLbs& lbs)
    : overlay_(overlay), orbit_(orbit), lbs_(lbs) {
  QObject::connect(&loader_, &AsyncFrameLoader::FrameReady, overlay_, [this](qint64 video_id, int frame) {
    OnFrameReady(video_id, frame);
  });
}

FramePresenter::~FramePresenter() = default;

void FramePresenter::Reset() {
  prefetchers_.clear();
  open_errors_.clear();
  orbit_framed_ = false;
  shown_video_ = 0;
  shown_frame_ = -1;
}

void FramePresenter::Forget(int64_t video_id) {
  prefetchers_.erase(video_id);
  open_errors_.erase(video_id);
  if (shown_video_ == video_id) shown_frame_ = -1;
}

std::shared_ptr<FramePrefetcher> FramePresenter::Prefetcher(const VideoRecord& video) {
  const auto found = prefetchers_.find(video.id);
  if (found != prefetchers_.end()) return found->second;
  if (open_errors_.count(video.id) != 0) return nullptr;
  try {
    VideoSourceOptions source;
    source.image_folder_fps = video.fps;
    auto prefetcher = std::make_shared<FramePrefetcher>(video.path, FramePrefetcherOptions{}, source);
    return prefetchers_.emplace(video.id, std::move(prefetcher)).first->second;
  } catch (const std::exception& e) {
    open_errors_[video.id] = QString::fromStdString(e.what());
    return nullptr;
  }
}

void FramePresenter::Show(const VideoRecord& video, int frame, const CameraIntrinsics& intrinsics,
                          const std::optional<LabelRecord>& label, const LabelRecord* ghost) {
  if (video.id != shown_video_ || frame != shown_frame_) {
    const auto start = std::chrono::steady_clock::now();
    shown_video_ = video.id;
    shown_frame_ = frame;
    video_width_ = video.width;
    video_height_ = video.height;
    frame_error_.clear();
    pending_ = false;
    const std::shared_ptr<FramePrefetcher> prefetcher = Prefetcher(video);
    if (prefetcher == nullptr) {
      SetPicture({video.id, frame, cv::Mat(), open_errors_[video.id]}, video);
    } else if (std::optional<AsyncFrameLoader::Result> result = loader_.Request(prefetcher, video.id, frame, decode_wait_)) {
      SetPicture(*result, video);
    } else {
      pending_ = true;  // the previous picture stays until OnFrameReady
    }
    last_decode_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  overlay_->SetPinholeCamera(MakePinholeView(intrinsics, std::max(video.width, 1), std::max(video.height, 1)));
  ShowHand(label, ghost);
}

void FramePresenter::SetPicture(const AsyncFrameLoader::Result& result, const VideoRecord& video) {
  frame_error_ = result.error;
  if (result.bgr.empty()) {
    image_ = GreyFrame(video.width, video.height);
  } else {
    const cv::Mat& bgr = result.bgr;
    image_ = QImage(bgr.data, bgr.cols, bgr.rows, static_cast<qsizetype>(bgr.step), QImage::Format_BGR888)
                 .convertToFormat(QImage::Format_RGB888);
  }
  overlay_->SetBackgroundImage(image_);
}

void FramePresenter::OnFrameReady(qint64 video_id, int frame) {
  std::optional<AsyncFrameLoader::Result> result = loader_.Take();
  if (!result || !pending_ || video_id != shown_video_ || frame != shown_frame_) return;  // superseded
  pending_ = false;
  VideoRecord video;
  video.width = video_width_;
  video.height = video_height_;
  SetPicture(*result, video);
  if (frame_arrived_) frame_arrived_();
}

void FramePresenter::ShowHand(const std::optional<LabelRecord>& label, const LabelRecord* ghost) {
  HandMesh mesh;
  if (label) mesh = lbs_.Forward(label->params);
  const Eigen::Matrix3Xd ghost_vertices = ghost != nullptr ? lbs_.Forward(ghost->params).vertices : Eigen::Matrix3Xd(3, 0);
  for (HandViewport* view : {overlay_, orbit_}) {
    ViewStyle style = view->style();
    style.selected_keypoint = selected_keypoint_;
    if (label) {
      const LabelLook look = ProvenanceLook(label->provenance);
      style.label_colour = look.colour;
      style.label_tint = look.tint;
    }
    view->SetStyle(style);
    if (label) {
      view->SetMesh(mesh.vertices, lbs_.model().faces);
      view->SetKeypoints(label->keypoints);
    } else {
      view->SetMesh(Eigen::Matrix3Xd(3, 0), Eigen::Matrix3Xi(3, 0));
      view->SetKeypoints(Eigen::Matrix3Xd(3, 0));
    }
    if (ghost != nullptr)
      view->SetGhostMesh(ghost_vertices, lbs_.model().faces);
    else
      view->ClearGhostMesh();
  }
  if (!label) return;
  if (!orbit_framed_) {
    orbit_->FitOrbitToMesh();
    orbit_framed_ = true;
  } else {  // follow the hand through the video, keeping the annotator's angle and zoom
    OrbitCamera camera = orbit_->orbit_camera();
    camera.target = mesh.vertices.rowwise().mean();
    orbit_->SetOrbitCamera(camera);
  }
}

}  // namespace handprop::ui
