// SPDX-License-Identifier: Apache-2.0
#include "core/train/trained_networks.h"

#include <torch/torch.h>

#include <sstream>

#include "core/model/hand_model_io.h"
#include "core/train/predictor_trainer.h"
#include "core/train/propagator_trainer.h"
#include "core/train/trainer_common.h"
#include "core/util/error.h"

namespace handprop {

TrainedNetworks LoadTrainedNetworks(const std::string& checkpoint, const c10::Device& device) {
  TrainedNetworks nets;
  CheckpointInfo info = ReadCheckpointInfo(checkpoint);
  const bool stage1 = info.kind == "hand_predictor";
  if (!stage1 && info.kind != "propagator")
    throw InputError(checkpoint + ": holds a " + info.kind + " checkpoint, not a hand_predictor or propagator one");
  CheckCheckpointHandModel(checkpoint, info, IdentifyHandModel(info.hand_model.name));
  if (stage1) {
    const PredictorTrainerOptions options = PredictorTrainerOptionsFromJson(info.options_json, checkpoint);
    nets.network = options.network;
  } else {
    const PropagatorTrainerOptions options = PropagatorTrainerOptionsFromJson(info.options_json, checkpoint);
    nets.network = options.network;
    nets.max_gap = options.max_gap;
    nets.stage = options.stage;
    nets.aligner = PoseAligner(options.aligner);
  }
  nets.predictor = HandPredictor(LoadHandModelByName(info.hand_model.name), nets.network);

  const std::string payload = ReadCheckpointPayload(checkpoint, &info);
  try {
    std::istringstream in(payload);
    torch::serialize::InputArchive root, predictor, aligner;
    root.load_from(in, torch::kCPU);
    root.read(stage1 ? "model" : "predictor", predictor);
    nets.predictor->load(predictor);
    if (!stage1) {
      root.read("aligner", aligner);
      nets.aligner->load(aligner);
    }
  } catch (const c10::Error& e) {
    throw InputError(checkpoint + ": cannot load the network state: " + train_detail::FirstLine(e.what_without_backtrace()));
  }
  nets.predictor->to(device);
  nets.predictor->eval();
  if (nets.aligner) {
    nets.aligner->to(device);
    nets.aligner->eval();
  }
  nets.info = info;
  nets.model_id = info.kind + ":" + info.payload_hash;
  nets.device = device;
  return nets;
}

}  // namespace handprop
