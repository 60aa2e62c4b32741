// SPDX-License-Identifier: Apache-2.0
// How well the propagated labels' uncertainty points the annotator to the worst frames (issue 4
// item 4: "so the GUI can send the annotator to the worst frames first"). For every unlabelled
// frame of the chosen split it compares the bidirectional estimate's mean keypoint uncertainty
// u = -confidence_scale * ln(confidence) (label_propagator.h) with its true MPJPE against the
// ground truth, and prints the Spearman rank correlation, the mean error of the 10% most
// uncertain frames against the other 90%, and how many of the 10% worst frames the 10% most
// uncertain ones contain (a random order finds 10%).
//
//   build/bench/uncertainty_bench --project P --truth G --model DIR [--manifest synth.json] [--split test]
#include <torch/torch.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

#include "bench/truth_keypoints.h"
#include "core/data/synth_manifest_reader.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/label_propagator.h"
#include "core/propagate/propagation_job.h"

namespace {

using namespace handprop;

std::vector<double> Ranks(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> rank(v.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<double>(i);
  return rank;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Rank correlation of propagated uncertainty with the true error"};
  std::string project, truth, model, manifest, split = "test";
  LabelPropagatorOptions options;
  app.add_option("--project", project)->required();
  app.add_option("--truth", truth)->required();
  app.add_option("--model", model)->required();
  app.add_option("--manifest", manifest);
  app.add_option("--split", split)->capture_default_str();
  app.add_option("--agreement-scale", options.agreement_scale_m)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    std::set<std::string> sequences;
    if (!manifest.empty())
      for (const std::string& s : SynthSplitSequences(manifest, split)) sequences.insert(s);
    const bench::TruthByView gt = bench::TruthKeypoints(truth, HandLbs(LoadHandModelByName("openhand")));
    LabelPropagator propagator(project, ResolveModelCheckpoint(model), options);
    std::vector<double> uncertainty, error;
    for (const ProjectVideo& v : propagator.videos()) {
      if (v.key_frames.empty() || (!sequences.empty() && !sequences.count(v.sequence))) continue;
      const auto& truth_view = gt.at({v.sequence, v.camera_index});
      for (const PropagatedFrame& f : propagator.Propagate(v.video_id, 0, v.num_frames - 1).frames) {
        if (f.key_frame) continue;
        const ConfidenceVector c = f.bidirectional.confidence.cwiseMax(1e-12);
        uncertainty.push_back((-options.confidence_scale_m * c.array().log()).mean());
        error.push_back((f.bidirectional.keypoints - truth_view.at(f.frame)).colwise().norm().mean());
      }
    }
    const size_t n = error.size(), top = std::max<size_t>(1, n / 10);
    std::vector<size_t> by_u(n), by_e(n);
    std::iota(by_u.begin(), by_u.end(), 0);
    std::iota(by_e.begin(), by_e.end(), 0);
    std::sort(by_u.begin(), by_u.end(), [&](size_t a, size_t b) { return uncertainty[a] > uncertainty[b]; });
    std::sort(by_e.begin(), by_e.end(), [&](size_t a, size_t b) { return error[a] > error[b]; });
    double top_error = 0, rest_error = 0;
    for (size_t i = 0; i < n; ++i) (i < top ? top_error : rest_error) += error[by_u[i]];
    const std::set<size_t> worst(by_e.begin(), by_e.begin() + top);
    size_t found = 0;
    for (size_t i = 0; i < top; ++i) found += worst.count(by_u[i]);
    std::printf("split %s: %zu unlabelled frames\n", split.c_str(), n);
    std::printf("Spearman rank correlation (uncertainty, MPJPE): %.3f\n", Pearson(Ranks(uncertainty), Ranks(error)));
    std::printf("MPJPE of the 10%% most uncertain frames: %.2f mm; of the other 90%%: %.2f mm\n", 1000 * top_error / top,
                1000 * rest_error / (n - top));
    std::printf("the 10%% most uncertain frames hold %.0f%% of the 10%% worst (random order: 10%%)\n", 100.0 * found / top);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "uncertainty_bench: %s\n", e.what());
    return 2;
  }
}
