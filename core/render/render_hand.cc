// SPDX-License-Identifier: Apache-2.0
#include "core/render/render_hand.h"

#include <Eigen/Geometry>

#include "core/render/shading.h"
#include "core/render/srgb.h"
#include "core/geometry/vertex_normals.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

void ThrowIfInvalid(const std::string& what, const std::string& problem) {
  if (!problem.empty()) throw InputError(what + ": " + problem);
}

}  // namespace

std::string RenderOptions::Check() const {
  HP_OPTION_CHECK_NESTED(raster);
  return {};
}

HandImage RenderHandImage(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces,
                          const Eigen::Matrix3Xd& rest_vertices, const CameraIntrinsics& k, int width, int height,
                          const LightRig& lights, const SkinMaterial& skin, const cv::Mat& background,
                          const RenderOptions& options) {
  ThrowIfInvalid("render options", options.Check());
  ThrowIfInvalid("lights", lights.Check());
  ThrowIfInvalid("skin", skin.Check());
  ThrowIfInvalid("intrinsics", k.Check());
  HP_CHECK(rest_vertices.cols() == vertices.cols(), "RenderHandImage: ", rest_vertices.cols(), " rest vertices for ",
           vertices.cols(), " posed ones");
  HP_CHECK(background.empty() || (background.type() == CV_8UC3 && background.cols == width && background.rows == height),
           "RenderHandImage: background is ", background.cols, " x ", background.rows, " type ", background.type(),
           ", expected CV_8UC3 ", width, " x ", height);

  const VisibilityBuffer buf = Rasterize(vertices, faces, k, width, height, options.raster);
  const Eigen::Matrix3Xd normals = VertexNormals(vertices, faces);
  const Eigen::Vector3d base_linear(SrgbToLinear(skin.albedo_srgb[0]), SrgbToLinear(skin.albedo_srgb[1]),
                                    SrgbToLinear(skin.albedo_srgb[2]));

  HandImage out;
  if (background.empty())
    out.colour = cv::Mat(height, width, CV_8UC3, cv::Scalar(options.empty_background[0], options.empty_background[1],
                                                            options.empty_background[2]));
  else
    out.colour = background.clone();
  out.mask = cv::Mat::zeros(height, width, CV_8UC1);
  out.depth = cv::Mat::zeros(height, width, CV_32FC1);

  for (int v = 0; v < height; ++v) {
    cv::Vec3b* colour_row = out.colour.ptr<cv::Vec3b>(v);
    uint8_t* mask_row = out.mask.ptr<uint8_t>(v);
    float* depth_row = out.depth.ptr<float>(v);
    for (int u = 0; u < width; ++u) {
      const size_t i = static_cast<size_t>(v) * width + u;
      const int32_t f = buf.face[i];
      if (f < 0) continue;
      const int a = faces(0, f), b = faces(1, f), c = faces(2, f);
      const double b1 = buf.bary1[i], b2 = buf.bary2[i], b0 = 1.0 - b1 - b2;
      const Eigen::Vector3d position = b0 * vertices.col(a) + b1 * vertices.col(b) + b2 * vertices.col(c);
      const Eigen::Vector3d rest = b0 * rest_vertices.col(a) + b1 * rest_vertices.col(b) + b2 * rest_vertices.col(c);
      Eigen::Vector3d normal = b0 * normals.col(a) + b1 * normals.col(b) + b2 * normals.col(c);
      // Seen from inside (a back face won the z-test, e.g. through a self-intersection): light
      // the side the camera sees.
      const Eigen::Vector3d face_normal = (vertices.col(b) - vertices.col(a)).cross(vertices.col(c) - vertices.col(a));
      if (face_normal.dot(position) > 0) normal = -normal;
      const double length = normal.norm();
      normal = length > 0 ? Eigen::Vector3d(normal / length) : Eigen::Vector3d(-position.normalized());
      const Eigen::Vector3d albedo = SkinAlbedo(skin, base_linear, rest);
      const Eigen::Vector3d radiance = ShadePoint(position, normal, albedo, skin, lights);
      colour_row[u] = cv::Vec3b(LinearToSrgb8(static_cast<float>(radiance[2])),
                                LinearToSrgb8(static_cast<float>(radiance[1])),
                                LinearToSrgb8(static_cast<float>(radiance[0])));
      mask_row[u] = 255;
      depth_row[u] = buf.depth[i];
    }
  }
  return out;
}

HandImage RenderHandImage(const Camera& camera, const Eigen::Matrix3Xd& vertices_world, const Eigen::Matrix3Xi& faces,
                          const Eigen::Matrix3Xd& rest_vertices, const LightRig& lights, const SkinMaterial& skin,
                          const cv::Mat& background, const RenderOptions& options) {
  if (camera.width < 1 || camera.height < 1)
    throw InputError("camera: image size " + std::to_string(camera.width) + " x " + std::to_string(camera.height) +
                     " violates width >= 1 and height >= 1");
  return RenderHandImage(camera.cam_from_world * vertices_world, faces, rest_vertices, camera.intrinsics, camera.width,
                         camera.height, lights, skin, background, options);
}

}  // namespace handprop
