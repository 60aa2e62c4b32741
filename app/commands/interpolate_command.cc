// SPDX-License-Identifier: Apache-2.0
// `handprop interpolate --project P [--video V] [--frames a:b] [--hand-model M] [--preview OUT.json]`:
// the key-frame interpolation baseline as interpolated labels for every non-key frame of the span
// (core/propagate/interpolated_labels.h), per hand with key frames. Without --preview they are
// written with WriteMachineLabels, one transaction per video: manual, corrected and verified
// labels are never overwritten, earlier machine labels are replaced. With --preview they go to a
// LabelSet file (label_set_file.h) and the project is left as it is. The project records no hand
// model, so LBS uses --hand-model (the built-in OpenHand model unless given), as `eval propagation`.
// Errors (exit 1, one line): a missing project, a bad or out-of-range --frames, an unknown
// --video, an unwritable --preview path; nothing is half-written.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/span_flags.h"
#include "core/io/store/project_store.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/interpolated_labels.h"
#include "core/propagate/label_set_file.h"
#include "core/propagate/propagated_labels.h"
#include "core/util/error.h"

namespace handprop::cli {

namespace {

std::string SpanText(int first, int last) { return std::to_string(first) + ":" + std::to_string(last); }

}  // namespace

int RunInterpolateCommand(int argc, char** argv) {
  CLI::App app{"Interpolate a project's key-frame labels to the frames between them (SLERP per joint, linear wrist "
               "and shape; held beyond the first and last key frame). Manual, corrected and verified labels are "
               "never overwritten; earlier machine labels are replaced.",
               "handprop interpolate"};
  std::string project, video, frames, hand_model = "openhand", preview, author = "job:interpolate";
  app.add_option("--project,-p", project, "the project")->required();
  app.add_option("--video", video, "only this video (id, path or file name); default: every video");
  app.add_option("--frames", frames, "only frames first:last (inclusive; either end may be left out)");
  app.add_option("--hand-model", hand_model, "hand model for the keypoints (openhand or a model file)")
      ->capture_default_str();
  app.add_option("--preview", preview, "write the labels to this JSON file instead of the project (a preview)");
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;

  int first = 0, last = -1;
  if (!frames.empty()) ParseFrameSpan(frames, first, last);
  if (first < 0 || (last >= 0 && last < first))
    throw InputError("--frames: '" + frames + "' is not first:last with 0 <= first <= last");
  if (!std::filesystem::exists(project)) throw InputError(project + ": no such project");
  const int64_t video_id = video.empty() ? 0 : ResolveProjectVideo(project, video);
  if (!preview.empty()) CheckLabelSetDestination(preview);
  const HandModel model = LoadHandModelByName(hand_model);

  StoreOpenOptions open;
  open.read_only = !preview.empty();  // a preview never writes the project
  ProjectStore store = ProjectStore::Open(project, open);
  // Every span is computed (and checked) before anything is written.
  struct VideoSpan {
    VideoRecord video;
    int first, last;
    std::vector<LabelRecord> labels;
    int human = 0;  // human labels in the span (the key frames; never written)
  };
  std::vector<VideoSpan> spans;
  std::vector<std::string> skipped;
  for (const VideoRecord& v : store.Videos()) {
    if (video_id != 0 && v.id != video_id) continue;
    const int end = v.frame_count - 1;
    if (video_id != 0 && (first > end || last > end))
      throw InputError("--frames: " + SpanText(first, last < 0 ? end : last) + " is outside video " + std::to_string(v.id) +
                       " (frames 0:" + std::to_string(end) + ")");
    if (first > end) {
      skipped.push_back(v.path + ": shorter than frame " + std::to_string(first));
      continue;
    }
    const int span_last = last < 0 ? end : std::min(last, end);
    const std::vector<LabelRecord> video_labels = store.Labels(v.id);
    std::vector<LabelRecord> labels = InterpolatedLabels(model, video_labels, first, span_last, author);
    if (labels.empty()) {
      skipped.push_back(v.path + ": no key frames (or no frame between them)");
      continue;
    }
    const int human = static_cast<int>(std::count_if(video_labels.begin(), video_labels.end(), [&](const LabelRecord& l) {
      return IsHumanProvenance(l.provenance) && l.frame_index >= first && l.frame_index <= span_last;
    }));
    spans.push_back({v, first, span_last, std::move(labels), human});
  }

  if (!preview.empty()) {
    LabelSet set;
    set.project = std::filesystem::absolute(project).lexically_normal().string();
    set.method = "interpolation";
    for (const VideoSpan& s : spans) set.labels.insert(set.labels.end(), s.labels.begin(), s.labels.end());
    WriteLabelSet(preview, set);
    for (const std::string& s : skipped) std::printf("  skipped %s\n", s.c_str());
    std::printf("preview: %s (%zu interpolated labels in %zu videos); the project's labels were not changed\n",
                preview.c_str(), set.labels.size(), spans.size());
    return kExitOk;
  }
  int written = 0, kept = 0;
  for (const VideoSpan& s : spans) {
    const MachineLabelWrite w = WriteMachineLabels(store, s.labels);
    std::printf("  video %lld  frames %s  %d interpolated labels written (%d replaced), %d human labels kept\n",
                static_cast<long long>(s.video.id), SpanText(s.first, s.last).c_str(), w.written, w.replaced,
                s.human + w.kept_human);
    written += w.written;
    kept += s.human + w.kept_human;
  }
  for (const std::string& s : skipped) std::printf("  skipped %s\n", s.c_str());
  std::printf("%d interpolated labels written, %d human labels left as they were, %zu videos\n", written, kept,
              spans.size());
  return kExitOk;
}

}  // namespace handprop::cli
