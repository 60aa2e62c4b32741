// SPDX-License-Identifier: Apache-2.0
// Streaming reader for FreiHAND's annotation files: a top-level JSON list whose entries are
// numbers or rectangular nested lists of numbers (N x 3 x 3 K matrices, N x 21 x 3 keypoints,
// N x 778 x 3 vertices, N x 1 x 61 MANO vectors, N scale numbers). Parsed with nlohmann's SAX
// interface into one flat vector, 8 bytes a number, so the 32560 x 778 x 3 vertex file fits
// where a JSON DOM would need ~30x more.
//
// Errors (InputError, one line naming the file first): missing file, size over the limit,
// invalid JSON with its byte position, a top level that is not a list, an entry that is not
// numeric or is ragged ("entry 7 is ragged"). Thread-safe.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace handprop {

struct NumericList {
  std::string path;                          // the file, for messages
  std::vector<std::vector<int64_t>> shapes;  // per entry, {} for a plain number
  std::vector<size_t> offsets;               // per entry, into values; one extra at the end
  std::vector<double> values;                // every number, entries in order, row-major

  size_t size() const { return shapes.size(); }
  // The entry as a rows x cols matrix (row-major in the file). Accepts an entry of shape
  // (rows, cols), or (cols) / (1, cols) when rows == 1; anything else throws
  // "<path>: entry 7 has shape (20, 3), expected (21, 3)".
  Eigen::MatrixXd Entry(size_t index, int rows, int cols) const;
  // Entry(index, 1, 1) for a plain number (also accepts shape (1)).
  double Scalar(size_t index) const;
};

NumericList ReadNumericList(const std::string& path, uint64_t max_bytes, const std::string& why);
NumericList ParseNumericList(const std::string& text, const std::string& origin);

}  // namespace handprop
