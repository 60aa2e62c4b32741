// SPDX-License-Identifier: Apache-2.0
// A project's videos and labels as training material: hand crops of any frame, with the label's
// targets where the frame has one. Reads the project file READ-ONLY, once, at construction (the
// store is closed again afterwards); pixels are decoded on demand.
//
//   ProjectFrames frames("demo/project.hpj", ProjectFramesOptions{});
//   PairSampler sampler(frames.KeyFrames(), PairSamplerOptions{});   // same video order
//   CropSample s = frames.Frame(frames.videos()[0].video_id, 17);     // crop placed by frame 20's label
//
// What counts as a label (decisions, issue 4 item 3):
//  - The hand of a video is the RIGHT hand of its sequence (the first by id when a sequence has
//    several); a sequence without one gives its videos no key frames.
//  - Key frames are the frames whose label for that hand is human-made: provenance manual,
//    corrected or verified. Machine labels (interpolated, propagated, predicted) are never
//    training targets, nor do they place crops.
//  - A file whose role is ground_truth is refused: training never sees ground truth.
//
// Crop boxes (core/data/hand_crop.h): a key frame's box comes from its own label's 3D keypoints
// projected with that frame's intrinsics (the frame's override, else the video's), margin
// options.crop.margin. Any other frame borrows the keypoints of its NEAREST key frame (ties go to
// the earlier one), projected with the key frame's intrinsics, with margin options.crop.margin +
// options.unlabelled_extra_margin. The defaults use ONE margin (0.7) for every frame: a hand that
// does not move then gives the same box, the same crop and the same features in a key frame and
// its neighbours, so the aligner sees only motion (a wider box for unlabelled frames alone made a
// still hand look like a scale change; docs/benchmarks.md), and 0.7 keeps the hand inside the box
// for the motions of the synthetic data (a 10-frame gap at 30 fps).
// Ground truth is never read, so the same crop is available at training and propagation time.
//
// Pixels: one CachedVideoSource per video, opened on first use, each holding at most
// options.cache_bytes_per_video of decoded frames (random access is the common pattern). Frames
// with a per-frame image_path (image lists) are read from that file instead. Determinism: the
// same calls give the same bytes, in any order.
//
// Errors (InputError, one line): the ground-truth role, "<project>: is a ground-truth store;
// training reads the labels of a project"; a missing video file, "<project>: video <id> file
// <path> does not exist"; an unknown video id or a frame outside the video; a frame without key
// frame in its video (no label to place the crop); keypoints behind the camera. Store and decoder
// errors pass through.
// Threads: not thread-safe (the decoders and caches); use one ProjectFrames per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/hand_crop.h"
#include "core/io/store/store_records.h"
#include "core/io/video/frame_cache.h"
#include "core/train/pair_sampler.h"

namespace handprop {

struct ProjectFramesOptions {
  HandCropOptions crop{128, 0.7, 32.0};  // S, margin and minimum side of every crop
  // Added to crop.margin for frames without a label, whose box comes from the nearest key frame.
  double unlabelled_extra_margin = 0.0;
  // Decoded-frame cache per video, bytes (16 MiB: a whole 120-frame 128-px video, ~3 1080p frames).
  int64_t cache_bytes_per_video = int64_t{16} << 20;
  // Only the videos of these sequences (e.g. a training split); empty = every video. A name the
  // project does not have is an InputError.
  std::vector<std::string> sequences;
  std::string Check() const;
};

struct ProjectVideo {
  int64_t video_id = 0;
  std::string path;             // absolute
  std::string sequence;
  int camera_index = 0;
  int num_frames = 0;
  int64_t hand_id = 0;          // the right hand of the sequence; 0 when it has none
  std::vector<int> key_frames;  // strictly increasing
};

struct CropSample {
  cv::Mat crop;                      // S x S CV_8UC3, BGR (as decoded)
  CameraIntrinsics intrinsics;       // of the crop, pixels
  HandCropBox box;                   // the crop's box in the frame (after jitter, if any)
  bool labelled = false;             // the frame is a key frame
  HandParams params;                 // the label's (zeros when unlabelled)
  KeypointMatrix keypoints = KeypointMatrix::Zero();  // the label's, camera frame, metres
  int64_t video_id = 0;
  int frame = 0;
  int box_source_frame = 0;          // the key frame whose label placed the box
};

class ProjectFrames {
 public:
  // Throws InputError as described above; options failing Check() -> InputError.
  ProjectFrames(const std::string& project_path, const ProjectFramesOptions& options = {});
  ~ProjectFrames();
  ProjectFrames(ProjectFrames&&) noexcept;
  ProjectFrames& operator=(ProjectFrames&&) noexcept;

  const std::string& project_path() const { return project_path_; }
  const ProjectFramesOptions& options() const { return options_; }
  // Sorted by video id.
  const std::vector<ProjectVideo>& videos() const { return videos_; }
  // The index into videos() of a video id; InputError for an unknown id.
  int VideoIndex(int64_t video_id) const;
  // One entry per video, in the order of videos(), as PairSampler takes them.
  std::vector<VideoKeyFrames> KeyFrames() const;

  // Intrinsics of a frame: its override, else the video's.
  CameraIntrinsics FrameIntrinsics(int64_t video_id, int frame) const;
  // The unjittered crop box of a frame (see above) and the key frame that placed it.
  HandCropBox CropBox(int64_t video_id, int frame, int* box_source_frame = nullptr) const;
  // The crop of a frame. Without a jitter seed its box is CropBox(); with one it is
  // JitterCropBox(CropBox(), jitter, SeededRandom(*jitter_seed)).
  CropSample Frame(int64_t video_id, int frame, std::optional<uint64_t> jitter_seed = std::nullopt,
                   const CropJitterOptions& jitter = {});

 private:
  struct Label {
    HandParams params;
    KeypointMatrix keypoints;
  };
  const Label* FindLabel(int video_index, int frame) const;
  cv::Mat ReadPixels(int video_index, int frame);
  std::string Where(int64_t video_id, int frame) const;

  std::string project_path_;
  ProjectFramesOptions options_;
  std::vector<ProjectVideo> videos_;
  std::vector<CameraIntrinsics> video_intrinsics_;                // per video
  std::vector<std::map<int, CameraIntrinsics>> overrides_;        // per video: frame -> K
  std::vector<std::map<int, std::string>> image_paths_;           // per video: frame -> image file
  std::vector<std::map<int, Label>> labels_;                      // per video: key frame -> label
  std::vector<std::unique_ptr<CachedVideoSource>> sources_;       // per video, opened lazily
};

}  // namespace handprop
