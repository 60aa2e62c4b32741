// SPDX-License-Identifier: Apache-2.0
// NumPy .npy/.npz reading and writing, so that model files are plain NumPy archives that any
// MANO/LBS implementation (and `numpy.load`) can open. Reads stored and deflated zip entries
// (numpy.savez and numpy.savez_compressed, zip64 headers included), C and Fortran order, and
// little-endian numeric dtypes; writes uncompressed, C order, format version 1.0.
// Every malformed input throws InputError "<path>: <what is wrong>".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace handprop {

// One n-dimensional array: little-endian elements in C (row-major) order.
struct NpyArray {
  char kind = 'f';        // 'f' float, 'i' signed int, 'u' unsigned int, 'b' bool
  int item_size = 8;      // bytes per element
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  int64_t NumElements() const;
  std::string DtypeString() const;  // NumPy descr, e.g. "<f8"
  std::string ShapeString() const;  // "(778, 3)"

  // Converts every element to T (any numeric dtype to any numeric T).
  template <typename T>
  std::vector<T> Values() const;

  static NpyArray FromDoubles(const std::vector<double>& values, std::vector<int64_t> shape);
  static NpyArray FromInt64(const std::vector<int64_t>& values, std::vector<int64_t> shape);
  static NpyArray FromInt32(const std::vector<int32_t>& values, std::vector<int64_t> shape);
  static NpyArray FromUInt32(const std::vector<uint32_t>& values, std::vector<int64_t> shape);
  static NpyArray FromBytes(const std::string& text);  // uint8 vector, e.g. UTF-8 JSON
  std::string AsText() const;                            // inverse of FromBytes
};

using NpzArchive = std::map<std::string, NpyArray>;

// Parses one .npy buffer; `origin` names it in error messages.
NpyArray ParseNpy(const std::string& buffer, const std::string& origin);
std::string SerializeNpy(const NpyArray& array);

// Reads every array of an .npz file (keys without the ".npy" suffix).
NpzArchive ReadNpz(const std::string& path);
NpzArchive ParseNpz(const std::string& buffer, const std::string& origin);

// Writes an uncompressed .npz atomically (temporary file + rename).
void WriteNpz(const std::string& path, const NpzArchive& archive);
std::string SerializeNpz(const NpzArchive& archive);

}  // namespace handprop
