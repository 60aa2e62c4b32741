// SPDX-License-Identifier: Apache-2.0
// gtest helpers for the store tests: bit-exact label comparison that names the first difference.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>

#include "core/io/store/project_store.h"

namespace handprop::testing {

template <typename A>
bool SameBits(const A& a, const A& b) {
  return std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<size_t>(a.size())) == 0;
}

// The newest `limit` history entries (0: all), optionally of one video (and hand and frame).
inline HistoryQuery Newest(int limit, std::optional<int64_t> video_id = std::nullopt, std::optional<int64_t> hand_id = std::nullopt,
                           std::optional<int> frame_index = std::nullopt) {
  HistoryQuery q;
  q.limit = limit;
  q.video_id = video_id;
  q.hand_id = hand_id;
  q.frame_index = frame_index;
  return q;
}

// Equal in every field, doubles bit for bit; timestamps only when `with_times`.
inline ::testing::AssertionResult LabelsEqual(const LabelRecord& a, const LabelRecord& b, bool with_times = false) {
  auto fail = [&](const std::string& field) {
    return ::testing::AssertionFailure() << field << " differs (video " << a.video_id << ", frame " << a.frame_index
                                         << ", hand " << a.hand_id << ")";
  };
  if (a.video_id != b.video_id || a.frame_index != b.frame_index || a.hand_id != b.hand_id) return fail("key");
  if (!SameBits(a.params.pose, b.params.pose)) return fail("pose");
  if (!SameBits(a.params.betas, b.params.betas)) return fail("betas");
  if (!SameBits(a.params.trans, b.params.trans)) return fail("trans");
  if (!SameBits(a.keypoints, b.keypoints)) return fail("keypoints");
  if (!SameBits(a.confidence, b.confidence)) return fail("confidence");
  if (a.provenance != b.provenance) return fail("provenance");
  if (a.model_id != b.model_id) return fail("model_id");
  if (a.source_frames != b.source_frames) return fail("source_frames");
  if (a.author != b.author) return fail("author");
  if (with_times && (a.created_at_ms != b.created_at_ms || a.updated_at_ms != b.updated_at_ms)) return fail("timestamps");
  return ::testing::AssertionSuccess();
}

}  // namespace handprop::testing
