// SPDX-License-Identifier: Apache-2.0
// The pose-editing tests' fixture: the built-in OpenHand model (generated in code, once per
// suite) and its joint limits.
#pragma once

#include <gtest/gtest.h>

#include "core/data/model_joint_limits.h"
#include "core/model/openhand/openhand.h"

namespace handprop::testing {

class OpenHandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new HandModel(BuildOpenHand());
    limits_ = new JointLimits(MotionJointLimits(*model_));
  }
  static void TearDownTestSuite() {
    delete limits_;
    delete model_;
    limits_ = nullptr;
    model_ = nullptr;
  }

  static inline HandModel* model_ = nullptr;
  static inline JointLimits* limits_ = nullptr;
};

}  // namespace handprop::testing
