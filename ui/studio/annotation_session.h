// SPDX-License-Identifier: Apache-2.0
// The open project as the studio sees it: the store connection, the hand model with its LBS and
// joint limits, the videos and hands, one LabelTimeline per (video, hand), and the edit journal.
//
// Every change of a label goes through Apply (one journal edit = one store transaction, saved
// when it returns), Undo or Redo; the session then brings the affected timelines up to date and
// emits LabelsChanged. Nothing here keeps unsaved state: closing the window loses nothing.
//
//   auto session = AnnotationSession::Open("demo/project.hpj", LoadHandModelByName("openhand"));
//   EditRequest edit = ...;
//   const int64_t id = session->Apply(edit);    // 0 when nothing changed
//
// Threads: GUI thread only (the store is one SQLite connection). Jobs open their own.
// Errors: Open throws InputError for a missing file, a file that is not a project, a ground-truth
// file or a newer schema (the store's one-line messages); Apply/Undo/Redo pass the store's
// errors through, and a failed call changes nothing.
#pragma once

#include <QObject>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/annotate/label_timeline.h"
#include "core/io/store/project_store.h"
#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop::ui {

class AnnotationSession : public QObject {
  Q_OBJECT

 public:
  static std::unique_ptr<AnnotationSession> Open(const std::string& project_path, HandModel model);
  ~AnnotationSession() override;

  ProjectStore& store() { return store_; }
  const std::string& path() const { return store_.path(); }
  const HandModel& model() const { return *model_; }
  const HandLbs& lbs() const { return *lbs_; }
  const JointLimits& limits() const { return limits_; }
  // Who edits: $HANDPROP_USER, else $USER, else "annotator".
  const std::string& user() const { return user_; }

  const std::vector<VideoRecord>& videos() const { return videos_; }
  const VideoRecord* FindVideo(int64_t video_id) const;
  // The hands of the video's sequence, by id.
  std::vector<HandRecord> HandsOf(int64_t video_id) const;
  // The frame's intrinsics (its override, else the video's).
  CameraIntrinsics IntrinsicsAt(int64_t video_id, int frame) const;
  // Points the video at another file (the relink of a moved video); only for this session.
  void RelinkVideo(int64_t video_id, const std::string& path);

  const LabelTimeline& timeline(int64_t video_id, int64_t hand_id) const;
  std::optional<LabelRecord> Label(int64_t video_id, int frame, int64_t hand_id) const;

  // A label whose keypoints are LBS(params), with `provenance`, authored by user(): the form of
  // every label the annotator makes.
  LabelRecord MakeUserLabel(const LabelKey& key, const HandParams& params, Provenance provenance) const;

  // One journal edit; returns its id, or 0 when it changed nothing.
  int64_t Apply(const EditRequest& request);
  void Undo(int64_t edit_id);
  void Redo(int64_t edit_id);
  // The journal as it stands (done edits, then undone ones), oldest first.
  std::vector<EditRecord> EditStack(int limit) const { return store_.EditStack(limit); }

  // Re-reads every label of the video into its timelines (after a job wrote labels).
  void ReloadLabels(int64_t video_id);

 Q_SIGNALS:
  // Labels of these frames of the video changed (all frames when `frames` is empty).
  void LabelsChanged(qint64 video_id, const std::vector<int>& frames);

 private:
  AnnotationSession(ProjectStore store, HandModel model);
  void Refresh(const std::vector<LabelKey>& keys);
  std::vector<LabelKey> KeysOfEdit(const EditRequest& request) const;

  ProjectStore store_;
  std::unique_ptr<const HandModel> model_;
  std::unique_ptr<HandLbs> lbs_;
  JointLimits limits_;
  std::string user_;
  std::vector<VideoRecord> videos_;
  std::vector<HandRecord> hands_;
  std::map<std::pair<int64_t, int64_t>, LabelTimeline> timelines_;  // (video, hand)
  std::map<int64_t, std::vector<FrameRecord>> frame_overrides_;
};

}  // namespace handprop::ui
