// SPDX-License-Identifier: Apache-2.0
// Writing machine-made labels into a project under the never-overwrite rule (issue 4 item 6):
// a frame whose current label is human-made (manual, corrected or verified) keeps it; any other
// label (interpolated, propagated, predicted) is replaced. The rule is checked inside the write
// transaction, so a label the annotator saves while a job runs is never overwritten by the job.
//
//   std::vector<LabelRecord> labels = MachineLabels(result, PropagationMode::kBidirectional, id, "job:propagate");
//   MachineLabelWrite w = WriteMachineLabels(store, labels);   // one transaction
//
// Thread-safe as far as ProjectStore is (one store per thread).
#pragma once

#include <string>
#include <vector>

#include "core/io/store/project_store.h"
#include "core/propagate/propagation_result.h"

namespace handprop {

// The labels of the non-key frames of a propagation result for one mode: provenance propagated
// (predicted for PropagationMode::kPredictor), the model id, the estimate's source frames and
// per-keypoint confidence, and the author.
std::vector<LabelRecord> MachineLabels(const VideoPropagation& result, PropagationMode mode, const std::string& model_id,
                                       const std::string& author);

struct MachineLabelWrite {
  int written = 0;     // labels stored (new or replacing a machine label)
  int replaced = 0;    // of those, how many replaced an earlier machine label
  int kept_human = 0;  // frames skipped because their label is human-made
};

// ONE transaction; InputError for a human provenance in `labels` (a job must never write one)
// and the store's errors (nothing is written then).
MachineLabelWrite WriteMachineLabels(ProjectStore& store, const std::vector<LabelRecord>& labels);

}  // namespace handprop
