// SPDX-License-Identifier: Apache-2.0
// The label-propagation baselines that need no network (issue 4, item 5), for the same table as
// the learned propagation:
//   copy nearest   - every frame takes the label of its closest key frame (ties go to the
//                    previous one, handobjectconsist's rule, reference.md §2.4);
//   interpolation  - between the bracketing key frames a < f < b, with t = (f - a) / (b - a):
//                    every joint rotation (the global one and the 15 articulation rotations of
//                    the absolute pose) by SLERP, the shape linearly, and the wrist position
//                    linearly (the translation follows from it, so the hand does not swing about
//                    MANO's origin when its shape changes). This is what CVAT-style tools do.
// Labels are in the frame of one camera (a project's labels are per video). Pure Eigen,
// deterministic, thread-safe.
#pragma once

#include <map>
#include <vector>

#include "core/model/lbs.h"

namespace handprop {

enum class KeyFrameBaseline { kCopyNearest, kInterpolate };
const char* KeyFrameBaselineName(KeyFrameBaseline baseline);  // "copy_nearest", "interpolation"

// The hand between `a` (t = 0) and `b` (t = 1) as described above.
HandParams InterpolateHandParams(const HandModel& model, const HandParams& a, const HandParams& b, double t);

// A label for every frame 0..num_frames-1 from the key-frame labels `keys` (frame -> label; at
// least one). Frames before the first or after the last key frame copy the nearest one.
std::vector<HandParams> PropagateByBaseline(const HandModel& model, const std::map<int, HandParams>& keys, int num_frames,
                                            KeyFrameBaseline baseline);

}  // namespace handprop
