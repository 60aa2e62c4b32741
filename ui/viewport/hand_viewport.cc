// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/hand_viewport.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QWheelEvent>
#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/util/error.h"
#include "ui/viewport/gl_render_backend.h"

namespace handprop::ui {
namespace {

// 4x multisampling, or $HANDPROP_GL_SAMPLES (0 turns it off: software OpenGL such as llvmpipe
// under Xvfb then shades a quarter of the fragments).
int MultisampleCount() {
  const char* text = std::getenv("HANDPROP_GL_SAMPLES");
  if (text == nullptr || *text == '\0') return 4;
  return std::clamp(std::atoi(text), 0, 16);
}

}  // namespace

HandViewport::HandViewport(QWidget* parent) : QOpenGLWidget(parent) {
  QSurfaceFormat format = QSurfaceFormat::defaultFormat();
  format.setVersion(3, 3);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setSamples(MultisampleCount());
  setFormat(format);
  setMinimumSize(64, 64);
  setFocusPolicy(Qt::StrongFocus);
}

HandViewport::~HandViewport() { ReleaseGl(); }

void HandViewport::SetMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces) {
  renderer_.SetMesh(MakeSceneMesh(vertices, faces));
  update();
}

void HandViewport::SetKeypoints(const Eigen::Matrix3Xd& keypoints) {
  renderer_.SetSkeleton(keypoints.cols() == 0 ? SceneSkeleton{} : MakeHandSkeleton(keypoints));
  keypoints_ = keypoints;
  update();
}

void HandViewport::SetBackgroundImage(const QImage& image) {
  if (image.isNull()) {
    SetBackgroundImage(std::shared_ptr<const SceneImage>());
    return;
  }
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  auto scene_image = std::make_shared<SceneImage>();
  scene_image->width = rgb.width();
  scene_image->height = rgb.height();
  scene_image->rgb.resize(static_cast<size_t>(3) * rgb.width() * rgb.height());
  const size_t row_bytes = static_cast<size_t>(3) * rgb.width();
  for (int y = 0; y < rgb.height(); ++y)
    std::copy_n(rgb.constScanLine(y), row_bytes, scene_image->rgb.begin() + static_cast<ptrdiff_t>(row_bytes * y));
  SetBackgroundImage(std::shared_ptr<const SceneImage>(std::move(scene_image)));
}

void HandViewport::SetBackgroundImage(std::shared_ptr<const SceneImage> image) {
  renderer_.SetBackgroundImage(std::move(image));
  update();
}

void HandViewport::SetGhostMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces) {
  renderer_.SetGhostMesh(MakeSceneMesh(vertices, faces));
  update();
}

void HandViewport::ClearGhostMesh() {
  renderer_.SetGhostMesh(SceneMesh{});
  update();
}

void HandViewport::SetStyle(const ViewStyle& style) {
  renderer_.SetStyle(style);
  update();
}

void HandViewport::SetOrbitCamera(const OrbitCamera& orbit) {
  orbit_ = orbit;
  dragged_keypoint_ = -1;
  mode_ = CameraMode::kOrbit;
  update();
}

void HandViewport::FitOrbitToMesh() {
  Eigen::Vector3d centre;
  double radius = 0.0;
  BoundingSphere(renderer_.mesh().vertices, &centre, &radius);
  orbit_.FitSphere(centre, radius, static_cast<double>(std::max(width(), 1)) / std::max(height(), 1));
  update();
}

void HandViewport::SetPinholeCamera(const PinholeView& view) {
  const std::string problem = view.Check();
  HP_CHECK(problem.empty(), "pinhole view: ", problem);
  pinhole_ = view;
  mode_ = CameraMode::kPinhole;
  update();
}

PinholeView HandViewport::CurrentView() const {
  if (mode_ == CameraMode::kPinhole) return pinhole_;
  const qreal ratio = devicePixelRatioF();
  return orbit_.ToPinhole(static_cast<int>(std::lround(width() * ratio)), static_cast<int>(std::lround(height() * ratio)));
}

PixelRect HandViewport::ImageRect() const {
  const qreal ratio = devicePixelRatioF();
  const int fb_width = static_cast<int>(std::lround(width() * ratio));
  const int fb_height = static_cast<int>(std::lround(height() * ratio));
  if (mode_ == CameraMode::kOrbit) return {0, 0, fb_width, fb_height};
  const double scale = std::min(static_cast<double>(fb_width) / pinhole_.width(), static_cast<double>(fb_height) / pinhole_.height());
  const int w = static_cast<int>(std::lround(pinhole_.width() * scale));
  const int h = static_cast<int>(std::lround(pinhole_.height() * scale));
  return {(fb_width - w) / 2, (fb_height - h) / 2, w, h};
}

ImagePlacement HandViewport::Placement() const {
  const qreal ratio = devicePixelRatioF();
  return {ImageRect(), static_cast<int>(std::lround(height() * ratio)), ratio};
}

void HandViewport::initializeGL() {
  if (backend_) {  // normally released on aboutToBeDestroyed already; the context is current here
    renderer_.ReleaseDevice(backend_.get());
    backend_.reset();
  }
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &HandViewport::ReleaseGl, Qt::UniqueConnection);
  try {
    backend_ = std::make_unique<GlRenderBackend>();
    gl_error_.clear();
  } catch (const std::exception& e) {
    gl_error_ = QString::fromStdString(e.what());
    qWarning("HandViewport: %s", e.what());
  }
}

void HandViewport::paintGL() {
  if (!backend_) return;
  renderer_.Render(*backend_, CurrentView(), ImageRect(), static_cast<float>(devicePixelRatioF()),
                   /*with_image=*/mode_ == CameraMode::kPinhole);
}

void HandViewport::ReleaseGl() {
  if (!backend_) {
    renderer_.ReleaseDevice(nullptr);
    return;
  }
  makeCurrent();
  renderer_.ReleaseDevice(backend_.get());
  backend_.reset();
  doneCurrent();
}

void HandViewport::mousePressEvent(QMouseEvent* event) {
  last_mouse_ = event->position().toPoint();
  event->accept();
  if (mode_ != CameraMode::kPinhole || event->button() != Qt::LeftButton) return;
  dragged_keypoint_ = PickKeypoint(pinhole_, Placement(), keypoints_, event->position(), kPickRadiusPx);
  if (dragged_keypoint_ >= 0) Q_EMIT KeypointPressed(dragged_keypoint_);
}

void HandViewport::mouseReleaseEvent(QMouseEvent* event) {
  event->accept();
  if (event->button() != Qt::LeftButton || dragged_keypoint_ < 0) return;
  const int released = dragged_keypoint_;
  dragged_keypoint_ = -1;
  Q_EMIT KeypointReleased(released);
}

void HandViewport::mouseMoveEvent(QMouseEvent* event) {
  const QPoint position = event->position().toPoint();
  const QPoint delta = position - last_mouse_;
  last_mouse_ = position;
  if (dragged_keypoint_ >= 0 && (event->buttons() & Qt::LeftButton)) {
    Q_EMIT KeypointDragged(dragged_keypoint_, WidgetToImagePixel(pinhole_, Placement(), event->position()));
    return;
  }
  if (mode_ != CameraMode::kOrbit || !(event->buttons() & Qt::LeftButton)) return;
  orbit_.Rotate(delta.x(), delta.y());
  update();
  Q_EMIT CameraChanged();
}

void HandViewport::wheelEvent(QWheelEvent* event) {
  if (mode_ != CameraMode::kOrbit) return;
  orbit_.Zoom(event->angleDelta().y() / 120.0);
  update();
  Q_EMIT CameraChanged();
  event->accept();
}

}  // namespace handprop::ui
