// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/image_header.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "core/util/error.h"

namespace handprop {
namespace {

using Bytes = std::vector<unsigned char>;

// Reads up to `size` bytes at `offset`; returns fewer at the end of the file.
Bytes ReadAt(std::ifstream& in, uint64_t offset, size_t size) {
  Bytes bytes(size);
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return bytes;
}

uint32_t Get(const Bytes& b, size_t at, int size, bool big_endian) {
  uint32_t v = 0;
  for (int i = 0; i < size; ++i) {
    const int k = big_endian ? i : size - 1 - i;
    v = (v << 8) | b[at + static_cast<size_t>(k)];
  }
  return v;
}

std::optional<cv::Size> Checked(int64_t width, int64_t height) {
  if (width <= 0 || height <= 0 || width > (1 << 30) || height > (1 << 30)) return std::nullopt;
  return cv::Size(static_cast<int>(width), static_cast<int>(height));
}

std::optional<cv::Size> PngSize(const Bytes& head) {
  if (head.size() < 24 || Get(head, 12, 4, true) != 0x49484452u) return std::nullopt;  // "IHDR"
  return Checked(Get(head, 16, 4, true), Get(head, 20, 4, true));
}

std::optional<cv::Size> BmpSize(const Bytes& head) {
  if (head.size() < 26 || Get(head, 14, 4, false) < 40) return std::nullopt;  // not BITMAPINFOHEADER+
  const auto height = static_cast<int32_t>(Get(head, 22, 4, false));  // negative: top-down rows
  return Checked(static_cast<int32_t>(Get(head, 18, 4, false)), height < 0 ? -int64_t{height} : height);
}

std::optional<cv::Size> JpegSize(std::ifstream& in) {
  uint64_t at = 2;
  for (int markers = 0; markers < 4096; ++markers) {
    Bytes m = ReadAt(in, at, 4);
    if (m.size() < 2 || m[0] != 0xFF) return std::nullopt;
    const unsigned char type = m[1];
    if (type == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (type == 0x01 || (type >= 0xD0 && type <= 0xD8)) {  // markers without a length
      at += 2;
      continue;
    }
    if (m.size() < 4 || type == 0xD9 || type == 0xDA) return std::nullopt;  // EOI / SOS before SOF
    const bool sof = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
    if (sof) {
      const Bytes f = ReadAt(in, at + 4, 5);
      if (f.size() < 5) return std::nullopt;
      return Checked(Get(f, 3, 2, true), Get(f, 1, 2, true));
    }
    at += 2 + Get(m, 2, 2, true);
  }
  return std::nullopt;
}

std::optional<cv::Size> TiffSize(std::ifstream& in, bool big_endian) {
  const Bytes header = ReadAt(in, 0, 8);
  const uint32_t ifd = Get(header, 4, 4, big_endian);
  const Bytes count_bytes = ReadAt(in, ifd, 2);
  if (count_bytes.size() < 2) return std::nullopt;
  const uint32_t count = Get(count_bytes, 0, 2, big_endian);
  const Bytes entries = ReadAt(in, ifd + 2, size_t{count} * 12);
  if (entries.size() < size_t{count} * 12) return std::nullopt;
  int64_t width = -1, height = -1;
  for (uint32_t e = 0; e < count; ++e) {
    const size_t at = size_t{e} * 12;
    const uint32_t tag = Get(entries, at, 2, big_endian), type = Get(entries, at + 2, 2, big_endian);
    if (tag != 256 && tag != 257) continue;
    int64_t value;
    if (type == 3) value = Get(entries, at + 8, 2, big_endian);       // SHORT, left-justified
    else if (type == 4) value = Get(entries, at + 8, 4, big_endian);  // LONG
    else return std::nullopt;
    (tag == 256 ? width : height) = value;
  }
  return Checked(width, height);
}

}  // namespace

std::optional<cv::Size> ImageSizeFromHeader(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const Bytes head = ReadAt(in, 0, 32);
  if (head.size() < 8) return std::nullopt;
  if (Get(head, 0, 4, true) == 0x89504E47u) return PngSize(head);
  if (head[0] == 0xFF && head[1] == 0xD8) return JpegSize(in);
  if (head[0] == 'B' && head[1] == 'M') return BmpSize(head);
  if (head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0) return TiffSize(in, false);
  if (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42) return TiffSize(in, true);
  return std::nullopt;
}

cv::Size ImageSize(const std::string& file) {
  if (const auto size = ImageSizeFromHeader(file)) return *size;
  const cv::Mat image = cv::imread(file, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  if (image.empty()) throw InputError(file + ": not a readable image");
  return image.size();
}

}  // namespace handprop
