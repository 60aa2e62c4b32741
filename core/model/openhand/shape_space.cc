// SPDX-License-Identifier: Apache-2.0
// Standard deviations: adult hand length and breadth vary by about 5% (SD) within a sex, palm
// and finger proportions by 4-5%, soft-tissue thickness by 6-7%, and the 2D:4D (index to ring
// length) ratio by about 0.035. The steps below are those SDs.
#include "core/model/openhand/shape_space.h"

#include "core/model/openhand/surface.h"

namespace handprop::openhand {

const std::array<ShapeDirectionSpec, kNumBetas>& ShapeDirectionTable() {
  static const std::array<ShapeDirectionSpec, kNumBetas> table = {{
      {"overall_size", "+1 scales the whole hand by 5% about the wrist joint (hand length 180 -> 189 mm)",
       [](ShapeFactors* f, double b) { f->overall += 0.05 * b; }},
      {"palm_width", "+1 widens the palm by 4.5%: MCP spacing and palm breadth (82 -> 86 mm); digits unchanged",
       [](ShapeFactors* f, double b) { f->palm_width += 0.045 * b; }},
      {"palm_length", "+1 lengthens the palm by 4%: wrist to MCPs (93 -> 97 mm for the middle) and to the thumb CMC",
       [](ShapeFactors* f, double b) { f->palm_length += 0.04 * b; }},
      {"finger_length", "+1 lengthens the phalanges of index to little by 4% (middle MCP to tip 87 -> 90.6 mm)",
       [](ShapeFactors* f, double b) { f->finger_length += 0.04 * b; }},
      {"thumb_length", "+1 lengthens the thumb's metacarpal and phalanges by 5% (CMC to tip 99 -> 104 mm)",
       [](ShapeFactors* f, double b) { f->thumb_length += 0.05 * b; }},
      {"finger_thickness", "+1 makes all five digits 6% wider and thicker (middle proximal phalanx 19.5 -> 20.7 mm)",
       [](ShapeFactors* f, double b) { f->digit_thickness += 0.06 * b; }},
      {"palm_thickness", "+1 makes the palm 7% thicker, dorsal to palmar (28.5 -> 30.5 mm at the metacarpals)",
       [](ShapeFactors* f, double b) { f->palm_thickness += 0.07 * b; }},
      {"index_ring_ratio", "+1 lengthens the index phalanges by 2% and shortens the ring's by 2% (2D:4D ratio +4%)",
       [](ShapeFactors* f, double b) {
         f->digit_length[kIndex] += 0.02 * b;
         f->digit_length[kRing] -= 0.02 * b;
       }},
      {"little_finger_length", "+1 lengthens the little finger's phalanges by 5% (MCP to tip 67 -> 70 mm)",
       [](ShapeFactors* f, double b) { f->digit_length[kLittle] += 0.05 * b; }},
      {"fingertip_width", "+1 makes the distal segments (pads) of all digits 7% wider and thicker",
       [](ShapeFactors* f, double b) { f->fingertip_width += 0.07 * b; }},
  }};
  return table;
}

Eigen::MatrixXd BuildShapeDirs(const Eigen::MatrixXd& subdivision) {
  const Eigen::Index v = subdivision.rows();
  Eigen::MatrixXd shapedirs(3 * v, kNumBetas);
  for (int l = 0; l < kNumBetas; ++l) {
    ShapeFactors plus, minus;
    ShapeDirectionTable()[l].apply(&plus, 1.0);
    ShapeDirectionTable()[l].apply(&minus, -1.0);
    const Eigen::Matrix3Xd diff = 0.5 * (SurfaceVertices(plus, subdivision) - SurfaceVertices(minus, subdivision));
    shapedirs.col(l) = Eigen::Map<const Eigen::VectorXd>(diff.data(), 3 * v);
  }
  return shapedirs;
}

}  // namespace handprop::openhand
