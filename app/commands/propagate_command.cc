// SPDX-License-Identifier: Apache-2.0
// `handprop propagate --project P --model M [--video V] [--frames a:b] [--method ...]`: labels
// for the unlabelled frames from the key frames (core/propagate/propagation_job.h), written as
// propagated (or predicted) labels with the model id, source frames and per-keypoint confidence.
// Manual, corrected and verified labels are never overwritten.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/interrupt.h"
#include "app/commands/progress_line.h"
#include "core/io/store/project_store.h"
#include "core/propagate/propagation_job.h"
#include "core/util/error.h"

namespace handprop::cli {
namespace {

// "12:40" -> (12, 40); "12:" -> (12, -1); ":40" -> (0, 40).
void ParseFrames(const std::string& text, PropagationJobOptions& o) {
  const size_t colon = text.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no colon");
    const std::string a = text.substr(0, colon), b = text.substr(colon + 1);
    size_t used = 0;
    o.first = a.empty() ? 0 : std::stoi(a, &used);
    if (!a.empty() && used != a.size()) throw std::invalid_argument("junk");
    o.last = b.empty() ? -1 : std::stoi(b, &used);
    if (!b.empty() && used != b.size()) throw std::invalid_argument("junk");
  } catch (const std::exception&) {
    throw InputError("--frames: '" + text + "' is not first:last (e.g. 0:119, 40:, :99)");
  }
}

// A video id, or the file name / path of one of the project's videos.
int64_t ResolveVideo(const std::string& project, const std::string& text) {
  const ProjectStore store = ProjectStore::Open(project, {.read_only = true});
  for (const VideoRecord& v : store.Videos()) {
    if (text == std::to_string(v.id) || text == v.path || text == std::filesystem::path(v.path).filename().string()) return v.id;
  }
  throw InputError("--video: " + project + " has no video '" + text + "' (give its id, path or file name)");
}

}  // namespace

int RunPropagateCommand(int argc, char** argv) {
  CLI::App app{"Propagate a project's key-frame labels to its other frames with a trained model. Manual, corrected and "
               "verified labels are never overwritten; earlier machine labels are replaced.",
               "handprop propagate"};
  PropagationJobOptions o;
  std::string video, frames, method = "bidirectional";
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
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;

  const std::map<std::string, PropagationMode> methods = {{"bidirectional", PropagationMode::kBidirectional},
                                                          {"nearest", PropagationMode::kNearest},
                                                          {"predictor", PropagationMode::kPredictor}};
  if (!methods.count(method)) throw InputError("--method: '" + method + "' is not bidirectional, nearest or predictor");
  o.mode = methods.at(method);
  if (!frames.empty()) ParseFrames(frames, o);
  if (!std::filesystem::exists(o.project)) throw InputError(o.project + ": no such project");
  if (!video.empty()) o.video_id = ResolveVideo(o.project, video);
  ThrowIfInvalid("propagate", o.Check());

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
