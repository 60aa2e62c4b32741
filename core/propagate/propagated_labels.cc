// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/propagated_labels.h"

#include "core/util/error.h"

namespace handprop {

const char* PropagationModeName(PropagationMode mode) {
  switch (mode) {
    case PropagationMode::kPredictor: return "predictor";
    case PropagationMode::kNearest: return "nearest";
    case PropagationMode::kBidirectional: return "bidirectional";
  }
  return "?";
}

const HandEstimate& PropagatedFrame::Estimate(PropagationMode mode) const {
  switch (mode) {
    case PropagationMode::kPredictor: return predictor;
    case PropagationMode::kNearest: return nearest;
    case PropagationMode::kBidirectional: return bidirectional;
  }
  return predictor;
}

std::vector<LabelRecord> MachineLabels(const VideoPropagation& result, PropagationMode mode, const std::string& model_id,
                                       const std::string& author) {
  std::vector<LabelRecord> labels;
  for (const PropagatedFrame& frame : result.frames) {
    if (frame.key_frame) continue;
    const HandEstimate& e = frame.Estimate(mode);
    LabelRecord label;
    label.video_id = result.video_id;
    label.frame_index = frame.frame;
    label.hand_id = result.hand_id;
    label.params = e.params;
    label.keypoints = e.keypoints;
    label.confidence = e.confidence;
    label.provenance = mode == PropagationMode::kPredictor ? Provenance::kPredicted : Provenance::kPropagated;
    label.model_id = model_id;
    label.source_frames = e.source_frames;
    label.author = author;
    labels.push_back(std::move(label));
  }
  return labels;
}

MachineLabelWrite WriteMachineLabels(ProjectStore& store, const std::vector<LabelRecord>& labels) {
  for (const LabelRecord& label : labels)
    if (IsHumanProvenance(label.provenance))
      throw InputError(store.path() + ": a job may not write a " + ProvenanceName(label.provenance) + " label (video " +
                       std::to_string(label.video_id) + ", frame " + std::to_string(label.frame_index) + ")");
  MachineLabelWrite w;
  store.Batch([&] {
    for (const LabelRecord& label : labels) {
      const std::optional<LabelRecord> current = store.Label(label.video_id, label.frame_index, label.hand_id);
      if (current && IsHumanProvenance(current->provenance)) {
        ++w.kept_human;
        continue;
      }
      store.PutLabel(label);
      ++w.written;
      if (current) ++w.replaced;
    }
  });
  return w;
}

}  // namespace handprop
