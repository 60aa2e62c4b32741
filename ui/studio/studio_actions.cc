// SPDX-License-Identifier: Apache-2.0
// StudioWindow: menus, shortcuts, navigation and the project files (studio_window.h).
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <exception>

#include "core/io/project_io/project_transfer.h"
#include "ui/studio/studio_window.h"
#include "ui/timeline/shortcut_dialog.h"

namespace handprop::ui {
namespace {
constexpr int kMaxRecent = 8;
const QString kProjectFilter = QStringLiteral("HandProp projects (*.hpj);;All files (*)");
}  // namespace

QAction* StudioWindow::AddCommand(QMenu* menu, const char* id, const QString& text, std::function<void()> run) {
  auto* action = menu->addAction(text);
  action->setObjectName(QString::fromLatin1(id));
  if (ShortcutMap::IsCommand(action->objectName())) shortcuts_.Apply(action, action->objectName());
  action->setShortcutContext(Qt::WindowShortcut);
  connect(action, &QAction::triggered, this, [run = std::move(run)] { run(); });
  return action;
}

void StudioWindow::CreateActions() {
  QSettings settings;
  shortcuts_.Load(settings);

  QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
  auto* open = file->addAction(QStringLiteral("&Open project…"), this, &StudioWindow::ChooseAndOpenProject);
  open->setShortcut(QKeySequence::Open);
  file->addAction(QStringLiteral("&New project…"), this, &StudioWindow::ChooseAndCreateProject)->setShortcut(QKeySequence::New);
  recent_menu_ = file->addMenu(QStringLiteral("Open &recent"));
  RebuildRecentMenu();
  file->addAction(QStringLiteral("&Add video…"), this, [this] { ChooseAndAddVideo(false); });
  file->addAction(QStringLiteral("Add &image folder…"), this, [this] { ChooseAndAddVideo(true); });
  file->addAction(QStringLiteral("&Import dataset…"), this, &StudioWindow::ChooseAndImportDataset);
  file->addAction(QStringLiteral("Re&link missing video…"), this, [this] {
    if (!session_ || video_id_ == 0) return;
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Where is this video now?"));
    if (!path.isEmpty()) RelinkVideo(video_id_, path.toStdString());
  });
  file->addSeparator();
  file->addAction(QStringLiteral("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(QStringLiteral("&Edit"));
  QAction* undo = undo_stack_->createUndoAction(this, QStringLiteral("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = undo_stack_->createRedoAction(this, QStringLiteral("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  AddCommand(edit, "label.verify", QStringLiteral("&Verify frame"), [this] { if (editor_) editor_->Verify(); });
  AddCommand(edit, "label.keyframe", QStringLiteral("Make &key frame"), [this] { if (editor_) editor_->MakeKeyFrame(); });
  edit->addSeparator();
  edit->addAction(QStringLiteral("&Shortcuts…"), this, [this] {
    QSettings settings;
    ShortcutDialog dialog(&shortcuts_, &settings, this);  // OK saves the map into the settings
    if (dialog.exec() != QDialog::Accepted) return;
    for (QAction* action : findChildren<QAction*>())
      if (ShortcutMap::IsCommand(action->objectName())) shortcuts_.Apply(action, action->objectName());
  });

  QMenu* navigate = menuBar()->addMenu(QStringLiteral("&Navigate"));
  AddCommand(navigate, "frame.next", QStringLiteral("Next frame"), [this] { StepFrames(1); });
  AddCommand(navigate, "frame.prev", QStringLiteral("Previous frame"), [this] { StepFrames(-1); });
  AddCommand(navigate, "frame.step_forward", QStringLiteral("Step forward N frames"), [this] { StepFrames(shortcuts_.step_frames()); });
  AddCommand(navigate, "frame.step_back", QStringLiteral("Step back N frames"), [this] { StepFrames(-shortcuts_.step_frames()); });
  AddCommand(navigate, "keyframe.next", QStringLiteral("Next key frame"), [this] { GoToNextKeyFrame(true); });
  AddCommand(navigate, "keyframe.prev", QStringLiteral("Previous key frame"), [this] { GoToNextKeyFrame(false); });
  AddCommand(navigate, "frame.next_unverified", QStringLiteral("Next unverified frame"), [this] { GoToNextUnverified(); });
  AddCommand(navigate, "frame.next_uncertain", QStringLiteral("Next most uncertain frame"), [this] { GoToNextMostUncertain(); });
  AddCommand(navigate, "playback.toggle", QStringLiteral("Play / pause"), [this] { TogglePlay(); });

  QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
  AddCommand(view, "view.toggle_overlay", QStringLiteral("Show / hide the hand overlay"), [this] {
    ViewStyle style = overlay_->style();
    style.show_mesh = !style.show_mesh;
    style.show_skeleton = style.show_mesh;
    overlay_->SetStyle(style);
  });
  for (const auto& [name, mode] : {std::pair{QStringLiteral("Shaded"), MeshMode::kShaded},
                                   std::pair{QStringLiteral("Wireframe"), MeshMode::kWireframe},
                                   std::pair{QStringLiteral("Silhouette"), MeshMode::kSilhouette}})
    view->addAction(name, this, [this, mode = mode] {
      ViewStyle style = overlay_->style();
      style.mesh_mode = mode;
      overlay_->SetStyle(style);
    });
  QMenu* opacity = view->addMenu(QStringLiteral("Mesh opacity"));
  for (int percent : {25, 40, 60, 80, 100})
    opacity->addAction(QStringLiteral("%1%").arg(percent), this, [this, percent] {
      ViewStyle style = overlay_->style();
      style.mesh_opacity = static_cast<float>(percent) / 100.0f;
      overlay_->SetStyle(style);
    });
  view->addSeparator();
  for (auto& [name, dock] : docks_) view->addAction(dock->toggleViewAction());

  QMenu* propagate = menuBar()->addMenu(QStringLiteral("&Propagate"));
  propagate->addAction(QStringLiteral("&Interpolate between key frames (this video)"), this, [this] {
    if (session_ && video_id_ != 0) StartInterpolation(0, session_->FindVideo(video_id_)->frame_count - 1);
  });
  // The key frames around the cursor (the video's ends where there is none): first, last.
  auto current_gap = [this] {
    const LabelTimeline& timeline = session_->timeline(video_id_, hand_id_);
    const int next = timeline.NextKeyFrame(frame_);
    return std::pair{std::max(timeline.PrevKeyFrame(frame_ + 1), 0), next < 0 ? timeline.num_frames() - 1 : next};
  };
  propagate->addAction(QStringLiteral("Interpolate the current &gap"), this, [this, current_gap] {
    if (!session_ || hand_id_ == 0) return;
    const auto [first, last] = current_gap();
    StartInterpolation(first, last);
  });
  propagate->addSeparator();
  propagate->addAction(QStringLiteral("Choose a propagation &model…"), this, [this] {
    const QString path = QFileDialog::getExistingDirectory(this, QStringLiteral("Training folder (with propagator.ckpt)"));
    if (!path.isEmpty()) SetPropagationModel(path);
  });
  propagate->addAction(QStringLiteral("&Propagate this video (background process)"), this, [this] { StartPropagation(0, -1, false); });
  propagate->addAction(QStringLiteral("Propagate &every video (background process)"), this, [this] { StartPropagation(0, -1, true); });
  propagate->addAction(QStringLiteral("Propagate the current &gap (thread)"), this, [this, current_gap] {
    if (!session_ || hand_id_ == 0) return;
    const auto [first, last] = current_gap();
    StartPropagation(first, last, false);
  });
  propagate->addSeparator();
  // The preview that covers the current frame, else the newest one.
  auto chosen_preview = [this] {
    int index = previews_->size() - 1;
    previews_->Find(video_id_, frame_, hand_id_, &index);
    return index;
  };
  AddCommand(propagate, "preview.accept", QStringLiteral("&Accept the preview"), [this, chosen_preview] {
    AcceptPreview(chosen_preview());
  });
  AddCommand(propagate, "preview.reject", QStringLiteral("&Reject the preview"), [this, chosen_preview] {
    RejectPreview(chosen_preview());
  });
}

// ---- navigation ----

bool StudioWindow::StepFrames(int delta) {
  if (!session_ || video_id_ == 0) return false;
  const int count = session_->FindVideo(video_id_)->frame_count;
  const int target = std::clamp(frame_ + delta, 0, std::max(count - 1, 0));
  if (target == frame_) return false;
  SeekTo(video_id_, target, hand_id_);
  return true;
}

bool StudioWindow::GoToNextKeyFrame(bool forward) {
  if (!session_ || hand_id_ == 0) return false;
  const LabelTimeline& timeline = session_->timeline(video_id_, hand_id_);
  const int target = forward ? timeline.NextKeyFrame(frame_) : timeline.PrevKeyFrame(frame_);
  if (target < 0) return false;
  SeekTo(video_id_, target, hand_id_);
  return true;
}

bool StudioWindow::GoToNextUnverified() {
  if (!session_ || hand_id_ == 0) return false;
  const int target = session_->timeline(video_id_, hand_id_).NextUnverified(frame_);
  if (target < 0) {
    statusBar()->showMessage(QStringLiteral("Every label of this video is a key frame or verified"), 5000);
    return false;
  }
  SeekTo(video_id_, target, hand_id_);
  return true;
}

bool StudioWindow::GoToNextMostUncertain() {
  if (!session_ || hand_id_ == 0) return false;
  const LabelTimeline& timeline = session_->timeline(video_id_, hand_id_);
  const int target = timeline.NextMostUncertain(frame_);
  if (target < 0) return false;
  SeekTo(video_id_, target, hand_id_);
  statusBar()->showMessage(QStringLiteral("Frame %1: uncertainty %2").arg(target).arg(timeline.uncertainty(target), 0, 'f', 2), 5000);
  return true;
}

void StudioWindow::TogglePlay() {
  if (play_timer_.isActive()) {
    play_timer_.stop();
    return;
  }
  if (!session_ || video_id_ == 0) return;
  const double fps = session_->FindVideo(video_id_)->fps;
  play_timer_.start(static_cast<int>(1000.0 / (fps > 0 ? fps : 25.0)));
}

// ---- project files ----

void StudioWindow::RememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recent/projects")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recent/projects"), recent);
  RebuildRecentMenu();
}

void StudioWindow::RebuildRecentMenu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recent/projects")).toStringList();
  for (const QString& path : recent)
    recent_menu_->addAction(path, this, [this, path] {
      try {
        OpenProject(path.toStdString());
      } catch (const std::exception& e) {
        ReportError(QString::fromStdString(e.what()));
      }
    });
  recent_menu_->setEnabled(!recent.isEmpty());
}

void StudioWindow::ChooseAndOpenProject() {
  const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a HandProp project"), QString(), kProjectFilter);
  if (path.isEmpty()) return;
  try {
    OpenProject(path.toStdString());
  } catch (const std::exception& e) {
    ReportError(QString::fromStdString(e.what()));
  }
}

void StudioWindow::ChooseAndCreateProject() {
  QString path = QFileDialog::getSaveFileName(this, QStringLiteral("New HandProp project"), QString(), kProjectFilter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".hpj");
  try {
    ProjectMeta meta;
    meta.name = QFileInfo(path).completeBaseName().toStdString();
    ProjectStore::Create(path.toStdString(), meta);
    OpenProject(path.toStdString());
  } catch (const std::exception& e) {
    ReportError(QString::fromStdString(e.what()));
  }
}

void StudioWindow::ChooseAndAddVideo(bool image_folder) {
  if (!session_) {
    ReportError(QStringLiteral("Open or create a project first"));
    return;
  }
  const QString path = image_folder
                           ? QFileDialog::getExistingDirectory(this, QStringLiteral("Add a folder of images (one frame each)"))
                           : QFileDialog::getOpenFileName(this, QStringLiteral("Add a video"), QString(),
                                                          QStringLiteral("Videos (*.mp4 *.mov *.mkv *.avi);;All files (*)"));
  if (path.isEmpty()) return;
  try {
    AddVideoOptions options;
    options.project = session_->path();
    options.video = path.toStdString();
    const int64_t id = AddVideoToProject(options);
    const VideoRecord video = session_->store().Video(id);
    bool has_hand = false;
    for (const HandRecord& hand : session_->store().Hands()) has_hand = has_hand || hand.sequence == video.sequence;
    if (!has_hand) {
      HandRecord hand;
      hand.sequence = video.sequence;
      hand.name = "right";
      session_->store().AddHand(hand);
    }
    const std::string project = session_->path();
    OpenProject(project);  // reload the videos, hands and timelines
    SeekTo(id, 0);
  } catch (const std::exception& e) {
    ReportError(QString::fromStdString(e.what()));
  }
}

void StudioWindow::ChooseAndImportDataset() {
  if (!session_) {
    ReportError(QStringLiteral("Open or create a project first"));
    return;
  }
  const QStringList formats = {QStringLiteral("json"), QStringLiteral("npz"), QStringLiteral("freihand"), QStringLiteral("hanco")};
  bool ok = false;
  const QString format = QInputDialog::getItem(this, QStringLiteral("Import labels"),
                                               QStringLiteral("Format (docs/formats.md):"), formats, 0, false, &ok);
  if (!ok) return;
  const bool folder = format == QLatin1String("freihand") || format == QLatin1String("hanco");
  const QString from = folder ? QFileDialog::getExistingDirectory(this, QStringLiteral("Dataset folder"))
                              : QFileDialog::getOpenFileName(this, QStringLiteral("Dataset file"));
  if (from.isEmpty()) return;
  try {
    ProjectImportOptions options;
    options.project = session_->path();
    options.format = ParseDatasetFormat(format.toStdString(), "format");
    options.from = from.toStdString();
    options.model = model_spec_;
    options.author = session_->user();
    const DatasetImportReport report = ImportIntoProject(options);  // one transaction: all or nothing
    const std::string project = session_->path();
    OpenProject(project);
    statusBar()->showMessage(QStringLiteral("Imported %1: %2 videos, %3 labels (%4 without MANO parameters skipped)")
                                 .arg(from).arg(report.videos).arg(report.labels).arg(report.skipped_without_params),
                             10000);
  } catch (const std::exception& e) {
    ReportError(QString::fromStdString(e.what()));
  }
}

}  // namespace handprop::ui
