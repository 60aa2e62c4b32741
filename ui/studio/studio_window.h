// SPDX-License-Identifier: Apache-2.0
// HandProp Studio's main window.
//
// Without a project it is a model viewer: the hand in the orbit view and the model's controls.
// With a project (OpenProject) it is the annotation workspace:
//   centre  the frame with the posed hand over it (overlay view) beside an orbiting 3D view;
//   docks   Videos, Pose (joint tree and sliders), Label (provenance, verify, shape), Cameras (the
//           other views of a multi-view sequence), Jobs, History (the undo stack), and the
//           Timeline at the bottom;
//   menus   File (new, open, recent, add video), Edit (undo/redo, verify, shortcuts), View,
//           Navigate (every shortcut of ShortcutMap), Propagate (interpolate / propagate a span,
//           a video or everything; accept or reject the preview).
// Every edit is one journal edit (saved at once) and one undo step; the undo stack is rebuilt
// from the project when it is opened again. Window layout and recent projects live in QSettings.
//
// The parts: AnnotationSession (the project), LabelEditor (edits), FramePresenter (what the
// views show), PreviewList (job results waiting to be accepted), and the panels. The methods are
// split over studio_window.cc (layout, project), studio_actions.cc (menus, navigation) and
// studio_propagation.cc (jobs, previews). GUI thread only.
#pragma once

#include <QAction>
#include <QDockWidget>
#include <QListWidget>
#include <QMainWindow>
#include <QTimer>
#include <QUndoStack>
#include <map>
#include <memory>
#include <vector>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"
#include "ui/jobs/job_manager.h"
#include "ui/jobs/job_panel.h"
#include "ui/studio/annotation_session.h"
#include "ui/studio/cameras_panel.h"
#include "ui/studio/frame_presenter.h"
#include "ui/studio/hand_controls_panel.h"
#include "ui/studio/joint_panel.h"
#include "ui/studio/label_editor.h"
#include "ui/studio/label_panel.h"
#include "ui/studio/preview_list.h"
#include "ui/timeline/shortcut_map.h"
#include "ui/timeline/timeline_widget.h"
#include "ui/viewport/hand_viewport.h"

class QSplitter;

namespace handprop::ui {

class StudioWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Takes the (validated) hand model; shows it in the mean pose with zero shape.
  explicit StudioWindow(HandModel model, QWidget* parent = nullptr);
  ~StudioWindow() override;

  // ---- project ----
  // Opens the project (closing the current one). Throws InputError / RuntimeError with the
  // store's one-line message; the window is unchanged then. Missing videos do not stop it: their
  // frames show as "missing" until relinked (RelinkVideo).
  void OpenProject(const std::string& path);
  bool has_project() const { return session_ != nullptr; }
  AnnotationSession* session() const { return session_.get(); }
  LabelEditor* editor() const { return editor_.get(); }
  QUndoStack* undo_stack() const { return undo_stack_; }
  // Points a moved video at its new file for this session.
  void RelinkVideo(int64_t video_id, const std::string& path);

  // ---- cursor ----
  // Shows `frame` of the video (clamped to its frames) with its first hand, or `hand_id`.
  void SeekTo(int64_t video_id, int frame, int64_t hand_id = 0);
  int64_t current_video() const { return video_id_; }
  int current_frame() const { return frame_; }
  int64_t current_hand() const { return hand_id_; }
  // Navigation as the shortcuts do it; false when there is nowhere to go.
  bool StepFrames(int delta);
  bool GoToNextKeyFrame(bool forward);
  bool GoToNextUnverified();
  bool GoToNextMostUncertain();
  void TogglePlay();
  bool playing() const { return play_timer_.isActive(); }

  // ---- views and panels ----
  HandViewport* viewport() const { return overlay_; }   // the frame with the hand over it
  HandViewport* orbit_view() const { return orbit_; }   // the 3D view
  HandControlsPanel* controls() const { return controls_; }
  JointPanel* joint_panel() const { return joint_panel_; }
  LabelPanel* label_panel() const { return label_panel_; }
  CamerasPanel* cameras_panel() const { return cameras_; }
  TimelineWidget* timeline() const { return timeline_; }
  JobManager* jobs() const { return job_manager_; }
  PreviewList* previews() const { return previews_.get(); }
  FramePresenter* presenter() const { return presenter_.get(); }
  // "overlay" shows the frame view large, "3d" the orbit view.
  void ShowView(const QString& view);
  // The model viewer's parameters (no project): absolute pose, shape, zero translation.
  HandParams CurrentParams() const;

  // ---- propagation (studio_propagation.cc) ----
  // Interpolation of frames first..last of the current video, in a thread.
  void StartInterpolation(int first, int last);
  // The learned propagation of the current video's span (a thread) or of every video (a worker
  // process). Needs a model (SetPropagationModel or the Propagate menu's chooser).
  void StartPropagation(int first, int last, bool all_videos);
  void SetPropagationModel(const QString& path) { propagation_model_ = path; }
  // Whether the user's settings (recent projects, panel layout) are used and updated; off for the
  // screenshot flag, whose pictures must not depend on them and which must leave no trace.
  void SetRememberSettings(bool remember) {
    remember_settings_ = remember;
    if (!remember) saved_layout_.clear();
  }
  // How jobs load the hand model: "openhand" or the model file the window was given.
  void SetHandModelSpec(const std::string& spec) { model_spec_ = spec; }
  // Saves the preview as one undoable edit, keeping every human label; returns the edit id.
  int64_t AcceptPreview(int index);
  void RejectPreview(int index);

 Q_SIGNALS:
  void FrameShown(qint64 video_id, int frame);
  void PreviewArrived(int index);

 protected:
  void showEvent(QShowEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void BuildDocks();
  void CreateActions();                 // studio_actions.cc
  QAction* AddCommand(QMenu* menu, const char* id, const QString& text, std::function<void()> run);
  void UpdateModelViewer();
  void UpdateModelDisplay();
  void ShowCurrentFrame();
  void RebuildTimelineRows();
  void OnLabelsChanged();
  void OnKeypointDragged(int keypoint, const Eigen::Vector2d& pixel);
  void CommitGesture(const QString& text);
  void ReportError(const QString& message);
  void RememberRecent(const QString& path);
  void RebuildRecentMenu();
  void ChooseAndOpenProject();
  void ChooseAndCreateProject();
  void ChooseAndAddVideo(bool image_folder);
  void ChooseAndImportDataset();
  void Submit(std::unique_ptr<PreviewJob> job, const QString& title);
  void OnPreviewFinished(std::shared_ptr<const LabelSet> set, const QString& title);
  int64_t FirstHandOf(int64_t video_id) const;

  std::unique_ptr<const HandModel> model_;   // stable address: lbs_ and the panels refer to it
  std::unique_ptr<HandLbs> lbs_;
  JointLimits limits_;                       // the model's, for the pose panel
  std::unique_ptr<AnnotationSession> session_;
  std::unique_ptr<LabelEditor> editor_;
  std::unique_ptr<FramePresenter> presenter_;
  std::unique_ptr<PreviewList> previews_;
  QUndoStack* undo_stack_ = nullptr;
  ShortcutMap shortcuts_;

  QSplitter* views_ = nullptr;
  HandViewport* overlay_ = nullptr;
  HandViewport* orbit_ = nullptr;
  HandControlsPanel* controls_ = nullptr;
  JointPanel* joint_panel_ = nullptr;
  LabelPanel* label_panel_ = nullptr;
  CamerasPanel* cameras_ = nullptr;
  TimelineWidget* timeline_ = nullptr;
  QListWidget* videos_list_ = nullptr;
  JobManager* job_manager_ = nullptr;
  JobPanel* job_panel_ = nullptr;
  std::map<QString, QDockWidget*> docks_;
  QMenu* recent_menu_ = nullptr;

  int64_t video_id_ = 0;
  int frame_ = 0;
  int64_t hand_id_ = 0;
  QTimer play_timer_;
  QString propagation_model_;
  std::string model_spec_ = "openhand";
  std::vector<std::pair<int64_t, int64_t>> timeline_rows_;  // (video, hand) per timeline row
  bool framed_ = false;
  bool remember_settings_ = true;
  QByteArray saved_layout_;  // the workspace's dock layout from the last session, until a project opens
};

}  // namespace handprop::ui
