// SPDX-License-Identifier: Apache-2.0
#include "app/commands/model_facts.h"

#include <fmt/format.h>

#include <map>

#include "core/model/lbs.h"

namespace handprop::cli {

SurfaceCheck CheckSurface(const Eigen::Matrix3Xi& faces) {
  std::map<std::pair<int, int>, int> directed;
  for (Eigen::Index f = 0; f < faces.cols(); ++f)
    for (int c = 0; c < 3; ++c) ++directed[{faces(c, f), faces((c + 1) % 3, f)}];
  SurfaceCheck check;
  for (const auto& [edge, count] : directed) {
    if (count > 1) ++check.inconsistent_edges;
    const auto reverse = directed.find({edge.second, edge.first});
    if (reverse == directed.end() || reverse->second != count) ++check.boundary_or_nonmanifold_edges;
  }
  return check;
}

nlohmann::json ModelFacts(const HandModel& model) {
  const HandLbs lbs(model);
  const HandMesh rest = lbs.Forward(HandParams{});
  HandParams mean;
  mean.pose.tail<kArticulationDim>() = model.pca_mean;
  const HandMesh mean_mesh = lbs.Forward(mean);
  const auto dist = [&](int a, int b) { return (rest.keypoints.col(a) - rest.keypoints.col(b)).norm(); };
  const Eigen::Vector3d extent = rest.vertices.rowwise().maxCoeff() - rest.vertices.rowwise().minCoeff();
  const SurfaceCheck surface = CheckSurface(model.faces);
  nlohmann::json facts = {
      {"name", model.name},
      {"side", HandSideName(model.side)},
      {"source", model.source},
      {"vertices", model.NumVertices()},
      {"faces", model.NumFaces()},
      {"joints", kNumJoints},
      {"keypoints", kNumKeypoints},
      {"pca_components", model.NumPcaComponents()},
      {"tip_vertices", model.tip_vertices},
      {"closed_surface", surface.Closed()},
      {"rest_wrist_m", {rest.joints(0, 0), rest.joints(1, 0), rest.joints(2, 0)}},
      {"hand_length_m", dist(0, 12)},
      {"palm_length_m", dist(0, 9)},
      {"knuckle_width_m", dist(5, 17)},
      {"bounding_box_m", {extent.x(), extent.y(), extent.z()}},
      {"mean_pose_fingertip_drop_m", (rest.keypoints - mean_mesh.keypoints).colwise().norm().maxCoeff()},
      {"has_joint_limits", model.has_joint_limits}};
  facts["shape_directions"] = nlohmann::json::array();
  for (const ShapeDirectionInfo& d : model.shape_directions)
    facts["shape_directions"].push_back({{"name", d.name}, {"meaning", d.meaning}});
  return facts;
}

std::string FormatModelFacts(const nlohmann::json& f) {
  std::string out;
  out += fmt::format("model:            {} ({} hand)\n", f["name"].get<std::string>(), f["side"].get<std::string>());
  out += fmt::format("source:           {}\n", f["source"].get<std::string>());
  out += fmt::format("mesh:             {} vertices, {} faces, closed surface: {}\n", f["vertices"].get<int>(),
                     f["faces"].get<int>(), f["closed_surface"].get<bool>() ? "yes" : "no");
  out += fmt::format("skeleton:         {} joints (MANO order), {} keypoints (FreiHAND order)\n", f["joints"].get<int>(),
                     f["keypoints"].get<int>());
  const auto tips = f["tip_vertices"].get<std::vector<int>>();
  out += fmt::format("fingertip ids:    thumb {} index {} middle {} ring {} pinky {}\n", tips[0], tips[1], tips[2], tips[3], tips[4]);
  out += fmt::format("pose PCA:         {} components\n", f["pca_components"].get<int>());
  const auto wrist = f["rest_wrist_m"].get<std::vector<double>>();
  out += fmt::format("rest wrist J0:    ({:.4f}, {:.4f}, {:.4f}) m\n", wrist[0], wrist[1], wrist[2]);
  out += fmt::format("hand length:      {:.1f} mm (wrist to middle tip), palm {:.1f} mm, knuckles {:.1f} mm wide\n",
                     1000 * f["hand_length_m"].get<double>(), 1000 * f["palm_length_m"].get<double>(),
                     1000 * f["knuckle_width_m"].get<double>());
  const auto box = f["bounding_box_m"].get<std::vector<double>>();
  out += fmt::format("rest bounding box: {:.1f} x {:.1f} x {:.1f} mm\n", 1000 * box[0], 1000 * box[1], 1000 * box[2]);
  out += fmt::format("joint limits:     {}\n", f["has_joint_limits"].get<bool>() ? "yes" : "no");
  int i = 0;
  for (const auto& d : f["shape_directions"])
    out += fmt::format("  beta[{}] {:<18} {}\n", i++, d["name"].get<std::string>(), d["meaning"].get<std::string>());
  return out;
}

}  // namespace handprop::cli
