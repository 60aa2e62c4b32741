// SPDX-License-Identifier: Apache-2.0
// ReadHanCo: one sequence at a time; each frame's calib, shape and xyz files are read once and
// shared by the sequence's cameras.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "core/io/formats/hanco.h"
#include "core/io/formats/mano_vector.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace fs = std::filesystem;

namespace handprop {
namespace {

bool IsDecimal(const std::string& s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Accepts HanCo's 1 x n ([[...]]) and a flat list of n.
Eigen::VectorXd JsonToVector(const nlohmann::json& value, int n, const std::string& origin, const std::string& what) {
  if (value.is_array() && value.size() == static_cast<size_t>(n) && (n == 0 || value[0].is_number())) {
    nlohmann::json wrapped = nlohmann::json::array({value});
    return JsonToMatrix(wrapped, 1, n, origin, what).row(0).transpose();
  }
  return JsonToMatrix(value, 1, n, origin, what).row(0).transpose();
}

struct FrameFiles {
  std::vector<Eigen::Matrix3d> k;
  std::vector<Rigid3d> cam_from_world;
  std::vector<std::pair<int, int>> image_size;  // empty unless calib has HandProp's "image_size"
  std::optional<HandParams> world_params;
  std::optional<KeypointMatrix> world_keypoints;
};

FrameFiles ReadFrameFiles(const std::string& root, const HandModel& model, int sid, int fid,
                          const HanCoReadOptions& options) {
  FrameFiles out;
  const std::string calib_path = HanCoFrameFile(root, "calib", sid, fid);
  const nlohmann::json calib = ReadJsonFile(calib_path, options.max_file_bytes, "HanCo calib gives every frame's cameras");
  const nlohmann::json& k = JsonMember(calib, "K", calib_path);
  const nlohmann::json& m = JsonMember(calib, "M", calib_path);
  if (!k.is_array() || !m.is_array() || k.size() != m.size())
    throw InputError(calib_path + ": K is " + JsonShapeString(k) + " and M is " + JsonShapeString(m) +
                     ", expected lists of one 3x3 and one 4x4 matrix per camera");
  for (size_t c = 0; c < k.size(); ++c) {
    const std::string kc = "K[" + std::to_string(c) + "]", mc = "M[" + std::to_string(c) + "]";
    const Eigen::Matrix3d kmat = JsonToMatrix(k[c], 3, 3, calib_path, kc);
    std::string problem = CheckIntrinsicsMatrix(kmat);
    if (!problem.empty()) throw InputError(calib_path + ": " + kc + ": " + problem);
    const Eigen::Matrix4d mmat = JsonToMatrix(m[c], 4, 4, calib_path, mc);
    problem = CheckRotationMatrix(mmat.topLeftCorner<3, 3>());
    if (problem.empty() && !mmat.row(3).isApprox(Eigen::RowVector4d(0, 0, 0, 1), 1e-12))
      problem = "the last row is not (0, 0, 0, 1)";
    if (!problem.empty()) throw InputError(calib_path + ": " + mc + " is not a rigid motion: " + problem);
    out.k.push_back(kmat);
    out.cam_from_world.push_back(Rigid3d::FromMatrix(mmat));
  }
  if (calib.contains("image_size")) {
    const Eigen::MatrixXd sizes = JsonToMatrix(calib["image_size"], static_cast<int>(k.size()), 2, calib_path, "image_size");
    for (Eigen::Index c = 0; c < sizes.rows(); ++c)
      out.image_size.emplace_back(static_cast<int>(sizes(c, 0)), static_cast<int>(sizes(c, 1)));
  }
  const std::string shape_path = HanCoFrameFile(root, "shape", sid, fid);
  if (fs::exists(shape_path)) {
    const nlohmann::json shape = ReadJsonFile(shape_path, options.max_file_bytes, "");
    HandParams world;
    world.pose = AbsoluteFromPoseOffsets(model, JsonToVector(JsonMember(shape, "poses", shape_path), kPoseDim,
                                                             shape_path, "poses"));
    world.betas = JsonToVector(JsonMember(shape, "shapes", shape_path), kNumBetas, shape_path, "shapes");
    world.trans = JsonToVector(JsonMember(shape, "global_t", shape_path), 3, shape_path, "global_t");
    out.world_params = world;
  }
  const std::string xyz_path = HanCoFrameFile(root, "xyz", sid, fid);
  if (fs::exists(xyz_path)) {
    const nlohmann::json xyz = ReadJsonFile(xyz_path, options.max_file_bytes, "");
    out.world_keypoints = JsonToMatrix(xyz, kNumKeypoints, 3, xyz_path, "xyz").transpose();
  }
  return out;
}

// meta.json's per-frame value [sid][fid], or null when the lists are shorter.
const nlohmann::json& MetaValue(const nlohmann::json& meta, const char* key, int sid, int fid) {
  static const nlohmann::json kNull;
  const auto it = meta.find(key);
  if (it == meta.end() || !it->is_array() || it->size() <= static_cast<size_t>(sid)) return kNull;
  const nlohmann::json& per_frame = (*it)[sid];
  if (!per_frame.is_array() || per_frame.size() <= static_cast<size_t>(fid)) return kNull;
  return per_frame[fid];
}

std::vector<int> ListFrames(const std::string& folder) {
  std::vector<int> fids;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && p.extension() == ".jpg" && IsDecimal(p.stem().string()))
      fids.push_back(std::stoi(p.stem().string()));
  }
  std::sort(fids.begin(), fids.end());
  return fids;
}

std::vector<int> ListSequences(const std::string& rgb) {
  std::vector<int> sids;
  for (const fs::directory_entry& entry : fs::directory_iterator(rgb))
    if (entry.is_directory() && IsDecimal(entry.path().filename().string()))
      sids.push_back(std::stoi(entry.path().filename().string()));
  std::sort(sids.begin(), sids.end());
  return sids;
}

}  // namespace

std::string HanCoReadOptions::Check() const {
  for (int camera : cameras) HP_OPTION_CHECK_GE(camera, 0);
  for (int sid : sequences) HP_OPTION_CHECK_GE(sid, 0);
  HP_OPTION_CHECK_GT(default_image_size, 0);
  HP_OPTION_CHECK_GT(max_file_bytes, uint64_t{0});
  return {};
}

HandDataset ReadHanCo(const std::string& root, const HandModel& model, const HanCoReadOptions& options) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("HanCo read options: " + problem);
  const std::string rgb = root + "/rgb";
  if (!fs::is_directory(rgb)) throw InputError(rgb + ": missing (HanCo's rgb/{sid}/cam{c}/{fid}.jpg define the frames)");
  nlohmann::json meta = nlohmann::json::object();
  if (fs::exists(root + "/meta.json")) meta = ReadJsonFile(root + "/meta.json", options.max_file_bytes, "");
  if (!meta.is_object()) throw InputError(root + "/meta.json: expected a JSON object, found " + JsonShapeString(meta));

  const HandLbs lbs(model);
  HandDataset dataset;
  dataset.name = "hanco";
  const std::vector<int> sids = options.sequences.empty() ? ListSequences(rgb) : options.sequences;
  for (int sid : sids) {
    std::map<int, std::vector<int>> camera_frames;
    std::set<int> all_fids;
    for (int c : options.cameras) {
      const std::string folder = rgb + "/" + HanCoSequenceName(sid) + "/cam" + std::to_string(c);
      if (!fs::is_directory(folder)) continue;
      camera_frames[c] = ListFrames(folder);
      all_fids.insert(camera_frames[c].begin(), camera_frames[c].end());
    }
    if (camera_frames.empty() && !options.sequences.empty())
      throw InputError(rgb + "/" + HanCoSequenceName(sid) + ": missing (sequence " + std::to_string(sid) +
                       " was asked for but has no camera folder)");
    std::map<int, FrameFiles> files;
    bool complete_fit = true;
    for (int fid : all_fids) {
      files[fid] = ReadFrameFiles(root, model, sid, fid, options);
      complete_fit = complete_fit && files[fid].world_params.has_value();
    }
    if (options.require_fit && !complete_fit) continue;
    for (const auto& [c, fids] : camera_frames) {
      DatasetView& view = dataset.views.emplace_back();
      view.sequence = HanCoSequenceName(sid);
      view.camera_index = c;
      if (!fids.empty() && MetaValue(meta, "subject_id", sid, fids[0]).is_number_integer())
        view.subject_id = MetaValue(meta, "subject_id", sid, fids[0]).get<int>();
      for (int fid : fids) {
        const FrameFiles& f = files.at(fid);
        const std::string calib_path = HanCoFrameFile(root, "calib", sid, fid);
        if (static_cast<size_t>(c) >= f.k.size())
          throw InputError(detail::Concat(calib_path, ": has ", f.k.size(), " cameras but cam", c, " has images"));
        ViewFrame& frame = view.frames.emplace_back();
        frame.index = fid;
        frame.camera.intrinsics = CameraIntrinsics::FromMatrix(f.k[c]);
        frame.camera.cam_from_world = f.cam_from_world[c];
        frame.camera.width = f.image_size.empty() ? options.default_image_size : f.image_size[c].first;
        frame.camera.height = f.image_size.empty() ? options.default_image_size : f.image_size[c].second;
        frame.image_path = HanCoCameraFile(root, "rgb", sid, c, fid, ".jpg");
        const std::string mask = HanCoCameraFile(root, "mask_hand", sid, c, fid, ".jpg");
        if (fs::exists(mask)) frame.mask_path = mask;
        if (!f.world_params && !f.world_keypoints) continue;
        HandLabel& label = frame.label.emplace();
        label.has_params = f.world_params.has_value();
        if (label.has_params) label.params = CameraParamsFromWorld(model, frame.camera.cam_from_world, *f.world_params);
        if (f.world_keypoints) label.keypoints = frame.camera.cam_from_world * Eigen::Matrix3Xd(*f.world_keypoints);
        else label.keypoints = lbs.Forward(label.params).keypoints;
        const nlohmann::json& valid = MetaValue(meta, "is_valid", sid, fid);
        label.is_valid = valid.is_boolean() ? valid.get<bool>() : true;
      }
    }
  }
  return dataset;
}

}  // namespace handprop
