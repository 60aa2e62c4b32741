// SPDX-License-Identifier: Apache-2.0
#include "core/nn/hand_predictor_options.h"

#include <cmath>

#include "core/model/hand_topology.h"
#include "core/util/option_check.h"

namespace handprop {

std::string HandPredictorOptions::Check() const {
  HP_OPTION_CHECK_GE(crop_size, 32);
  HP_OPTION_CHECK_GE(num_pca, 1);
  HP_OPTION_CHECK_LE(num_pca, kArticulationDim);
  HP_OPTION_CHECK_GE(mano_hidden, 1);
  HP_OPTION_CHECK_GE(root_hidden, 1);
  HP_OPTION_CHECK_GE(dropout, 0.0);
  HP_OPTION_CHECK_LT(dropout, 1.0);
  HP_OPTION_CHECK(std::isfinite(depth_factor) && depth_factor > 0.0, "depth_factor must be finite and > 0");
  HP_OPTION_CHECK(std::isfinite(depth_offset) && depth_offset >= 0.0, "depth_offset must be finite and >= 0");
  HP_OPTION_CHECK(std::isfinite(uv_factor) && uv_factor > 0.0, "uv_factor must be finite and > 0");
  return {};
}

}  // namespace handprop
