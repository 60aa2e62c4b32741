// SPDX-License-Identifier: Apache-2.0
// `handprop propagate --project P --model M [--video V] [--frames a:b] [--method ...]`: labels
// for the unlabelled frames from the key frames (core/propagate/propagation_job.h), written as
// propagated (or predicted) labels with the model id, source frames and per-keypoint confidence.
// Manual, corrected and verified labels are never overwritten. --preview OUT.json writes the labels
// to a LabelSet file instead (core/propagate/label_set_file.h) and leaves the project's labels as
// they are; --progress-json prints only JSON lines on stdout ({"event":"progress",...} while it
// runs, then {"event":"done",...}) for the GUI's worker process.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/interrupt.h"
#include "app/commands/progress_line.h"
#include "app/commands/span_flags.h"
#include "core/io/store/project_store.h"
#include "core/propagate/label_set_file.h"
#include "core/propagate/propagation_job.h"
#include "core/util/error.h"

namespace handprop::cli {

namespace {

// --progress-json: one JSON object per line on stdout, flushed, for the GUI worker.
void PrintJsonLine(const nlohmann::json& j) {
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

nlohmann::json DoneEvent(const PropagationJobOptions& o, const PropagationJobResult& r) {
  int written = 0, replaced = 0, kept = 0;
  for (const PropagatedVideo& v : r.videos) {
    written += v.write.written;
    replaced += v.write.replaced;
    kept += v.write.kept_human;
  }
  return {{"event", "done"},       {"videos", r.videos.size()}, {"written", written},
          {"replaced", replaced},  {"kept_human", kept},        {"preview", o.preview},
          {"preview_labels", r.preview_labels},                 {"skipped", r.skipped},
          {"model_id", r.model_id}, {"device", r.device},       {"elapsed_s", r.seconds},
          {"cancelled", r.cancelled}};
}

}  // namespace

int RunPropagateCommand(int argc, char** argv) {
  CLI::App app{"Propagate a project's key-frame labels to its other frames with a trained model. Manual, corrected and "
               "verified labels are never overwritten; earlier machine labels are replaced.",
               "handprop propagate"};
  PropagationJobOptions o;
  std::string video, frames, method = "bidirectional";
  bool progress_json = false;
  app.add_option("--project,-p", o.project, "the project")->required();
  app.add_option("--model,-m", o.model, "a training folder (uses its propagator.ckpt) or a checkpoint")->required();
  app.add_option("--video", video, "only this video (id, path or file name); default: every video");
  app.add_option("--frames", frames, "only frames first:last (inclusive; either end may be left out)");
  app.add_option("--method", method, "bidirectional | nearest | predictor")->capture_default_str();
  app.add_option("--device", o.propagator.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  app.add_option("--threads", o.propagator.threads, "CPU threads (0 = every core)")->capture_default_str();
  app.add_option("--batch-size", o.propagator.batch_size, "crops per encoder call")->capture_default_str();
  app.add_option("--max-hop", o.propagator.max_hop, "longest direct alignment in frames (0 = from the model)")
      ->capture_default_str();
  app.add_option("--agreement-scale", o.propagator.agreement_scale_m,
                 "bidirectional: metres of disagreement between the two directions at which the blend falls back "
                 "towards key-frame interpolation (0 = off)")
      ->capture_default_str();
  app.add_option("--preview", o.preview, "write the labels to this JSON file instead of the project (a preview)");
  app.add_flag("--progress-json", progress_json, "print progress as JSON lines on stdout (for the GUI worker)");
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;

  const std::map<std::string, PropagationMode> methods = {{"bidirectional", PropagationMode::kBidirectional},
                                                          {"nearest", PropagationMode::kNearest},
                                                          {"predictor", PropagationMode::kPredictor}};
  if (!methods.count(method)) throw InputError("--method: '" + method + "' is not bidirectional, nearest or predictor");
  o.mode = methods.at(method);
  if (!frames.empty()) ParseFrameSpan(frames, o.first, o.last);
  if (!std::filesystem::exists(o.project)) throw InputError(o.project + ": no such project");
  if (!video.empty()) o.video_id = ResolveProjectVideo(o.project, video);
  ThrowIfInvalid("propagate", o.Check());

  if (!o.preview.empty()) CheckLabelSetDestination(o.preview);

  if (progress_json) {
    const auto start = std::chrono::steady_clock::now();
    const PropagationJobResult r = RunPropagationJob(o, [&](int v, int count, int done, int total) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      PrintJsonLine({{"event", "progress"}, {"video", v + 1}, {"videos", count}, {"done", done}, {"frames", total},
                     {"elapsed_s", elapsed}});
    }, CancelOnInterrupt());
    PrintJsonLine(DoneEvent(o, r));
    return kExitOk;
  }
  ProgressLine line;
  const PropagationJobResult r = RunPropagationJob(o, [&](int v, int count, int done, int total) {
    char text[160];
    std::snprintf(text, sizeof text, "video %d/%d  frame %d/%d", v + 1, count, done, total);
    line.Update(text, done == total);
  }, CancelOnInterrupt());
  line.Finish();
  std::printf("model: %s\ndevice: %s\n", r.model_id.c_str(), r.device.c_str());
  int written = 0, kept = 0, frames_done = 0;
  double seconds = 0;
  if (!o.preview.empty()) {
    for (const PropagatedVideo& v : r.videos)
      std::printf("  video %lld  frames %d:%d  %d labels in the preview, mean confidence %.3f\n",
                  static_cast<long long>(v.video_id), v.first, v.last, v.preview_labels, v.mean_confidence);
    for (const std::string& s : r.skipped) std::printf("  skipped %s\n", s.c_str());
    std::printf("preview: %s (%d labels); the project's labels were not changed, %.1f s%s\n", o.preview.c_str(),
                r.preview_labels, r.seconds, r.cancelled ? ", cancelled" : "");
    return kExitOk;
  }
  for (const PropagatedVideo& v : r.videos) {
    std::printf("  video %lld  frames %d:%d  %d %s labels written (%d replaced)%s, mean confidence %.3f, %.1f frames/s\n",
                static_cast<long long>(v.video_id), v.first, v.last, v.write.written,
                o.mode == PropagationMode::kPredictor ? "predicted" : "propagated", v.write.replaced,
                v.write.kept_human > 0 ? (", " + std::to_string(v.write.kept_human) + " labels saved by a person meanwhile kept").c_str() : "",
                v.mean_confidence, (v.last - v.first + 1) / std::max(v.seconds, 1e-9));
    written += v.write.written;
    kept += v.write.kept_human + static_cast<int>(v.key_frames);
    frames_done += v.last - v.first + 1;
    seconds += v.seconds;
  }
  for (const std::string& s : r.skipped) std::printf("  skipped %s\n", s.c_str());
  std::printf("%d labels written, %d human labels left as they were, %zu videos, %.1f s (%.1f frames/s)%s\n", written, kept,
              r.videos.size(), r.seconds, frames_done / std::max(seconds, 1e-9), r.cancelled ? ", cancelled" : "");
  return kExitOk;
}

}  // namespace handprop::cli
