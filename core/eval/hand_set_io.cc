// SPDX-License-Identifier: Apache-2.0
#include "core/eval/hand_set_io.h"

#include <Eigen/Core>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/eval/json_arrays.h"
#include "core/util/error.h"

namespace handprop {
namespace {

bool IsPointList(const NumericArray& a) { return a.shape.size() == 2 && a.shape[1] == 3; }
bool IsPointListBatch(const NumericArray& a) { return a.shape.size() == 3 && a.shape[2] == 3; }
bool IsEmptyList(const NumericArray& a) { return a.shape.size() == 1 && a.shape[0] == 0; }

// Splits an N x P x 3 array into N point sets of 3 x P (row-major P x 3 is column-major 3 x P).
std::vector<Eigen::Matrix3Xd> SplitBatch(const NumericArray& a) {
  const int64_t n = a.shape[0], p = a.shape[1];
  std::vector<Eigen::Matrix3Xd> sets(n);
  for (int64_t i = 0; i < n; ++i) sets[i] = Eigen::Map<const Eigen::Matrix3Xd>(a.values.data() + i * p * 3, 3, p);
  return sets;
}

void RequireBatch(const NumericArray& a, const std::string& origin, const std::string& what) {
  if (!IsPointListBatch(a) || a.shape[0] == 0)
    throw InputError(origin + ": " + what + " has shape " + ShapeToString(a.shape) + ", expected (N, K, 3) with N > 0");
}

std::vector<HandSample> FromBatches(const NumericArray& xyz, const NumericArray* verts, const std::string& origin,
                                    const std::string& xyz_name, const std::string& verts_name) {
  RequireBatch(xyz, origin, xyz_name);
  std::vector<Eigen::Matrix3Xd> keypoints = SplitBatch(xyz);
  std::vector<HandSample> samples(keypoints.size());
  for (size_t i = 0; i < samples.size(); ++i) samples[i].keypoints = std::move(keypoints[i]);
  if (verts && !IsEmptyList(*verts)) {
    RequireBatch(*verts, origin, verts_name);
    if (verts->shape[0] != xyz.shape[0])
      throw InputError(origin + ": " + verts_name + " has " + std::to_string(verts->shape[0]) + " samples but " +
                       xyz_name + " has " + std::to_string(xyz.shape[0]));
    std::vector<Eigen::Matrix3Xd> vertices = SplitBatch(*verts);
    for (size_t i = 0; i < samples.size(); ++i) samples[i].vertices = std::move(vertices[i]);
  }
  return samples;
}

std::vector<HandSample> FromDocument(const JsonNumericChildren& doc, const std::string& origin, HandSetFormat format) {
  if (doc.is_object) {
    // FreiHAND-style objects use "xyz"/"verts", HandProp's "keypoints"/"vertices".
    const bool handprop = !doc.keys.empty() && (doc.keys[0] == "keypoints" || doc.keys[0] == "vertices");
    if (format == HandSetFormat::kHandProp && !handprop)
      throw InputError(origin + ": expected HandProp's {\"keypoints\", \"vertices\"} (--format handprop)");
    if (format == HandSetFormat::kFreiHand && handprop)
      throw InputError(origin + ": HandProp's {\"keypoints\", \"vertices\"} layout, but --format freihand was given");
    const std::string xyz_key = handprop ? "keypoints" : "xyz", verts_key = handprop ? "vertices" : "verts";
    const NumericArray* xyz = nullptr;
    const NumericArray* verts = nullptr;
    for (size_t i = 0; i < doc.keys.size(); ++i) {
      if (doc.keys[i] == xyz_key) xyz = &doc.arrays[i];
      else if (doc.keys[i] == verts_key) verts = &doc.arrays[i];
      else throw InputError(origin + ": unknown key \"" + doc.keys[i] + "\" (expected \"" + xyz_key + "\" and \"" + verts_key + "\")");
    }
    if (!xyz) throw InputError(origin + ": missing key \"" + xyz_key + "\"");
    return FromBatches(*xyz, verts, origin, "\"" + xyz_key + "\"", "\"" + verts_key + "\"");
  }
  if (format == HandSetFormat::kHandProp)
    throw InputError(origin + ": expected HandProp's {\"keypoints\", \"vertices\"} object (--format handprop)");
  if (doc.arrays.empty()) throw InputError(origin + ": no samples (empty list)");
  if (doc.arrays.size() == 2 && IsPointListBatch(doc.arrays[0]) &&
      (IsPointListBatch(doc.arrays[1]) || IsEmptyList(doc.arrays[1]))) {
    return FromBatches(doc.arrays[0], &doc.arrays[1], origin, "xyz_list", "verts_list");
  }
  std::vector<HandSample> samples(doc.arrays.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    const NumericArray& a = doc.arrays[i];
    if (!IsPointList(a) || a.shape[0] == 0)
      throw InputError(origin + ": sample " + std::to_string(i) + " has shape " + ShapeToString(a.shape) +
                       "; expected [xyz_list, verts_list], {\"xyz\", \"verts\"} or a list of K x 3 keypoints");
    samples[i].keypoints = Eigen::Map<const Eigen::Matrix3Xd>(a.values.data(), 3, a.shape[0]);
  }
  return samples;
}

nlohmann::ordered_json Number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); }

nlohmann::ordered_json Vector(const Eigen::VectorXd& v) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(Number(v(i)));
  return out;
}

nlohmann::ordered_json Pck(const PckSummary& s) {
  return {{"thresholds", Vector(s.thresholds)}, {"curve", Vector(s.curve)}, {"auc", Number(s.auc)}};
}

nlohmann::ordered_json FScores(const std::vector<FScore>& scores) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const FScore& s : scores)
    out.push_back({{"threshold", s.threshold}, {"precision", s.precision}, {"recall", s.recall}, {"f", s.f}});
  return out;
}

}  // namespace

std::vector<HandSample> ParseHandSetJson(const std::string& text, const std::string& origin, HandSetFormat format) {
  return FromDocument(ParseJsonNumericChildren(text, origin), origin, format);
}

std::vector<HandSample> ReadHandSetJson(const std::string& path, HandSetFormat format) {
  if (!std::filesystem::is_directory(path)) return FromDocument(ReadJsonNumericChildren(path), path, format);
  if (format == HandSetFormat::kHandProp) throw InputError(path + ": a folder is FreiHAND's layout, not --format handprop");
  // FreiHAND's folder: exactly one <prefix>_xyz.json, and <prefix>_verts.json when present.
  std::vector<std::string> xyz_files;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 9 && name.compare(name.size() - 9, 9, "_xyz.json") == 0) xyz_files.push_back(entry.path().string());
  }
  if (xyz_files.size() != 1)
    throw InputError(path + ": expected one *_xyz.json in the folder, found " + std::to_string(xyz_files.size()));
  std::vector<HandSample> samples = FromDocument(ReadJsonNumericChildren(xyz_files[0]), xyz_files[0], format);
  const std::string verts = xyz_files[0].substr(0, xyz_files[0].size() - 9) + "_verts.json";
  if (std::filesystem::exists(verts)) ReadVerticesJson(verts, &samples);
  return samples;
}

void ReadVerticesJson(const std::string& path, std::vector<HandSample>* samples) {
  const JsonNumericChildren doc = ReadJsonNumericChildren(path);
  if (doc.is_object) throw InputError(path + ": expected a list of V x 3 vertex arrays, found an object");
  if (doc.arrays.size() != samples->size())
    throw InputError(path + ": " + std::to_string(doc.arrays.size()) + " vertex sets for " +
                     std::to_string(samples->size()) + " samples");
  for (size_t i = 0; i < doc.arrays.size(); ++i) {
    const NumericArray& a = doc.arrays[i];
    if (!IsPointList(a) || a.shape[0] == 0)
      throw InputError(path + ": sample " + std::to_string(i) + " has shape " + ShapeToString(a.shape) +
                       ", expected (V, 3)");
    (*samples)[i].vertices = Eigen::Map<const Eigen::Matrix3Xd>(a.values.data(), 3, a.shape[0]);
  }
}

std::string HandEvalReportToJson(const HandEvalReport& r, bool per_sample) {
  nlohmann::ordered_json fscores = nlohmann::ordered_json::array();
  for (size_t t = 0; t < r.fscore_thresholds.size(); ++t)
    fscores.push_back(
        {{"threshold", r.fscore_thresholds[t]}, {"f", Number(r.fscore[t])}, {"f_procrustes", Number(r.fscore_p[t])}});
  nlohmann::ordered_json j = {
      {"units", "metres"},
      {"num_samples", r.num_samples},
      {"num_with_vertices", r.num_with_vertices},
      {"num_with_mpvpe", r.num_with_mpvpe},
      {"mpjpe", Number(r.mpjpe)},
      {"mpjpe_translation", Number(r.mpjpe_t)},
      {"mpjpe_scale_depth", Number(r.mpjpe_sd)},
      {"mpjpe_procrustes", Number(r.mpjpe_p)},
      {"mpjpe_root_bone_scale", Number(r.mpjpe_rb)},
      {"mpvpe", Number(r.mpvpe)},
      {"mpvpe_procrustes", Number(r.mpvpe_p)},
      {"fscore", fscores},
      {"pck", Pck(r.pck)},
      {"pck_procrustes", Pck(r.pck_p)},
      {"pck_root_bone_scale", Pck(r.pck_rb)},
  };
  if (per_sample) {
    nlohmann::ordered_json samples = nlohmann::ordered_json::array();
    for (const HandSampleErrors& e : r.samples) {
      samples.push_back({{"mpjpe", Number(e.mpjpe)},
                         {"mpjpe_translation", Number(e.mpjpe_t)},
                         {"mpjpe_scale_depth", Number(e.mpjpe_sd)},
                         {"mpjpe_procrustes", Number(e.mpjpe_p)},
                         {"mpjpe_root_bone_scale", Number(e.mpjpe_rb)},
                         {"mpvpe", Number(e.mpvpe)},
                         {"mpvpe_procrustes", Number(e.mpvpe_p)},
                         {"fscore", FScores(e.fscores)},
                         {"fscore_procrustes", FScores(e.fscores_p)}});
    }
    j["samples"] = std::move(samples);
  }
  return j.dump(2) + "\n";
}

}  // namespace handprop
