// SPDX-License-Identifier: Apache-2.0
// ReadFreiHand: the annotation files are read whole (numeric_list.h), checked against each other
// and turned into one view of labelled frames.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/io/formats/freihand.h"
#include "core/io/formats/mano_vector.h"
#include "core/io/formats/numeric_list.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

constexpr int kFreiHandImageSize = 224;

std::optional<NumericList> ReadOptional(const std::string& path, const FreiHandReadOptions& options) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  return ReadNumericList(path, options.max_file_bytes, "");
}

void CheckCount(const NumericList& list, const NumericList& k) {
  if (list.size() != k.size())
    throw InputError(detail::Concat(list.path, ": ", list.size(), " entries but ", k.path, " has ", k.size()));
}

}  // namespace

std::string FreiHandReadOptions::Check() const {
  HP_OPTION_CHECK(!split.empty() && split.find('/') == std::string::npos, "split must be a plain name, e.g. training");
  HP_OPTION_CHECK_GE(image_variant, 0);
  HP_OPTION_CHECK_LE(image_variant, 3);
  HP_OPTION_CHECK_GT(max_file_bytes, uint64_t{0});
  return {};
}

std::string FreiHandImagePath(const std::string& folder, const std::string& split, int64_t image_id) {
  char name[32];
  std::snprintf(name, sizeof(name), "%08lld.jpg", static_cast<long long>(image_id));
  return folder + "/" + split + "/rgb/" + name;
}

std::string FreiHandMaskPath(const std::string& folder, const std::string& split, int64_t sample) {
  char name[32];
  std::snprintf(name, sizeof(name), "%08lld.jpg", static_cast<long long>(sample));
  return folder + "/" + split + "/mask/" + name;
}

HandDataset ReadFreiHand(const std::string& folder, const HandModel& model, const FreiHandReadOptions& options) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("FreiHAND read options: " + problem);
  const std::string prefix = folder + "/" + options.split;
  const NumericList k_list = ReadNumericList(prefix + "_K.json", options.max_file_bytes,
                                             "FreiHAND " + options.split + "_K.json gives every sample's camera");
  const std::optional<NumericList> mano = ReadOptional(prefix + "_mano.json", options);
  const std::optional<NumericList> xyz = ReadOptional(prefix + "_xyz.json", options);
  const std::optional<NumericList> verts = ReadOptional(prefix + "_verts.json", options);
  for (const auto* list : {&mano, &xyz, &verts})
    if (*list) CheckCount(**list, k_list);
  if (verts && !mano && !xyz)
    throw InputError(verts->path + ": vertices need " + options.split + "_xyz.json or " + options.split +
                     "_mano.json beside them");

  const int64_t n = static_cast<int64_t>(k_list.size());
  const bool has_masks = std::filesystem::is_directory(folder + "/" + options.split + "/mask");
  std::unique_ptr<HandLbs> lbs = mano ? std::make_unique<HandLbs>(model) : nullptr;
  HandDataset dataset;
  dataset.name = "freihand-" + options.split;
  DatasetView& view = dataset.views.emplace_back();
  view.sequence = options.split;
  view.frames.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    ViewFrame& frame = view.frames[i];
    frame.index = static_cast<int>(i);
    const Eigen::Matrix3d k = k_list.Entry(i, 3, 3);
    const std::string k_problem = CheckIntrinsicsMatrix(k);
    if (!k_problem.empty()) throw InputError(detail::Concat(k_list.path, ": entry ", i, ": ", k_problem));
    frame.camera.intrinsics = CameraIntrinsics::FromMatrix(k);
    frame.camera.width = frame.camera.height = kFreiHandImageSize;
    frame.image_path = FreiHandImagePath(folder, options.split, i + n * options.image_variant);
    if (has_masks && std::filesystem::exists(FreiHandMaskPath(folder, options.split, i)))
      frame.mask_path = FreiHandMaskPath(folder, options.split, i);
    if (!mano && !xyz) continue;
    HandLabel& label = frame.label.emplace();
    if (mano) {
      try {
        label.params = ParamsFromManoVector(*lbs, frame.camera.intrinsics, mano->Entry(i, 1, kManoVectorSize).transpose());
      } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(mano->path, 0) == 0) throw;
        throw InputError(detail::Concat(mano->path, ": entry ", i, ": ", what));
      }
    }
    label.has_params = mano.has_value();
    if (xyz) label.keypoints = xyz->Entry(i, kNumKeypoints, 3).transpose();
    else label.keypoints = lbs->Forward(label.params).keypoints;
    if (verts) {
      const int num_vertices = verts->shapes[i].empty() ? 0 : static_cast<int>(verts->shapes[i][0]);
      label.vertices = verts->Entry(i, num_vertices, 3).transpose();
    }
  }
  return dataset;
}

}  // namespace handprop
