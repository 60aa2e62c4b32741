// SPDX-License-Identifier: Apache-2.0
// The annotator's workflow in the real window on a tiny synthetic project (issue 5's "done
// when"): open it, step frames, rotate a joint, drag a keypoint (mouse events on the overlay
// view, solved by inverse kinematics), verify a frame, run interpolation and propagation jobs in
// the background and accept their previews, then undo and redo through every state, also after
// closing and reopening the project. Runs under xvfb-run; on "offscreen" the GL parts skip.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <filesystem>
#include <memory>

#include "core/geometry/camera.h"
#include "core/model/hand_model_io.h"
#include "core/pose_edit/joint_edit.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"
#include "tests/support/untrained_propagator.h"
#include "tests/ui/gui_test_util.h"
#include "ui/studio/studio_window.h"

namespace handprop::ui {
namespace {

using handprop::testing::TempDir;

// Every label of the project, for comparing whole states.
std::vector<LabelRecord> AllLabels(AnnotationSession& session) { return session.store().AllLabels(); }

bool SameLabels(const std::vector<LabelRecord>& a, const std::vector<LabelRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].video_id != b[i].video_id || a[i].frame_index != b[i].frame_index || a[i].hand_id != b[i].hand_id ||
        a[i].provenance != b[i].provenance || !a[i].params.pose.isApprox(b[i].params.pose, 1e-12) ||
        !a[i].params.trans.isApprox(b[i].params.trans, 1e-12))
      return false;
  }
  return true;
}

class StudioWorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Settings (recent projects, layout) go to this test's folder, never the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QString::fromStdString(dir_.File("settings")));
    const SynthResult synth = handprop::testing::RenderTinyProject(dir_.File("synth"), 21);
    project_ = synth.project_path;
    truth_ = synth.ground_truth_path;
    window_ = std::make_unique<StudioWindow>(LoadHandModelByName("openhand"));
    window_->resize(1100, 700);
  }

  TempDir dir_;
  std::string project_;
  std::string truth_;
  std::unique_ptr<StudioWindow> window_;
};

TEST_F(StudioWorkflowTest, StepsFramesAndKeyFrames) {
  window_->OpenProject(project_);
  ASSERT_TRUE(window_->has_project());
  EXPECT_EQ(window_->current_frame(), 0);
  ASSERT_NE(window_->current_hand(), 0);
  EXPECT_TRUE(window_->StepFrames(1));
  EXPECT_EQ(window_->current_frame(), 1);
  EXPECT_FALSE(window_->StepFrames(-5) && window_->current_frame() != 0);
  EXPECT_EQ(window_->current_frame(), 0);
  EXPECT_TRUE(window_->GoToNextKeyFrame(true));
  EXPECT_EQ(window_->current_frame(), 4);  // the tiny preset's key frames: 0, 4, 8, 11
  EXPECT_TRUE(window_->GoToNextKeyFrame(true));
  EXPECT_EQ(window_->current_frame(), 8);
  EXPECT_TRUE(window_->GoToNextKeyFrame(false));
  EXPECT_EQ(window_->current_frame(), 4);
  EXPECT_TRUE(window_->presenter()->frame_error().isEmpty()) << window_->presenter()->frame_error().toStdString();
  EXPECT_EQ(window_->presenter()->frame_image().width(), window_->session()->FindVideo(window_->current_video())->width);
  ASSERT_TRUE(window_->editor()->stored().has_value());
  EXPECT_EQ(window_->editor()->stored()->provenance, Provenance::kManual);
}

TEST_F(StudioWorkflowTest, EditsUndoAndRedoThroughEveryStateAndSurviveARestart) {
  window_->OpenProject(project_);
  AnnotationSession& session = *window_->session();
  LabelEditor& editor = *window_->editor();
  std::vector<std::vector<LabelRecord>> states = {AllLabels(session)};

  // 1. Rotate a joint at key frame 4 (the joint panel's slider path).
  window_->SeekTo(window_->current_video(), 4);
  const Eigen::Vector3d before = JointAngles(session.limits(), editor.stored()->params, 2);
  window_->joint_panel()->SelectJoint(2);
  QSlider* flexion = window_->joint_panel()->slider(0);
  flexion->setValue(flexion->value() + 80);  // +8 degrees, committed at once (not a mouse drag)
  ASSERT_EQ(window_->undo_stack()->count(), 1);
  const Eigen::Vector3d after = JointAngles(session.limits(), editor.stored()->params, 2);
  EXPECT_GT(std::abs(after.x() - before.x()), 1.0);
  EXPECT_EQ(editor.stored()->provenance, Provenance::kManual);  // a manual label stays manual
  states.push_back(AllLabels(session));

  // 2. Drag the index fingertip by a few pixels (the IK path).
  const KeypointIkResult ik = [&] {
    const Eigen::Vector2d tip = Project(session.IntrinsicsAt(window_->current_video(), 4), Eigen::Vector3d(editor.working()->keypoints.col(8)));
    const KeypointIkResult result = editor.PreviewKeypointDrag(8, tip + Eigen::Vector2d(2.0, -1.0));
    editor.Commit(QStringLiteral("Drag keypoint 8"));
    return result;
  }();
  EXPECT_LT(ik.target_error_px_after, ik.target_error_px_before);
  EXPECT_LT(ik.target_error_px_after, 0.5);
  ASSERT_EQ(window_->undo_stack()->count(), 2);
  states.push_back(AllLabels(session));

  // 3. Interpolate the video in the background and accept the preview.
  QSignalSpy arrived(window_.get(), &StudioWindow::PreviewArrived);
  window_->StartInterpolation(0, session.FindVideo(window_->current_video())->frame_count - 1);
  ASSERT_TRUE(arrived.wait(20000));
  ASSERT_EQ(window_->previews()->size(), 1);
  EXPECT_NE(window_->AcceptPreview(0), 0);
  EXPECT_EQ(window_->previews()->size(), 0);
  window_->SeekTo(window_->current_video(), 2);
  ASSERT_TRUE(editor.stored().has_value());
  EXPECT_EQ(editor.stored()->provenance, Provenance::kInterpolated);
  states.push_back(AllLabels(session));

  // 4. Verify frame 2.
  EXPECT_NE(editor.Verify(), 0);
  EXPECT_EQ(editor.stored()->provenance, Provenance::kVerified);
  EXPECT_EQ(session.timeline(window_->current_video(), window_->current_hand()).NextKeyFrame(1), 2);
  states.push_back(AllLabels(session));
  ASSERT_EQ(window_->undo_stack()->count(), 4);

  // Walk back to the start, then forward again, checking every state (Kdenlive's checkStates).
  for (int i = static_cast<int>(states.size()) - 1; i > 0; --i) {
    EXPECT_TRUE(SameLabels(AllLabels(session), states[i])) << "before undo " << i;
    window_->undo_stack()->undo();
  }
  EXPECT_TRUE(SameLabels(AllLabels(session), states[0]));
  for (size_t i = 1; i < states.size(); ++i) {
    window_->undo_stack()->redo();
    EXPECT_TRUE(SameLabels(AllLabels(session), states[i])) << "after redo " << i;
  }

  // Undo two steps, close, reopen: the stack comes back with its index, and redo still works.
  window_->undo_stack()->undo();
  window_->undo_stack()->undo();
  window_ = std::make_unique<StudioWindow>(LoadHandModelByName("openhand"));
  window_->OpenProject(project_);
  EXPECT_EQ(window_->undo_stack()->count(), 4);
  EXPECT_EQ(window_->undo_stack()->index(), 2);
  EXPECT_TRUE(SameLabels(AllLabels(*window_->session()), states[2]));
  window_->undo_stack()->redo();
  EXPECT_TRUE(SameLabels(AllLabels(*window_->session()), states[3]));
  window_->undo_stack()->undo();
  window_->undo_stack()->undo();
  EXPECT_TRUE(SameLabels(AllLabels(*window_->session()), states[1]));
}

TEST_F(StudioWorkflowTest, PropagatesASpanInAThreadAndNeverOverwritesKeyFrames) {
  handprop::testing::SaveUntrainedPropagator(dir_.File("model/propagator.ckpt"), 40);

  window_->OpenProject(project_);
  window_->SetPropagationModel(QString::fromStdString(dir_.File("model")));
  const std::vector<LabelRecord> before = AllLabels(*window_->session());
  QSignalSpy arrived(window_.get(), &StudioWindow::PreviewArrived);
  window_->StartPropagation(0, 4, false);  // a short span: the in-process thread
  ASSERT_TRUE(arrived.wait(60000));
  // The preview shows as a ghost and on the timeline, and changes nothing until accepted.
  EXPECT_TRUE(SameLabels(AllLabels(*window_->session()), before));
  const LabelRecord* ghost = window_->previews()->Find(window_->current_video(), 2, window_->current_hand());
  ASSERT_NE(ghost, nullptr);
  EXPECT_EQ(ghost->provenance, Provenance::kPropagated);
  ASSERT_NE(window_->AcceptPreview(0), 0);
  const std::optional<LabelRecord> written = window_->session()->Label(window_->current_video(), 2, window_->current_hand());
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(written->provenance, Provenance::kPropagated);
  EXPECT_FALSE(written->model_id.empty());
  for (int key : {0, 4})
    EXPECT_EQ(window_->session()->Label(window_->current_video(), key, window_->current_hand())->provenance, Provenance::kManual);
  window_->undo_stack()->undo();
  EXPECT_TRUE(SameLabels(AllLabels(*window_->session()), before));
}

TEST_F(StudioWorkflowTest, APreviewArrivesForAProjectOpenedByARelativePath) {
  const std::filesystem::path here = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::path(project_).parent_path().parent_path());
  const std::string relative = (std::filesystem::path(project_).parent_path().filename() / "project.hpj").string();
  window_->OpenProject(relative);
  QSignalSpy arrived(window_.get(), &StudioWindow::PreviewArrived);
  window_->StartInterpolation(0, 11);
  const bool got = arrived.wait(20000);
  std::filesystem::current_path(here);
  ASSERT_TRUE(got) << "the preview of " << relative << " was dropped";
  EXPECT_EQ(window_->previews()->size(), 1);
}

TEST_F(StudioWorkflowTest, ShowsTheOtherCamerasAndSwitchesToOneOnClick) {
  window_->OpenProject(project_);
  window_->show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(window_.get()));
  window_->SeekTo(window_->current_video(), 4);
  window_->findChild<QDockWidget*>(QStringLiteral("cameras"))->raise();
  QCoreApplication::processEvents();
  window_->cameras_panel()->ShowFrame(window_->current_video(), 4, window_->current_hand(), true);
  const auto& views = window_->cameras_panel()->views();
  ASSERT_EQ(views.size(), 1u);  // the tiny preset: two cameras per sequence
  const int64_t other = views.front().first;
  EXPECT_NE(other, window_->current_video());
  EXPECT_FALSE(views.front().second.isNull());
  QLabel* thumbnail = nullptr;
  for (QLabel* label : window_->cameras_panel()->findChildren<QLabel*>())
    if (label->property("video_id").isValid()) thumbnail = label;
  ASSERT_NE(thumbnail, nullptr);
  QTest::mouseClick(thumbnail, Qt::LeftButton);
  EXPECT_EQ(window_->current_video(), other);
  EXPECT_EQ(window_->current_frame(), 4);
}

TEST_F(StudioWorkflowTest, AMissingVideoShowsAGreyFrameAndCanBeRelinked) {
  window_->OpenProject(project_);
  const VideoRecord video = *window_->session()->FindVideo(window_->current_video());
  const std::string moved = dir_.File("moved");
  std::filesystem::rename(video.path, moved);
  window_ = std::make_unique<StudioWindow>(LoadHandModelByName("openhand"));
  window_->OpenProject(project_);  // opens although the video is gone
  EXPECT_NE(window_->presenter()->frame_error().toStdString().find(video.path), std::string::npos)
      << window_->presenter()->frame_error().toStdString();
  window_->RelinkVideo(video.id, moved);
  EXPECT_TRUE(window_->presenter()->frame_error().isEmpty()) << window_->presenter()->frame_error().toStdString();
}

TEST_F(StudioWorkflowTest, RefusesAGroundTruthFileAndKeepsTheOpenProject) {
  window_->OpenProject(project_);
  try {
    window_->OpenProject(truth_);
    FAIL() << "opened a ground-truth file";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ground truth"), std::string::npos) << e.what();
  }
  EXPECT_EQ(window_->session()->path(), project_);
}

}  // namespace
}  // namespace handprop::ui
