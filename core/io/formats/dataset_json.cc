// SPDX-License-Identifier: Apache-2.0
// The "handprop-dataset" JSON document, version 1. Layout in docs/formats.md.
#include <nlohmann/json.hpp>

#include "core/io/formats/dataset_files.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr char kFormat[] = "handprop-dataset";

template <typename V>
nlohmann::json VectorToJson(const V& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

nlohmann::json LabelToJson(const HandLabel& label) {
  nlohmann::json out = {{"has_params", label.has_params},
                        {"is_valid", label.is_valid},
                        {"pose", VectorToJson(label.params.pose)},
                        {"betas", VectorToJson(label.params.betas)},
                        {"trans", VectorToJson(label.params.trans)},
                        {"keypoints", MatrixToJson(label.keypoints.transpose())}};
  if (label.vertices.cols() > 0) out["vertices"] = MatrixToJson(label.vertices.transpose());
  return out;
}

// Checked access to one value; `where` is the JSON location for messages ("views[0].fps").
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  const nlohmann::json& Member(const nlohmann::json& object, const std::string& key, const std::string& where) const {
    if (!object.is_object()) Fail(where, "is " + JsonShapeString(object) + ", expected an object");
    const auto it = object.find(key);
    if (it == object.end()) Fail(where, "has no \"" + key + "\"");
    return *it;
  }
  template <typename T>
  T Get(const nlohmann::json& object, const std::string& key, const std::string& where) const {
    const nlohmann::json& value = Member(object, key, where);
    const bool ok = std::is_same_v<T, bool>          ? value.is_boolean()
                    : std::is_same_v<T, std::string> ? value.is_string()
                    : std::is_integral_v<T>          ? value.is_number_integer()
                                                     : value.is_number();
    if (!ok) Fail(where + "." + key, std::string("is a ") + value.type_name() + ", expected " + Expected<T>());
    return value.get<T>();
  }
  const nlohmann::json& List(const nlohmann::json& object, const std::string& key, const std::string& where) const {
    const nlohmann::json& value = Member(object, key, where);
    if (!value.is_array()) Fail(where + "." + key, std::string("is a ") + value.type_name() + ", expected a list");
    return value;
  }
  Eigen::MatrixXd Matrix(const nlohmann::json& object, const std::string& key, int rows, int cols,
                         const std::string& where) const {
    return JsonToMatrix(Member(object, key, where), rows, cols, path_, where + "." + key);
  }
  Eigen::VectorXd Vector(const nlohmann::json& object, const std::string& key, int n, const std::string& where) const {
    nlohmann::json wrapped = nlohmann::json::array({Member(object, key, where)});
    return JsonToMatrix(wrapped, 1, n, path_, where + "." + key).row(0).transpose();
  }
  [[noreturn]] void Fail(const std::string& where, const std::string& problem) const {
    throw InputError(path_ + ": " + where + " " + problem);
  }

 private:
  template <typename T>
  static const char* Expected() {
    if constexpr (std::is_same_v<T, bool>) return "true or false";
    else if constexpr (std::is_same_v<T, std::string>) return "a string";
    else if constexpr (std::is_integral_v<T>) return "an integer";
    else return "a number";
  }
  std::string path_;
};

HandLabel LabelFromJson(const Reader& r, const nlohmann::json& j, const std::string& where) {
  HandLabel label;
  label.has_params = r.Get<bool>(j, "has_params", where);
  label.is_valid = r.Get<bool>(j, "is_valid", where);
  label.params.pose = r.Vector(j, "pose", kPoseDim, where);
  label.params.betas = r.Vector(j, "betas", kNumBetas, where);
  label.params.trans = r.Vector(j, "trans", 3, where);
  label.keypoints = r.Matrix(j, "keypoints", kNumKeypoints, 3, where).transpose();
  if (j.contains("vertices")) {
    const nlohmann::json& v = j["vertices"];
    const int count = v.is_array() ? static_cast<int>(v.size()) : -1;
    label.vertices = r.Matrix(j, "vertices", count, 3, where).transpose();
  }
  return label;
}

}  // namespace

void WriteDatasetJson(const HandDataset& dataset, const std::string& path) {
  ValidateHandDataset(dataset, path);
  const std::string folder = FolderOf(path);
  nlohmann::json views = nlohmann::json::array();
  for (const DatasetView& view : dataset.views) {
    nlohmann::json frames = nlohmann::json::array();
    for (const ViewFrame& frame : view.frames) {
      frames.push_back({{"index", frame.index},
                        {"K", MatrixToJson(frame.camera.intrinsics.Matrix())},
                        {"cam_from_world", MatrixToJson(frame.camera.cam_from_world.ToMatrix())},
                        {"width", frame.camera.width},
                        {"height", frame.camera.height},
                        {"image_path", PathForFile(frame.image_path, folder)},
                        {"mask_path", PathForFile(frame.mask_path, folder)},
                        {"label", frame.label ? LabelToJson(*frame.label) : nlohmann::json(nullptr)}});
    }
    views.push_back({{"sequence", view.sequence},
                     {"camera_index", view.camera_index},
                     {"video_path", PathForFile(view.video_path, folder)},
                     {"fps", view.fps},
                     {"subject_id", view.subject_id},
                     {"frames", std::move(frames)}});
  }
  const nlohmann::json document = {{"format", kFormat},
                                   {"version", kDatasetFileVersion},
                                   {"pose_convention", "absolute_axis_angle"},
                                   {"units", "metres"},
                                   {"camera_convention", "opencv"},
                                   {"name", dataset.name},
                                   {"views", std::move(views)}};
  WriteFileAtomically(path, document.dump(1));
}

HandDataset ReadDatasetJson(const std::string& path, const DatasetReadOptions& options) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("dataset read options: " + problem);
  const nlohmann::json document = ReadJsonFile(path, options.max_file_bytes, "the dataset file");
  const Reader r(path);
  if (r.Get<std::string>(document, "format", "the document") != kFormat)
    r.Fail("\"format\"", "is not \"" + std::string(kFormat) + "\"");
  const int version = r.Get<int>(document, "version", "the document");
  if (version != kDatasetFileVersion)
    r.Fail("\"version\"", detail::Concat("is ", version, "; this build reads version ", kDatasetFileVersion));
  if (r.Get<std::string>(document, "pose_convention", "the document") != "absolute_axis_angle")
    r.Fail("\"pose_convention\"", "is not \"absolute_axis_angle\"");
  const std::string folder = FolderOf(path);
  HandDataset dataset;
  dataset.name = r.Get<std::string>(document, "name", "the document");
  const nlohmann::json& views = r.List(document, "views", "the document");
  for (size_t v = 0; v < views.size(); ++v) {
    const std::string vw = detail::Concat("views[", v, "]");
    DatasetView& view = dataset.views.emplace_back();
    view.sequence = r.Get<std::string>(views[v], "sequence", vw);
    view.camera_index = r.Get<int>(views[v], "camera_index", vw);
    view.video_path = PathFromFile(r.Get<std::string>(views[v], "video_path", vw), folder);
    view.fps = r.Get<double>(views[v], "fps", vw);
    view.subject_id = r.Get<int>(views[v], "subject_id", vw);
    const nlohmann::json& frames = r.List(views[v], "frames", vw);
    for (size_t f = 0; f < frames.size(); ++f) {
      const std::string fw = detail::Concat(vw, ".frames[", f, "]");
      const nlohmann::json& j = frames[f];
      ViewFrame& frame = view.frames.emplace_back();
      frame.index = r.Get<int>(j, "index", fw);
      const Eigen::Matrix3d k = r.Matrix(j, "K", 3, 3, fw);
      const std::string k_problem = CheckIntrinsicsMatrix(k);
      if (!k_problem.empty()) r.Fail(fw + ".K", k_problem);
      frame.camera.intrinsics = CameraIntrinsics::FromMatrix(k);
      const Eigen::Matrix4d m = r.Matrix(j, "cam_from_world", 4, 4, fw);
      const std::string m_problem = CheckRotationMatrix(m.topLeftCorner<3, 3>());
      if (!m_problem.empty()) r.Fail(fw + ".cam_from_world", "is not rigid: " + m_problem);
      frame.camera.cam_from_world = Rigid3d::FromMatrix(m);
      frame.camera.width = r.Get<int>(j, "width", fw);
      frame.camera.height = r.Get<int>(j, "height", fw);
      frame.image_path = PathFromFile(r.Get<std::string>(j, "image_path", fw), folder);
      frame.mask_path = PathFromFile(r.Get<std::string>(j, "mask_path", fw), folder);
      const nlohmann::json& label = r.Member(j, "label", fw);
      if (!label.is_null()) frame.label = LabelFromJson(r, label, fw + ".label");
    }
  }
  ValidateHandDataset(dataset, path);
  return dataset;
}

}  // namespace handprop
