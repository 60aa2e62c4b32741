// SPDX-License-Identifier: Apache-2.0
// Renders one hand into an image, with no display or GL: rasterise (rasterizer.h), shade each
// covered pixel once (shading.h) and composite over a background.
//
//   HandImage img = RenderHandImage(mesh.vertices, model.faces, model.v_template, k, 128, 128,
//                                   RandomLightRig(video_seed), RandomSkin(subject_seed),
//                                   ProceduralBackground(128, 128, seed));
//   cv::imwrite("rgb.png", img.colour);
//
// Outputs (docs/rendering.md):
//  * colour: CV_8UC3, OpenCV's B, G, R order, sRGB-encoded (shading runs in linear RGB, the
//    result is clamped to [0, 1] and encoded with the sRGB curve); background pixels are the
//    background image's bytes unchanged;
//  * mask: CV_8UC1, 255 where a pixel centre is inside a visible face of the hand, else 0;
//    exactly the pixels whose colour was shaded (no anti-aliasing, binary);
//  * depth: CV_32FC1, the camera z (metres) of the visible surface at the pixel centre, 0 where
//    the mask is 0.
// Pixel (u, v) is centred at Project(k, x) = (u, v) (core/geometry/camera.h).
// Deterministic: the same inputs give the same bytes. Single-threaded; safe to call concurrently.
#pragma once

#include <opencv2/core.hpp>

#include <Eigen/Core>
#include <string>

#include "core/geometry/camera.h"
#include "core/render/lights.h"
#include "core/render/rasterizer.h"
#include "core/render/skin.h"

namespace handprop {

struct RenderOptions {
  RasterOptions raster;
  // Used where there is no hand when the background image is empty: B, G, R bytes.
  cv::Vec3b empty_background{0, 0, 0};

  std::string Check() const;
};

struct HandImage {
  cv::Mat colour;  // CV_8UC3 B, G, R
  cv::Mat mask;    // CV_8UC1 {0, 255}
  cv::Mat depth;   // CV_32FC1 metres, 0 on the background
};

// vertices_cam: 3 x V posed vertices in the camera frame; faces: 3 x F (HandModel::faces);
// rest_vertices: 3 x V rest-pose vertices (the texture's coordinates, e.g. model.v_template);
// background: empty, or CV_8UC3 of exactly width x height.
// Throws InputError naming the options/lights/skin when their Check() fails; mismatched sizes
// are the caller's bug (HP_CHECK).
HandImage RenderHandImage(const Eigen::Matrix3Xd& vertices_cam, const Eigen::Matrix3Xi& faces,
                          const Eigen::Matrix3Xd& rest_vertices, const CameraIntrinsics& k, int width, int height,
                          const LightRig& lights, const SkinMaterial& skin, const cv::Mat& background,
                          const RenderOptions& options = {});

// The same for world-frame vertices seen by `camera` (its width and height must be set).
// `lights` are in the camera frame: use ToCameraFrame (lights.h) for a rig given in the world.
HandImage RenderHandImage(const Camera& camera, const Eigen::Matrix3Xd& vertices_world, const Eigen::Matrix3Xi& faces,
                          const Eigen::Matrix3Xd& rest_vertices, const LightRig& lights, const SkinMaterial& skin,
                          const cv::Mat& background, const RenderOptions& options = {});

}  // namespace handprop
