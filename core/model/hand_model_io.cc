// SPDX-License-Identifier: Apache-2.0
#include "core/model/hand_model_io.h"

#include <nlohmann/json.hpp>

#include "core/util/data_paths.h"
#include "core/util/error.h"

namespace handprop {
namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr int64_t kManoRootParent = 4294967295;  // how MANO's pickles store "no parent"
constexpr const char* kFormatName = "handprop-hand-model";
constexpr int kFormatVersion = 1;

const NpyArray& Require(const NpzArchive& a, const std::string& key, const std::string& origin,
                        std::vector<int64_t> expected_rank_dims) {
  const auto it = a.find(key);
  if (it == a.end()) throw InputError(origin + ": missing array '" + key + "'");
  const NpyArray& array = it->second;
  if (array.shape.size() != expected_rank_dims.size())
    throw InputError(origin + ": '" + key + "' has shape " + array.ShapeString() + ", expected " +
                     std::to_string(expected_rank_dims.size()) + " dimensions");
  for (size_t d = 0; d < expected_rank_dims.size(); ++d) {
    if (expected_rank_dims[d] >= 0 && array.shape[d] != expected_rank_dims[d]) {
      NpyArray want;
      want.shape = expected_rank_dims;
      throw InputError(origin + ": '" + key + "' has shape " + array.ShapeString() + ", expected " + want.ShapeString());
    }
  }
  return array;
}

// Reads a C-order array with `rows` x (product of the rest) elements into a column-major matrix.
Eigen::MatrixXd AsMatrix(const NpyArray& array, Eigen::Index rows, Eigen::Index cols) {
  const std::vector<double> values = array.Values<double>();
  return Eigen::Map<const RowMajor>(values.data(), rows, cols);
}

NpyArray FromMatrix(const Eigen::MatrixXd& m, std::vector<int64_t> shape) {
  const RowMajor row_major = m;
  return NpyArray::FromDoubles(std::vector<double>(row_major.data(), row_major.data() + row_major.size()), std::move(shape));
}

void ReadMeta(const NpzArchive& a, const std::string& origin, HandModel& model) {
  const auto it = a.find("handprop_meta");
  if (it == a.end()) return;
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(it->second.AsText());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(origin + ": handprop_meta is not valid JSON (" + e.what() + ")");
  }
  if (meta.value("format", "") != kFormatName) throw InputError(origin + ": handprop_meta has an unknown format");
  if (meta.value("version", 0) > kFormatVersion)
    throw InputError(origin + ": model file version " + std::to_string(meta.value("version", 0)) +
                     " is newer than this program supports (" + std::to_string(kFormatVersion) + ")");
  model.name = meta.value("name", model.name);
  model.source = meta.value("source", "");
  const std::string side = meta.value("side", "right");
  if (side != "right" && side != "left") throw InputError(origin + ": handprop_meta side must be right or left");
  model.side = side == "right" ? HandSide::kRight : HandSide::kLeft;
  for (const auto& dir : meta.value("shape_directions", nlohmann::json::array()))
    model.shape_directions.push_back({dir.value("name", ""), dir.value("meaning", "")});
}

}  // namespace

HandModel HandModelFromNpz(const NpzArchive& a, const std::string& origin) {
  HandModel m;
  m.name = "mano";
  m.source = origin;
  const NpyArray& vt = Require(a, "v_template", origin, {-1, 3});
  const int64_t v = vt.shape[0];
  const std::vector<double> vt_values = vt.Values<double>();
  m.v_template = Eigen::Map<const Eigen::Matrix3Xd>(vt_values.data(), 3, v);
  m.shapedirs = AsMatrix(Require(a, "shapedirs", origin, {v, 3, kNumBetas}), 3 * v, kNumBetas);
  m.posedirs = AsMatrix(Require(a, "posedirs", origin, {v, 3, kPoseFeatureDim}), 3 * v, kPoseFeatureDim);
  m.j_regressor = AsMatrix(Require(a, "J_regressor", origin, {kNumJoints, v}), kNumJoints, v);
  m.weights = AsMatrix(Require(a, "weights", origin, {v, kNumJoints}), v, kNumJoints);

  const NpyArray& f = Require(a, "f", origin, {-1, 3});
  const std::vector<int64_t> face_ids = f.Values<int64_t>();
  m.faces = Eigen::Map<const Eigen::Matrix<int64_t, 3, Eigen::Dynamic>>(face_ids.data(), 3, f.shape[0]).cast<int>();

  const std::vector<int64_t> kintree = Require(a, "kintree_table", origin, {2, kNumJoints}).Values<int64_t>();
  for (int k = 0; k < kNumJoints; ++k) {
    const int64_t parent = kintree[k];
    m.parents[k] = (parent < 0 || parent >= kNumJoints) ? -1 : static_cast<int>(parent);
    if (kintree[kNumJoints + k] != k)
      throw InputError(origin + ": kintree_table row 1 must list joint ids 0..15 in order");
  }
  const NpyArray& comps = Require(a, "hands_components", origin, {-1, kArticulationDim});
  m.pca_components = AsMatrix(comps, comps.shape[0], kArticulationDim);
  m.pca_mean = AsMatrix(Require(a, "hands_mean", origin, {kArticulationDim}), kArticulationDim, 1);

  if (const auto it = a.find("handprop_tip_vertices"); it != a.end()) {
    const std::vector<int64_t> tips = Require(a, "handprop_tip_vertices", origin, {kNumFingers}).Values<int64_t>();
    for (int i = 0; i < kNumFingers; ++i) m.tip_vertices[i] = static_cast<int>(tips[i]);
  }
  if (a.count("handprop_joint_frames") && a.count("handprop_joint_limits_deg")) {
    const std::vector<double> frames = Require(a, "handprop_joint_frames", origin, {kNumJoints, 3, 3}).Values<double>();
    const std::vector<double> lim = Require(a, "handprop_joint_limits_deg", origin, {kNumArticulatedJoints, 3, 2}).Values<double>();
    for (int k = 0; k < kNumJoints; ++k)
      m.joint_limits.frames[k] = Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(&frames[9 * k]);
    for (int k = 0; k < kNumArticulatedJoints; ++k) {
      for (int axis = 0; axis < 3; ++axis) {
        m.joint_limits.min_deg(k, axis) = lim[(k * 3 + axis) * 2];
        m.joint_limits.max_deg(k, axis) = lim[(k * 3 + axis) * 2 + 1];
      }
    }
    m.has_joint_limits = true;
  }
  ReadMeta(a, origin, m);
  if (const std::string problem = ValidateHandModel(m); !problem.empty()) throw InputError(origin + ": " + problem);
  return m;
}

NpzArchive HandModelToNpz(const HandModel& m) {
  HP_CHECK(ValidateHandModel(m).empty(), ValidateHandModel(m));
  const int64_t v = m.NumVertices();
  NpzArchive a;
  a["v_template"] = FromMatrix(m.v_template.transpose(), {v, 3});
  a["shapedirs"] = FromMatrix(m.shapedirs, {v, 3, kNumBetas});
  a["posedirs"] = FromMatrix(m.posedirs, {v, 3, kPoseFeatureDim});
  a["J_regressor"] = FromMatrix(m.j_regressor, {kNumJoints, v});
  a["weights"] = FromMatrix(m.weights, {v, kNumJoints});
  const Eigen::Matrix<uint32_t, 3, Eigen::Dynamic> faces = m.faces.cast<uint32_t>();
  a["f"] = NpyArray::FromUInt32(std::vector<uint32_t>(faces.data(), faces.data() + faces.size()), {m.NumFaces(), 3});
  std::vector<int64_t> kintree(2 * kNumJoints);
  for (int k = 0; k < kNumJoints; ++k) {
    kintree[k] = m.parents[k] < 0 ? kManoRootParent : m.parents[k];
    kintree[kNumJoints + k] = k;
  }
  a["kintree_table"] = NpyArray::FromInt64(kintree, {2, kNumJoints});
  a["hands_components"] = FromMatrix(m.pca_components, {m.pca_components.rows(), kArticulationDim});
  a["hands_mean"] = FromMatrix(m.pca_mean, {kArticulationDim});

  a["handprop_tip_vertices"] = NpyArray::FromInt64(std::vector<int64_t>(m.tip_vertices.begin(), m.tip_vertices.end()), {kNumFingers});
  if (m.has_joint_limits) {
    std::vector<double> frames, limits;
    for (const Eigen::Matrix3d& f : m.joint_limits.frames)
      for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) frames.push_back(f(r, c));
    for (int k = 0; k < kNumArticulatedJoints; ++k)
      for (int axis = 0; axis < 3; ++axis) {
        limits.push_back(m.joint_limits.min_deg(k, axis));
        limits.push_back(m.joint_limits.max_deg(k, axis));
      }
    a["handprop_joint_frames"] = NpyArray::FromDoubles(frames, {kNumJoints, 3, 3});
    a["handprop_joint_limits_deg"] = NpyArray::FromDoubles(limits, {kNumArticulatedJoints, 3, 2});
  }
  nlohmann::json meta = {{"format", kFormatName}, {"version", kFormatVersion}, {"name", m.name},
                         {"side", HandSideName(m.side)}, {"source", m.source}};
  meta["shape_directions"] = nlohmann::json::array();
  for (const ShapeDirectionInfo& d : m.shape_directions)
    meta["shape_directions"].push_back({{"name", d.name}, {"meaning", d.meaning}});
  a["handprop_meta"] = NpyArray::FromBytes(meta.dump());
  return a;
}

HandModel LoadHandModel(const std::string& path) { return HandModelFromNpz(ReadNpz(path), path); }

HandModel LoadHandModelByName(const std::string& name_or_path) {
  if (name_or_path == "openhand") return LoadHandModel(DataFile("models/openhand_right.npz"));
  return LoadHandModel(name_or_path);
}

void SaveHandModel(const std::string& path, const HandModel& model) { WriteNpz(path, HandModelToNpz(model)); }

}  // namespace handprop
