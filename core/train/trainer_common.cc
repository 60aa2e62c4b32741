// SPDX-License-Identifier: Apache-2.0
#include "core/train/trainer_common.h"

namespace handprop::train_detail {

nlohmann::json NetworkOptionsJson(const HandPredictorOptions& n) {
  return {{"crop_size", n.crop_size},   {"num_pca", n.num_pca}, {"mano_hidden", n.mano_hidden},
          {"root_hidden", n.root_hidden}, {"dropout", n.dropout}, {"depth_factor", n.depth_factor},
          {"depth_offset", n.depth_offset}, {"uv_factor", n.uv_factor}};
}

void ReadNetworkOptions(const nlohmann::json& json, HandPredictorOptions* n) {
  n->crop_size = json.value("crop_size", n->crop_size);
  n->num_pca = json.value("num_pca", n->num_pca);
  n->mano_hidden = json.value("mano_hidden", n->mano_hidden);
  n->root_hidden = json.value("root_hidden", n->root_hidden);
  n->dropout = json.value("dropout", n->dropout);
  n->depth_factor = json.value("depth_factor", n->depth_factor);
  n->depth_offset = json.value("depth_offset", n->depth_offset);
  n->uv_factor = json.value("uv_factor", n->uv_factor);
}

nlohmann::json LossWeightsJson(const HandLossWeights& w) {
  return {{"joints", w.joints}, {"shape", w.shape}, {"pose", w.pose}};
}

void ReadLossWeights(const nlohmann::json& json, HandLossWeights* w) {
  w->joints = json.value("joints", w->joints);
  w->shape = json.value("shape", w->shape);
  w->pose = json.value("pose", w->pose);
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

double Item(const at::Tensor& value) { return value.detach().to(at::kCPU, at::kDouble).item<double>(); }

}  // namespace handprop::train_detail
