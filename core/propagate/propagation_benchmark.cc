// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/propagation_benchmark.h"

#include <algorithm>
#include <climits>
#include <nlohmann/json.hpp>

#include "core/io/store/project_store.h"
#include "core/model/hand_model_io.h"
#include "core/data/synth_manifest_reader.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/option_check.h"
#include "core/util/parallel_for.h"

namespace handprop {
namespace {

// Labels of a store's right hands, per (sequence, camera) then frame.
using LabelsByView = std::map<std::pair<std::string, int>, std::map<int, HandParams>>;
// With `human_only`, only manual, corrected and verified labels: the key frames (machine labels
// a propagation run left in the project are not key frames).
LabelsByView ReadLabels(const ProjectStore& store, std::map<std::pair<std::string, int>, VideoRecord>* videos,
                        bool human_only) {
  std::map<int64_t, std::pair<std::string, int>> view_of;
  for (const VideoRecord& v : store.Videos()) {
    view_of[v.id] = {v.sequence, v.camera_index};
    if (videos) (*videos)[{v.sequence, v.camera_index}] = v;
  }
  LabelsByView labels;
  for (const LabelRecord& l : store.AllLabels())
    if (!human_only || IsHumanProvenance(l.provenance)) labels[view_of.at(l.video_id)][l.frame_index] = l.params;
  return labels;
}

int DistanceToKey(const std::map<int, HandParams>& keys, int frame) {
  int best = INT_MAX;
  const auto next = keys.lower_bound(frame);
  if (next != keys.end()) best = next->first - frame;
  if (next != keys.begin()) best = std::min(best, frame - std::prev(next)->first);
  return best;
}

}  // namespace

std::string PropagationBenchmarkOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name the project with the key-frame labels");
  HP_OPTION_CHECK(!truth.empty(), "truth must name the ground-truth store");
  HP_OPTION_CHECK(project != truth, "truth must be a different file from project");
  HP_OPTION_CHECK_GE(threads, 0);
  return {};
}

PropagationTable RunPropagationBenchmark(const PropagationBenchmarkOptions& options,
                                         const std::vector<std::pair<std::string, PropagationMethod>>& methods) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("propagation benchmark: " + problem);
  const HandModel model = LoadHandModelByName(options.model);
  const HandLbs lbs(model);
  const std::map<std::string, SynthSequenceFacts> facts = ReadSynthManifest(options.manifest);
  StoreOpenOptions read_only;
  read_only.read_only = true;
  std::map<std::pair<std::string, int>, VideoRecord> videos;
  const LabelsByView keys = ReadLabels(ProjectStore::Open(options.project, read_only), &videos, /*human_only=*/true);
  const LabelsByView truth = ReadLabels(ProjectStore::Open(options.truth, read_only), nullptr, /*human_only=*/false);

  // Every method, baselines first, as one list of (name, frames-from-keys).
  std::vector<std::pair<std::string, PropagationMethod>> all;
  for (KeyFrameBaseline b : options.baselines)
    all.emplace_back(KeyFrameBaselineName(b), [&model, b](const VideoRecord& v, const std::map<int, HandParams>& k) {
      return PropagateByBaseline(model, k, v.frame_count, b);
    });
  all.insert(all.end(), methods.begin(), methods.end());

  std::vector<std::pair<std::string, int>> views;
  for (const auto& [view, labels] : keys) views.push_back(view);
  // Per view, per method: the evaluated frames.
  std::vector<std::vector<std::pair<PropagationFrame, HandSampleErrors>>> results(views.size());
  PropagationTableBuilder builder;
  ParallelFor(static_cast<int>(views.size()), options.threads, [&](int i) {
    const auto& view = views[i];
    const auto truth_view = truth.find(view);
    if (truth_view == truth.end())
      throw InputError(options.truth + ": no ground truth for sequence " + view.first + " camera " + std::to_string(view.second));
    const std::map<int, HandParams>& key_labels = keys.at(view);
    const auto fact = facts.find(view.first);
    const SynthSequenceFacts sequence = fact == facts.end() ? SynthSequenceFacts{} : fact->second;
    const VideoRecord& video = videos.at(view);
    std::vector<std::vector<HandParams>> predicted;
    for (const auto& [name, method] : all) predicted.push_back(method(video, key_labels));
    // Each unlabelled frame's ground-truth mesh is posed once for all methods; the errors are kept
    // method by method, in frame order.
    std::vector<std::vector<std::pair<PropagationFrame, HandSampleErrors>>> by_method(all.size());
    for (const auto& [frame, gt] : truth_view->second) {
      if (key_labels.count(frame)) continue;  // only unlabelled frames
      PropagationFrame where{"", sequence.split, DistanceToKey(key_labels, frame), false};
      for (const auto& [first, last] : sequence.gestures) where.in_gesture |= first <= frame && frame <= last;
      const HandMesh g = lbs.Forward(gt);
      for (size_t m = 0; m < all.size(); ++m) {
        if (frame >= static_cast<int>(predicted[m].size())) continue;
        where.method = all[m].first;
        const HandMesh p = lbs.Forward(predicted[m][frame]);
        by_method[m].emplace_back(where, EvaluateHand({p.keypoints, p.vertices}, {g.keypoints, g.vertices}, builder.options()));
      }
    }
    for (auto& method_results : by_method)
      results[i].insert(results[i].end(), method_results.begin(), method_results.end());
  });
  for (const auto& view_results : results)
    for (const auto& [frame, errors] : view_results) builder.AddErrors(frame, errors);
  return builder.Build();
}

}  // namespace handprop
