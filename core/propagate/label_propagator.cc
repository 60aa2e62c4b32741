// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/label_propagator.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <map>

#include "core/model/hand_model_io.h"
#include "core/model/torch_runtime.h"
#include "core/propagate/keyframe_baselines.h"
#include "core/propagate/propagation_span.h"
#include "core/train/project_batch_source.h"
#include "core/train/trained_networks.h"
#include "core/util/error.h"
#include "core/util/option_check.h"
#include "core/util/threads.h"

namespace handprop {

std::string LabelPropagatorOptions::Check() const {
  HP_OPTION_CHECK(threads >= 0, "threads must be >= 0");
  HP_OPTION_CHECK(batch_size >= 1, "batch_size must be >= 1");
  HP_OPTION_CHECK(max_hop >= 0, "max_hop must be >= 0");
  HP_OPTION_CHECK(std::isfinite(confidence_scale_m) && confidence_scale_m > 0, "confidence_scale_m must be > 0");
  HP_OPTION_CHECK(std::isfinite(agreement_scale_m) && agreement_scale_m >= 0, "agreement_scale_m must be >= 0");
  return frames.Check();
}

namespace {

// One direction's (or the predictor's) rooted hands of the span, on the device.
struct HandTable {
  torch::Tensor root, pose, betas;  // S x 3, S x 48, S x 10
  RootedHand Rows(const torch::Tensor& index) const { return {root.index({index}), pose.index({index}), betas.index({index})}; }
  void Put(const torch::Tensor& index, const RootedHand& hand) {
    root.index_put_({index}, hand.root);
    pose.index_put_({index}, hand.pose);
    betas.index_put_({index}, hand.betas);
  }
};

// A HandTable on the host in double precision, rows contiguous.
struct HostTable {
  std::vector<double> root, pose, betas;
  explicit HostTable(const HandTable& t) : root(Host(t.root)), pose(Host(t.pose)), betas(Host(t.betas)) {}
  static std::vector<double> Host(const torch::Tensor& x) {
    const torch::Tensor c = x.to(torch::kCPU, torch::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
  }
};

// What one encoding pass over the span gives.
struct EncodedSpan {
  torch::Tensor features;  // S x 640
  torch::Tensor spatial;   // S x the spatial size, with PropagationFeatures::kSpatial only
  HandTable predicted;     // the predictor's hands
  HandTable keys;          // the key frames' labels (zeros elsewhere)
};

}  // namespace

struct LabelPropagator::Impl {
  LabelPropagatorOptions options;
  TrainedNetworks nets;
  HandModel model;
  std::unique_ptr<HandLbs> lbs;
  std::unique_ptr<ProjectBatchSource> source;
  int hop = 1;

  // The project's frames of the span, in batches, decoding the next batch while encoding one.
  EncodedSpan Encode(int64_t video_id, const PropagationSpan& span, const PropagationProgress& progress,
                     const std::atomic<bool>* cancel) {
    const int count = span.size();
    const auto load = [&](int begin) {
      std::vector<FrameRef> refs;
      for (int i = begin; i < std::min(count, begin + options.batch_size); ++i) refs.push_back({video_id, span.begin + i});
      return source->Load(refs, false);
    };
    const auto opts = torch::TensorOptions().device(nets.device);
    EncodedSpan out;
    out.features = torch::zeros({count, HandPredictorImpl::kLowFeatures + HandPredictorImpl::kHighFeatures}, opts);
    const auto zeros = [&](int64_t n) { return torch::zeros({count, n}, opts); };
    out.predicted = {zeros(3), zeros(48), zeros(10)};
    out.keys = {zeros(3), zeros(48), zeros(10)};
    std::future<TrainingBatch> next = std::async(std::launch::async, load, 0);
    for (int begin = 0; begin < count; begin += options.batch_size) {
      TrainingBatch batch = next.get();
      if (cancel != nullptr && cancel->load()) return {};
      if (begin + options.batch_size < count) next = std::async(std::launch::async, load, begin + options.batch_size);
      const int64_t b = batch.images.size(0);
      const torch::Tensor rows = torch::arange(begin, begin + b, opts.dtype(torch::kLong));
      const EncoderFeatures encoded =
          nets.predictor->Encode(batch.images.to(nets.device), options.features == PropagationFeatures::kSpatial);
      const HandPredictorOutput predicted = nets.predictor->Decode(encoded, batch.intrinsics.to(nets.device));
      out.features.index_put_({rows}, encoded.concatenated);
      if (encoded.spatial.defined()) {
        if (!out.spatial.defined()) out.spatial = torch::zeros({count, encoded.spatial.size(1)}, opts);
        out.spatial.index_put_({rows}, encoded.spatial);
      }
      out.predicted.Put(rows, {predicted.root, predicted.full_pose, predicted.betas});
      const torch::Tensor labelled = batch.labelled.to(nets.device);
      out.keys.Put(rows.index({labelled}), {batch.keypoints.to(nets.device).index({labelled}).select(1, 0),
                                            batch.pose.to(nets.device).index({labelled}),
                                            batch.betas.to(nets.device).index({labelled})});
      if (progress) progress(begin + static_cast<int>(b), count);
    }
    return out;
  }

  // Moves the key labels through the span in one direction, chaining every `hop` frames: a frame
  // at distance d from its key frame is aligned from the frame hop * floor((d - 1) / hop) away.
  HandTable Sweep(const EncodedSpan& encoded, const PropagationSpan& span, bool forward) {
    HandTable table{encoded.keys.root.clone(), encoded.keys.pose.clone(), encoded.keys.betas.clone()};
    for (const auto& level : span.ChainLevels(forward, hop)) {
      const auto index = [&](const std::vector<int64_t>& v) {
        return torch::tensor(v, torch::kLong).to(nets.device);
      };
      const torch::Tensor from = index(level.from), to = index(level.to);
      const AlignmentOutput move = nets.aligner->Forward(encoded.features.index({from}), encoded.features.index({to}));
      table.Put(to, ApplyAlignment(table.Rows(from), move));
    }
    return table;
  }

  // A rooted hand as MANO parameters and keypoints (trans puts the posed wrist on the root).
  HandEstimate FromRooted(const HostTable& t, int row) const {
    HandEstimate e;
    e.params.pose = Eigen::Map<const Eigen::Matrix<double, 48, 1>>(t.pose.data() + 48 * row);
    e.params.betas = Eigen::Map<const Eigen::Matrix<double, 10, 1>>(t.betas.data() + 10 * row);
    const Eigen::Vector3d root = Eigen::Map<const Eigen::Vector3d>(t.root.data() + 3 * row);
    const HandMesh mesh = lbs->Forward(e.params);
    e.params.trans = root - mesh.keypoints.col(0);
    e.keypoints = mesh.keypoints.colwise() + e.params.trans;
    return e;
  }
  HandEstimate Posed(const HandParams& params) const {
    HandEstimate e;
    e.params = params;
    e.keypoints = lbs->Forward(params).keypoints;
    return e;
  }
};

namespace {

ConfidenceVector ConfidenceOf(const Eigen::Matrix<double, kNumKeypoints, 1>& uncertainty, double scale) {
  return (-uncertainty.array() / scale).exp().matrix();
}

Eigen::Matrix<double, kNumKeypoints, 1> KeypointDistances(const KeypointMatrix& a, const KeypointMatrix& b) {
  return (a - b).colwise().norm().transpose();
}

// Rows first..last (span-local) of a feature table, on the host.
FrameFeatures HostRows(const torch::Tensor& table, int first, int last) {
  const torch::Tensor rows = table.narrow(0, first, last - first + 1).to(torch::kCPU, torch::kFloat).contiguous();
  FrameFeatures out;
  out.dim = static_cast<int>(rows.size(1));
  out.values.assign(rows.data_ptr<float>(), rows.data_ptr<float>() + rows.numel());
  return out;
}

double Median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

}  // namespace

LabelPropagator::LabelPropagator(const std::string& project, const std::string& checkpoint,
                                 const LabelPropagatorOptions& options)
    : impl_(std::make_unique<Impl>()) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("propagation options: " + problem);
  Impl& m = *impl_;
  m.options = options;
  m.nets = LoadTrainedNetworks(checkpoint, ResolveDevice(options.device));
  m.model = LoadHandModelByName(m.nets.info.hand_model.name);
  m.lbs = std::make_unique<HandLbs>(m.model);
  ProjectBatchOptions batch_options;
  batch_options.frames = options.frames;
  batch_options.frames.crop.size = m.nets.network.crop_size;
  m.source = std::make_unique<ProjectBatchSource>(project, batch_options);
  m.hop = options.max_hop > 0 ? options.max_hop : std::max(1, m.nets.max_gap - 1);
}

LabelPropagator::~LabelPropagator() = default;

const std::vector<ProjectVideo>& LabelPropagator::videos() const { return impl_->source->frames().videos(); }
const std::string& LabelPropagator::model_id() const { return impl_->nets.model_id; }
std::string LabelPropagator::device() const { return DeviceSummary(impl_->nets.device); }
int LabelPropagator::max_hop() const { return impl_->hop; }
bool LabelPropagator::has_aligner() const { return static_cast<bool>(impl_->nets.aligner); }

VideoPropagation LabelPropagator::Propagate(int64_t video_id, int first, int last, const PropagationProgress& progress,
                                            const std::atomic<bool>* cancel) {
  Impl& m = *impl_;
  const auto start = std::chrono::steady_clock::now();
  if (m.nets.device.is_cpu()) {
    const int threads = m.options.threads > 0 ? m.options.threads : DefaultComputeThreads();
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
  const ProjectVideo& video = videos()[m.source->frames().VideoIndex(video_id)];
  const PropagationSpan span = MakePropagationSpan(video.key_frames, video.num_frames, first, last,
                                                   video.path + " (video " + std::to_string(video_id) + ")");
  VideoPropagation result;
  result.video_id = video_id;
  result.hand_id = video.hand_id;

  torch::NoGradGuard no_grad;
  const EncodedSpan encoded = m.Encode(video_id, span, progress, cancel);
  if (!encoded.features.defined()) {
    result.cancelled = true;
    return result;
  }
  const bool aligned = static_cast<bool>(m.nets.aligner);
  const HostTable keys(encoded.keys), predicted(encoded.predicted);
  const HostTable forward(aligned ? m.Sweep(encoded, span, true) : encoded.keys);
  const HostTable backward(aligned ? m.Sweep(encoded, span, false) : encoded.keys);
  const auto local = [&](int frame) { return frame - span.begin; };
  if (m.options.features != PropagationFeatures::kNone)
    result.features = HostRows(m.options.features == PropagationFeatures::kSpatial ? encoded.spatial : encoded.features,
                               local(first), local(last));

  // Every key label and every directional estimate of the span, posed once (span-local index).
  std::map<int, HandEstimate> key_labels;
  for (int k : span.keys) {
    key_labels[k] = m.FromRooted(keys, local(k));
    key_labels[k].source_frames = {k};
  }
  std::vector<std::optional<HandEstimate>> from_previous(span.size()), from_next(span.size());
  for (int f = span.begin; aligned && f < span.end; ++f) {
    const int a = span.PreviousKey(f), b = span.NextKey(f);
    if (a == f) continue;
    if (a >= 0) {
      from_previous[local(f)] = m.FromRooted(forward, local(f));
      from_previous[local(f)]->source_frames = {a};
    }
    if (b >= 0) {
      from_next[local(f)] = m.FromRooted(backward, local(f));
      from_next[local(f)]->source_frames = {b};
    }
  }

  // The two directions' disagreement per frame of distance over every two-sided frame of the
  // encoded span (not only the requested frames), for the frames with one direction only.
  using JointVector = Eigen::Matrix<double, kNumKeypoints, 1>;
  const auto disagreement = [&](int f) {
    return JointVector(0.5 * KeypointDistances(from_previous[local(f)]->keypoints, from_next[local(f)]->keypoints));
  };
  std::vector<std::vector<double>> growth(kNumKeypoints);
  for (int f = span.begin; f < span.end; ++f) {
    if (!from_previous[local(f)] || !from_next[local(f)]) continue;
    const JointVector u = disagreement(f);
    const int distance = std::min(f - span.PreviousKey(f), span.NextKey(f) - f);
    for (int j = 0; j < kNumKeypoints; ++j) growth[j].push_back(u[j] / distance);
  }
  std::vector<int> one_sided;
  for (int f = first; f <= last; ++f) {
    PropagatedFrame out;
    out.frame = f;
    const int a = span.PreviousKey(f), b = span.NextKey(f);
    if (a == f) {
      out.key_frame = true;
      out.predictor = out.nearest = out.bidirectional = key_labels.at(f);
      result.frames.push_back(std::move(out));
      continue;
    }
    HandEstimate reference;  // what the predictor's uncertainty is measured against
    if (aligned) {
      if (a >= 0 && b >= 0) {
        const HandEstimate& from_a = *from_previous[local(f)];
        const HandEstimate& from_b = *from_next[local(f)];
        const double t = double(f - a) / (b - a);
        const JointVector u = disagreement(f);
        HandParams blend = InterpolateHandParams(m.model, from_a.params, from_b.params, t);
        if (m.options.agreement_scale_m > 0) {
          // The aligned blend where the two directions agree, the key-frame interpolation where not.
          const HandParams lerp = InterpolateHandParams(m.model, key_labels.at(a).params, key_labels.at(b).params, t);
          const double agreement = std::exp(-std::pow(2.0 * u.mean() / m.options.agreement_scale_m, 2));
          blend = InterpolateHandParams(m.model, lerp, blend, agreement);
        }
        out.bidirectional = m.Posed(blend);
        out.bidirectional.source_frames = {a, b};
        out.bidirectional.confidence = ConfidenceOf(u, m.options.confidence_scale_m);
        out.nearest = (f - a <= b - f) ? from_a : from_b;
        out.from_previous = from_a;
        out.from_next = from_b;
        out.nearest.confidence = out.bidirectional.confidence;
      } else {
        out.nearest = out.bidirectional = a >= 0 ? *from_previous[local(f)] : *from_next[local(f)];
        (a >= 0 ? out.from_previous : out.from_next) = out.nearest;
        one_sided.push_back(static_cast<int>(result.frames.size()));
      }
      reference = out.bidirectional;
    } else {
      const HandParams& ka = key_labels.at(a >= 0 ? a : b).params;
      const HandParams& kb = key_labels.at(b >= 0 ? b : a).params;
      reference = m.Posed(a >= 0 && b >= 0 ? InterpolateHandParams(m.model, ka, kb, double(f - a) / (b - a)) : ka);
    }
    out.predictor = m.FromRooted(predicted, local(f));
    out.predictor.confidence = ConfidenceOf(KeypointDistances(out.predictor.keypoints, reference.keypoints),
                                            m.options.confidence_scale_m);
    result.frames.push_back(std::move(out));
  }
  // One-sided frames: the median growth per frame times the distance to their key frame.
  JointVector rate = JointVector::Constant(0.001);
  if (!growth[0].empty())
    for (int j = 0; j < kNumKeypoints; ++j) rate[j] = Median(growth[j]);
  for (int i : one_sided) {
    PropagatedFrame& out = result.frames[i];
    const int distance = std::abs(out.frame - out.nearest.source_frames.front());
    out.nearest.confidence = out.bidirectional.confidence = ConfidenceOf(rate * distance, m.options.confidence_scale_m);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace handprop
