// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/json_io.h"

#include <cmath>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {

uint64_t CheckInputFile(const std::string& path, uint64_t max_bytes, const std::string& why) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw InputError(path + ": missing (" + why + ")");
  const uint64_t size = std::filesystem::file_size(path, error);
  if (error) throw InputError(path + ": cannot read its size (" + error.message() + ")");
  if (size > max_bytes)
    throw InputError(detail::Concat(path, ": ", size, " bytes exceeds the limit of ", max_bytes, " bytes (max_file_bytes)"));
  return size;
}

std::string ReadGuardedFile(const std::string& path, uint64_t max_bytes, const std::string& why) {
  CheckInputFile(path, max_bytes, why);
  return ReadFileToString(path);
}

nlohmann::json ReadJsonFile(const std::string& path, uint64_t max_bytes, const std::string& why) {
  const std::string text = ReadGuardedFile(path, max_bytes, why);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(detail::Concat(path, ": invalid JSON at byte ", e.byte, ": ", e.what()));
  }
}

std::string JsonShapeString(const nlohmann::json& value) {
  if (value.is_number()) return "()";
  if (!value.is_array()) return std::string("a ") + value.type_name();
  if (value.empty()) return "(0)";
  const std::string inner = JsonShapeString(value[0]);
  if (inner.front() != '(') return "a list of " + inner.substr(2) + "s";
  for (const nlohmann::json& child : value)
    if (JsonShapeString(child) != inner) return "a ragged list";
  const std::string count = std::to_string(value.size());
  return inner == "()" ? "(" + count + ")" : "(" + count + ", " + inner.substr(1);
}

Eigen::MatrixXd JsonToMatrix(const nlohmann::json& value, int rows, int cols, const std::string& origin,
                             const std::string& what) {
  auto shape_error = [&] {
    return InputError(detail::Concat(origin, ": ", what, " has shape ", JsonShapeString(value), ", expected (", rows,
                                     ", ", cols, ")"));
  };
  if (!value.is_array() || static_cast<int>(value.size()) != rows) throw shape_error();
  Eigen::MatrixXd out(rows, cols);
  for (int r = 0; r < rows; ++r) {
    const nlohmann::json& row = value[r];
    if (!row.is_array() || static_cast<int>(row.size()) != cols) throw shape_error();
    for (int c = 0; c < cols; ++c) {
      if (!row[c].is_number()) throw shape_error();
      out(r, c) = row[c].get<double>();
      if (!std::isfinite(out(r, c)))
        throw InputError(detail::Concat(origin, ": ", what, " has a non-finite value at (", r, ", ", c, ")"));
    }
  }
  return out;
}

nlohmann::json MatrixToJson(const Eigen::MatrixXd& matrix) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) row.push_back(matrix(r, c));
    out.push_back(std::move(row));
  }
  return out;
}

const nlohmann::json& JsonMember(const nlohmann::json& value, const std::string& key, const std::string& origin) {
  if (!value.is_object()) throw InputError(origin + ": expected a JSON object, found " + JsonShapeString(value));
  const auto it = value.find(key);
  if (it == value.end()) throw InputError(origin + ": missing key \"" + key + "\"");
  return *it;
}

void WriteJsonFile(const std::string& path, const nlohmann::json& value) { WriteFileAtomically(path, value.dump()); }

}  // namespace handprop
