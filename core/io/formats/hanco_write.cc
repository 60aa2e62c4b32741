// SPDX-License-Identifier: Apache-2.0
// WriteHanCo: views are grouped into sequences and checked, every JSON document is built in
// memory, then the images are written, then the JSON files.
#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "core/io/formats/hanco.h"
#include "core/io/formats/mano_vector.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace fs = std::filesystem;

namespace handprop {
namespace {

constexpr double kAgreementTolerance = 1e-6;  // metres, between cameras' world keypoints

struct Sequence {
  int sid = 0;
  std::vector<const DatasetView*> cameras;  // index = camera_index
};

int ParseSid(const std::string& root, const std::string& name) {
  const bool digits = !name.empty() && name.size() <= 9 &&
                      std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits)
    throw InputError(root + ": sequence \"" + name + "\" is not a decimal HanCo sid (HanCo indexes meta.json by sid)");
  return std::stoi(name);
}

std::vector<Sequence> GroupSequences(const HandDataset& dataset, const std::string& root) {
  std::map<int, std::map<int, const DatasetView*>> by_sid;
  for (const DatasetView& view : dataset.views) {
    const int sid = ParseSid(root, view.sequence);
    if (!by_sid[sid].emplace(view.camera_index, &view).second)
      throw InputError(detail::Concat(root, ": sequence ", view.sequence, " has camera ", view.camera_index, " twice"));
  }
  std::vector<Sequence> out;
  for (const auto& [sid, cameras] : by_sid) {
    Sequence& seq = out.emplace_back();
    seq.sid = sid;
    for (const auto& [c, view] : cameras) {
      if (c != static_cast<int>(seq.cameras.size()))
        throw InputError(detail::Concat(root, ": sequence ", view->sequence, " has cameras up to ", cameras.rbegin()->first,
                                        " but not camera ", seq.cameras.size(), " (HanCo needs cameras 0..C-1)"));
      seq.cameras.push_back(view);
      if (view->frames.size() != seq.cameras[0]->frames.size())
        throw InputError(detail::Concat(root, ": sequence ", view->sequence, " camera ", c, " has ", view->frames.size(),
                                        " frames but camera 0 has ", seq.cameras[0]->frames.size()));
      for (size_t j = 0; j < view->frames.size(); ++j)
        if (view->frames[j].index != seq.cameras[0]->frames[j].index)
          throw InputError(detail::Concat(root, ": sequence ", view->sequence, " camera ", c, " has frame ",
                                          view->frames[j].index, " where camera 0 has frame ",
                                          seq.cameras[0]->frames[j].index, " (cameras must share frame indices)"));
    }
  }
  return out;
}

struct WorldLabel {
  bool has_params = false;
  bool is_valid = true;
  HandParams params;
  KeypointMatrix keypoints;
};

// The frame's label in world coordinates from the lowest camera that has one; the others must agree.
std::optional<WorldLabel> FrameWorldLabel(const HandModel& model, const Sequence& seq, size_t j, const std::string& root) {
  std::optional<WorldLabel> out;
  int source = -1;
  for (size_t c = 0; c < seq.cameras.size(); ++c) {
    const ViewFrame& frame = seq.cameras[c]->frames[j];
    if (!frame.label) continue;
    const Rigid3d world_from_cam = frame.camera.cam_from_world.Inverse();
    const KeypointMatrix keypoints = world_from_cam * Eigen::Matrix3Xd(frame.label->keypoints);
    if (!out) {
      out.emplace();
      source = static_cast<int>(c);
      out->has_params = frame.label->has_params;
      out->is_valid = frame.label->is_valid;
      out->keypoints = keypoints;
      if (out->has_params) out->params = WorldParamsFromCamera(model, frame.camera.cam_from_world, frame.label->params);
      continue;
    }
    const double gap = (keypoints - out->keypoints).colwise().norm().maxCoeff();
    if (gap > kAgreementTolerance || frame.label->has_params != out->has_params)
      throw InputError(detail::Concat(root, ": sequence ", seq.cameras[c]->sequence, " frame ", frame.index, ": camera ",
                                      c, "'s label disagrees with camera ", source, "'s (keypoints differ by ", gap,
                                      " m in world coordinates, tolerance ", kAgreementTolerance, ")"));
  }
  return out;
}

// [sid][fid] lists of meta.json; sequences not written keep empty lists.
struct Meta {
  nlohmann::json is_train = nlohmann::json::array(), subject_id = nlohmann::json::array(),
                 is_valid = nlohmann::json::array(), object_id = nlohmann::json::array(),
                 has_fit = nlohmann::json::array();
  void Grow(int sid, int frames) {
    for (nlohmann::json* list : {&is_train, &subject_id, &is_valid, &object_id, &has_fit}) {
      while (list->size() <= static_cast<size_t>(sid)) list->push_back(nlohmann::json::array());
      (*list)[sid] = nlohmann::json::array();
    }
    for (int f = 0; f < frames; ++f) {
      is_train[sid].push_back(false);
      subject_id[sid].push_back(nullptr);
      is_valid[sid].push_back(false);
      object_id[sid].push_back(nullptr);
      has_fit[sid].push_back(false);
    }
  }
  nlohmann::json ToJson() const {
    return {{"is_train", is_train}, {"subject_id", subject_id}, {"is_valid", is_valid}, {"object_id", object_id},
            {"has_fit", has_fit}};
  }
};

}  // namespace

std::string HanCoWriteOptions::Check() const {
  HP_OPTION_CHECK_GE(jpeg_quality, 0);
  HP_OPTION_CHECK_LE(jpeg_quality, 100);
  return {};
}

int WriteHanCo(const HandDataset& dataset, const HandModel& model, const std::string& root,
               const HanCoWriteOptions& options, const FrameImageSource& images) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("HanCo write options: " + problem);
  ValidateHandDataset(dataset, root);
  const std::vector<Sequence> sequences = GroupSequences(dataset, root);
  if (sequences.empty()) throw InputError(root + ": nothing to write, the dataset has no view");
  const HandLbs lbs(model);
  std::vector<std::pair<std::string, nlohmann::json>> documents;  // path, contents
  Meta meta;
  for (const Sequence& seq : sequences) {
    const std::vector<ViewFrame>& frames0 = seq.cameras[0]->frames;
    meta.Grow(seq.sid, frames0.empty() ? 0 : frames0.back().index + 1);
    for (size_t j = 0; j < frames0.size(); ++j) {
      const int fid = frames0[j].index;
      nlohmann::json k = nlohmann::json::array(), m = nlohmann::json::array(), size = nlohmann::json::array();
      for (const DatasetView* view : seq.cameras) {
        const Camera& camera = view->frames[j].camera;
        k.push_back(MatrixToJson(camera.intrinsics.Matrix()));
        m.push_back(MatrixToJson(camera.cam_from_world.ToMatrix()));
        size.push_back({camera.width, camera.height});
      }
      documents.emplace_back(HanCoFrameFile(root, "calib", seq.sid, fid),
                             nlohmann::json{{"K", k}, {"M", m}, {"image_size", size}});
      const int subject = seq.cameras[0]->subject_id;
      meta.subject_id[seq.sid][fid] = subject >= 0 ? nlohmann::json(subject) : nlohmann::json(nullptr);
      const std::optional<WorldLabel> label = FrameWorldLabel(model, seq, j, root);
      if (!label) continue;
      meta.has_fit[seq.sid][fid] = label->has_params;
      meta.is_valid[seq.sid][fid] = label->is_valid;
      documents.emplace_back(HanCoFrameFile(root, "xyz", seq.sid, fid), MatrixToJson(label->keypoints.transpose()));
      if (!label->has_params) continue;
      const Eigen::RowVectorXd poses = PoseOffsetsFromAbsolute(model, label->params.pose).transpose();
      documents.emplace_back(HanCoFrameFile(root, "shape", seq.sid, fid),
                             nlohmann::json{{"poses", MatrixToJson(poses)},
                                            {"shapes", MatrixToJson(label->params.betas.transpose())},
                                            {"global_t", MatrixToJson(label->params.trans.transpose())}});
      if (!options.write_camera_shape) continue;
      for (size_t c = 0; c < seq.cameras.size(); ++c) {
        const ViewFrame& frame = seq.cameras[c]->frames[j];
        const HandParams params = CameraParamsFromWorld(model, frame.camera.cam_from_world, label->params);
        try {
          documents.emplace_back(
              HanCoCameraFile(root, "shape", seq.sid, static_cast<int>(c), fid, ".json"),
              MatrixToJson(ManoVectorFromParams(lbs, frame.camera.intrinsics, params).transpose()));
        } catch (const InputError& e) {
          throw InputError(detail::Concat(root, ": sequence ", seq.cameras[c]->sequence, " camera ", c, " frame ", fid,
                                          ": ", e.what()));
        }
      }
    }
  }

  int written = 0;
  for (const Sequence& seq : sequences) {
    for (size_t c = 0; c < seq.cameras.size(); ++c) {
      const DatasetView& view = *seq.cameras[c];
      for (const ViewFrame& frame : view.frames) {
        const std::string path = HanCoCameraFile(root, "rgb", seq.sid, static_cast<int>(c), frame.index, ".jpg");
        fs::create_directories(fs::path(path).parent_path());
        WriteImageAtomically(path, FrameImage(images, view, frame), options.jpeg_quality);
        ++written;
        const cv::Mat mask = FrameMask(images, view, frame);
        if (mask.empty()) continue;
        const std::string mask_path = HanCoCameraFile(root, "mask_hand", seq.sid, static_cast<int>(c), frame.index, ".jpg");
        fs::create_directories(fs::path(mask_path).parent_path());
        WriteImageAtomically(mask_path, mask, options.jpeg_quality);
      }
    }
  }
  for (const auto& [path, document] : documents) {
    fs::create_directories(fs::path(path).parent_path());
    WriteJsonFile(path, document);
  }
  WriteJsonFile(root + "/meta.json", meta.ToJson());
  return written;
}

}  // namespace handprop
