// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/propagation_job.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/io/store/project_store.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string PropagationJobOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name a project file");
  HP_OPTION_CHECK(!model.empty(), "model must name a checkpoint or a training folder");
  HP_OPTION_CHECK(video_id >= 0, "video must be a video id (0 = every video)");
  HP_OPTION_CHECK(first >= 0 && (last < 0 || last >= first), "frames must be first:last with first <= last");
  return propagator.Check();
}

std::string ResolveModelCheckpoint(const std::string& path, const std::string& file) {
  namespace fs = std::filesystem;
  if (fs::is_directory(path)) {
    const fs::path inside = fs::path(path) / file;
    if (!fs::exists(inside)) throw InputError(path + ": holds no " + file + " (train one with `handprop train propagator`)");
    return inside.string();
  }
  if (!fs::exists(path)) throw InputError(path + ": no such checkpoint or training folder");
  return path;
}

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double MeanConfidence(const std::vector<LabelRecord>& labels) {
  double sum = 0.0;
  for (const LabelRecord& l : labels) sum += l.confidence.mean();
  return labels.empty() ? 0.0 : sum / static_cast<double>(labels.size());
}

}  // namespace

PropagationJobResult RunPropagationJob(const PropagationJobOptions& o, const PropagationJobProgress& progress,
                                       const std::atomic<bool>* cancel) {
  if (const std::string problem = o.Check(); !problem.empty()) throw InputError("propagation options: " + problem);
  const auto start = std::chrono::steady_clock::now();
  const std::string checkpoint = ResolveModelCheckpoint(o.model);
  LabelPropagator propagator(o.project, checkpoint, o.propagator);
  if (o.mode != PropagationMode::kPredictor && !propagator.has_aligner())
    throw InputError(checkpoint + ": is a stage-1 predictor without a Pose Aligner; only --method predictor can use it");
  std::vector<const ProjectVideo*> videos;
  for (const ProjectVideo& v : propagator.videos())
    if (o.video_id == 0 || v.video_id == o.video_id) videos.push_back(&v);
  if (videos.empty()) throw InputError(o.project + ": has no video " + std::to_string(o.video_id));

  PropagationJobResult result;
  result.model_id = propagator.model_id();
  result.device = propagator.device();
  ProjectStore store = ProjectStore::Open(o.project);
  nlohmann::json options{{"model", checkpoint},     {"model_id", result.model_id}, {"video", o.video_id},
                         {"first", o.first},        {"last", o.last},              {"mode", PropagationModeName(o.mode)},
                         {"device", result.device}};
  RunRecord run;
  run.kind = "propagate";
  run.options_json = options.dump();
  run.status = RunStatus::kRunning;
  run.started_at_ms = NowMs();
  run.checkpoint_path = checkpoint;
  run.id = store.AddRun(run);
  nlohmann::json per_video = nlohmann::json::array();
  try {
    for (size_t i = 0; i < videos.size() && !result.cancelled; ++i) {
      const ProjectVideo& v = *videos[i];
      if (v.key_frames.empty() && o.video_id == 0) {
        result.skipped.push_back(v.path + ": no key frames");
        continue;
      }
      // Every video: the span clamped to each video's length; a video shorter than `first` is left out.
      if (o.video_id == 0 && o.first >= v.num_frames) {
        result.skipped.push_back(v.path + ": shorter than frame " + std::to_string(o.first));
        continue;
      }
      const int last = o.last < 0 ? v.num_frames - 1 : (o.video_id == 0 ? std::min(o.last, v.num_frames - 1) : o.last);
      const auto report = [&](int done, int total) {
        if (progress) progress(static_cast<int>(i), static_cast<int>(videos.size()), done, total);
      };
      const VideoPropagation propagated = propagator.Propagate(v.video_id, o.first, last, report, cancel);
      if (propagated.cancelled) {
        result.cancelled = true;
        break;
      }
      const std::vector<LabelRecord> labels = MachineLabels(propagated, o.mode, result.model_id, o.author);
      PropagatedVideo done;
      done.video_id = v.video_id;
      done.path = v.path;
      done.first = o.first;
      done.last = last;
      done.write = WriteMachineLabels(store, labels);
      for (const PropagatedFrame& f : propagated.frames) done.key_frames += f.key_frame ? 1 : 0;
      done.mean_confidence = MeanConfidence(labels);
      done.seconds = propagated.seconds;
      per_video.push_back({{"video", v.video_id},
                           {"written", done.write.written},
                           {"kept_human", done.write.kept_human},
                           {"mean_confidence", done.mean_confidence}});
      result.videos.push_back(std::move(done));
    }
  } catch (const std::exception& e) {
    run.status = RunStatus::kFailed;
    run.finished_at_ms = NowMs();
    run.metrics_json = nlohmann::json{{"error", e.what()}, {"videos", per_video}}.dump();
    store.UpdateRun(run);
    throw;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.status = result.cancelled ? RunStatus::kCancelled : RunStatus::kFinished;
  run.finished_at_ms = NowMs();
  run.metrics_json = nlohmann::json{{"seconds", result.seconds}, {"videos", per_video}}.dump();
  store.UpdateRun(run);
  return result;
}

}  // namespace handprop
