// SPDX-License-Identifier: Apache-2.0
// InterpolatedLabels: per hand, the interpolation baseline at every non-key frame of the span
// (equal to PropagateByBaseline), keypoints by LBS, its provenance, source frames and heuristic
// confidence; machine labels are not key frames; a hand without key frames gets nothing.
#include "core/propagate/interpolated_labels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <utility>

#include "core/propagate/keyframe_baselines.h"
#include "tests/io/store/sample_labels.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;

LabelRecord Key(int frame, int64_t hand, Provenance provenance, uint32_t seed) {
  LabelRecord l = testing::SampleLabel(7, frame, hand, seed);
  l.provenance = provenance;
  l.author = "ana";
  return l;
}

TEST(InterpolatedLabelsTest, EqualsTheBaselineWithLbsKeypointsAndProvenance) {
  const HandModel model = testing::RandomHandModel(300, 5);
  const HandLbs lbs(model);
  // Hand 1: key frames 2 (manual), 5 (corrected), 9 (verified); a propagated label at 3 is no key.
  // Hand 2: one key frame at 6. Hand 3: only a machine label.
  std::vector<LabelRecord> labels = {Key(2, 1, Provenance::kManual, 1), Key(5, 1, Provenance::kCorrected, 2),
                                     Key(9, 1, Provenance::kVerified, 3), Key(3, 1, Provenance::kPropagated, 4),
                                     Key(6, 2, Provenance::kManual, 5), Key(4, 3, Provenance::kInterpolated, 6)};
  const int num_frames = 12;
  const std::vector<LabelRecord> out = InterpolatedLabels(model, labels, 0, num_frames - 1, "job:interpolate");
  ASSERT_EQ(out.size(), static_cast<size_t>((num_frames - 3) + (num_frames - 1)));

  std::map<int64_t, std::map<int, HandParams>> keys;
  keys[1] = {{2, labels[0].params}, {5, labels[1].params}, {9, labels[2].params}};
  keys[2] = {{6, labels[4].params}};
  std::map<int64_t, std::vector<HandParams>> expected;
  for (const auto& [hand, k] : keys) expected[hand] = PropagateByBaseline(model, k, num_frames, KeyFrameBaseline::kInterpolate);

  int64_t previous_hand = 0;
  int previous_frame = -1;
  for (const LabelRecord& l : out) {
    SCOPED_TRACE("hand " + std::to_string(l.hand_id) + " frame " + std::to_string(l.frame_index));
    ASSERT_TRUE(keys.count(l.hand_id));
    EXPECT_FALSE(keys[l.hand_id].count(l.frame_index));  // key frames are not returned
    EXPECT_LT(std::make_pair(previous_hand, previous_frame), std::make_pair(l.hand_id, l.frame_index));  // by hand, frame
    previous_hand = l.hand_id;
    previous_frame = l.frame_index;
    EXPECT_EQ(l.video_id, 7);
    const HandParams& want = expected[l.hand_id][l.frame_index];
    EXPECT_EQ(l.params.pose, want.pose);
    EXPECT_EQ(l.params.betas, want.betas);
    EXPECT_EQ(l.params.trans, want.trans);
    EXPECT_EQ(l.keypoints, lbs.Forward(want).keypoints);
    EXPECT_EQ(l.provenance, Provenance::kInterpolated);
    EXPECT_EQ(l.model_id, "");
    EXPECT_EQ(l.author, "job:interpolate");
    // Source frames and the distance to the nearest key frame.
    std::vector<int> sources;
    int distance = 0;
    if (l.hand_id == 2) {
      sources = {6};
      distance = std::abs(l.frame_index - 6);
    } else if (l.frame_index < 2) {
      sources = {2};
      distance = 2 - l.frame_index;
    } else if (l.frame_index > 9) {
      sources = {9};
      distance = l.frame_index - 9;
    } else {
      sources = l.frame_index < 5 ? std::vector<int>{2, 5} : std::vector<int>{5, 9};
      distance = std::min(l.frame_index - sources[0], sources[1] - l.frame_index);
    }
    EXPECT_EQ(l.source_frames, sources);
    EXPECT_TRUE(testing::MatricesNear(l.confidence, ConfidenceVector::Constant(std::exp(-distance / 10.0)), 0.0));
  }
  // The propagated label at frame 3 was replaced by an interpolation between 2 and 5.
  ASSERT_EQ(out[2].frame_index, 3);
  EXPECT_NE(out[2].params.pose, labels[3].params.pose);
}

TEST(InterpolatedLabelsTest, ASubSpanGivesOnlyItsFrames) {
  const HandModel model = testing::RandomHandModel(200, 8);
  const std::vector<LabelRecord> labels = {Key(0, 1, Provenance::kManual, 1), Key(8, 1, Provenance::kManual, 2)};
  const std::vector<LabelRecord> all = InterpolatedLabels(model, labels, 0, 8, "a");
  const std::vector<LabelRecord> part = InterpolatedLabels(model, labels, 3, 4, "a");
  ASSERT_EQ(all.size(), 7u);
  ASSERT_EQ(part.size(), 2u);
  EXPECT_EQ(part[0].frame_index, 3);
  EXPECT_EQ(part[1].frame_index, 4);
  EXPECT_EQ(part[0].params.pose, all[2].params.pose);  // independent of the span asked for
  EXPECT_EQ(part[1].keypoints, all[3].keypoints);
  EXPECT_TRUE(InterpolatedLabels(model, labels, 8, 8, "a").empty());  // a key frame alone
  EXPECT_TRUE(InterpolatedLabels(model, {}, 0, 8, "a").empty());      // no key frames
  EXPECT_EQ(ErrorMessageOf([&] { InterpolatedLabels(model, labels, 5, 4, "a"); }),
            "interpolation: frames 5:4 are not first:last with 0 <= first <= last");
}

}  // namespace
}  // namespace handprop
