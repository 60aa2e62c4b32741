// SPDX-License-Identifier: Apache-2.0
// StudioWindow: layout, the project, the cursor and what the views show (studio_window.h).
#include "ui/studio/studio_window.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QLayout>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QUndoView>
#include <algorithm>
#include <Eigen/Geometry>
#include <cmath>

#include "core/data/model_joint_limits.h"
#include "core/model/pose_convention.h"

namespace handprop::ui {
namespace {
// The model viewer's first view, for models in MANO's frame (wrist at +x, fingers along -x, palm
// facing -y): from above and behind the wrist, so the back of the hand shows, fingers up.
constexpr double kInitialYawDeg = 70.0;
constexpr double kInitialPitchDeg = 55.0;
constexpr int kPanelWidth = 330;
constexpr float kOverlayOpacity = 0.6f;  // View ▸ Mesh opacity changes it

// The MANO joint a keypoint belongs to: its own joint, or for a fingertip the last finger joint.
int JointOfKeypoint(int keypoint) {
  const int source = kKeypointSource[static_cast<size_t>(keypoint)];
  return source < kNumJoints ? source : kKeypointSource[static_cast<size_t>(kKeypointParents[static_cast<size_t>(keypoint)])];
}

QDockWidget* MakeDock(QMainWindow* window, const QString& title, const QString& name, QWidget* content,
                      Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, window);
  dock->setObjectName(name);  // saveState() needs it
  dock->setWidget(content);
  window->addDockWidget(area, dock);
  return dock;
}

}  // namespace

StudioWindow::StudioWindow(HandModel model, QWidget* parent)
    : QMainWindow(parent), model_(std::make_unique<const HandModel>(std::move(model))),
      lbs_(std::make_unique<HandLbs>(*model_)), limits_(MotionJointLimits(*model_)) {
  setWindowTitle(QStringLiteral("HandProp Studio · %1").arg(QString::fromStdString(model_->name)));
  undo_stack_ = new QUndoStack(this);
  previews_ = std::make_unique<PreviewList>();

  overlay_ = new HandViewport;
  orbit_ = new HandViewport;
  ViewStyle overlay_style = overlay_->style();
  overlay_style.mesh_opacity = kOverlayOpacity;  // the hand in the picture shows through the mesh
  overlay_->SetStyle(overlay_style);
  views_ = new QSplitter(Qt::Horizontal);
  views_->addWidget(overlay_);
  views_->addWidget(orbit_);
  views_->setStretchFactor(0, 3);
  views_->setStretchFactor(1, 2);
  setCentralWidget(views_);
  presenter_ = std::make_unique<FramePresenter>(overlay_, orbit_, *lbs_);
  presenter_->set_frame_arrived([this] {
    if (!presenter_->frame_error().isEmpty()) statusBar()->showMessage(presenter_->frame_error());
  });
  BuildDocks();
  CreateActions();

  connect(controls_, &HandControlsPanel::HandChanged, this, &StudioWindow::UpdateModelViewer);
  connect(controls_, &HandControlsPanel::DisplayChanged, this, &StudioWindow::UpdateModelDisplay);
  connect(overlay_, &HandViewport::KeypointPressed, this, [this](int keypoint) {
    presenter_->SetSelectedKeypoint(keypoint);
    joint_panel_->SelectJoint(JointOfKeypoint(keypoint));  // the joint that turns it, in the tree
  });
  connect(overlay_, &HandViewport::KeypointDragged, this, &StudioWindow::OnKeypointDragged);
  connect(overlay_, &HandViewport::KeypointReleased, this, [this](int keypoint) {
    CommitGesture(QStringLiteral("Drag keypoint %1").arg(keypoint));
  });
  connect(&play_timer_, &QTimer::timeout, this, [this] {
    if (!StepFrames(1)) play_timer_.stop();
  });

  // No project yet: the model viewer.
  views_->widget(0)->hide();
  UpdateModelViewer();
  UpdateModelDisplay();
  OrbitCamera orbit;
  orbit.yaw_deg = kInitialYawDeg;
  orbit.pitch_deg = kInitialPitchDeg;
  orbit_->SetOrbitCamera(orbit);
  statusBar()->showMessage(QStringLiteral("Open a project (File ▸ Open) · drag to rotate · wheel to zoom"));
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  saved_layout_ = settings.value(QStringLiteral("window/state")).toByteArray();  // applied when a project opens
}

StudioWindow::~StudioWindow() {
  job_manager_->CancelAll();
}

void StudioWindow::BuildDocks() {
  controls_ = new HandControlsPanel(*model_);
  auto* scroll = new QScrollArea;
  scroll->setWidget(controls_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(kPanelWidth);
  docks_[QStringLiteral("model")] = MakeDock(this, QStringLiteral("Model"), QStringLiteral("model"), scroll, Qt::RightDockWidgetArea);

  videos_list_ = new QListWidget;
  docks_[QStringLiteral("videos")] = MakeDock(this, QStringLiteral("Videos"), QStringLiteral("videos"), videos_list_, Qt::LeftDockWidgetArea);
  connect(videos_list_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (session_ && row >= 0 && row < static_cast<int>(session_->videos().size()) && session_->videos()[row].id != video_id_)
      SeekTo(session_->videos()[row].id, 0);
  });

  joint_panel_ = new JointPanel(limits_);
  docks_[QStringLiteral("pose")] = MakeDock(this, QStringLiteral("Pose"), QStringLiteral("pose"), joint_panel_, Qt::RightDockWidgetArea);
  label_panel_ = new LabelPanel;
  docks_[QStringLiteral("label")] = MakeDock(this, QStringLiteral("Label"), QStringLiteral("label"), label_panel_, Qt::RightDockWidgetArea);
  job_manager_ = new JobManager(this);
  job_panel_ = new JobPanel(job_manager_);
  docks_[QStringLiteral("jobs")] = MakeDock(this, QStringLiteral("Jobs"), QStringLiteral("jobs"), job_panel_, Qt::LeftDockWidgetArea);
  cameras_ = new CamerasPanel;
  auto* cameras_scroll = new QScrollArea;
  cameras_scroll->setWidget(cameras_);
  cameras_scroll->setWidgetResizable(true);
  docks_[QStringLiteral("cameras")] =
      MakeDock(this, QStringLiteral("Cameras"), QStringLiteral("cameras"), cameras_scroll, Qt::RightDockWidgetArea);
  connect(cameras_, &CamerasPanel::CameraChosen, this, [this](qint64 video_id, int frame) { SeekTo(video_id, frame); });
  auto* history = new QUndoView(undo_stack_);
  history->setEmptyLabel(QStringLiteral("Opened"));
  docks_[QStringLiteral("history")] = MakeDock(this, QStringLiteral("History"), QStringLiteral("history"), history, Qt::LeftDockWidgetArea);
  timeline_ = new TimelineWidget;
  docks_[QStringLiteral("timeline")] = MakeDock(this, QStringLiteral("Timeline"), QStringLiteral("timeline"), timeline_, Qt::BottomDockWidgetArea);
  for (const char* name : {"videos", "pose", "label", "jobs", "history", "timeline", "cameras"}) docks_[QString::fromLatin1(name)]->hide();

  connect(timeline_, &TimelineWidget::SeekRequested, this, [this](int row, int frame) {
    if (row >= 0 && row < static_cast<int>(timeline_rows_.size())) SeekTo(timeline_rows_[row].first, frame, timeline_rows_[row].second);
  });
  connect(joint_panel_, &JointPanel::JointPreview, this, [this](int joint, const Eigen::Vector3d& degrees) {
    if (editor_) editor_->PreviewJointAngles(joint, degrees);
  });
  connect(joint_panel_, &JointPanel::HandRotationPreview, this, [this](const Eigen::Vector3d& degrees) {
    if (!editor_) return;
    const Eigen::Vector3d radians = degrees * (M_PI / 180.0);
    const Eigen::Matrix3d rotation = (Eigen::AngleAxisd(radians.z(), Eigen::Vector3d::UnitZ()) *
                                      Eigen::AngleAxisd(radians.y(), Eigen::Vector3d::UnitY()) *
                                      Eigen::AngleAxisd(radians.x(), Eigen::Vector3d::UnitX())).toRotationMatrix();
    editor_->PreviewHandRotation(rotation);
  });
  connect(joint_panel_, &JointPanel::HandTranslationPreview, this, [this](const Eigen::Vector3d& offset_m) {
    if (editor_) editor_->PreviewHandTranslation(offset_m);
  });
  connect(joint_panel_, &JointPanel::GestureFinished, this, &StudioWindow::CommitGesture);
  connect(label_panel_, &LabelPanel::VerifyRequested, this, [this] {
    if (editor_) editor_->Verify();
  });
  connect(label_panel_, &LabelPanel::KeyFrameRequested, this, [this] {
    if (editor_) editor_->MakeKeyFrame();
  });
  connect(label_panel_, &LabelPanel::ShapeRequested, this, [this](const ShapeVector& betas) {
    if (editor_) editor_->ApplyShapeToHand(betas);
  });
}

void StudioWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (framed_) return;
  if (layout() != nullptr) layout()->activate();  // the views' final sizes, for their aspect ratios
  if (!session_) orbit_->FitOrbitToMesh();
  framed_ = true;
}

void StudioWindow::closeEvent(QCloseEvent* event) {
  if (remember_settings_) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (session_) settings.setValue(QStringLiteral("window/state"), saveState());  // the workspace's layout
  }
  job_manager_->CancelAll();
  QMainWindow::closeEvent(event);
}

void StudioWindow::ReportError(const QString& message) {
  statusBar()->showMessage(message, 10000);
  if (isVisible()) QMessageBox::warning(this, QStringLiteral("HandProp Studio"), message);
}

// ---- the model viewer (no project) ----

HandParams StudioWindow::CurrentParams() const {
  const HandControlsState state = controls_->State();
  PoseConvention convention;
  convention.flat_hand_mean = !state.mean_pose;
  convention.num_pca = controls_->num_pca();
  Eigen::VectorXd input = Eigen::VectorXd::Zero(convention.InputSize());
  input.tail(state.pca.size()) = state.pca;
  HandParams params;
  params.pose = AbsolutePose(*model_, input, convention);
  params.betas = state.betas;
  return params;
}

void StudioWindow::UpdateModelViewer() {
  if (session_) return;
  const HandMesh mesh = lbs_->Forward(CurrentParams());
  orbit_->SetMesh(mesh.vertices, model_->faces);
  orbit_->SetKeypoints(mesh.keypoints);
}

void StudioWindow::UpdateModelDisplay() {
  const HandControlsState state = controls_->State();
  for (HandViewport* view : {overlay_, orbit_}) {
    ViewStyle style = view->style();
    style.show_mesh = state.show_mesh;
    style.show_wireframe = state.show_wireframe;
    style.show_skeleton = state.show_skeleton;
    view->SetStyle(style);
  }
}

// ---- the project ----

void StudioWindow::OpenProject(const std::string& path) {
  std::unique_ptr<AnnotationSession> session = AnnotationSession::Open(path, *model_);  // throws: nothing changed
  job_manager_->CancelAll();
  editor_.reset();
  undo_stack_->clear();
  presenter_->Reset();
  *previews_ = PreviewList();
  timeline_rows_.clear();
  timeline_->SetRows({});         // it points into the old session's timelines
  cameras_->SetSession(nullptr);
  session_ = std::move(session);
  connect(session_.get(), &AnnotationSession::LabelsChanged, this, &StudioWindow::OnLabelsChanged);
  editor_ = std::make_unique<LabelEditor>(*session_, *undo_stack_, [this](const QString& message) { ReportError(message); });
  RestoreUndoStack(*undo_stack_, *session_, [this](const QString& message) { ReportError(message); });
  connect(editor_.get(), &LabelEditor::WorkingLabelChanged, this, &StudioWindow::ShowCurrentFrame);

  setWindowTitle(QStringLiteral("%1 · HandProp Studio").arg(QFileInfo(QString::fromStdString(path)).fileName()));
  videos_list_->clear();
  for (const VideoRecord& video : session_->videos())
    videos_list_->addItem(QStringLiteral("%1 (cam %2) · %3 frames")
                              .arg(QString::fromStdString(video.sequence)).arg(video.camera_index).arg(video.frame_count));
  docks_[QStringLiteral("model")]->hide();
  for (const char* name : {"videos", "pose", "label", "jobs", "history", "timeline"}) docks_[QString::fromLatin1(name)]->show();
  cameras_->SetSession(session_.get());
  tabifyDockWidget(docks_[QStringLiteral("label")], docks_[QStringLiteral("cameras")]);
  docks_[QStringLiteral("cameras")]->show();
  docks_[QStringLiteral("label")]->raise();
  if (!saved_layout_.isEmpty()) restoreState(saved_layout_);  // where the annotator left the panels
  saved_layout_.clear();
  views_->widget(0)->show();
  if (remember_settings_) RememberRecent(QFileInfo(QString::fromStdString(session_->path())).absoluteFilePath());
  RebuildTimelineRows();
  video_id_ = 0;
  if (!session_->videos().empty()) SeekTo(session_->videos().front().id, 0);
  statusBar()->showMessage(QStringLiteral("%1 videos · %2 labels · %3 edits to undo")
                               .arg(session_->videos().size()).arg(session_->store().LabelCount()).arg(undo_stack_->index()));
}

void StudioWindow::RelinkVideo(int64_t video_id, const std::string& path) {
  if (!session_) return;
  session_->RelinkVideo(video_id, path);
  presenter_->Forget(video_id);
  ShowCurrentFrame();
}

int64_t StudioWindow::FirstHandOf(int64_t video_id) const {
  const std::vector<HandRecord> hands = session_->HandsOf(video_id);
  return hands.empty() ? 0 : hands.front().id;
}

void StudioWindow::SeekTo(int64_t video_id, int frame, int64_t hand_id) {
  if (!session_) return;
  const VideoRecord* video = session_->FindVideo(video_id);
  if (video == nullptr) return;
  const bool new_video = video_id != video_id_;
  video_id_ = video_id;
  frame_ = std::clamp(frame, 0, std::max(video->frame_count - 1, 0));
  if (hand_id == 0 && (new_video || hand_id_ == 0)) hand_id = FirstHandOf(video_id);
  if (hand_id != 0) hand_id_ = hand_id;
  if (new_video) {
    const QSignalBlocker block(videos_list_);
    for (size_t i = 0; i < session_->videos().size(); ++i)
      if (session_->videos()[i].id == video_id) videos_list_->setCurrentRow(static_cast<int>(i));
  }
  editor_->SetCursor(video_id_, frame_, hand_id_);  // shows the frame through WorkingLabelChanged
}

void StudioWindow::ShowCurrentFrame() {
  if (!session_ || video_id_ == 0) return;
  const VideoRecord& video = *session_->FindVideo(video_id_);
  const LabelRecord* ghost = previews_->Find(video_id_, frame_, hand_id_);
  presenter_->Show(video, frame_, session_->IntrinsicsAt(video_id_, frame_), editor_->working(), ghost);
  if (!presenter_->frame_error().isEmpty())
    statusBar()->showMessage(presenter_->frame_error() + QStringLiteral(" (File ▸ Relink missing video)"));
  else if (presenter_->frame_pending())
    statusBar()->showMessage(QStringLiteral("Decoding frame %1…").arg(frame_), 2000);
  if (!editor_->has_gesture()) {
    const std::optional<LabelRecord>& label = editor_->stored();
    joint_panel_->SetParams(label ? &label->params : nullptr);
    QString hand_name;
    for (const HandRecord& hand : session_->HandsOf(video_id_))
      if (hand.id == hand_id_) hand_name = QString::fromStdString(hand.name);
    label_panel_->SetLabel(label, frame_, hand_name);
  }
  for (size_t row = 0; row < timeline_rows_.size(); ++row)
    if (timeline_rows_[row] == std::make_pair(video_id_, hand_id_)) timeline_->SetCurrent(static_cast<int>(row), frame_);
  cameras_->ShowFrame(video_id_, frame_, hand_id_);
  Q_EMIT FrameShown(video_id_, frame_);
}

void StudioWindow::RebuildTimelineRows() {
  timeline_rows_.clear();
  std::vector<TimelineRow> rows;
  if (session_) {
    for (const VideoRecord& video : session_->videos())
      for (const HandRecord& hand : session_->HandsOf(video.id)) {
        timeline_rows_.emplace_back(video.id, hand.id);
        rows.push_back({QStringLiteral("%1 cam %2 · %3").arg(QString::fromStdString(video.sequence)).arg(video.camera_index)
                            .arg(QString::fromStdString(hand.name)),
                        &session_->timeline(video.id, hand.id)});
      }
    for (int p = 0; p < previews_->size(); ++p)
      for (const auto& [key, timeline] : previews_->at(p).timelines) {
        timeline_rows_.push_back(key);
        rows.push_back({QStringLiteral("preview %1: %2").arg(p + 1).arg(previews_->at(p).title), &timeline});
      }
  }
  timeline_->SetRows(rows);
}

void StudioWindow::OnLabelsChanged() {
  // The rows point at the session's timelines, which are updated in place; the label under the
  // cursor is refreshed by the editor itself.
  timeline_->Refresh();
}

void StudioWindow::OnKeypointDragged(int keypoint, const Eigen::Vector2d& pixel) {
  if (!editor_ || !editor_->working()) return;
  presenter_->SetSelectedKeypoint(keypoint);
  editor_->PreviewKeypointDrag(keypoint, pixel);
}

void StudioWindow::CommitGesture(const QString& text) {
  if (!editor_ || !editor_->has_gesture()) return;
  try {
    editor_->Commit(text);
  } catch (const std::exception& e) {
    editor_->Cancel();
    ReportError(QString::fromStdString(e.what()));
  }
}

void StudioWindow::ShowView(const QString& view) {
  if (view == QLatin1String("3d")) {
    views_->setSizes({0, 1});
  } else {
    views_->setSizes({3, 2});
  }
}

}  // namespace handprop::ui
