// SPDX-License-Identifier: Apache-2.0
// Speed of the CPU hand renderer (core/render) on one core: the OpenHand mesh (1022 vertices,
// 2040 faces) posed with a few gestures, rendered at 128 x 128 and 224 x 224 with shading and a
// procedural background (target: >= 200 frames/s at 128 x 128). Reports the render alone, the
// background generation alone and both together, as frames per second (median of repetitions).
// Run: HANDPROP_DATA_DIR=build/share/handprop build/bench/render_bench [repetitions]
#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "core/model/hand_model_io.h"
#include "core/model/lbs.h"
#include "core/render/procedural_background.h"
#include "core/render/render_hand.h"

namespace {

using Clock = std::chrono::steady_clock;

// Median over `reps` batches of the mean seconds per call of `f(i)`, i counting calls.
double MedianSeconds(int reps, int calls, const std::function<void(int)>& f) {
  std::vector<double> times;
  int counter = 0;
  f(counter++);
  for (int r = 0; r < reps; ++r) {
    const auto start = Clock::now();
    for (int c = 0; c < calls; ++c) f(counter++);
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count() / calls);
  }
  std::nth_element(times.begin(), times.begin() + reps / 2, times.end());
  return times[reps / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace handprop;
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  cv::setNumThreads(1);
  const HandModel model = LoadHandModelByName("openhand");
  const HandLbs lbs(model);

  // Four poses: the mean pose and three variations of it, seen from different sides.
  std::vector<Eigen::Matrix3Xd> posed;
  for (int p = 0; p < 4; ++p) {
    PoseVector pose = PoseVector::Zero();
    pose.tail<45>() = model.pca_mean * (1.0 - 0.4 * p);
    pose.head<3>() = Eigen::Vector3d(0.3 * p, 0.8 * p - 1.0, 0.2);
    const HandMesh mesh = lbs.Forward(pose, ShapeVector::Zero(), Eigen::Vector3d::Zero());
    const Eigen::Vector3d centre = mesh.vertices.rowwise().mean();
    posed.push_back(mesh.vertices.colwise() - (centre - Eigen::Vector3d(0, 0, 0.5)));
  }

  std::printf("render_bench: OpenHand (%d vertices, %d faces), %zu poses, one thread, median of %d\n",
              model.NumVertices(), model.NumFaces(), posed.size(), reps);
  std::printf("  %-9s %14s %14s %14s %10s\n", "size", "render fps", "background fps", "both fps", "hand px");
  for (const int size : {128, 224}) {
    CameraIntrinsics k;
    k.fx = k.fy = 2.6 * size;  // the hand spans most of the image, as in a hand crop
    k.cx = k.cy = 0.5 * (size - 1);
    const SkinMaterial skin = RandomSkin(7);
    const LightRig lights = RandomLightRig(7);
    const cv::Mat background = ProceduralBackground(size, size, 1);
    const int calls = size == 128 ? 100 : 40;
    int hand_pixels = 0;
    const double render = MedianSeconds(reps, calls, [&](int i) {
      const HandImage image = RenderHandImage(posed[i % posed.size()], model.faces, model.v_template, k, size, size,
                                              lights, skin, background);
      hand_pixels = cv::countNonZero(image.mask);
    });
    const double bg = MedianSeconds(reps, calls, [&](int i) { (void)ProceduralBackground(size, size, i); });
    const double both = MedianSeconds(reps, calls, [&](int i) {
      const HandImage image = RenderHandImage(posed[i % posed.size()], model.faces, model.v_template, k, size, size,
                                              lights, skin, ProceduralBackground(size, size, i));
      (void)image;
    });
    std::printf("  %3d x %-3d %14.0f %14.0f %14.0f %10d\n", size, size, 1.0 / render, 1.0 / bg, 1.0 / both, hand_pixels);
  }
  return 0;
}
