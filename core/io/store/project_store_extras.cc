// SPDX-License-Identifier: Apache-2.0
// ProjectStore: embeddings and runs (schema version 2).
#include <nlohmann/json.hpp>

#include "core/io/store/label_codec.h"
#include "core/io/store/project_store_impl.h"

namespace handprop {
namespace {

void WriteEmbedding(ProjectStore::Impl& impl, const EmbeddingRecord& e, int64_t now) {
  const std::string context = "embedding of " + LabelContext(e.video_id, e.frame_index, e.hand_id).substr(6);
  if (e.model_id.empty()) impl.Bad(context + ": model_id must not be empty");
  if (e.vector.size() == 0) impl.Bad(context + ": the vector is empty");
  for (Eigen::Index i = 0; i < e.vector.size(); ++i)
    if (!std::isfinite(e.vector[i])) impl.Bad(context + ": vector[" + std::to_string(i) + "] is not finite");
  const int64_t frame_id = impl.FrameId(e.video_id, e.frame_index, context);
  impl.HandSequence(e.hand_id, context);
  const std::string blob = FloatsToBlob(e.vector.data(), static_cast<int>(e.vector.size()));
  impl.Statement(
          "INSERT INTO embeddings (frame_id, hand_id, model_id, dim, vector, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
          "ON CONFLICT (model_id, frame_id, hand_id) DO UPDATE SET dim = excluded.dim, vector = excluded.vector, "
          "created_at = excluded.created_at")
      .Reset().Bind(1, frame_id).Bind(2, e.hand_id).Bind(3, e.model_id).Bind(4, static_cast<int64_t>(e.vector.size()))
      .BindBlob(5, blob.data(), blob.size()).Bind(6, now).Run();
}

std::string CheckRun(const RunRecord& run) {
  if (run.kind.empty()) return "kind must not be empty";
  for (const auto& [name, text] : {std::pair{"options_json", &run.options_json}, std::pair{"metrics_json", &run.metrics_json}}) {
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::string(name) + " is not a JSON object";
  }
  return {};
}

void BindOptional(SqliteStatement& s, int index, const std::optional<int64_t>& value) {
  if (value) s.Bind(index, *value);
}

RunRecord ReadRun(const ProjectStore::Impl& impl, const SqliteStatement& q) {
  RunRecord run;
  run.id = q.Int(0);
  run.kind = q.Text(1);
  run.options_json = q.Text(2);
  const auto status = ParseRunStatus(q.Text(3));
  if (!status) impl.Bad("run " + std::to_string(run.id) + ": unknown status '" + q.Text(3) + "'");
  run.status = *status;
  if (!q.IsNull(4)) run.started_at_ms = q.Int(4);
  if (!q.IsNull(5)) run.finished_at_ms = q.Int(5);
  run.metrics_json = q.Text(6);
  run.checkpoint_path = impl.ResolvedPath(q.Text(7));
  return run;
}

#define HP_RUN_SELECT "SELECT id, kind, options, status, started_at, finished_at, metrics, checkpoint_path FROM runs "

}  // namespace

void ProjectStore::PutEmbedding(const EmbeddingRecord& embedding) { PutEmbeddings({embedding}); }

void ProjectStore::PutEmbeddings(const std::vector<EmbeddingRecord>& embeddings) {
  SqliteTransaction txn(impl_->db);
  const int64_t now = impl_->Now();
  for (const EmbeddingRecord& e : embeddings) WriteEmbedding(*impl_, e, now);
  txn.Commit();
}

std::vector<EmbeddingRecord> ProjectStore::Embeddings(const std::string& model_id) const {
  StatementScope q(impl_->Statement(
      "SELECT f.video_id, f.frame_index, e.hand_id, e.dim, e.vector FROM embeddings e JOIN frames f ON f.id = e.frame_id "
      "WHERE e.model_id = ?1 ORDER BY f.video_id, f.frame_index, e.hand_id"));
  q->Bind(1, model_id);
  std::vector<EmbeddingRecord> out;
  while (q->Step()) {
    EmbeddingRecord e;
    e.video_id = q->Int(0);
    e.frame_index = static_cast<int>(q->Int(1));
    e.hand_id = q->Int(2);
    e.model_id = model_id;
    e.vector.resize(q->Int(3));
    if (!BlobToFloats(q->Blob(4), e.vector.data(), static_cast<int>(e.vector.size())))
      impl_->Bad("embedding of " + LabelContext(e.video_id, e.frame_index, e.hand_id).substr(6) + ": vector blob has " +
                 std::to_string(q->Blob(4).size()) + " bytes, expected " + std::to_string(4 * e.vector.size()));
    out.push_back(std::move(e));
  }
  return out;
}

int64_t ProjectStore::AddRun(const RunRecord& run) {
  if (const std::string problem = CheckRun(run); !problem.empty()) impl_->Bad("run: " + problem);
  SqliteTransaction txn(impl_->db);
  SqliteStatement& insert = impl_->Statement(
      "INSERT INTO runs (kind, options, status, started_at, finished_at, metrics, checkpoint_path) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.Reset().Bind(1, run.kind).Bind(2, run.options_json).Bind(3, RunStatusName(run.status));
  BindOptional(insert, 4, run.started_at_ms);
  BindOptional(insert, 5, run.finished_at_ms);
  insert.Bind(6, run.metrics_json).Bind(7, impl_->StoredPath(run.checkpoint_path)).Run();
  const int64_t id = impl_->db.LastInsertRowId();
  txn.Commit();
  return id;
}

void ProjectStore::UpdateRun(const RunRecord& run) {
  if (const std::string problem = CheckRun(run); !problem.empty()) impl_->Bad("run " + std::to_string(run.id) + ": " + problem);
  SqliteTransaction txn(impl_->db);
  SqliteStatement& update = impl_->Statement(
      "UPDATE runs SET kind = ?2, options = ?3, status = ?4, started_at = ?5, finished_at = ?6, metrics = ?7, "
      "checkpoint_path = ?8 WHERE id = ?1");
  update.Reset().Bind(1, run.id).Bind(2, run.kind).Bind(3, run.options_json).Bind(4, RunStatusName(run.status));
  BindOptional(update, 5, run.started_at_ms);
  BindOptional(update, 6, run.finished_at_ms);
  update.Bind(7, run.metrics_json).Bind(8, impl_->StoredPath(run.checkpoint_path)).Run();
  if (impl_->db.Changes() == 0) impl_->Bad("unknown run id " + std::to_string(run.id));
  txn.Commit();
}

RunRecord ProjectStore::Run(int64_t run_id) const {
  StatementScope q(impl_->Statement(HP_RUN_SELECT "WHERE id = ?1"));
  if (!q->Bind(1, run_id).Step()) impl_->Bad("unknown run id " + std::to_string(run_id));
  return ReadRun(*impl_, *q);
}

std::vector<RunRecord> ProjectStore::Runs() const {
  StatementScope q(impl_->Statement(HP_RUN_SELECT "ORDER BY id"));
  std::vector<RunRecord> runs;
  while (q->Step()) runs.push_back(ReadRun(*impl_, *q));
  return runs;
}

}  // namespace handprop
