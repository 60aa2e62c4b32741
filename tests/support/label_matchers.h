// SPDX-License-Identifier: Apache-2.0
// Comparing stored labels in tests: every field, bit-exact (store timestamps aside).
// Header-only: tests that include it link handprop_store.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/io/store/store_records.h"

namespace handprop::testing {

inline void ExpectSameLabel(const LabelRecord& a, const LabelRecord& b) {
  SCOPED_TRACE("video " + std::to_string(a.video_id) + " frame " + std::to_string(a.frame_index));
  EXPECT_EQ(a.video_id, b.video_id);
  EXPECT_EQ(a.frame_index, b.frame_index);
  EXPECT_EQ(a.hand_id, b.hand_id);
  EXPECT_EQ(a.params.pose, b.params.pose);
  EXPECT_EQ(a.params.betas, b.params.betas);
  EXPECT_EQ(a.params.trans, b.params.trans);
  EXPECT_EQ(a.keypoints, b.keypoints);
  EXPECT_EQ(a.confidence, b.confidence);
  EXPECT_EQ(a.provenance, b.provenance);
  EXPECT_EQ(a.model_id, b.model_id);
  EXPECT_EQ(a.source_frames, b.source_frames);
  EXPECT_EQ(a.author, b.author);
}

}  // namespace handprop::testing
