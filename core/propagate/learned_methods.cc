// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/learned_methods.h"

#include <filesystem>
#include <map>
#include <memory>

#include "core/propagate/propagation_job.h"
#include "core/util/error.h"

namespace handprop {
namespace {

// Per video id, per frame: one method's labels.
using MethodResults = std::map<int64_t, std::vector<HandParams>>;

PropagationMethod LookUp(std::shared_ptr<const MethodResults> results) {
  return [results](const VideoRecord& video, const std::map<int, HandParams>&) {
    const auto it = results->find(video.id);
    return it == results->end() ? std::vector<HandParams>{} : it->second;
  };
}

// Runs one checkpoint over every video with key frames; fills one result map per mode.
void RunNetwork(const std::string& project, const std::string& checkpoint, const LabelPropagatorOptions& options,
                const std::vector<std::pair<PropagationMode, MethodResults*>>& outputs, const std::string& name,
                const LearnedMethodsProgress& progress) {
  LabelPropagator propagator(project, checkpoint, options);
  for (const auto& [mode, out] : outputs)
    if (mode != PropagationMode::kPredictor && !propagator.has_aligner())
      throw InputError(checkpoint + ": is a stage-1 predictor without a Pose Aligner; give the training folder or its "
                       "propagator.ckpt as --model (and this file as --baseline)");
  const std::vector<ProjectVideo>& videos = propagator.videos();
  for (size_t i = 0; i < videos.size(); ++i) {
    const ProjectVideo& v = videos[i];
    if (!v.key_frames.empty()) {
      const VideoPropagation result = propagator.Propagate(v.video_id, 0, v.num_frames - 1);
      for (const auto& [mode, out] : outputs) {
        std::vector<HandParams>& frames = (*out)[v.video_id];
        for (const PropagatedFrame& f : result.frames) frames.push_back(f.Estimate(mode).params);
      }
    }
    if (progress) progress(name, static_cast<int>(i + 1), static_cast<int>(videos.size()));
  }
}

}  // namespace

std::vector<std::pair<std::string, PropagationMethod>> LearnedPropagationMethods(
    const std::string& project, const LearnedMethodsOptions& options, const LearnedMethodsProgress& progress) {
  const std::string model = ResolveModelCheckpoint(options.model);
  std::string baseline = options.baseline;
  if (baseline.empty()) {
    const std::filesystem::path beside = std::filesystem::path(model).parent_path() / "stage1.ckpt";
    if (std::filesystem::exists(beside)) baseline = beside.string();
  }
  std::vector<std::pair<std::string, PropagationMethod>> methods;
  if (!baseline.empty()) {
    auto results = std::make_shared<MethodResults>();
    RunNetwork(project, baseline, options.propagator, {{PropagationMode::kPredictor, results.get()}}, "baseline", progress);
    methods.emplace_back("baseline", LookUp(results));
  }
  auto predictor = std::make_shared<MethodResults>(), nearest = std::make_shared<MethodResults>(),
       both = std::make_shared<MethodResults>();
  RunNetwork(project, model, options.propagator,
             {{PropagationMode::kPredictor, predictor.get()},
              {PropagationMode::kNearest, nearest.get()},
              {PropagationMode::kBidirectional, both.get()}},
             "propagator", progress);
  methods.emplace_back("baseline + align", LookUp(predictor));
  methods.emplace_back("propagation", LookUp(nearest));
  methods.emplace_back("bidirectional", LookUp(both));
  if (options.propagator.agreement_scale_m > 0) {  // the plain aligned blend too, for comparison
    LabelPropagatorOptions ungated = options.propagator;
    ungated.agreement_scale_m = 0.0;
    auto plain = std::make_shared<MethodResults>();
    RunNetwork(project, model, ungated, {{PropagationMode::kBidirectional, plain.get()}}, "propagator, no gate", progress);
    methods.emplace_back("bidirectional, no gate", LookUp(plain));
  }
  return methods;
}

}  // namespace handprop
