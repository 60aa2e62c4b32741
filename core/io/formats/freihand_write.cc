// SPDX-License-Identifier: Apache-2.0
// WriteFreiHand: every annotation is computed and checked first, then the images are written,
// then the JSON files (each atomically).
#include <filesystem>
#include <vector>

#include "core/io/formats/freihand.h"
#include "core/io/formats/mano_vector.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

struct Sample {
  const DatasetView* view;
  const ViewFrame* frame;
};

std::string SampleName(const Sample& s) {
  return detail::Concat("sequence ", s.view->sequence, " camera ", s.view->camera_index, " frame ", s.frame->index);
}

}  // namespace

std::string FreiHandWriteOptions::Check() const {
  HP_OPTION_CHECK(!split.empty() && split.find('/') == std::string::npos, "split must be a plain name, e.g. training");
  HP_OPTION_CHECK_GE(jpeg_quality, 0);
  HP_OPTION_CHECK_LE(jpeg_quality, 100);
  return {};
}

int WriteFreiHand(const HandDataset& dataset, const HandModel& model, const std::string& folder,
                  const FreiHandWriteOptions& options, const FrameImageSource& images) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("FreiHAND write options: " + problem);
  ValidateHandDataset(dataset, folder);
  std::vector<Sample> samples;
  for (const DatasetView& view : dataset.views)
    for (const ViewFrame& frame : view.frames)
      if (frame.label) samples.push_back({&view, &frame});
  if (samples.empty()) throw InputError(folder + ": nothing to write, the dataset has no labelled frame");
  size_t with_params = 0;
  for (const Sample& s : samples) with_params += s.frame->label->has_params ? 1 : 0;
  if (with_params != 0 && with_params != samples.size()) {
    for (const Sample& s : samples)
      if (!s.frame->label->has_params)
        throw InputError(folder + ": " + SampleName(s) + " has keypoints but no MANO parameters, so " + options.split +
                         "_mano.json cannot hold every sample (FreiHAND needs all or none)");
  }

  const HandLbs lbs(model);
  nlohmann::json k_json = nlohmann::json::array(), xyz_json = nlohmann::json::array(),
                 mano_json = nlohmann::json::array(), verts_json = nlohmann::json::array(),
                 scale_json = nlohmann::json::array();
  for (const Sample& s : samples) {
    const HandLabel& label = *s.frame->label;
    const CameraIntrinsics& k = s.frame->camera.intrinsics;
    k_json.push_back(MatrixToJson(k.Matrix()));
    xyz_json.push_back(MatrixToJson(label.keypoints.transpose()));
    scale_json.push_back((label.keypoints.col(9) - label.keypoints.col(10)).norm());
    if (label.has_params) {
      try {
        mano_json.push_back(MatrixToJson(ManoVectorFromParams(lbs, k, label.params).transpose()));
      } catch (const InputError& e) {
        throw InputError(folder + ": " + SampleName(s) + ": " + e.what());
      }
    }
    if (options.write_vertices) {
      if (label.vertices.cols() == 0 && !label.has_params)
        throw InputError(folder + ": " + SampleName(s) + " has neither vertices nor MANO parameters to write " +
                         options.split + "_verts.json");
      const Eigen::Matrix3Xd vertices = label.vertices.cols() > 0 ? label.vertices : lbs.Forward(label.params).vertices;
      verts_json.push_back(MatrixToJson(vertices.transpose()));
    }
  }

  const std::string image_folder = folder + "/" + options.split;
  std::filesystem::create_directories(image_folder + "/rgb");
  for (size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    WriteImageAtomically(FreiHandImagePath(folder, options.split, static_cast<int64_t>(i)),
                         FrameImage(images, *s.view, *s.frame), options.jpeg_quality);
    const cv::Mat mask = FrameMask(images, *s.view, *s.frame);
    if (mask.empty()) continue;
    std::filesystem::create_directories(image_folder + "/mask");
    WriteImageAtomically(FreiHandMaskPath(folder, options.split, static_cast<int64_t>(i)), mask, options.jpeg_quality);
  }

  const std::string prefix = folder + "/" + options.split;
  WriteJsonFile(prefix + "_K.json", k_json);
  WriteJsonFile(prefix + "_xyz.json", xyz_json);
  WriteJsonFile(prefix + "_scale.json", scale_json);
  // A stale file from an older export would pair with the wrong samples: remove it instead.
  if (with_params != 0) WriteJsonFile(prefix + "_mano.json", mano_json);
  else std::filesystem::remove(prefix + "_mano.json");
  if (options.write_vertices) WriteJsonFile(prefix + "_verts.json", verts_json);
  else std::filesystem::remove(prefix + "_verts.json");
  return static_cast<int>(samples.size());
}

}  // namespace handprop
