// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tests/io/formats/formats_test_data.h"

#include <opencv2/imgcodecs.hpp>
#include <random>
#include <tuple>

#include "core/io/formats/mano_vector.h"
#include "core/model/lbs.h"
#include "tests/support/test_util.h"

namespace handprop::testing {
namespace {

cv::Mat SmoothImage(int channels, uint32_t seed) {
  cv::Mat image(32, 32, channels == 3 ? CV_8UC3 : CV_8UC1);
  const int base = static_cast<int>(seed % 97);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 32; ++x)
      for (int c = 0; c < channels; ++c) image.ptr<uchar>(y)[x * channels + c] = static_cast<uchar>(base + 3 * x + 2 * y + 20 * c);
  return image;
}

std::string Name(const char* kind, int s, int c, int f) {
  return std::string(kind) + "_" + std::to_string(s) + "_" + std::to_string(c) + "_" + std::to_string(f) + ".png";
}

}  // namespace

const HandModel& FormatsTestModel() {
  static const HandModel model = RandomHandModel(800, 21);
  return model;
}

HandDataset MakeTestDataset(const HandModel& model, const std::string& image_folder, const TestDatasetSpec& spec) {
  std::mt19937 rng(spec.seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  const HandLbs lbs(model);
  HandDataset dataset;
  dataset.name = "test";
  for (int s = 0; s < spec.sequences; ++s) {
    std::vector<HandParams> world(spec.frames);
    for (HandParams& p : world) {
      for (int i = 0; i < kPoseDim; ++i) p.pose(i) = 0.5 * unit(rng);
      for (int i = 0; i < kNumBetas; ++i) p.betas(i) = unit(rng);
      for (int i = 0; i < 3; ++i) p.trans(i) = 0.02 * unit(rng);
    }
    const Eigen::Vector3d target = lbs.Forward(world[0]).keypoints.col(9);
    for (int c = 0; c < spec.cameras; ++c) {
      DatasetView& view = dataset.views.emplace_back();
      view.sequence = "000" + std::to_string(s + 3);
      view.camera_index = c;
      view.subject_id = 10 + s;
      const double angle = 2.0 * M_PI * c / spec.cameras + 0.3 * unit(rng);
      const Eigen::Vector3d eye = target + 0.5 * Eigen::Vector3d(std::cos(angle), std::sin(angle), 0.2);
      Camera camera;
      camera.cam_from_world = LookAt(eye, target, Eigen::Vector3d::UnitZ());
      camera.intrinsics = {60.0 + 5.0 * unit(rng), 62.0 + 5.0 * unit(rng), 16.0 + unit(rng), 15.5 + unit(rng)};
      camera.width = camera.height = 32;
      for (int f = 0; f < spec.frames; ++f) {
        ViewFrame& frame = view.frames.emplace_back();
        frame.index = f;
        frame.camera = camera;
        frame.image_path = image_folder + "/" + Name("rgb", s, c, f);
        cv::imwrite(frame.image_path, SmoothImage(3, spec.seed * 1000 + s * 100 + c * 10 + f));
        if (spec.masks && f == 0) {
          frame.mask_path = image_folder + "/" + Name("mask", s, c, f);
          cv::imwrite(frame.mask_path, SmoothImage(1, spec.seed + c));
        }
        if (f == 2) continue;
        HandLabel& label = frame.label.emplace();
        label.params = CameraParamsFromWorld(model, camera.cam_from_world, world[f]);
        const HandMesh mesh = lbs.Forward(label.params);
        label.keypoints = mesh.keypoints;
        if (spec.vertices) label.vertices = mesh.vertices;
        label.is_valid = f != 3;
      }
    }
  }
  return dataset;
}

::testing::AssertionResult DatasetsNear(const HandDataset& a, const HandDataset& b, double tolerance) {
  if (a.views.size() != b.views.size())
    return ::testing::AssertionFailure() << a.views.size() << " vs " << b.views.size() << " views";
  for (size_t v = 0; v < a.views.size(); ++v) {
    const DatasetView &va = a.views[v], &vb = b.views[v];
    auto fail = [&](const std::string& what) {
      return ::testing::AssertionFailure() << "view " << v << ": " << what;
    };
    if (va.sequence != vb.sequence || va.camera_index != vb.camera_index || va.subject_id != vb.subject_id ||
        va.video_path != vb.video_path || va.fps != vb.fps || va.frames.size() != vb.frames.size())
      return fail("view fields differ");
    for (size_t f = 0; f < va.frames.size(); ++f) {
      const ViewFrame &fa = va.frames[f], &fb = vb.frames[f];
      auto frame_fail = [&](const std::string& what, const ::testing::AssertionResult& why) {
        return fail("frame " + std::to_string(f) + " " + what + ": " + why.message());
      };
      if (fa.index != fb.index || fa.image_path != fb.image_path || fa.mask_path != fb.mask_path ||
          fa.camera.width != fb.camera.width || fa.camera.height != fb.camera.height ||
          fa.label.has_value() != fb.label.has_value())
        return fail("frame " + std::to_string(f) + " fields differ (" + fa.image_path + " vs " + fb.image_path + ")");
      ::testing::AssertionResult r = MatricesNear(fa.camera.intrinsics.Matrix(), fb.camera.intrinsics.Matrix(), tolerance);
      if (!r) return frame_fail("K", r);
      r = MatricesNear(fa.camera.cam_from_world.ToMatrix(), fb.camera.cam_from_world.ToMatrix(), tolerance);
      if (!r) return frame_fail("cam_from_world", r);
      if (!fa.label) continue;
      const HandLabel &la = *fa.label, &lb = *fb.label;
      if (la.has_params != lb.has_params || la.is_valid != lb.is_valid) return fail("label flags differ");
      for (const auto& [what, x, y] : {std::tuple{"pose", Eigen::MatrixXd(la.params.pose), Eigen::MatrixXd(lb.params.pose)},
                                       std::tuple{"betas", Eigen::MatrixXd(la.params.betas), Eigen::MatrixXd(lb.params.betas)},
                                       std::tuple{"trans", Eigen::MatrixXd(la.params.trans), Eigen::MatrixXd(lb.params.trans)},
                                       std::tuple{"keypoints", Eigen::MatrixXd(la.keypoints), Eigen::MatrixXd(lb.keypoints)},
                                       std::tuple{"vertices", Eigen::MatrixXd(la.vertices), Eigen::MatrixXd(lb.vertices)}}) {
        if (x.size() == 0 && y.size() == 0 && x.rows() == y.rows()) continue;  // maxCoeff needs entries
        r = MatricesNear(x, y, tolerance);
        if (!r) return frame_fail(what, r);
      }
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace handprop::testing
