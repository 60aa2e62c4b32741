// SPDX-License-Identifier: Apache-2.0
// Streaming reader for JSON files made of numeric arrays, the layout of FreiHAND's and HanCo's
// annotation and prediction files (lists of N x 21 x 3 keypoints, N x 778 x 3 vertices, ...).
// The file is parsed with nlohmann's SAX interface straight into flat double vectors, so a
// 3960 x 778 x 3 vertex file costs 8 bytes per number instead of a JSON DOM's ~100.
//
//   JsonNumericChildren doc = ReadJsonNumericChildren("pred.json");
//   doc.arrays[0].shape   // e.g. {3960, 21, 3}
//
// Every problem throws InputError "<path>: <problem>" (missing file, invalid JSON with its byte
// offset, a ragged array, a non-numeric or non-finite value, a top level that is not an array
// or object). Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace handprop {

// A rectangular nested array of numbers: its shape ({} for a plain number, {0} for []) and its
// values in row-major (C) order.
struct NumericArray {
  std::vector<int64_t> shape;
  std::vector<double> values;
};

// The children of the top-level array or object, each a NumericArray. `keys` holds the object
// keys in file order (empty for a top-level array).
struct JsonNumericChildren {
  bool is_object = false;
  std::vector<std::string> keys;
  std::vector<NumericArray> arrays;
};

JsonNumericChildren ReadJsonNumericChildren(const std::string& path);
// The same for JSON text already in memory; `origin` names it in error messages.
JsonNumericChildren ParseJsonNumericChildren(const std::string& text, const std::string& origin);

// "(3960, 21, 3)", for messages.
std::string ShapeToString(const std::vector<int64_t>& shape);

}  // namespace handprop
