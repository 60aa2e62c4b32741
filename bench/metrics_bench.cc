// SPDX-License-Identifier: Apache-2.0
// Timing of the evaluation path: Procrustes on keypoints and meshes, the brute-force F-score
// (778 x 778), one whole sample through EvaluateHand, and reading a FreiHAND-style prediction
// file. Prints the median of several repetitions. Run: build/bench/metrics_bench [num_samples]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/eval/fscore.h"
#include "core/eval/hand_eval.h"
#include "core/eval/hand_set_io.h"
#include "core/geometry/procrustes.h"
#include "core/util/atomic_file.h"

namespace {

using Clock = std::chrono::steady_clock;

// Median wall time in microseconds of `reps` calls of `f`, after one warm-up call.
double MedianMicros(int reps, const std::function<void()>& f) {
  f();
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + reps / 2, times.end());
  return times[reps / 2];
}

Eigen::Matrix3Xd RandomHand(int n, std::mt19937* rng) {
  std::normal_distribution<double> normal(0.0, 0.03);
  Eigen::Matrix3Xd p(3, n);
  for (int i = 0; i < n; ++i) p.col(i) << normal(*rng), normal(*rng), 0.5 + normal(*rng);
  return p;
}

Eigen::Matrix3Xd Noisy(const Eigen::Matrix3Xd& p, std::mt19937* rng) {
  std::normal_distribution<double> noise(0.0, 0.005);
  Eigen::Matrix3Xd q = p;
  for (Eigen::Index i = 0; i < q.size(); ++i) q.data()[i] += noise(*rng);
  return q;
}

void AppendBatch(std::ostringstream* out, const std::vector<handprop::HandSample>& s, bool vertices) {
  *out << "[";
  for (size_t i = 0; i < s.size(); ++i) {
    const Eigen::Matrix3Xd& p = vertices ? s[i].vertices : s[i].keypoints;
    *out << (i ? "," : "") << "[";
    for (Eigen::Index j = 0; j < p.cols(); ++j)
      *out << (j ? "," : "") << "[" << p(0, j) << "," << p(1, j) << "," << p(2, j) << "]";
    *out << "]";
  }
  *out << "]";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace handprop;
  const int num_samples = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
  std::mt19937 rng(2024);
  const Eigen::Matrix3Xd kp = RandomHand(21, &rng), kp_pred = Noisy(kp, &rng);
  const Eigen::Matrix3Xd verts = RandomHand(778, &rng), verts_pred = Noisy(verts, &rng);
  volatile double sink = 0;

  std::printf("metrics_bench (median of repetitions, one thread)\n");
  std::printf("  %-46s %10.2f us\n", "EstimateSimilarity, 21 keypoints",
              MedianMicros(2001, [&] { sink = EstimateSimilarity(kp_pred, kp).scale; }));
  std::printf("  %-46s %10.2f us\n", "EstimateSimilarity, 778 vertices",
              MedianMicros(501, [&] { sink = EstimateSimilarity(verts_pred, verts).scale; }));
  std::printf("  %-46s %10.2f us\n", "ComputeFScores 778 x 778, 2 thresholds",
              MedianMicros(101, [&] { sink = ComputeFScores(verts_pred, verts, {0.005, 0.015})[0].f; }));
  const HandSample pred{kp_pred, verts_pred}, gt{kp, verts};
  const HandEvalOptions options;
  std::printf("  %-46s %10.2f us\n", "EvaluateHand, 21 keypoints + 778 vertices",
              MedianMicros(101, [&] { sink = EvaluateHand(pred, gt, options).mpjpe_p; }));

  // A FreiHAND pred.json of num_samples hands, read back through the streaming reader.
  std::vector<HandSample> set;
  for (int i = 0; i < num_samples; ++i) set.push_back({Noisy(kp, &rng), Noisy(verts, &rng)});
  std::ostringstream json;
  json.precision(17);
  json << "[";
  AppendBatch(&json, set, false);
  json << ",";
  AppendBatch(&json, set, true);
  json << "]";
  const std::string path = (std::filesystem::temp_directory_path() / "handprop_metrics_bench_pred.json").string();
  WriteFileAtomically(path, json.str());
  const double bytes = static_cast<double>(json.str().size());
  const auto start = Clock::now();
  const std::vector<HandSample> read = ReadHandSetJson(path);
  const double read_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::filesystem::remove(path);
  std::printf("  %-46s %10.3f s  (%d samples, %.1f MB, %.1f MB/s)\n", "ReadHandSetJson, FreiHAND pred.json layout", read_s,
              static_cast<int>(read.size()), bytes / 1e6, bytes / 1e6 / read_s);

  const auto eval_start = Clock::now();
  const HandEvalReport report = EvaluateHands(read, std::vector<HandSample>(read.size(), gt), options);
  const double eval_s = std::chrono::duration<double>(Clock::now() - eval_start).count();
  std::printf("  %-46s %10.3f s  (%.2f ms per sample; MPJPE(P) %.2f mm)\n", "EvaluateHands, whole set", eval_s,
              1000 * eval_s / num_samples, 1000 * report.mpjpe_p);
  return sink > -1 ? 0 : 1;
}
