// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/propagation_job.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
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

// Checks the options and loads the propagator (shared by the job and the preview).
std::unique_ptr<LabelPropagator> OpenPropagator(const PropagationJobOptions& o, std::string& checkpoint) {
  if (const std::string problem = o.Check(); !problem.empty()) throw InputError("propagation options: " + problem);
  checkpoint = ResolveModelCheckpoint(o.model);
  auto propagator = std::make_unique<LabelPropagator>(o.project, checkpoint, o.propagator);
  if (o.mode != PropagationMode::kPredictor && !propagator->has_aligner())
    throw InputError(checkpoint + ": is a stage-1 predictor without a Pose Aligner; only --method predictor can use it");
  if (std::none_of(propagator->videos().begin(), propagator->videos().end(),
                   [&](const ProjectVideo& v) { return o.video_id == 0 || v.video_id == o.video_id; }))
    throw InputError(o.project + ": has no video " + std::to_string(o.video_id));
  return propagator;
}

// One propagated video's machine labels, before they go into the project or a preview.
struct VideoLabels {
  PropagatedVideo summary;  // everything but the write counts
  std::vector<LabelRecord> labels;
};

// THE propagation path: every selected video's span, in order; `sink` gets each finished video.
// Returns false when cancelled (the video in progress is dropped).
bool PropagateVideos(const PropagationJobOptions& o, LabelPropagator& propagator, const PropagationJobProgress& progress,
                     const std::atomic<bool>* cancel, std::vector<std::string>& skipped,
                     const std::function<void(VideoLabels&)>& sink) {
  std::vector<const ProjectVideo*> videos;
  for (const ProjectVideo& v : propagator.videos())
    if (o.video_id == 0 || v.video_id == o.video_id) videos.push_back(&v);
  for (size_t i = 0; i < videos.size(); ++i) {
    const ProjectVideo& v = *videos[i];
    if (v.key_frames.empty() && o.video_id == 0) {
      skipped.push_back(v.path + ": no key frames");
      continue;
    }
    // Every video: the span clamped to each video's length; a video shorter than `first` is left out.
    if (o.video_id == 0 && o.first >= v.num_frames) {
      skipped.push_back(v.path + ": shorter than frame " + std::to_string(o.first));
      continue;
    }
    const int last = o.last < 0 ? v.num_frames - 1 : (o.video_id == 0 ? std::min(o.last, v.num_frames - 1) : o.last);
    const auto report = [&](int done, int total) {
      if (progress) progress(static_cast<int>(i), static_cast<int>(videos.size()), done, total);
    };
    const VideoPropagation propagated = propagator.Propagate(v.video_id, o.first, last, report, cancel);
    if (propagated.cancelled) return false;
    VideoLabels out;
    out.labels = MachineLabels(propagated, o.mode, propagator.model_id(), o.author);
    out.summary.video_id = v.video_id;
    out.summary.path = v.path;
    out.summary.first = o.first;
    out.summary.last = last;
    for (const PropagatedFrame& f : propagated.frames) out.summary.key_frames += f.key_frame ? 1 : 0;
    out.summary.mean_confidence = MeanConfidence(out.labels);
    out.summary.seconds = propagated.seconds;
    sink(out);
  }
  return true;
}

LabelSet EmptyLabelSet(const PropagationJobOptions& o, const std::string& model_id) {
  LabelSet set;
  set.project = std::filesystem::absolute(o.project).lexically_normal().string();
  set.method = PropagationModeName(o.mode);
  set.model_id = model_id;
  return set;
}

}  // namespace

LabelSet ComputePropagationPreview(const PropagationJobOptions& o, const PropagationJobProgress& progress,
                                   const std::atomic<bool>* cancel) {
  std::string checkpoint;
  const std::unique_ptr<LabelPropagator> propagator = OpenPropagator(o, checkpoint);
  LabelSet set = EmptyLabelSet(o, propagator->model_id());
  std::vector<std::string> skipped;
  PropagateVideos(o, *propagator, progress, cancel, skipped, [&](VideoLabels& video) {
    set.labels.insert(set.labels.end(), video.labels.begin(), video.labels.end());
  });
  return set;
}

PropagationJobResult RunPropagationJob(const PropagationJobOptions& o, const PropagationJobProgress& progress,
                                       const std::atomic<bool>* cancel) {
  const auto start = std::chrono::steady_clock::now();
  if (const std::string problem = o.Check(); !problem.empty()) throw InputError("propagation options: " + problem);
  if (!o.preview.empty()) CheckLabelSetDestination(o.preview);
  std::string checkpoint;
  const std::unique_ptr<LabelPropagator> propagator = OpenPropagator(o, checkpoint);

  PropagationJobResult result;
  result.model_id = propagator->model_id();
  result.device = propagator->device();
  ProjectStore store = ProjectStore::Open(o.project);
  nlohmann::json options{{"model", checkpoint},     {"model_id", result.model_id}, {"video", o.video_id},
                         {"first", o.first},        {"last", o.last},              {"mode", PropagationModeName(o.mode)},
                         {"device", result.device}};
  if (!o.preview.empty()) options["preview"] = std::filesystem::absolute(o.preview).lexically_normal().string();
  RunRecord run;
  run.kind = "propagate";
  run.options_json = options.dump();
  run.status = RunStatus::kRunning;
  run.started_at_ms = NowMs();
  run.checkpoint_path = checkpoint;
  run.id = store.AddRun(run);
  nlohmann::json per_video = nlohmann::json::array();
  LabelSet preview = EmptyLabelSet(o, result.model_id);
  try {
    result.cancelled = !PropagateVideos(o, *propagator, progress, cancel, result.skipped, [&](VideoLabels& video) {
      PropagatedVideo done = std::move(video.summary);
      if (o.preview.empty()) {
        done.write = WriteMachineLabels(store, video.labels);
      } else {
        done.preview_labels = static_cast<int>(video.labels.size());
        preview.labels.insert(preview.labels.end(), video.labels.begin(), video.labels.end());
      }
      per_video.push_back({{"video", done.video_id},
                           {"written", done.write.written},
                           {"kept_human", done.write.kept_human},
                           {"preview_labels", done.preview_labels},
                           {"mean_confidence", done.mean_confidence}});
      result.preview_labels += done.preview_labels;
      result.videos.push_back(std::move(done));
    });
    if (!o.preview.empty()) WriteLabelSet(o.preview, preview);
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
