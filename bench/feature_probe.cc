// SPDX-License-Identifier: Apache-2.0
// What does the encoder see of the motion between two key frames? Propagates every video of a
// synthetic project with the agreement gate off and writes, for bench/feature_probe.py, one .npz:
//   per unlabelled frame between two key frames (N rows):
//     video, sequence (its index in the project's video order), frame, previous_key, next_key,
//     test (1 = test split), in_gesture
//     truth, interpolation, from_previous, from_next, bidirectional   N x 21 x 3 keypoints, metres
//       (the key-frame interpolation, the two aligned directions and their ungated blend)
//   per frame of every video (M rows): feature_video, feature_frame, features (M x D, float32:
//     the aligner's pooled input, or with --spatial the maps that pooling throws away)
//   per key frame (K rows): key_video, key_frame, key_keypoints (K x 21 x 3)
// Ground truth is posed from the truth store's parameters, as the propagation table scores it.
//
//   (one command line)
//   OMP_WAIT_POLICY=PASSIVE build/bench/feature_probe --project data/project.hpj
//       --truth data/ground_truth.hpj --manifest data/synth.json --model model --out probe.npz
//   python3 bench/feature_probe.py probe.npz
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <map>

#include "bench/truth_keypoints.h"
#include "core/data/synth_manifest_reader.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/keyframe_baselines.h"
#include "core/propagate/label_propagator.h"
#include "core/propagate/propagation_job.h"
#include "core/util/npz.h"

namespace handprop {
namespace {

// Rows of 21 x 3 keypoints, in the order they were added.
struct KeypointRows {
  std::vector<double> values;
  void Add(const KeypointMatrix& k) {
    for (int j = 0; j < kNumKeypoints; ++j)
      for (int c = 0; c < 3; ++c) values.push_back(k(c, j));
  }
  NpyArray Array() const {
    return NpyArray::FromDoubles(values, {static_cast<int64_t>(values.size() / (3 * kNumKeypoints)), kNumKeypoints, 3});
  }
};

NpyArray Column(const std::vector<int64_t>& v) { return NpyArray::FromInt64(v, {static_cast<int64_t>(v.size())}); }

NpyArray Float32Matrix(const std::vector<float>& values, int64_t cols) {
  NpyArray a;
  a.kind = 'f';
  a.item_size = 4;
  a.shape = {cols > 0 ? static_cast<int64_t>(values.size()) / cols : 0, cols};
  a.bytes.resize(values.size() * sizeof(float));
  std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
  return a;
}

}  // namespace
}  // namespace handprop

int main(int argc, char** argv) {
  using namespace handprop;
  CLI::App app{"Dump the two propagation directions, the interpolation, the truth and the encoder features"};
  std::string project, truth, manifest, model, out;
  bool spatial = false;
  LabelPropagatorOptions options;
  options.agreement_scale_m = 0.0;
  app.add_option("--project", project, "synthetic project (its labels are the key frames)")->required();
  app.add_option("--truth", truth, "its ground-truth store")->required();
  app.add_option("--manifest", manifest, "its synth.json (splits, gestures)")->required();
  app.add_option("--model", model, "training folder or propagator checkpoint")->required();
  app.add_option("--out", out, "the .npz to write")->required();
  app.add_flag("--spatial", spatial, "dump the encoder's spatial maps instead of the aligner's pooled input");
  CLI11_PARSE(app, argc, argv);
  options.features = spatial ? PropagationFeatures::kSpatial : PropagationFeatures::kPooled;
  try {
    const std::map<std::string, SynthSequenceFacts> facts = ReadSynthManifest(manifest);
    const HandModel hand_model = LoadHandModelByName("openhand");
    const HandLbs lbs(hand_model);
    const bench::TruthByView gt = bench::TruthKeypoints(truth, lbs);
    LabelPropagator propagator(project, ResolveModelCheckpoint(model), options);
    std::map<std::string, int64_t> sequence_index;
    std::vector<int64_t> video, sequence, frame, previous_key, next_key, test, in_gesture, feature_video, feature_frame, key_video,
        key_frame;
    KeypointRows truth_rows, interpolation, from_previous, from_next, bidirectional, key_keypoints;
    std::vector<float> features;
    int64_t dim = 0;
    for (const ProjectVideo& v : propagator.videos()) {
      if (v.key_frames.empty()) continue;
      const SynthSequenceFacts fact = facts.count(v.sequence) ? facts.at(v.sequence) : SynthSequenceFacts{};
      const auto& truth_view = gt.at({v.sequence, v.camera_index});
      const VideoPropagation r = propagator.Propagate(v.video_id, 0, v.num_frames - 1);
      dim = r.features.dim;
      features.insert(features.end(), r.features.values.begin(), r.features.values.end());
      std::map<int, HandParams> keys;
      for (const PropagatedFrame& p : r.frames) {
        feature_video.push_back(v.video_id);
        feature_frame.push_back(p.frame);
        if (!p.key_frame) continue;
        keys[p.frame] = p.bidirectional.params;
        key_video.push_back(v.video_id);
        key_frame.push_back(p.frame);
        key_keypoints.Add(p.bidirectional.keypoints);
      }
      for (const PropagatedFrame& p : r.frames) {
        if (p.key_frame || p.from_previous.source_frames.empty() || p.from_next.source_frames.empty()) continue;
        const int a = p.from_previous.source_frames[0], b = p.from_next.source_frames[0];
        bool gesture = false;
        for (const auto& [first, last] : fact.gestures) gesture |= first <= p.frame && p.frame <= last;
        video.push_back(v.video_id);
        sequence.push_back(sequence_index.emplace(v.sequence, sequence_index.size()).first->second);
        frame.push_back(p.frame);
        previous_key.push_back(a);
        next_key.push_back(b);
        test.push_back(fact.split == "test");
        in_gesture.push_back(gesture);
        truth_rows.Add(truth_view.at(p.frame));
        interpolation.Add(lbs.Forward(InterpolateHandParams(hand_model, keys.at(a), keys.at(b), double(p.frame - a) / (b - a))).keypoints);
        from_previous.Add(p.from_previous.keypoints);
        from_next.Add(p.from_next.keypoints);
        bidirectional.Add(p.bidirectional.keypoints);
      }
      std::fprintf(stderr, "\r%zu frames between key frames", video.size());
    }
    std::fprintf(stderr, "\n");
    NpzArchive npz{{"video", Column(video)},
                   {"sequence", Column(sequence)},
                   {"frame", Column(frame)},
                   {"previous_key", Column(previous_key)},
                   {"next_key", Column(next_key)},
                   {"test", Column(test)},
                   {"in_gesture", Column(in_gesture)},
                   {"truth", truth_rows.Array()},
                   {"interpolation", interpolation.Array()},
                   {"from_previous", from_previous.Array()},
                   {"from_next", from_next.Array()},
                   {"bidirectional", bidirectional.Array()},
                   {"feature_video", Column(feature_video)},
                   {"feature_frame", Column(feature_frame)},
                   {"features", Float32Matrix(features, dim)},
                   {"key_video", Column(key_video)},
                   {"key_frame", Column(key_frame)},
                   {"key_keypoints", key_keypoints.Array()}};
    WriteNpz(out, npz);
    std::printf("%s: %zu frames between key frames, %zu frames x %lld features (%s), %zu key frames\n", out.c_str(),
                video.size(), feature_frame.size(), static_cast<long long>(dim), spatial ? "spatial" : "pooled",
                key_frame.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "feature_probe: %s\n", e.what());
    return 2;
  }
}
