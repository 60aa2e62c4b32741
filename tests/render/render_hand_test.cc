// SPDX-License-Identifier: Apache-2.0
#include "core/render/render_hand.h"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cstring>
#include <limits>

#include "core/geometry/rotation.h"
#include "core/model/hand_model_io.h"
#include "core/model/lbs.h"
#include "core/render/procedural_background.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

constexpr int kSize = 128;

CameraIntrinsics Intrinsics() {
  CameraIntrinsics k;
  k.fx = 230.0;
  k.fy = 225.0;
  k.cx = 63.2;
  k.cy = 64.1;
  return k;
}

class RenderHandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new HandModel(LoadHandModelByName("openhand")); }
  static void TearDownTestSuite() { delete model_; }

  // The model's mean pose, turned and placed ~0.5 m in front of the camera.
  static Eigen::Matrix3Xd PosedVertices(double turn) {
    const HandLbs lbs(*model_);
    PoseVector pose = PoseVector::Zero();
    pose.tail<45>() = model_->pca_mean;
    pose.head<3>() = Eigen::Vector3d(0.3, turn, 0.2);
    const HandMesh mesh = lbs.Forward(pose, ShapeVector::Zero(), Eigen::Vector3d::Zero());
    const Eigen::Vector3d centre = mesh.vertices.rowwise().mean();
    return mesh.vertices.colwise() - (centre - Eigen::Vector3d(0.005, -0.01, 0.5));
  }

  static HandImage Render(const Eigen::Matrix3Xd& v, const cv::Mat& background, const RenderOptions& options = {},
                          int tone = 2) {
    return RenderHandImage(v, model_->faces, model_->v_template, Intrinsics(), kSize, kSize, LightRig{},
                           SkinFromTone(tone, 3), background, options);
  }

  static HandModel* model_;
};
HandModel* RenderHandTest::model_ = nullptr;

bool SameBytes(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() &&
         std::memcmp(a.data, b.data, a.total() * a.elemSize()) == 0;
}

// The mask and depth against a brute-force reference: every pixel centre tested against every
// Project()ed face (skipping centres within 1e-3 px of an edge), depth by ray-plane intersection.
TEST_F(RenderHandTest, MaskAndDepthMatchABruteForceReference) {
  const Eigen::Matrix3Xd v = PosedVertices(0.4);
  const HandImage image = Render(v, cv::Mat());
  const CameraIntrinsics k = Intrinsics();
  const Eigen::Matrix2Xd uv = Project(k, v);
  const Eigen::Matrix3Xi& faces = model_->faces;
  int covered = 0, compared = 0;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      const Eigen::Vector2d c(x, y);
      const Eigen::Vector3d ray = BackProject(k, c, 1.0);
      double nearest = std::numeric_limits<double>::infinity();
      bool ambiguous = false;
      for (Eigen::Index f = 0; f < faces.cols(); ++f) {
        double sign = 0;
        bool inside = true, near_edge = false;
        for (int e = 0; e < 3 && inside; ++e) {
          const Eigen::Vector2d a = uv.col(faces(e, f)), b = uv.col(faces((e + 1) % 3, f));
          const double dist = ((b - a).x() * (c - a).y() - (b - a).y() * (c - a).x()) / (b - a).norm();
          if (std::abs(dist) < 1e-3) near_edge = true;
          if (e == 0) sign = dist >= 0 ? 1 : -1;
          inside = dist * sign > 0;
        }
        if (near_edge) ambiguous = true;
        if (!inside) continue;
        const Eigen::Vector3d p0 = v.col(faces(0, f));
        const Eigen::Vector3d n = (v.col(faces(1, f)) - p0).cross(v.col(faces(2, f)) - p0);
        nearest = std::min(nearest, n.dot(p0) / n.dot(ray));
      }
      if (ambiguous) continue;
      const bool hand = std::isfinite(nearest);
      ASSERT_EQ(image.mask.at<uint8_t>(y, x), hand ? 255 : 0) << x << ", " << y;
      ++compared;
      if (!hand) {
        EXPECT_EQ(image.depth.at<float>(y, x), 0.0f);
        continue;
      }
      ++covered;
      EXPECT_NEAR(image.depth.at<float>(y, x), nearest, 1e-6);
    }
  EXPECT_GT(compared, kSize * kSize * 9 / 10);
  EXPECT_GT(covered, 1500);
  EXPECT_LT(covered, kSize * kSize / 2);
}

TEST_F(RenderHandTest, EveryProjectedVertexIsOnTheMask) {
  const Eigen::Matrix3Xd v = PosedVertices(-0.3);
  const HandImage image = Render(v, cv::Mat());
  const Eigen::Matrix2Xd uv = Project(Intrinsics(), v);
  for (Eigen::Index i = 0; i < uv.cols(); ++i) {
    // The silhouette contains every vertex; a vertex on it may fall between pixel centres.
    bool near_mask = false;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int x = static_cast<int>(std::lround(uv(0, i))) + dx, y = static_cast<int>(std::lround(uv(1, i))) + dy;
        near_mask = near_mask || (x >= 0 && y >= 0 && x < kSize && y < kSize && image.mask.at<uint8_t>(y, x) == 255);
      }
    EXPECT_TRUE(near_mask) << "vertex " << i << " at " << uv.col(i).transpose();
  }
}

TEST_F(RenderHandTest, DeterministicAndCompositedOverTheBackground) {
  const Eigen::Matrix3Xd v = PosedVertices(0.1);
  const cv::Mat background = ProceduralBackground(kSize, kSize, 17);
  const cv::Mat background_copy = background.clone();
  const HandImage a = Render(v, background), b = Render(v, background);
  EXPECT_TRUE(SameBytes(a.colour, b.colour));
  EXPECT_TRUE(SameBytes(a.mask, b.mask));
  EXPECT_TRUE(SameBytes(a.depth, b.depth));
  EXPECT_TRUE(SameBytes(background, background_copy));
  ASSERT_EQ(a.colour.type(), CV_8UC3);
  ASSERT_EQ(a.mask.type(), CV_8UC1);
  ASSERT_EQ(a.depth.type(), CV_32FC1);
  int hand = 0, changed = 0;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      const uint8_t m = a.mask.at<uint8_t>(y, x);
      ASSERT_TRUE(m == 0 || m == 255);
      ASSERT_EQ(m == 255, a.depth.at<float>(y, x) > 0);
      const bool same = a.colour.at<cv::Vec3b>(y, x) == background.at<cv::Vec3b>(y, x);
      if (m == 0) {
        ASSERT_TRUE(same) << x << ", " << y;
      }
      hand += m == 255;
      changed += m == 255 && !same;
    }
  EXPECT_GT(changed, hand * 9 / 10);
  // Skin colour: red > green > blue on average over the hand (B, G, R storage order).
  const cv::Scalar mean = cv::mean(a.colour, a.mask);
  EXPECT_GT(mean[2], mean[1]);
  EXPECT_GT(mean[1], mean[0]);
}

TEST_F(RenderHandTest, DarkerTonesRenderDarkerAndCullingChangesNothingOnAClosedMesh) {
  const Eigen::Matrix3Xd v = PosedVertices(0.7);
  const HandImage light = Render(v, cv::Mat(), {}, 0), dark = Render(v, cv::Mat(), {}, kNumSkinTones - 1);
  EXPECT_GT(cv::mean(light.colour, light.mask)[1], cv::mean(dark.colour, dark.mask)[1] + 60);
  // Culling back faces keeps the same visible surface; only where skinning folds a few faces
  // over (a back face a hair in front) may a pixel differ. A wrong cull sign would show the
  // inside of the hand: farther depths almost everywhere.
  RenderOptions cull;
  cull.raster.cull_back_faces = true;
  const HandImage culled = Render(v, cv::Mat(), cull, 0);
  EXPECT_TRUE(SameBytes(culled.mask, light.mask));
  EXPECT_LE(cv::countNonZero(culled.depth != light.depth), cv::countNonZero(light.mask) / 200);
  EXPECT_LT(cv::norm(culled.depth, light.depth, cv::NORM_INF), 1e-3);
}

TEST_F(RenderHandTest, CameraOverloadMatchesTheCameraFrameRender) {
  Camera camera;
  camera.intrinsics = Intrinsics();
  camera.width = camera.height = kSize;
  camera.cam_from_world = LookAt(Eigen::Vector3d(0.1, -0.2, -0.3), Eigen::Vector3d(0, 0, 0.2), Eigen::Vector3d(0, -1, 0));
  const Eigen::Matrix3Xd v_cam = PosedVertices(0.2);
  const Rigid3d world_from_cam(camera.cam_from_world.rotation.transpose(),
                               -(camera.cam_from_world.rotation.transpose() * camera.cam_from_world.translation));
  const HandImage a = RenderHandImage(camera, world_from_cam * v_cam, model_->faces, model_->v_template, LightRig{},
                                      SkinFromTone(2, 3), cv::Mat());
  const HandImage b = Render(v_cam, cv::Mat());
  EXPECT_LE(cv::norm(a.mask, b.mask, cv::NORM_L1), 255.0 * 3);  // round-off in the transform
  camera.width = 0;
  EXPECT_THROW(RenderHandImage(camera, v_cam, model_->faces, model_->v_template, LightRig{}, SkinMaterial{}, cv::Mat()),
               InputError);
}

TEST_F(RenderHandTest, InvalidOptionsAreInputErrors) {
  const Eigen::Matrix3Xd v = PosedVertices(0.0);
  RenderOptions bad;
  bad.raster.near = -1;
  EXPECT_EQ(bad.Check(), "raster.near = -1 violates near > 0");
  try {
    Render(v, cv::Mat(), bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "render options: raster.near = -1 violates near > 0");
  }
  SkinMaterial skin;
  skin.noise_frequency = 0;
  EXPECT_THROW(RenderHandImage(v, model_->faces, model_->v_template, Intrinsics(), kSize, kSize, LightRig{}, skin, cv::Mat()),
               InputError);
}

}  // namespace
}  // namespace handprop
