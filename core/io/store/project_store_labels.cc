// SPDX-License-Identifier: Apache-2.0
// ProjectStore: labels, their history, and reverting a change.
#include <algorithm>

#include "core/io/store/label_codec.h"
#include "core/io/store/project_store_impl.h"

namespace handprop {
namespace {

// Columns 0..13 as DecodeLabel reads them.
#define HP_LABEL_SELECT                                                                                       \
  "SELECT f.video_id, f.frame_index, l.hand_id, l.pose, l.betas, l.trans, l.keypoints, l.confidence, "       \
  "l.provenance, l.model_id, l.source_frames, l.author, l.created_at, l.updated_at "                         \
  "FROM labels l JOIN frames f ON f.id = l.frame_id "

template <typename Derived>
void ReadArray(const ProjectStore::Impl& impl, const SqliteStatement& q, int column, const char* field,
               Eigen::DenseBase<Derived>& out, const LabelRecord& label) {
  const std::string_view blob = q.Blob(column);
  if (!BlobToDoubles(blob, out.derived().data(), static_cast<int>(out.size())))
    impl.Bad(LabelContext(label.video_id, label.frame_index, label.hand_id) + ": " + field + " blob has " +
             std::to_string(blob.size()) + " bytes, expected " + std::to_string(out.size() * 8));
}

LabelRecord DecodeLabel(const ProjectStore::Impl& impl, const SqliteStatement& q) {
  LabelRecord label;
  label.video_id = q.Int(0);
  label.frame_index = static_cast<int>(q.Int(1));
  label.hand_id = q.Int(2);
  ReadArray(impl, q, 3, "pose", label.params.pose, label);
  ReadArray(impl, q, 4, "betas", label.params.betas, label);
  ReadArray(impl, q, 5, "trans", label.params.trans, label);
  ReadArray(impl, q, 6, "keypoints", label.keypoints, label);
  ReadArray(impl, q, 7, "confidence", label.confidence, label);
  const std::string provenance = q.Text(8);
  const auto parsed = ParseProvenance(provenance);
  if (!parsed) impl.Bad(LabelContext(label.video_id, label.frame_index, label.hand_id) + ": unknown provenance '" + provenance + "'");
  label.provenance = *parsed;
  label.model_id = q.Text(9);
  auto frames = FramesFromText(q.Text(10));
  if (!frames) impl.Bad(LabelContext(label.video_id, label.frame_index, label.hand_id) + ": malformed source_frames '" + q.Text(10) + "'");
  label.source_frames = std::move(*frames);
  label.author = q.Text(11);
  label.created_at_ms = q.Int(12);
  label.updated_at_ms = q.Int(13);
  return label;
}

}  // namespace

std::optional<LabelRecord> ReadLabel(ProjectStore::Impl& impl, int64_t frame_id, int64_t hand_id) {
  StatementScope q(impl.Statement(HP_LABEL_SELECT "WHERE l.frame_id = ?1 AND l.hand_id = ?2"));
  if (!q->Bind(1, frame_id).Bind(2, hand_id).Step()) return std::nullopt;
  return DecodeLabel(impl, *q);
}

std::string LabelContent(LabelRecord label) {
  label.created_at_ms = label.updated_at_ms = 0;
  return LabelToSnapshot(label);
}

namespace {

int64_t AddHistory(ProjectStore::Impl& impl, int64_t now, const std::string& author, HistoryAction action, int64_t frame_id,
                   int64_t hand_id, const std::optional<LabelRecord>& before, const std::optional<LabelRecord>& after,
                   std::optional<int64_t> reverts) {
  SqliteStatement& insert = impl.Statement(
      "INSERT INTO history (time, author, action, frame_id, hand_id, before, after, reverts) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.Reset().Bind(1, now).Bind(2, author).Bind(3, HistoryActionName(action)).Bind(4, frame_id).Bind(5, hand_id);
  if (before) {
    const std::string blob = LabelToSnapshot(*before);
    insert.BindBlob(6, blob.data(), blob.size());
  }
  if (after) {
    const std::string blob = LabelToSnapshot(*after);
    insert.BindBlob(7, blob.data(), blob.size());
  }
  if (reverts) insert.Bind(8, *reverts);
  insert.Run();
  return impl.db.LastInsertRowId();
}

}  // namespace

int64_t WriteLabel(ProjectStore::Impl& impl, const LabelRecord& in, const std::string& change_author, int64_t now,
                   std::optional<int64_t> created_at, std::optional<int64_t> reverts) {
  const std::string context = LabelContext(in.video_id, in.frame_index, in.hand_id);
  if (const std::string problem = ValidateLabel(in); !problem.empty()) impl.Bad(context + ": " + problem);
  const int64_t frame_id = impl.FrameId(in.video_id, in.frame_index, context);
  const std::string& video_sequence = impl.VideoSequence(in.video_id, context);
  const std::string& hand_sequence = impl.HandSequence(in.hand_id, context);
  if (video_sequence != hand_sequence)
    impl.Bad(context + ": hand " + std::to_string(in.hand_id) + " belongs to sequence '" + hand_sequence +
             "', the video to '" + video_sequence + "'");
  const std::optional<LabelRecord> old = ReadLabel(impl, frame_id, in.hand_id);
  LabelRecord label = in;
  label.created_at_ms = created_at ? *created_at : old ? old->created_at_ms : now;
  label.updated_at_ms = now;

  SqliteStatement& write = impl.Statement(
      old ? "UPDATE labels SET pose = ?3, betas = ?4, trans = ?5, keypoints = ?6, confidence = ?7, provenance = ?8, "
            "model_id = ?9, source_frames = ?10, author = ?11, created_at = ?12, updated_at = ?13 "
            "WHERE frame_id = ?1 AND hand_id = ?2"
          : "INSERT INTO labels (frame_id, hand_id, pose, betas, trans, keypoints, confidence, provenance, model_id, "
            "source_frames, author, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  write.Reset().Bind(1, frame_id).Bind(2, label.hand_id);
  const auto bind_array = [&write](int index, const auto& values) {
    write.BindBlob(index, values.data(), sizeof(double) * static_cast<size_t>(values.size()));
  };
  bind_array(3, label.params.pose);
  bind_array(4, label.params.betas);
  bind_array(5, label.params.trans);
  bind_array(6, label.keypoints);
  bind_array(7, label.confidence);
  write.Bind(8, ProvenanceName(label.provenance)).Bind(9, label.model_id).Bind(10, FramesToText(label.source_frames));
  write.Bind(11, label.author).Bind(12, label.created_at_ms).Bind(13, label.updated_at_ms).Run();
  return AddHistory(impl, now, change_author, old ? HistoryAction::kUpdate : HistoryAction::kInsert, frame_id, label.hand_id,
                    old, label, reverts);
}

int64_t DeleteLabelRow(ProjectStore::Impl& impl, int64_t frame_id, const LabelRecord& old, const std::string& author,
                       int64_t now, std::optional<int64_t> reverts) {
  impl.Statement("DELETE FROM labels WHERE frame_id = ?1 AND hand_id = ?2").Reset().Bind(1, frame_id).Bind(2, old.hand_id).Run();
  return AddHistory(impl, now, author, HistoryAction::kDelete, frame_id, old.hand_id, old, std::nullopt, reverts);
}

int64_t RevertHistory(ProjectStore::Impl& impl, int64_t history_id, const std::string& author, int64_t now) {
  int64_t frame_id = 0, hand_id = 0;
  std::optional<LabelRecord> target;
  {
    StatementScope q(impl.Statement("SELECT frame_id, hand_id, before FROM history WHERE id = ?1"));
    if (!q->Bind(1, history_id).Step()) impl.Bad("no history entry " + std::to_string(history_id));
    frame_id = q->Int(0);
    hand_id = q->Int(1);
    if (!q->IsNull(2)) target = LabelFromSnapshot(q->Blob(2), impl.db.path() + ": history " + std::to_string(history_id) + " before");
  }
  const std::optional<LabelRecord> current = ReadLabel(impl, frame_id, hand_id);
  if (!target) return current ? DeleteLabelRow(impl, frame_id, *current, author, now, history_id) : 0;
  if (current && LabelContent(*current) == LabelContent(*target)) return 0;
  return WriteLabel(impl, *target, author, now, target->created_at_ms, history_id);
}

namespace {

// `expected` reserves room: a LabelRecord is 1.3 kB, and regrowing the vector costs page faults.
std::vector<LabelRecord> Collect(ProjectStore::Impl& impl, const StatementScope& q, int64_t expected) {
  std::vector<LabelRecord> labels;
  labels.reserve(static_cast<size_t>(expected));
  while (q->Step()) labels.push_back(DecodeLabel(impl, *q));
  return labels;
}

}  // namespace

int64_t ProjectStore::PutLabel(const LabelRecord& label) {
  SqliteTransaction txn(impl_->db);
  const int64_t history_id = WriteLabel(*impl_, label, label.author, impl_->Now(), std::nullopt, std::nullopt);
  txn.Commit();
  return history_id;
}

void ProjectStore::PutLabels(const std::vector<LabelRecord>& labels) {
  SqliteTransaction txn(impl_->db);
  const int64_t now = impl_->Now();
  for (const LabelRecord& label : labels) WriteLabel(*impl_, label, label.author, now, std::nullopt, std::nullopt);
  txn.Commit();
}

bool ProjectStore::DeleteLabel(int64_t video_id, int frame_index, int64_t hand_id, const std::string& author) {
  SqliteTransaction txn(impl_->db);
  const int64_t frame_id = impl_->FrameId(video_id, frame_index, LabelContext(video_id, frame_index, hand_id));
  const std::optional<LabelRecord> old = ReadLabel(*impl_, frame_id, hand_id);
  if (!old) return false;
  DeleteLabelRow(*impl_, frame_id, *old, author, impl_->Now(), std::nullopt);
  txn.Commit();
  return true;
}

std::optional<LabelRecord> ProjectStore::Label(int64_t video_id, int frame_index, int64_t hand_id) const {
  StatementScope q(impl_->Statement(HP_LABEL_SELECT "WHERE f.video_id = ?1 AND f.frame_index = ?2 AND l.hand_id = ?3"));
  if (!q->Bind(1, video_id).Bind(2, frame_index).Bind(3, hand_id).Step()) return std::nullopt;
  return DecodeLabel(*impl_, *q);
}

std::vector<LabelRecord> ProjectStore::Labels(int64_t video_id) const {
  StatementScope q(impl_->Statement(HP_LABEL_SELECT "WHERE f.video_id = ?1 ORDER BY f.frame_index, l.hand_id"));
  q->Bind(1, video_id);
  return Collect(*impl_, q, 0);
}

std::vector<LabelRecord> ProjectStore::AllLabels() const {
  // The count and the rows come from one read snapshot, so the reservation is exact.
  SqliteTransaction snapshot(impl_->db, SqliteTransaction::Kind::kRead);
  const int64_t count = LabelCount();
  std::vector<LabelRecord> labels;
  {
    StatementScope q(impl_->Statement(HP_LABEL_SELECT "ORDER BY f.video_id, f.frame_index, l.hand_id"));
    labels = Collect(*impl_, q, count);
  }
  snapshot.Commit();
  return labels;
}

int64_t ProjectStore::LabelCount() const { return impl_->db.QueryInt("SELECT count(*) FROM labels"); }

std::vector<HistoryEntry> ProjectStore::History(const HistoryQuery& query) const {
  StatementScope q(impl_->Statement(
      "SELECT h.id, h.time, h.author, h.action, f.video_id, f.frame_index, h.hand_id, h.before, h.after, h.reverts "
      "FROM history h JOIN frames f ON f.id = h.frame_id "
      "WHERE (?1 IS NULL OR f.video_id = ?1) AND (?2 IS NULL OR h.hand_id = ?2) AND (?3 IS NULL OR f.frame_index = ?3) "
      "ORDER BY h.id DESC LIMIT ?4"));
  if (query.video_id) q->Bind(1, *query.video_id);
  if (query.hand_id) q->Bind(2, *query.hand_id);
  if (query.frame_index) q->Bind(3, *query.frame_index);
  q->Bind(4, query.limit > 0 ? int64_t{query.limit} : int64_t{-1});
  std::vector<HistoryEntry> entries;
  while (q->Step()) {
    HistoryEntry e;
    e.id = q->Int(0);
    e.time_ms = q->Int(1);
    e.author = q->Text(2);
    const auto action = ParseHistoryAction(q->Text(3));
    if (!action) impl_->Bad("history " + std::to_string(e.id) + ": unknown action '" + q->Text(3) + "'");
    e.action = *action;
    e.video_id = q->Int(4);
    e.frame_index = static_cast<int>(q->Int(5));
    e.hand_id = q->Int(6);
    const std::string what = path() + ": history " + std::to_string(e.id);
    if (!q->IsNull(7)) e.before = LabelFromSnapshot(q->Blob(7), what + " before");
    if (!q->IsNull(8)) e.after = LabelFromSnapshot(q->Blob(8), what + " after");
    if (!q->IsNull(9)) e.reverts = q->Int(9);
    entries.push_back(std::move(e));
  }
  return entries;
}

int64_t ProjectStore::RevertChange(int64_t history_id, const std::string& author) {
  SqliteTransaction txn(impl_->db);
  const int64_t new_id = RevertHistory(*impl_, history_id, author, impl_->Now());
  if (new_id != 0) txn.Commit();
  return new_id;
}

}  // namespace handprop
