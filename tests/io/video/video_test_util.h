// SPDX-License-Identifier: Apache-2.0
// Synthetic test videos whose frames carry their own index: eight big black/white blocks across
// the top quarter encode the index in binary (they survive H.264 and JPEG compression), and the
// rest of the frame is a moving texture so that the codecs see realistic, changing content.
#pragma once

#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

namespace handprop::testing {

// Frame `index` (0..255) of a width x height CV_8UC3 test video. Deterministic.
cv::Mat IndexedFrame(int index, int width, int height);

// The index encoded in the blocks of a (possibly compressed) IndexedFrame; -1 if unreadable.
int DecodeFrameIndex(const cv::Mat& frame);

// Writes frames 0..count-1 with OpenVideoWriter (the extension picks the format) and closes it.
void WriteIndexedVideo(const std::string& path, int count, int width, int height, double fps = 25.0);

// True when both are the same size and type and every byte is equal.
bool SameFrame(const cv::Mat& a, const cv::Mat& b);

// The file's bytes; and writing a prefix of them (a truncated copy).
std::string FileBytes(const std::string& path);
void WriteBytes(const std::string& path, const std::string& bytes);

}  // namespace handprop::testing
