// SPDX-License-Identifier: Apache-2.0
// Timing of the project store (issue: "label writes per second as single transactions, and the
// time to load all labels of a 100,000-frame project (target: under one second)").
// Run: build/bench/store_bench [videos] [frames_per_video]   (default 10 x 10,000, one label each)
// Writes its projects under the system temp folder and removes them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/io/store/project_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace handprop;

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

LabelRecord RandomLabel(int64_t video, int frame, int64_t hand, std::mt19937* rng) {
  std::normal_distribution<double> normal(0.0, 0.3);
  LabelRecord label;
  label.video_id = video;
  label.frame_index = frame;
  label.hand_id = hand;
  for (int i = 0; i < kPoseDim; ++i) label.params.pose[i] = normal(*rng);
  for (int i = 0; i < kNumBetas; ++i) label.params.betas[i] = normal(*rng);
  label.params.trans = Eigen::Vector3d(normal(*rng), normal(*rng), 0.5);
  for (int i = 0; i < label.keypoints.size(); ++i) label.keypoints.data()[i] = normal(*rng);
  label.confidence.setConstant(0.75);
  label.provenance = Provenance::kPropagated;
  label.model_id = "pose-align@bench";
  label.source_frames = {frame - frame % 50, frame - frame % 50 + 50};
  label.author = "bench";
  return label;
}

VideoRecord Video(int camera, int frames) {
  VideoRecord v;
  v.path = "videos/cam" + std::to_string(camera) + ".mp4";
  v.fps = 30;
  v.width = 640;
  v.height = 480;
  v.frame_count = frames;
  v.sequence = "bench";
  v.camera_index = camera;
  v.intrinsics = {600, 600, 320, 240};
  return v;
}

// Median of `reps` runs of `f` in seconds.
template <typename F>
double MedianSeconds(int reps, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const auto start = Clock::now();
    f();
    times.push_back(Seconds(start));
  }
  std::nth_element(times.begin(), times.begin() + reps / 2, times.end());
  return times[reps / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int num_videos = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
  const int frames_per_video = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10000;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "handprop_store_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::mt19937 rng(2024);
  std::printf("store_bench (WAL, synchronous = NORMAL, one thread)\n");

  {  // Single-transaction writes: what an annotator's edits and a GUI autosave cost.
    constexpr int kWrites = 2000;
    ProjectStore store = ProjectStore::Create((dir / "writes.hpj").string(), {});
    const int64_t video = store.AddVideo(Video(0, kWrites));
    const int64_t hand = store.AddHand({0, "bench", HandSide::kRight, "right"});
    std::vector<LabelRecord> labels;
    for (int f = 0; f < kWrites; ++f) labels.push_back(RandomLabel(video, f, hand, &rng));
    auto start = Clock::now();
    for (const LabelRecord& label : labels) store.PutLabel(label);
    const double insert_s = Seconds(start);
    start = Clock::now();
    for (LabelRecord& label : labels) {
      label.provenance = Provenance::kVerified;
      store.PutLabel(label);
    }
    const double update_s = Seconds(start);
    std::printf("  %-52s %10.0f labels/s  (%.1f us each)\n", "PutLabel, one transaction each, insert", kWrites / insert_s,
                1e6 * insert_s / kWrites);
    std::printf("  %-52s %10.0f labels/s  (%.1f us each)\n", "PutLabel, one transaction each, update", kWrites / update_s,
                1e6 * update_s / kWrites);
  }

  // A 100,000-frame project: num_videos x frames_per_video, one label per frame, written in bulk.
  const std::string big = (dir / "big.hpj").string();
  {
    ProjectStore store = ProjectStore::Create(big, {});
    const int64_t hand = store.AddHand({0, "bench", HandSide::kRight, "right"});
    double video_s = 0, bulk_s = 0;
    for (int v = 0; v < num_videos; ++v) {
      auto start = Clock::now();
      const int64_t video = store.AddVideo(Video(v, frames_per_video));
      video_s += Seconds(start);
      std::vector<LabelRecord> labels;
      for (int f = 0; f < frames_per_video; ++f) labels.push_back(RandomLabel(video, f, hand, &rng));
      start = Clock::now();
      store.PutLabels(labels);
      bulk_s += Seconds(start);
    }
    const double total = static_cast<double>(num_videos) * frames_per_video;
    std::printf("  %-52s %10.3f s  (%d videos x %d frames)\n", "AddVideo, frames included", video_s, num_videos, frames_per_video);
    std::printf("  %-52s %10.0f labels/s  (%.0f labels, %d transactions)\n", "PutLabels, one transaction per video",
                total / bulk_s, total, num_videos);
  }
  const double file_mb = static_cast<double>(std::filesystem::file_size(big)) / 1e6;
  const double open_s = MedianSeconds(5, [&] { ProjectStore::Open(big, StoreOpenOptions::ReadOnly()); });
  std::printf("  %-52s %10.4f s\n", "Open (read-only), median of 5", open_s);
  ProjectStore store = ProjectStore::Open(big, StoreOpenOptions::ReadOnly());
  size_t count = 0;
  const double load_s = MedianSeconds(5, [&] { count = store.AllLabels().size(); });
  std::printf("  %-52s %10.3f s  (%zu labels, file %.0f MB; target < 1 s)\n", "AllLabels, median of 5", load_s, count, file_mb);
  const double first_open_load_s = MedianSeconds(3, [&] { count = ProjectStore::Open(big, StoreOpenOptions::ReadOnly()).AllLabels().size(); });
  std::printf("  %-52s %10.3f s\n", "Open + AllLabels, median of 3", first_open_load_s);
  const double video_load_s = MedianSeconds(5, [&] { count = store.Labels(1).size(); });
  std::printf("  %-52s %10.4f s  (%zu labels)\n", "Labels(one video), median of 5", video_load_s, count);
  const double info_s = MedianSeconds(5, [&] { count = static_cast<size_t>(store.Info().rows.at("labels")); });
  std::printf("  %-52s %10.4f s\n", "Info (row counts), median of 5", info_s);
  std::filesystem::remove_all(dir);
  return load_s < 1.0 ? 0 : 1;
}
