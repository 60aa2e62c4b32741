// SPDX-License-Identifier: Apache-2.0
#include "core/eval/propagation_table.h"

#include <algorithm>

#include "core/util/error.h"

namespace handprop {
namespace {

PropagationScores Mean(const std::vector<HandSampleErrors>& samples) {
  PropagationScores s;
  s.count = static_cast<int>(samples.size());
  if (samples.empty()) return s;
  for (const HandSampleErrors& e : samples) {
    s.fscore5 += e.fscores_p.at(0).f;
    s.fscore15 += e.fscores_p.at(1).f;
    s.mpvpe += e.mpvpe;
    s.mpvpe_p += e.mpvpe_p;
    s.mpjpe += e.mpjpe;
    s.mpjpe_t += e.mpjpe_t;
    s.mpjpe_sd += e.mpjpe_sd;
    s.mpjpe_p += e.mpjpe_p;
  }
  const double n = static_cast<double>(samples.size());
  for (double* v : {&s.fscore5, &s.fscore15, &s.mpvpe, &s.mpvpe_p, &s.mpjpe, &s.mpjpe_t, &s.mpjpe_sd, &s.mpjpe_p}) *v /= n;
  return s;
}

}  // namespace

PropagationTableBuilder::PropagationTableBuilder(const HandEvalOptions& options) : options_(options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("evaluation options: " + problem);
  if (options.fscore_thresholds.size() < 2) throw InputError("evaluation options: the table needs two F-score thresholds");
}

void PropagationTableBuilder::Add(const PropagationFrame& frame, const HandSample& prediction, const HandSample& truth) {
  HP_CHECK(prediction.vertices.cols() > 0 && prediction.vertices.cols() == truth.vertices.cols(),
           "propagation samples need meshes of one topology");
  AddErrors(frame, EvaluateHand(prediction, truth, options_));
}

void PropagationTableBuilder::AddErrors(const PropagationFrame& frame, const HandSampleErrors& errors) {
  HP_CHECK(errors.fscores_p.size() >= 2, "propagation samples need F-scores (meshes on both sides)");
  if (std::find(methods_.begin(), methods_.end(), frame.method) == methods_.end()) methods_.push_back(frame.method);
  all_[{frame.method, frame.split}].push_back(errors);
  if (frame.in_gesture) gestures_[{frame.method, frame.split}].push_back(errors);
  by_distance_[{frame.method, frame.split, frame.distance_to_key}].push_back(errors);
}

PropagationTable PropagationTableBuilder::Build() const {
  PropagationTable table;
  table.methods = methods_;
  for (const auto& [key, samples] : all_) table.all[key] = Mean(samples);
  for (const auto& [key, samples] : gestures_) table.gestures[key] = Mean(samples);
  for (const auto& [key, samples] : by_distance_) table.by_distance[key] = Mean(samples);
  return table;
}

}  // namespace handprop
