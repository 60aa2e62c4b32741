// SPDX-License-Identifier: Apache-2.0
// ProjectStore: videos, frames and hands.
#include <cmath>

#include "core/io/store/label_codec.h"
#include "core/io/store/project_store_impl.h"

namespace handprop {
namespace {

constexpr const char* kVideoColumns =
    "SELECT id, path, content_hash, fps, width, height, frame_count, sequence, camera_index, subject_id, "
    "fx, fy, cx, cy, cam_from_world FROM videos";

std::string RigidToBlob(const Rigid3d& rigid) {
  Eigen::Matrix<double, 3, 4, Eigen::RowMajor> m;  // row-major [R | t]
  m.leftCols<3>() = rigid.rotation;
  m.col(3) = rigid.translation;
  return DoublesToBlob(m.data(), 12);
}

std::string CheckVideo(const VideoRecord& v) {
  if (v.path.empty()) return "path must not be empty";
  if (v.sequence.empty()) return "sequence must not be empty";
  if (!std::isfinite(v.fps) || v.fps < 0) return "fps = " + std::to_string(v.fps) + " must be finite and >= 0";
  if (v.width < 0 || v.height < 0) return "width and height must be >= 0";
  if (v.frame_count < 0) return "frame_count = " + std::to_string(v.frame_count) + " must be >= 0";
  if (v.camera_index < 0) return "camera_index must be >= 0";
  if (const std::string k = v.intrinsics.Check(); !k.empty()) return "intrinsics: " + k;
  if (const std::string r = CheckRotationMatrix(v.cam_from_world.rotation); !r.empty()) return "cam_from_world: " + r;
  if (!v.cam_from_world.translation.allFinite()) return "cam_from_world: translation is not finite";
  return {};
}

}  // namespace

int64_t ProjectStore::AddVideo(const VideoRecord& video) {
  if (const std::string problem = CheckVideo(video); !problem.empty()) impl_->Bad("video " + video.path + ": " + problem);
  SqliteTransaction txn(impl_->db);
  SqliteStatement& insert = impl_->Statement(
      "INSERT INTO videos (path, content_hash, fps, width, height, frame_count, sequence, camera_index, subject_id, "
      "fx, fy, cx, cy, cam_from_world) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  insert.Reset().Bind(1, impl_->StoredPath(video.path)).Bind(2, video.content_hash).Bind(3, video.fps);
  insert.Bind(4, video.width).Bind(5, video.height).Bind(6, video.frame_count).Bind(7, video.sequence);
  insert.Bind(8, video.camera_index);
  if (video.subject_id) insert.Bind(9, *video.subject_id);
  const CameraIntrinsics& k = video.intrinsics;
  insert.Bind(10, k.fx).Bind(11, k.fy).Bind(12, k.cx).Bind(13, k.cy);
  const std::string rigid = RigidToBlob(video.cam_from_world);
  insert.BindBlob(14, rigid.data(), rigid.size()).Run();
  const int64_t id = impl_->db.LastInsertRowId();
  SqliteStatement& frame = impl_->Statement("INSERT INTO frames (video_id, frame_index) VALUES (?1, ?2)");
  for (int i = 0; i < video.frame_count; ++i) frame.Reset().Bind(1, id).Bind(2, i).Run();
  txn.Commit();
  return id;
}

std::vector<VideoRecord> ProjectStore::Videos() const {
  std::vector<VideoRecord> videos;
  StatementScope q(impl_->Statement("SELECT id FROM videos ORDER BY id"));
  while (q->Step()) videos.push_back(Video(q->Int(0)));
  return videos;
}

VideoRecord ProjectStore::Video(int64_t video_id) const {
  static const std::string sql = std::string(kVideoColumns) + " WHERE id = ?1";
  StatementScope q(impl_->Statement(sql.c_str()));
  if (!q->Bind(1, video_id).Step()) impl_->Bad("unknown video id " + std::to_string(video_id));
  VideoRecord v;
  v.id = q->Int(0);
  v.path = impl_->ResolvedPath(q->Text(1));
  v.content_hash = q->Text(2);
  v.fps = q->Double(3);
  v.width = static_cast<int>(q->Int(4));
  v.height = static_cast<int>(q->Int(5));
  v.frame_count = static_cast<int>(q->Int(6));
  v.sequence = q->Text(7);
  v.camera_index = static_cast<int>(q->Int(8));
  if (!q->IsNull(9)) v.subject_id = q->Int(9);
  v.intrinsics = {q->Double(10), q->Double(11), q->Double(12), q->Double(13)};
  Eigen::Matrix<double, 3, 4, Eigen::RowMajor> m;
  if (!BlobToDoubles(q->Blob(14), m.data(), 12))
    impl_->Bad("video " + std::to_string(v.id) + ": cam_from_world blob has " + std::to_string(q->Blob(14).size()) +
               " bytes, expected 96");
  v.cam_from_world = Rigid3d(m.leftCols<3>(), m.col(3));
  return v;
}

void ProjectStore::PutFrame(const FrameRecord& frame) {
  const std::string context = "frame " + std::to_string(frame.index) + " of video " + std::to_string(frame.video_id);
  if (frame.intrinsics)
    if (const std::string k = frame.intrinsics->Check(); !k.empty()) impl_->Bad(context + ": intrinsics: " + k);
  SqliteTransaction txn(impl_->db);
  const int64_t frame_id = impl_->FrameId(frame.video_id, frame.index, context);
  SqliteStatement& update =
      impl_->Statement("UPDATE frames SET fx = ?1, fy = ?2, cx = ?3, cy = ?4, image_path = ?5 WHERE id = ?6");
  update.Reset();
  if (frame.intrinsics) update.Bind(1, frame.intrinsics->fx).Bind(2, frame.intrinsics->fy).Bind(3, frame.intrinsics->cx).Bind(4, frame.intrinsics->cy);
  update.Bind(5, impl_->StoredPath(frame.image_path)).Bind(6, frame_id).Run();
  txn.Commit();
}

namespace {
FrameRecord ReadFrame(const ProjectStore::Impl& impl, const SqliteStatement& q) {
  FrameRecord f;
  f.video_id = q.Int(0);
  f.index = static_cast<int>(q.Int(1));
  if (!q.IsNull(2)) f.intrinsics = CameraIntrinsics{q.Double(2), q.Double(3), q.Double(4), q.Double(5)};
  f.image_path = impl.ResolvedPath(q.Text(6));
  return f;
}
}  // namespace

FrameRecord ProjectStore::Frame(int64_t video_id, int frame_index) const {
  StatementScope q(impl_->Statement(
      "SELECT video_id, frame_index, fx, fy, cx, cy, image_path FROM frames WHERE video_id = ?1 AND frame_index = ?2"));
  if (!q->Bind(1, video_id).Bind(2, frame_index).Step()) {
    impl_->VideoSequence(video_id, "frame " + std::to_string(frame_index));
    impl_->Bad("video " + std::to_string(video_id) + " has no frame " + std::to_string(frame_index));
  }
  return ReadFrame(*impl_, *q);
}

std::vector<FrameRecord> ProjectStore::FramesWithOverrides(int64_t video_id) const {
  StatementScope q(impl_->Statement(
      "SELECT video_id, frame_index, fx, fy, cx, cy, image_path FROM frames "
      "WHERE video_id = ?1 AND (fx IS NOT NULL OR image_path != '') ORDER BY frame_index"));
  q->Bind(1, video_id);
  std::vector<FrameRecord> frames;
  while (q->Step()) frames.push_back(ReadFrame(*impl_, *q));
  return frames;
}

int64_t ProjectStore::AddHand(const HandRecord& hand) {
  if (hand.sequence.empty() || hand.name.empty()) impl_->Bad("hand: sequence and name must not be empty");
  SqliteTransaction txn(impl_->db);
  impl_->Statement("INSERT INTO hands (sequence, side, name) VALUES (?1, ?2, ?3)")
      .Reset().Bind(1, hand.sequence).Bind(2, HandSideName(hand.side)).Bind(3, hand.name).Run();
  const int64_t id = impl_->db.LastInsertRowId();
  txn.Commit();
  return id;
}

std::vector<HandRecord> ProjectStore::Hands() const {
  StatementScope q(impl_->Statement("SELECT id, sequence, side, name FROM hands ORDER BY id"));
  std::vector<HandRecord> hands;
  while (q->Step()) {
    HandRecord h;
    h.id = q->Int(0);
    h.sequence = q->Text(1);
    const auto side = ParseHandSide(q->Text(2));
    if (!side) impl_->Bad("hand " + std::to_string(h.id) + ": unknown side '" + q->Text(2) + "'");
    h.side = *side;
    h.name = q->Text(3);
    hands.push_back(std::move(h));
  }
  return hands;
}

}  // namespace handprop
