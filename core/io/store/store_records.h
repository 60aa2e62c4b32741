// SPDX-License-Identifier: Apache-2.0
// The rows of a HandProp project file as plain C++ values (docs/project-format.md has the
// tables). Units: metres, pixels, frames per second; times are UTC Unix milliseconds (int64).
// Poses are absolute 48-vectors (core/model/pose_convention.h); translations and keypoints are
// in the camera frame of the label's video (OpenCV convention, core/geometry/camera.h).
// Ids are the SQLite row ids of their tables (> 0); 0 means "not stored yet".
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/camera.h"
#include "core/model/lbs.h"

namespace handprop {

// Where a label came from. Stored as its lower-case name; the order is the file's, never reorder.
enum class Provenance { kManual, kInterpolated, kPropagated, kPredicted, kCorrected, kVerified };
inline constexpr int kNumProvenances = 6;
// "manual", "interpolated", "propagated", "predicted", "corrected", "verified".
const char* ProvenanceName(Provenance provenance);
// The inverse of ProvenanceName; std::nullopt for any other text.
std::optional<Provenance> ParseProvenance(const std::string& name);
// A label a person made or confirmed: manual, corrected or verified. These are the key frames of
// training and propagation, and jobs never overwrite them.
bool IsHumanProvenance(Provenance provenance);

// What a project file holds: annotations ("project") or a generator's ground truth
// ("ground_truth"), kept in a separate file so training can never read it as labels.
enum class ProjectRole { kProject, kGroundTruth };
const char* ProjectRoleName(ProjectRole role);
std::optional<ProjectRole> ParseProjectRole(const std::string& name);

struct ProjectMeta {
  std::string name;                        // free text, shown in the GUI title
  ProjectRole role = ProjectRole::kProject;
  int64_t created_at_ms = 0;               // set by ProjectStore::Create
  std::string created_by_version;          // HandProp version that created the file (set by Create)
};

// One camera of one sequence: a video file (or an image list, see FrameRecord::image_path).
struct VideoRecord {
  int64_t id = 0;
  // As given to AddVideo. Stored relative to the project file's folder when it lies inside that
  // folder's tree, else absolute; read back as an absolute path resolved against that folder.
  std::string path;
  std::string content_hash;   // caller-defined, e.g. "sha256:<hex>"; "" when unknown
  double fps = 0.0;           // 0 when unknown (still images)
  int width = 0;              // pixels
  int height = 0;
  int frame_count = 0;        // frames 0..frame_count-1 exist once the video is added
  std::string sequence;       // sequence name; hands belong to a sequence (multi-view = one sequence)
  int camera_index = 0;       // 0-based camera of the sequence; (sequence, camera_index) is unique
  std::optional<int64_t> subject_id;
  CameraIntrinsics intrinsics;
  Rigid3d cam_from_world;     // world -> this camera
};

// Per-frame data beyond the video's: an intrinsics override (FreiHAND's K changes per image) and
// the image file when the "video" is an image list.
struct FrameRecord {
  int64_t video_id = 0;
  int index = 0;                                  // 0-based frame number in the video
  std::optional<CameraIntrinsics> intrinsics;     // none: the video's intrinsics apply
  std::string image_path;                         // "" when the pixels come from the video file
};

// HandSide and HandSideName ("right", "left") come from core/model/hand_model.h.
std::optional<HandSide> ParseHandSide(const std::string& name);

// One physical hand of a sequence; it has a label per frame of every video of that sequence.
struct HandRecord {
  int64_t id = 0;
  std::string sequence;
  HandSide side = HandSide::kRight;
  std::string name;  // unique within the sequence, e.g. "right"
};

using ConfidenceVector = Eigen::Matrix<double, kNumKeypoints, 1>;

// The current label of one hand in one frame.
struct LabelRecord {
  int64_t video_id = 0;
  int frame_index = 0;
  int64_t hand_id = 0;
  HandParams params;                                       // pose 48 (absolute), betas 10, trans 3
  KeypointMatrix keypoints = KeypointMatrix::Zero();       // 3 x 21, FreiHAND order
  ConfidenceVector confidence = ConfidenceVector::Ones();  // per keypoint, in [0, 1]
  Provenance provenance = Provenance::kManual;
  std::string model_id;             // required for propagated and predicted labels
  std::vector<int> source_frames;   // key frames used; required for propagated and interpolated
  std::string author;               // who made this change (a user name or "job:<kind>")
  int64_t created_at_ms = 0;        // set by the store: first insertion
  int64_t updated_at_ms = 0;        // set by the store: last change
};

enum class HistoryAction { kInsert, kUpdate, kDelete };
const char* HistoryActionName(HistoryAction action);  // "insert", "update", "delete"
std::optional<HistoryAction> ParseHistoryAction(const std::string& name);

// One change of one label, with the whole label before and after it.
struct HistoryEntry {
  int64_t id = 0;
  int64_t time_ms = 0;
  std::string author;
  HistoryAction action = HistoryAction::kInsert;
  int64_t video_id = 0;
  int frame_index = 0;
  int64_t hand_id = 0;
  std::optional<LabelRecord> before;   // none for an insert
  std::optional<LabelRecord> after;    // none for a delete
  std::optional<int64_t> reverts;      // the history id this change undid, if it is an undo
};

// The key of one label: (video, frame, hand).
struct LabelKey {
  int64_t video_id = 0;
  int frame_index = 0;
  int64_t hand_id = 0;
};

// The state of a journal edit. Stored as "done", "undone", "dropped"; never reorder.
// kDropped: undone, then discarded by a newer edit (the redo branch of an undo stack).
enum class EditState { kDone, kUndone, kDropped };
const char* EditStateName(EditState state);
std::optional<EditState> ParseEditState(const std::string& name);

// One user action for ProjectStore::ApplyEdit: any number of label puts and deletes that undo
// and redo as one step.
struct EditRequest {
  std::string text;                // what the user did, shown in the Edit menu: "Rotate joint index_2"
  std::string author;              // user name; also the author of the edit's history rows
  std::vector<LabelRecord> puts;   // labels to insert or replace (the store sets the times)
  std::vector<LabelKey> deletes;   // labels to remove (a missing label is no change)
  // Accepting machine results: skip every put whose CURRENT label (checked inside the
  // transaction) is human-made (IsHumanProvenance), so a job never overwrites a person's label.
  bool keep_human_labels = false;
};

// One row of the edit journal.
struct EditRecord {
  int64_t id = 0;
  int64_t time_ms = 0;
  std::string author;
  std::string text;
  EditState state = EditState::kDone;
  std::vector<int64_t> changes;       // history ids the edit (or its latest redo) made, in order
  std::vector<int64_t> undo_changes;  // history ids of its latest undo (empty until undone)
  int skipped_human = 0;              // puts skipped by keep_human_labels
};

struct EmbeddingRecord {
  int64_t video_id = 0;
  int frame_index = 0;
  int64_t hand_id = 0;
  std::string model_id;     // the encoder (checkpoint) that produced it
  Eigen::VectorXf vector;   // float32, dim = size
};

enum class RunStatus { kQueued, kRunning, kFinished, kFailed, kCancelled };
const char* RunStatusName(RunStatus status);  // "queued", "running", "finished", "failed", "cancelled"
std::optional<RunStatus> ParseRunStatus(const std::string& name);

// One training / propagation / evaluation job and its outcome.
struct RunRecord {
  int64_t id = 0;
  std::string kind;                  // e.g. "train", "propagate", "eval"
  std::string options_json = "{}";   // the job's options, a JSON object
  RunStatus status = RunStatus::kQueued;
  std::optional<int64_t> started_at_ms;
  std::optional<int64_t> finished_at_ms;
  std::string metrics_json = "{}";   // a JSON object
  std::string checkpoint_path;       // "" when none
};

// What `handprop project info` prints.
struct StoreInfo {
  std::string path;
  int schema_version = 0;
  ProjectMeta meta;
  int64_t file_bytes = 0;  // the main file plus its -wal file
  std::map<std::string, int64_t> rows;                      // table name -> row count
  std::map<Provenance, int64_t> labels_per_provenance;      // every provenance, 0 included
};

}  // namespace handprop
