// SPDX-License-Identifier: Apache-2.0
// Private to core/train: what both trainers (predictor_trainer.cc, propagator_trainer.cc) share:
// the JSON form of the Hand Predictor's network options and loss weights inside their
// checkpoints' option records, and two small conversions.
#pragma once

#include <ATen/core/Tensor.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/nn/hand_losses.h"
#include "core/nn/hand_predictor_options.h"

namespace handprop::train_detail {

nlohmann::json NetworkOptionsJson(const HandPredictorOptions& n);
// Reads the fields present in `json` over `n` (missing keys keep their values); throws
// nlohmann::json::exception for wrong types.
void ReadNetworkOptions(const nlohmann::json& json, HandPredictorOptions* n);

nlohmann::json LossWeightsJson(const HandLossWeights& w);
void ReadLossWeights(const nlohmann::json& json, HandLossWeights* w);

// The first line of an exception message (LibTorch appends stack traces).
std::string FirstLine(const std::string& text);
// A scalar tensor as a double on the CPU, without gradient.
double Item(const at::Tensor& value);

}  // namespace handprop::train_detail
