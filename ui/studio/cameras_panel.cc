// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/cameras_panel.h"

#include <QEvent>
#include <QPainter>
#include <exception>

#include "core/geometry/camera.h"
#include "ui/timeline/provenance_colours.h"

namespace handprop::ui {

CamerasPanel::CamerasPanel(QWidget* parent) : QWidget(parent) {
  list_ = new QVBoxLayout(this);
  empty_ = new QLabel(QStringLiteral("This sequence has one camera."));
  empty_->setWordWrap(true);
  list_->addWidget(empty_);
  list_->addStretch(1);
  settle_.setSingleShot(true);
  settle_.setInterval(kSettleMs);
  connect(&settle_, &QTimer::timeout, this, &CamerasPanel::Render);
}

void CamerasPanel::SetSession(AnnotationSession* session) {
  session_ = session;
  sources_.clear();
  views_.clear();
  for (QLabel* label : labels_) label->deleteLater();
  labels_.clear();
  empty_->show();
}

void CamerasPanel::ShowFrame(int64_t video_id, int frame, int64_t hand_id, bool now) {
  video_id_ = video_id;
  frame_ = frame;
  hand_id_ = hand_id;
  if (now) {
    Render();
  } else {
    settle_.start();
  }
}

QImage CamerasPanel::RenderView(const VideoRecord& video) {
  QImage picture(kThumbnailWidth, std::max(1, kThumbnailWidth * std::max(video.height, 1) / std::max(video.width, 1)),
                 QImage::Format_RGB888);
  picture.fill(QColor(70, 70, 70));
  try {
    auto& source = sources_[video.id];
    if (source == nullptr) source = OpenVideoSource(video.path);
    const cv::Mat bgr = source->ReadFrame(std::min(frame_, source->frame_count() - 1));
    picture = QImage(bgr.data, bgr.cols, bgr.rows, static_cast<qsizetype>(bgr.step), QImage::Format_BGR888)
                  .scaled(picture.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                  .convertToFormat(QImage::Format_RGB888);
  } catch (const std::exception&) {  // a missing or broken video stays grey; the main view says why
    sources_.erase(video.id);
  }
  const std::optional<LabelRecord> label = session_->Label(video.id, frame_, hand_id_);
  if (!label || video.width <= 0) return picture;
  const double scale = static_cast<double>(picture.width()) / video.width;
  const Eigen::Matrix2Xd pixels = Project(session_->IntrinsicsAt(video.id, frame_), Eigen::Matrix3Xd(label->keypoints));
  QPainter painter(&picture);
  painter.setRenderHint(QPainter::Antialiasing);
  const QColor colour = ProvenanceColour(label->provenance);
  auto at = [&](int k) { return QPointF((pixels(0, k) + 0.5) * scale, (pixels(1, k) + 0.5) * scale); };
  painter.setPen(QPen(colour, 1.5));
  for (int k = 1; k < kNumKeypoints; ++k) painter.drawLine(at(kKeypointParents[static_cast<size_t>(k)]), at(k));
  painter.setBrush(colour);
  for (int k = 0; k < kNumKeypoints; ++k) painter.drawEllipse(at(k), 2.5, 2.5);
  return picture;
}

void CamerasPanel::Render() {
  views_.clear();
  if (session_ == nullptr || !isVisible()) return;
  const VideoRecord* current = session_->FindVideo(video_id_);
  if (current == nullptr) return;
  for (const VideoRecord& video : session_->videos())
    if (video.sequence == current->sequence && video.id != video_id_) views_.emplace_back(video.id, RenderView(video));
  while (labels_.size() < views_.size()) {
    auto* label = new QLabel;
    label->setCursor(Qt::PointingHandCursor);
    label->installEventFilter(this);
    list_->insertWidget(static_cast<int>(labels_.size()), label);
    labels_.push_back(label);
  }
  for (size_t i = 0; i < labels_.size(); ++i) {
    labels_[i]->setVisible(i < views_.size());
    if (i >= views_.size()) continue;
    const VideoRecord* video = session_->FindVideo(views_[i].first);
    labels_[i]->setPixmap(QPixmap::fromImage(views_[i].second));
    labels_[i]->setToolTip(QStringLiteral("Camera %1: click to annotate in this view").arg(video->camera_index));
    labels_[i]->setProperty("video_id", QVariant::fromValue<qlonglong>(views_[i].first));
  }
  empty_->setVisible(views_.empty());
}

bool CamerasPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::MouseButtonRelease) {
    const QVariant video = watched->property("video_id");
    if (video.isValid()) Q_EMIT CameraChosen(video.toLongLong(), frame_);
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace handprop::ui
