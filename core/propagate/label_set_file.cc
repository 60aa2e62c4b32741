// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/label_set_file.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "handprop-label-set";
constexpr int kVersion = 1;

bool KnownMethod(const std::string& m) {
  return m == "bidirectional" || m == "nearest" || m == "predictor" || m == "interpolation";
}

json Numbers(const double* values, int n) {
  json out = json::array();
  for (int i = 0; i < n; ++i) out.push_back(values[i]);
  return out;
}

// The problem with one label ("" when none), shared by writing and reading.
std::string LabelProblem(const LabelRecord& l) {
  if (IsHumanProvenance(l.provenance))
    return std::string("provenance: a label set holds machine labels, not ") + ProvenanceName(l.provenance) + " ones";
  if (!l.params.pose.allFinite()) return "params.pose: expected 48 finite numbers";
  if (!l.params.betas.allFinite()) return "params.betas: expected 10 finite numbers";
  if (!l.params.trans.allFinite()) return "params.trans: expected 3 finite numbers";
  if (!l.keypoints.allFinite()) return "keypoints: expected 63 finite numbers";
  if (!l.confidence.allFinite() || (l.confidence.array() < 0).any() || (l.confidence.array() > 1).any())
    return "confidence: expected 21 numbers in [0, 1]";
  if (l.video_id <= 0 || l.hand_id <= 0 || l.frame_index < 0) return "video, hand and frame must be stored ids and a frame >= 0";
  return {};
}

// Field access that names the file and the field on every failure.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}
  [[noreturn]] void Fail(const std::string& where, const std::string& what) const {
    throw InputError(path_ + ": " + where + ": " + what);
  }
  const json& Field(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object()) Fail(where, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) Fail(where.empty() ? key : where + "." + key, "missing");
    return *it;
  }
  std::string Text(const json& j, const std::string& where) const {
    if (!j.is_string()) Fail(where, "expected a string");
    return j.get<std::string>();
  }
  int64_t Integer(const json& j, const std::string& where) const {
    if (!j.is_number_integer()) Fail(where, "expected an integer");
    return j.get<int64_t>();
  }
  void Numbers(const json& j, const std::string& where, int n, double* out) const {
    const std::string expected = "expected " + std::to_string(n) + " finite numbers";
    if (!j.is_array() || static_cast<int>(j.size()) != n) Fail(where, expected);
    for (int i = 0; i < n; ++i) {
      if (!j[i].is_number()) Fail(where, expected);
      out[i] = j[i].get<double>();
      if (!std::isfinite(out[i])) Fail(where, expected);
    }
  }

 private:
  std::string path_;
};

LabelRecord ReadLabel(const Reader& r, const json& j, const std::string& where) {
  LabelRecord l;
  l.video_id = r.Integer(r.Field(j, "video", where), where + ".video");
  l.frame_index = static_cast<int>(r.Integer(r.Field(j, "frame", where), where + ".frame"));
  l.hand_id = r.Integer(r.Field(j, "hand", where), where + ".hand");
  const std::string provenance = r.Text(r.Field(j, "provenance", where), where + ".provenance");
  const std::optional<Provenance> parsed = ParseProvenance(provenance);
  if (!parsed) r.Fail(where + ".provenance", "'" + provenance + "' is not a provenance");
  l.provenance = *parsed;
  const json& params = r.Field(j, "params", where);
  r.Numbers(r.Field(params, "pose", where + ".params"), where + ".params.pose", kPoseDim, l.params.pose.data());
  r.Numbers(r.Field(params, "betas", where + ".params"), where + ".params.betas", kNumBetas, l.params.betas.data());
  r.Numbers(r.Field(params, "trans", where + ".params"), where + ".params.trans", 3, l.params.trans.data());
  r.Numbers(r.Field(j, "keypoints", where), where + ".keypoints", 3 * kNumKeypoints, l.keypoints.data());
  r.Numbers(r.Field(j, "confidence", where), where + ".confidence", kNumKeypoints, l.confidence.data());
  l.model_id = r.Text(r.Field(j, "model_id", where), where + ".model_id");
  const json& sources = r.Field(j, "source_frames", where);
  if (!sources.is_array()) r.Fail(where + ".source_frames", "expected a list of frames");
  for (const json& s : sources) l.source_frames.push_back(static_cast<int>(r.Integer(s, where + ".source_frames")));
  l.author = r.Text(r.Field(j, "author", where), where + ".author");
  if (const std::string problem = LabelProblem(l); !problem.empty()) r.Fail(where, problem);
  return l;
}

}  // namespace

void WriteLabelSet(const std::string& path, const LabelSet& set) {
  if (!KnownMethod(set.method)) throw InputError(path + ": method: '" + set.method + "' is not a propagation method");
  json labels = json::array();
  for (size_t i = 0; i < set.labels.size(); ++i) {
    const LabelRecord& l = set.labels[i];
    if (const std::string problem = LabelProblem(l); !problem.empty())
      throw InputError(path + ": labels[" + std::to_string(i) + "]: " + problem);
    labels.push_back({{"video", l.video_id},
                      {"frame", l.frame_index},
                      {"hand", l.hand_id},
                      {"provenance", ProvenanceName(l.provenance)},
                      {"params",
                       {{"pose", Numbers(l.params.pose.data(), kPoseDim)},
                        {"betas", Numbers(l.params.betas.data(), kNumBetas)},
                        {"trans", Numbers(l.params.trans.data(), 3)}}},
                      {"keypoints", Numbers(l.keypoints.data(), 3 * kNumKeypoints)},
                      {"confidence", Numbers(l.confidence.data(), kNumKeypoints)},
                      {"model_id", l.model_id},
                      {"source_frames", l.source_frames},
                      {"author", l.author}});
  }
  const json file{{"format", kFormat},    {"version", kVersion},         {"project", set.project},
                  {"method", set.method}, {"model_id", set.model_id},    {"labels", std::move(labels)}};
  // nlohmann writes doubles as the shortest text that parses back to the same value.
  WriteFileAtomically(path, file.dump() + "\n");
}

LabelSet ReadLabelSet(const std::string& path) {
  const std::string text = ReadFileToString(path);
  json file;
  try {
    file = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError(path + ": malformed JSON at byte " + std::to_string(e.byte));
  }
  const Reader r(path);
  if (!file.is_object()) r.Fail("file", "expected a JSON object");
  if (r.Text(r.Field(file, "format", ""), "format") != kFormat) r.Fail("format", std::string("expected '") + kFormat + "'");
  if (r.Integer(r.Field(file, "version", ""), "version") != kVersion)
    r.Fail("version", "expected " + std::to_string(kVersion) + " (written by another HandProp version)");
  LabelSet set;
  set.project = r.Text(r.Field(file, "project", ""), "project");
  set.method = r.Text(r.Field(file, "method", ""), "method");
  if (!KnownMethod(set.method)) r.Fail("method", "'" + set.method + "' is not a propagation method");
  set.model_id = r.Text(r.Field(file, "model_id", ""), "model_id");
  const json& labels = r.Field(file, "labels", "");
  if (!labels.is_array()) r.Fail("labels", "expected a list");
  for (size_t i = 0; i < labels.size(); ++i)
    set.labels.push_back(ReadLabel(r, labels[i], "labels[" + std::to_string(i) + "]"));
  return set;
}

void CheckLabelSetDestination(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) throw InputError("preview: the path is empty");
  if (fs::is_directory(path)) throw InputError(path + ": is a folder, not a file");
  const fs::path parent = fs::absolute(path).parent_path();
  if (!fs::is_directory(parent)) throw InputError(path + ": folder " + parent.string() + " does not exist");
  if (::access(parent.c_str(), W_OK) != 0) throw InputError(path + ": folder " + parent.string() + " is not writable");
}

}  // namespace handprop
