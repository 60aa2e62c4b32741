// SPDX-License-Identifier: Apache-2.0
#include "tests/io/video/video_test_util.h"

#include <cmath>
#include <fstream>
#include <opencv2/core.hpp>
#include <sstream>

#include "core/io/video/video_writer.h"
#include "core/util/error.h"

namespace handprop::testing {
namespace {

constexpr int kBits = 8;

cv::Rect BitBlock(int bit, int width, int height) {
  const int w = width / kBits;
  return {bit * w, 0, w, height / 4};
}

}  // namespace

cv::Mat IndexedFrame(int index, int width, int height) {
  HP_CHECK(index >= 0 && index < (1 << kBits), "index ", index);
  cv::Mat frame(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double u = x + 2.0 * index, v = y + 1.0 * index;  // the texture scrolls
      const double t = 0.5 + 0.25 * std::sin(0.21 * u) * std::cos(0.17 * v) + 0.2 * std::sin(0.05 * (u + v));
      const unsigned hash = (static_cast<unsigned>(x) * 73856093u) ^ (static_cast<unsigned>(y) * 19349663u);
      const int noise = static_cast<int>(hash % 17) - 8;
      frame.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(255 * t + noise),
                                            cv::saturate_cast<uchar>(200 * (1 - t) + noise + 20),
                                            cv::saturate_cast<uchar>((x * 3 + index * 5) % 256));
    }
  }
  for (int bit = 0; bit < kBits; ++bit)
    frame(BitBlock(bit, width, height)).setTo((index >> bit) & 1 ? cv::Scalar(255, 255, 255) : cv::Scalar(0, 0, 0));
  return frame;
}

int DecodeFrameIndex(const cv::Mat& frame) {
  int index = 0;
  for (int bit = 0; bit < kBits; ++bit) {
    const cv::Rect block = BitBlock(bit, frame.cols, frame.rows);
    const cv::Rect inner(block.x + block.width / 4, block.y + block.height / 4, block.width / 2, block.height / 2);
    const double mean = cv::mean(frame(inner))[0];
    if (mean > 200) index |= 1 << bit;
    else if (mean > 55) return -1;
  }
  return index;
}

void WriteIndexedVideo(const std::string& path, int count, int width, int height, double fps) {
  auto writer = OpenVideoWriter(path, fps, width, height);
  for (int i = 0; i < count; ++i) writer->Write(IndexedFrame(i, width, height));
  writer->Close();
}

bool SameFrame(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return false;
  return a.empty() || cv::norm(a, b, cv::NORM_INF) == 0;
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace handprop::testing
