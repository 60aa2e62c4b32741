// SPDX-License-Identifier: Apache-2.0
// The dataset as dense per-frame arrays (N = all frames of all views, views in order):
//   view, frame_index, width, height, labelled, has_params, is_valid, vertex_count  (N) int64
//   K (N,3,3)  cam_from_world (N,4,4)  pose (N,48)  betas (N,10)  trans (N,3)  keypoints (N,21,3)
//   vertices (sum of vertex_count, 3)  meta: uint8 UTF-8 JSON {format, version, name,
//   pose_convention, views: [{sequence, camera_index, video_path, fps, subject_id}],
//   image_paths: [N], mask_paths: [N]}
// Rows of unlabelled frames hold zeros. Every array is float64 or int64, C order.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/io/formats/dataset_files.h"
#include "core/util/error.h"
#include "core/util/npz.h"

namespace handprop {
namespace {

constexpr char kFormat[] = "handprop-dataset-npz";

template <typename M>
void Append(std::vector<double>* out, const M& row_major_source) {
  for (Eigen::Index r = 0; r < row_major_source.rows(); ++r)
    for (Eigen::Index c = 0; c < row_major_source.cols(); ++c) out->push_back(row_major_source(r, c));
}

const NpyArray& Array(const NpzArchive& archive, const std::string& key, std::vector<int64_t> shape,
                      const std::string& path) {
  const auto it = archive.find(key);
  if (it == archive.end()) throw InputError(path + ": missing array \"" + key + "\"");
  NpyArray expected;
  expected.shape = shape;
  if (it->second.shape != shape)
    throw InputError(path + ": " + key + " has shape " + it->second.ShapeString() + ", expected " + expected.ShapeString());
  return it->second;
}

}  // namespace

void WriteDatasetNpz(const HandDataset& dataset, const std::string& path) {
  ValidateHandDataset(dataset, path);
  const std::string folder = FolderOf(path);
  std::vector<int64_t> view_col, index, width, height, labelled, has_params, is_valid, vertex_count;
  std::vector<double> k, m, pose, betas, trans, keypoints, vertices;
  nlohmann::json views = nlohmann::json::array(), image_paths = nlohmann::json::array(),
                 mask_paths = nlohmann::json::array();
  for (size_t v = 0; v < dataset.views.size(); ++v) {
    const DatasetView& view = dataset.views[v];
    views.push_back({{"sequence", view.sequence},
                     {"camera_index", view.camera_index},
                     {"video_path", PathForFile(view.video_path, folder)},
                     {"fps", view.fps},
                     {"subject_id", view.subject_id}});
    for (const ViewFrame& frame : view.frames) {
      view_col.push_back(static_cast<int64_t>(v));
      index.push_back(frame.index);
      width.push_back(frame.camera.width);
      height.push_back(frame.camera.height);
      Append(&k, frame.camera.intrinsics.Matrix());
      Append(&m, frame.camera.cam_from_world.ToMatrix());
      image_paths.push_back(PathForFile(frame.image_path, folder));
      mask_paths.push_back(PathForFile(frame.mask_path, folder));
      const HandLabel empty;
      const HandLabel& label = frame.label ? *frame.label : empty;
      labelled.push_back(frame.label ? 1 : 0);
      has_params.push_back(frame.label && label.has_params ? 1 : 0);
      is_valid.push_back(frame.label && label.is_valid ? 1 : 0);
      Append(&pose, label.params.pose.transpose());
      Append(&betas, label.params.betas.transpose());
      Append(&trans, label.params.trans.transpose());
      Append(&keypoints, frame.label ? Eigen::MatrixXd(label.keypoints.transpose()) : Eigen::MatrixXd::Zero(kNumKeypoints, 3));
      vertex_count.push_back(label.vertices.cols());
      Append(&vertices, label.vertices.transpose());
    }
  }
  const int64_t n = static_cast<int64_t>(index.size());
  const nlohmann::json meta = {{"format", kFormat},        {"version", kDatasetFileVersion},
                               {"name", dataset.name},     {"pose_convention", "absolute_axis_angle"},
                               {"views", views},           {"image_paths", image_paths},
                               {"mask_paths", mask_paths}};
  NpzArchive archive;
  archive["meta"] = NpyArray::FromBytes(meta.dump());
  archive["view"] = NpyArray::FromInt64(view_col, {n});
  archive["frame_index"] = NpyArray::FromInt64(index, {n});
  archive["width"] = NpyArray::FromInt64(width, {n});
  archive["height"] = NpyArray::FromInt64(height, {n});
  archive["labelled"] = NpyArray::FromInt64(labelled, {n});
  archive["has_params"] = NpyArray::FromInt64(has_params, {n});
  archive["is_valid"] = NpyArray::FromInt64(is_valid, {n});
  archive["vertex_count"] = NpyArray::FromInt64(vertex_count, {n});
  archive["K"] = NpyArray::FromDoubles(k, {n, 3, 3});
  archive["cam_from_world"] = NpyArray::FromDoubles(m, {n, 4, 4});
  archive["pose"] = NpyArray::FromDoubles(pose, {n, kPoseDim});
  archive["betas"] = NpyArray::FromDoubles(betas, {n, kNumBetas});
  archive["trans"] = NpyArray::FromDoubles(trans, {n, 3});
  archive["keypoints"] = NpyArray::FromDoubles(keypoints, {n, kNumKeypoints, 3});
  archive["vertices"] = NpyArray::FromDoubles(vertices, {static_cast<int64_t>(vertices.size() / 3), 3});
  WriteNpz(path, archive);
}

HandDataset ReadDatasetNpz(const std::string& path, const DatasetReadOptions& options) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("dataset read options: " + problem);
  CheckInputFile(path, options.max_file_bytes, "the dataset file");
  const NpzArchive archive = ReadNpz(path);
  const auto meta_it = archive.find("meta");
  if (meta_it == archive.end()) throw InputError(path + ": missing array \"meta\"");
  nlohmann::json meta;
  std::string dataset_name;
  try {
    meta = nlohmann::json::parse(meta_it->second.AsText());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(detail::Concat(path, ": meta is not valid JSON (byte ", e.byte, ")"));
  }
  // meta.value() throws nlohmann's type_error, without the path, when a key holds the wrong type.
  nlohmann::json views, image_paths, mask_paths;
  try {
    if (!meta.is_object() || meta.value("format", "") != kFormat || meta.value("version", 0) != kDatasetFileVersion ||
        meta.value("pose_convention", "") != "absolute_axis_angle")
      throw InputError(path + ": meta does not describe a \"" + kFormat + "\" version 1 archive with absolute poses");
    views = meta.value("views", nlohmann::json());
    image_paths = meta.value("image_paths", nlohmann::json());
    mask_paths = meta.value("mask_paths", nlohmann::json());
    dataset_name = meta.value("name", "");
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": meta has a field of the wrong type (" + e.what() + ")");
  }
  const auto index_it = archive.find("frame_index");
  if (index_it == archive.end() || index_it->second.shape.size() != 1)
    throw InputError(path + ": missing array \"frame_index\" of shape (N)");
  const NpyArray& index_array = index_it->second;
  const int64_t n = index_array.shape[0];
  if (!views.is_array() || !image_paths.is_array() || !mask_paths.is_array() ||
      image_paths.size() != static_cast<size_t>(n) || mask_paths.size() != static_cast<size_t>(n))
    throw InputError(detail::Concat(path, ": meta needs \"views\" and ", n, " \"image_paths\" and \"mask_paths\""));
  const std::vector<int64_t> view_col = Array(archive, "view", {n}, path).Values<int64_t>();
  const std::vector<int64_t> index = index_array.Values<int64_t>();
  const std::vector<int64_t> width = Array(archive, "width", {n}, path).Values<int64_t>();
  const std::vector<int64_t> height = Array(archive, "height", {n}, path).Values<int64_t>();
  const std::vector<int64_t> labelled = Array(archive, "labelled", {n}, path).Values<int64_t>();
  const std::vector<int64_t> has_params = Array(archive, "has_params", {n}, path).Values<int64_t>();
  const std::vector<int64_t> is_valid = Array(archive, "is_valid", {n}, path).Values<int64_t>();
  const std::vector<int64_t> vertex_count = Array(archive, "vertex_count", {n}, path).Values<int64_t>();
  const std::vector<double> k = Array(archive, "K", {n, 3, 3}, path).Values<double>();
  const std::vector<double> m = Array(archive, "cam_from_world", {n, 4, 4}, path).Values<double>();
  const std::vector<double> pose = Array(archive, "pose", {n, kPoseDim}, path).Values<double>();
  const std::vector<double> betas = Array(archive, "betas", {n, kNumBetas}, path).Values<double>();
  const std::vector<double> trans = Array(archive, "trans", {n, 3}, path).Values<double>();
  const std::vector<double> keypoints = Array(archive, "keypoints", {n, kNumKeypoints, 3}, path).Values<double>();
  int64_t total_vertices = 0;
  for (int64_t c : vertex_count) {
    if (c < 0) throw InputError(path + ": vertex_count has a negative entry");
    total_vertices += c;
  }
  const std::vector<double> vertices = Array(archive, "vertices", {total_vertices, 3}, path).Values<double>();

  HandDataset dataset;
  const std::string folder = FolderOf(path);
  dataset.name = dataset_name;
  for (size_t v = 0; v < views.size(); ++v) {
    const nlohmann::json& j = views[v];
    DatasetView& view = dataset.views.emplace_back();
    try {
      view.sequence = j.at("sequence").get<std::string>();
      view.camera_index = j.at("camera_index").get<int>();
      view.video_path = PathFromFile(j.at("video_path").get<std::string>(), folder);
      view.fps = j.at("fps").get<double>();
      view.subject_id = j.at("subject_id").get<int>();
    } catch (const nlohmann::json::exception& e) {
      throw InputError(detail::Concat(path, ": meta views[", v, "] is malformed (", e.what(), ")"));
    }
  }
  int64_t vertex_offset = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (view_col[i] < 0 || view_col[i] >= static_cast<int64_t>(dataset.views.size()))
      throw InputError(detail::Concat(path, ": view[", i, "] = ", view_col[i], " but meta has ", dataset.views.size(), " views"));
    ViewFrame& frame = dataset.views[view_col[i]].frames.emplace_back();
    frame.index = static_cast<int>(index[i]);
    const Eigen::Matrix3d kmat = Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(k.data() + 9 * i);
    const std::string k_problem = CheckIntrinsicsMatrix(kmat);
    if (!k_problem.empty()) throw InputError(detail::Concat(path, ": K[", i, "]: ", k_problem));
    frame.camera.intrinsics = CameraIntrinsics::FromMatrix(kmat);
    const Eigen::Matrix4d mmat = Eigen::Map<const Eigen::Matrix<double, 4, 4, Eigen::RowMajor>>(m.data() + 16 * i);
    const std::string m_problem = CheckRotationMatrix(mmat.topLeftCorner<3, 3>());
    if (!m_problem.empty()) throw InputError(detail::Concat(path, ": cam_from_world[", i, "] is not rigid: ", m_problem));
    frame.camera.cam_from_world = Rigid3d::FromMatrix(mmat);
    frame.camera.width = static_cast<int>(width[i]);
    frame.camera.height = static_cast<int>(height[i]);
    if (!image_paths[i].is_string() || !mask_paths[i].is_string())
      throw InputError(detail::Concat(path, ": meta image_paths[", i, "] or mask_paths[", i, "] is not a string"));
    frame.image_path = PathFromFile(image_paths[i].get<std::string>(), folder);
    frame.mask_path = PathFromFile(mask_paths[i].get<std::string>(), folder);
    const double* verts = vertices.data() + 3 * vertex_offset;
    vertex_offset += vertex_count[i];
    if (!labelled[i]) continue;
    HandLabel& label = frame.label.emplace();
    label.has_params = has_params[i] != 0;
    label.is_valid = is_valid[i] != 0;
    label.params.pose = Eigen::Map<const PoseVector>(pose.data() + kPoseDim * i);
    label.params.betas = Eigen::Map<const ShapeVector>(betas.data() + kNumBetas * i);
    label.params.trans = Eigen::Map<const Eigen::Vector3d>(trans.data() + 3 * i);
    label.keypoints = Eigen::Map<const KeypointMatrix>(keypoints.data() + 3 * kNumKeypoints * i);
    label.vertices = Eigen::Map<const Eigen::Matrix3Xd>(verts, 3, vertex_count[i]);
    for (const auto& [name, ok] : {std::pair{"pose", label.params.pose.allFinite()},
                                   std::pair{"betas", label.params.betas.allFinite()},
                                   std::pair{"trans", label.params.trans.allFinite()},
                                   std::pair{"keypoints", label.keypoints.allFinite()},
                                   std::pair{"vertices", label.vertices.allFinite()}})
      if (!ok) throw InputError(detail::Concat(path, ": ", name, " of frame row ", i, " has a non-finite value"));
  }
  ValidateHandDataset(dataset, path);
  return dataset;
}

}  // namespace handprop
