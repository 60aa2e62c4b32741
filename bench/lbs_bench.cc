// SPDX-License-Identifier: Apache-2.0
// LBS speed on OpenHand and on a MANO-sized random model (778 vertices, MANO's sparsity):
//  (a) Eigen HandLbs::Forward, one hand: median latency in microseconds (target <= 50 us for a
//      MANO-sized mesh, the interactive editing budget);
//  (b) TorchHandLayer forward on the CPU in float32 at batch 1, 64 and 1024: hands per second.
// Run: build/bench/lbs_bench [--runs N]. Prints one table; numbers go to docs/benchmarks.md.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/model/lbs.h"
#include "core/model/lbs_torch.h"
#include "core/model/openhand/openhand.h"
#include "core/util/threads.h"

namespace {

using handprop::HandModel;
using Clock = std::chrono::steady_clock;

// A valid model with MANO's sizes and sparsity: 778 vertices, 1538 faces, dense blend shapes,
// 2-3 skinning influences per vertex, 6 regressor vertices per joint. Geometry is random.
HandModel ManoSizedModel(uint32_t seed) {
  constexpr int kVertices = 778, kFaces = 1538;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal;
  HandModel m = handprop::BuildOpenHand();  // borrow the PCA and the joint layout
  m.name = "mano-sized";
  m.v_template.resize(3, kVertices);
  for (int i = 0; i < kVertices; ++i) m.v_template.col(i) << 0.19 * unit(rng) - 0.08, 0.03 * unit(rng), 0.1 * unit(rng) - 0.03;
  m.shapedirs = Eigen::MatrixXd::NullaryExpr(3 * kVertices, handprop::kNumBetas, [&] { return 0.002 * normal(rng); });
  m.posedirs = Eigen::MatrixXd::NullaryExpr(3 * kVertices, handprop::kPoseFeatureDim, [&] { return 0.001 * normal(rng); });
  m.j_regressor = Eigen::MatrixXd::Zero(handprop::kNumJoints, kVertices);
  m.weights = Eigen::MatrixXd::Zero(kVertices, handprop::kNumJoints);
  for (int k = 0; k < handprop::kNumJoints; ++k)
    for (int n = 0; n < 6; ++n) m.j_regressor(k, static_cast<int>(unit(rng) * kVertices) % kVertices) += 1.0 / 6.0;
  for (int i = 0; i < kVertices; ++i) {
    const int main = static_cast<int>(unit(rng) * handprop::kNumJoints) % handprop::kNumJoints;
    m.weights(i, main) = 0.6;
    m.weights(i, std::max(0, handprop::kManoParents[main])) += 0.4;
  }
  m.faces.resize(3, kFaces);
  for (int f = 0; f < kFaces; ++f) m.faces.col(f) << f % kVertices, (f + 1) % kVertices, (f + 7) % kVertices;
  for (int t = 0; t < handprop::kNumFingers; ++t) m.tip_vertices[t] = 100 * t + 7;
  return m;
}

double MedianMicroseconds(std::vector<double> samples) {
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
  return samples[samples.size() / 2];
}

double EigenLatency(const HandModel& model, int runs) {
  const handprop::HandLbs lbs(model);
  std::mt19937 rng(1);
  std::normal_distribution<double> normal(0.0, 0.3);
  std::vector<handprop::HandParams> params(64);
  for (auto& p : params) {
    for (int i = 0; i < handprop::kPoseDim; ++i) p.pose[i] = normal(rng);
    for (int i = 0; i < handprop::kNumBetas; ++i) p.betas[i] = normal(rng);
  }
  double sink = 0.0;
  for (int r = 0; r < 200; ++r) sink += lbs.Forward(params[r % params.size()]).vertices(0, 0);  // warm-up
  std::vector<double> us(runs);
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    const handprop::HandMesh mesh = lbs.Forward(params[r % params.size()]);
    us[r] = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    sink += mesh.vertices(0, 0);
  }
  if (sink == 12345.678) std::puts("");  // keep the work observable
  return MedianMicroseconds(us);
}

double TorchThroughput(const HandModel& model, int64_t batch) {
  const handprop::TorchHandLayer layer(model, torch::kCPU, torch::kFloat);
  torch::manual_seed(0);
  const torch::Tensor pose = 0.3 * torch::randn({batch, handprop::kPoseDim});
  const torch::Tensor betas = torch::randn({batch, handprop::kNumBetas});
  const torch::Tensor trans = torch::zeros({batch, 3});
  torch::InferenceMode guard;
  for (int r = 0; r < 3; ++r) layer.Forward(pose, betas, trans);  // warm-up
  // Repeat until at least 0.5 s and 5 calls have run.
  int calls = 0;
  const auto start = Clock::now();
  double seconds = 0.0;
  while (calls < 5 || seconds < 0.5) {
    layer.Forward(pose, betas, trans);
    ++calls;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return static_cast<double>(batch) * calls / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5000;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(100, std::atoi(argv[i + 1]));
  torch::set_num_threads(handprop::DefaultComputeThreads());
  const HandModel openhand = handprop::BuildOpenHand();
  const HandModel mano_sized = ManoSizedModel(7);
  std::printf("LBS forward, CPU, %d torch threads, Eigen median of %d runs\n\n", torch::get_num_threads(), runs);
  std::printf("| model      | vertices | Eigen single hand (us) | torch B=1 (hands/s) | torch B=64 (hands/s) | torch B=1024 (hands/s) |\n");
  std::printf("|------------|----------|------------------------|---------------------|----------------------|------------------------|\n");
  for (const HandModel* m : {&openhand, &mano_sized}) {
    const double eigen_us = EigenLatency(*m, runs);
    std::printf("| %-10s | %8d | %22.1f | %19.0f | %20.0f | %22.0f |\n", m->name.c_str(), m->NumVertices(), eigen_us,
                TorchThroughput(*m, 1), TorchThroughput(*m, 64), TorchThroughput(*m, 1024));
    std::fflush(stdout);
  }
  return 0;
}
