// SPDX-License-Identifier: Apache-2.0
// Guarded reading and checked writing of the formats' JSON files. Every problem throws
// InputError with one line naming the file first:
//   "<path>: missing (<why the file is needed>)"
//   "<path>: 5000 bytes exceeds the limit of 100 bytes (max_file_bytes)"
//   "<path>: invalid JSON at byte 17: <nlohmann's message>"
//   "<path>: <what> has shape (20, 3), expected (21, 3)"
// Writing goes through WriteFileAtomically. Thread-safe (no shared state).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace handprop {

inline constexpr uint64_t kDefaultMaxFileBytes = uint64_t{4} << 30;  // 4 GiB

// Throws the "missing" error when `path` is not a regular file, and the size error when it is
// larger than `max_bytes`; returns the size in bytes.
uint64_t CheckInputFile(const std::string& path, uint64_t max_bytes, const std::string& why);

// CheckInputFile, then the whole file as text.
std::string ReadGuardedFile(const std::string& path, uint64_t max_bytes, const std::string& why);

// ReadGuardedFile, then a JSON DOM (for the small per-frame files).
nlohmann::json ReadJsonFile(const std::string& path, uint64_t max_bytes, const std::string& why);

// The shape of a nested numeric array ("(21, 3)"), or a word for anything else ("a string").
std::string JsonShapeString(const nlohmann::json& value);

// A rows x cols matrix from a list of `rows` lists of `cols` finite numbers. `what` names the
// value in the error ("K[3]"); `origin` is the file.
Eigen::MatrixXd JsonToMatrix(const nlohmann::json& value, int rows, int cols, const std::string& origin,
                             const std::string& what);
// Row-major nested lists of a matrix; doubles are written in nlohmann's round-trip form.
nlohmann::json MatrixToJson(const Eigen::MatrixXd& matrix);

// value[key], or the error "<origin>: missing key \"key\"" (value must be an object).
const nlohmann::json& JsonMember(const nlohmann::json& value, const std::string& key, const std::string& origin);

// Serialises compactly (one line) and writes atomically.
void WriteJsonFile(const std::string& path, const nlohmann::json& value);

}  // namespace handprop
