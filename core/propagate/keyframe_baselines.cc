// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/keyframe_baselines.h"

#include <iterator>

#include "core/geometry/rotation.h"
#include "core/util/error.h"

namespace handprop {

const char* KeyFrameBaselineName(KeyFrameBaseline baseline) {
  return baseline == KeyFrameBaseline::kCopyNearest ? "copy_nearest" : "interpolation";
}

HandParams InterpolateHandParams(const HandModel& model, const HandParams& a, const HandParams& b, double t) {
  HandParams out;
  for (int joint = 0; joint < kNumJoints; ++joint)
    out.pose.segment<3>(3 * joint) = SlerpAxisAngle(a.pose.segment<3>(3 * joint), b.pose.segment<3>(3 * joint), t);
  out.betas = (1.0 - t) * a.betas + t * b.betas;
  // The wrist (J0 + trans: the global rotation pivots about J0) moves on a straight line.
  const Eigen::Vector3d wrist_a = RestJoints(model, a.betas).col(0) + a.trans;
  const Eigen::Vector3d wrist_b = RestJoints(model, b.betas).col(0) + b.trans;
  out.trans = (1.0 - t) * wrist_a + t * wrist_b - RestJoints(model, out.betas).col(0);
  return out;
}

std::vector<HandParams> PropagateByBaseline(const HandModel& model, const std::map<int, HandParams>& keys, int num_frames,
                                            KeyFrameBaseline baseline) {
  HP_CHECK(!keys.empty() && num_frames >= 0, "PropagateByBaseline needs at least one key frame");
  std::vector<HandParams> out(num_frames);
  for (int f = 0; f < num_frames; ++f) {
    const auto next = keys.lower_bound(f);  // first key >= f
    if (next != keys.end() && next->first == f) {
      out[f] = next->second;
      continue;
    }
    if (next == keys.begin()) {  // before the first key frame
      out[f] = next->second;
      continue;
    }
    const auto previous = std::prev(next);
    if (next == keys.end()) {  // after the last key frame
      out[f] = previous->second;
      continue;
    }
    const int a = previous->first, b = next->first;
    if (baseline == KeyFrameBaseline::kCopyNearest)
      out[f] = (f - a <= b - f) ? previous->second : next->second;
    else
      out[f] = InterpolateHandParams(model, previous->second, next->second, double(f - a) / (b - a));
  }
  return out;
}

}  // namespace handprop
