// SPDX-License-Identifier: Apache-2.0
#include "core/train/propagator_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "core/data/derived_seed.h"
#include "core/model/hand_model_io.h"
#include "core/model/torch_runtime.h"
#include "core/nn/hand_predictor.h"
#include "core/train/checkpoint.h"
#include "core/train/key_frame_features.h"
#include "core/train/pair_sampler.h"
#include "core/train/predictor_trainer.h"
#include "core/train/trainer_common.h"
#include "core/util/error.h"
#include "core/util/option_check.h"
#include "core/util/threads.h"

namespace handprop {
namespace {

using namespace train_detail;

constexpr const char* kCheckpointKind = "propagator";
constexpr const char* kStage1Kind = "hand_predictor";
constexpr uint64_t kStepSeedStream = 0x70726f7074726e31ull;  // "proptrn1": per-step torch seeds
constexpr uint64_t kPairSeedStream = 0x70726f7070616972ull;  // "proppair": the pair sampler
constexpr int kEncodeBatch = 32;  // key frames per encoder call when stage 2 fills its cache

using Json = nlohmann::json;

template <typename T>
void Get(const Json& json, const char* key, T& field) {
  field = json.value(key, field);
}

// Rows [begin, end) of every tensor of a prediction (the loss reads keypoints, pca and betas).
HandPredictorOutput Rows(const HandPredictorOutput& out, int64_t begin, int64_t end) {
  const auto rows = [&](const at::Tensor& t) { return t.defined() ? t.slice(0, begin, end) : t; };
  HandPredictorOutput r;
  r.features = {rows(out.features.low), rows(out.features.high), rows(out.features.concatenated),
                rows(out.features.spatial)};
  r.global_rotation = rows(out.global_rotation);
  r.pca = rows(out.pca);
  r.betas = rows(out.betas);
  r.full_pose = rows(out.full_pose);
  r.root = rows(out.root);
  r.keypoints = rows(out.keypoints);
  r.joints = rows(out.joints);
  r.vertices = rows(out.vertices);
  return r;
}

// A stage-3 pair batch must hold 2B frames with targets, the first B labelled.
void CheckPairBatch(const TrainingBatch& batch, int64_t pairs) {
  if (!batch.images.defined() || !batch.intrinsics.defined() || !batch.keypoints.defined() ||
      !batch.pose.defined() || !batch.betas.defined() || !batch.labelled.defined())
    throw RuntimeError("batch source: LoadFrames returned a batch without images, intrinsics or targets");
  if (batch.images.size(0) != 2 * pairs || batch.labelled.size(0) != 2 * pairs)
    throw RuntimeError("batch source: LoadFrames returned " + std::to_string(batch.images.size(0)) +
                       " frames for " + std::to_string(2 * pairs) + " asked");
  if (!batch.labelled.slice(0, 0, pairs).all().item<bool>())
    throw RuntimeError("batch source: LoadFrames lost the label of a key frame");
}

// Puts torch's CPU thread count back when Run returns or throws.
struct RestoreThreadCount {
  int threads;
  ~RestoreThreadCount() {
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
};

// The labels of rows [begin, end) as rooted hands: the root is keypoint 0, the wrist.
RootedHand Truth(const torch::Tensor& keypoints, const torch::Tensor& pose, const torch::Tensor& betas,
                 int64_t begin, int64_t end) {
  return {keypoints.slice(0, begin, end).select(1, 0), pose.slice(0, begin, end), betas.slice(0, begin, end)};
}

}  // namespace

std::string PropagatorTrainerOptions::Check() const {
  HP_OPTION_CHECK(stage == 2 || stage == 3, "stage must be 2 or 3");
  HP_OPTION_CHECK_NESTED(network);
  HP_OPTION_CHECK_NESTED(aligner);
  HP_OPTION_CHECK(aligner.feature_dim == HandPredictorImpl::kLowFeatures + HandPredictorImpl::kHighFeatures,
                  "aligner.feature_dim must be the predictor's 640 features");
  HP_OPTION_CHECK_NESTED(predictor_loss);
  HP_OPTION_CHECK_NESTED(alignment_loss);
  HP_OPTION_CHECK(std::isfinite(alignment_weight) && alignment_weight >= 0.0,
                  "alignment_weight must be finite and >= 0");
  const PairSamplerOptions pairs{unlabelled_probability, max_gap, top_k, stage == 2, seed};
  if (std::string problem = pairs.Check(); !problem.empty()) return problem;
  HP_OPTION_CHECK(!hand_model.empty(), "hand_model must not be empty");
  HP_OPTION_CHECK_GE(steps, 0);
  HP_OPTION_CHECK_GE(batch_size, 1);
  HP_OPTION_CHECK(std::isfinite(learning_rate) && learning_rate > 0.0, "learning_rate must be finite and > 0");
  HP_OPTION_CHECK_GE(checkpoint_every, 0);
  HP_OPTION_CHECK(!device.empty(), "device must not be empty");
  HP_OPTION_CHECK_GE(threads, 0);
  return {};
}

uint64_t PropagatorPairSeed(uint64_t seed) { return DeriveSeed(seed, kPairSeedStream, 0); }

std::string PropagatorTrainerOptionsToJson(const PropagatorTrainerOptions& o) {
  const PoseAlignerOptions& a = o.aligner;
  const AlignmentLossOptions& l = o.alignment_loss;
  const Json json = {
      {"stage", o.stage},
      {"network", NetworkOptionsJson(o.network)},
      {"aligner",
       {{"feature_dim", a.feature_dim}, {"hidden_dim", a.hidden_dim}, {"num_residual_blocks", a.num_residual_blocks},
        {"root_scale_m", a.root_scale_m}, {"max_offset_rad", a.max_offset_rad}, {"antisymmetric", a.antisymmetric}}},
      {"predictor_loss", LossWeightsJson(o.predictor_loss)},
      {"alignment_loss",
       {{"forward_weight", l.forward_weight}, {"backward_weight", l.backward_weight},
        {"regulariser_weight", l.regulariser_weight}, {"root_regulariser_scale_m", l.root_regulariser_scale_m}}},
      {"alignment_weight", o.alignment_weight}, {"unlabelled_probability", o.unlabelled_probability},
      {"max_gap", o.max_gap}, {"top_k", o.top_k}, {"hand_model", o.hand_model}, {"steps", o.steps},
      {"batch_size", o.batch_size}, {"learning_rate", o.learning_rate}, {"checkpoint_path", o.checkpoint_path},
      {"checkpoint_every", o.checkpoint_every}, {"checkpoint_on_cancel", o.checkpoint_on_cancel},
      {"seed", o.seed}, {"device", o.device}, {"threads", o.threads}};
  return json.dump();
}

PropagatorTrainerOptions PropagatorTrainerOptionsFromJson(const std::string& text, const std::string& origin) {
  PropagatorTrainerOptions o;
  try {
    const Json json = Json::parse(text);
    ReadNetworkOptions(json.value("network", Json::object()), &o.network);
    const Json a = json.value("aligner", Json::object());
    Get(a, "feature_dim", o.aligner.feature_dim);
    Get(a, "hidden_dim", o.aligner.hidden_dim);
    Get(a, "num_residual_blocks", o.aligner.num_residual_blocks);
    Get(a, "root_scale_m", o.aligner.root_scale_m);
    Get(a, "max_offset_rad", o.aligner.max_offset_rad);
    Get(a, "antisymmetric", o.aligner.antisymmetric);
    ReadLossWeights(json.value("predictor_loss", Json::object()), &o.predictor_loss);
    const Json l = json.value("alignment_loss", Json::object());
    Get(l, "forward_weight", o.alignment_loss.forward_weight);
    Get(l, "backward_weight", o.alignment_loss.backward_weight);
    Get(l, "regulariser_weight", o.alignment_loss.regulariser_weight);
    Get(l, "root_regulariser_scale_m", o.alignment_loss.root_regulariser_scale_m);
    Get(json, "stage", o.stage);
    Get(json, "alignment_weight", o.alignment_weight);
    Get(json, "unlabelled_probability", o.unlabelled_probability);
    Get(json, "max_gap", o.max_gap);
    Get(json, "top_k", o.top_k);
    Get(json, "hand_model", o.hand_model);
    Get(json, "steps", o.steps);
    Get(json, "batch_size", o.batch_size);
    Get(json, "learning_rate", o.learning_rate);
    Get(json, "checkpoint_path", o.checkpoint_path);
    Get(json, "checkpoint_every", o.checkpoint_every);
    Get(json, "checkpoint_on_cancel", o.checkpoint_on_cancel);
    Get(json, "seed", o.seed);
    Get(json, "device", o.device);
    Get(json, "threads", o.threads);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(origin + ": propagator options: " + FirstLine(e.what()));
  }
  return o;
}

struct PropagatorTrainer::State {
  PropagatorTrainerOptions options;
  HandModelIdentity identity;
  torch::Device device{torch::kCPU};
  HandPredictor net{nullptr};
  PoseAligner aligner{nullptr};
  std::unique_ptr<torch::optim::Adam> adam;
  int64_t step = 0;

  // The saved network's shape must be ours; one-line InputError naming the checkpoint otherwise.
  void CheckShape(const std::string& path, const HandPredictorOptions& saved) const {
    CheckSamePredictorNetwork(path, saved, options.network);
  }
  void CheckAlignerShape(const std::string& path, const PoseAlignerOptions& saved) const {
    const PoseAlignerOptions& now = options.aligner;
    const auto check = [&](const char* name, int saved_value, int value) {
      if (saved_value != value)
        throw InputError(path + ": aligner " + name + " is " + std::to_string(saved_value) + ", the options say " +
                         std::to_string(value));
    };
    check("hidden_dim", saved.hidden_dim, now.hidden_dim);
    check("num_residual_blocks", saved.num_residual_blocks, now.num_residual_blocks);
    check("antisymmetric", saved.antisymmetric, now.antisymmetric);
  }
};

PropagatorTrainer::PropagatorTrainer(const PropagatorTrainerOptions& options) : state_(std::make_unique<State>()) {
  if (const std::string problem = options.Check(); !problem.empty())
    throw InputError("propagator options: " + problem);
  State& s = *state_;
  s.options = options;
  s.identity = IdentifyHandModel(options.hand_model);
  s.device = ResolveDevice(options.device);
  torch::manual_seed(options.seed);
  s.net = HandPredictor(LoadHandModelByName(options.hand_model), options.network);
  s.aligner = PoseAligner(options.aligner);
  s.net->to(s.device);
  s.aligner->to(s.device);
  std::vector<torch::Tensor> parameters = s.aligner->parameters();
  if (options.stage == 3) {
    parameters = s.net->parameters();
    for (const torch::Tensor& p : s.aligner->parameters()) parameters.push_back(p);
  }
  s.adam = std::make_unique<torch::optim::Adam>(parameters, torch::optim::AdamOptions(options.learning_rate));
}

PropagatorTrainer::~PropagatorTrainer() = default;

int64_t PropagatorTrainer::step() const { return state_->step; }
const PropagatorTrainerOptions& PropagatorTrainer::options() const { return state_->options; }
std::shared_ptr<HandPredictorImpl> PropagatorTrainer::predictor() const { return state_->net.ptr(); }
PoseAligner PropagatorTrainer::aligner() const { return state_->aligner; }

void PropagatorTrainer::SaveCheckpoint(const std::string& path) const {
  const State& s = *state_;
  torch::serialize::OutputArchive root, predictor, aligner, optimizer;
  s.net->save(predictor);
  s.aligner->save(aligner);
  s.adam->save(optimizer);
  root.write("predictor", predictor);
  root.write("aligner", aligner);
  root.write("optimizer", optimizer);
  std::ostringstream payload;
  root.save_to(payload);

  CheckpointInfo info;
  info.kind = kCheckpointKind;
  info.step = s.step;
  info.options_json = PropagatorTrainerOptionsToJson(s.options);
  info.hand_model = s.identity;
  WriteCheckpoint(path, info, payload.str());
}

void PropagatorTrainer::LoadPredictor(const std::string& checkpoint) {
  State& s = *state_;
  CheckpointInfo info = ReadCheckpointInfo(checkpoint);
  CheckCheckpointKind(checkpoint, info, kStage1Kind);
  CheckCheckpointHandModel(checkpoint, info, s.identity);
  s.CheckShape(checkpoint, PredictorTrainerOptionsFromJson(info.options_json, checkpoint).network);
  const std::string payload = ReadCheckpointPayload(checkpoint, &info);
  try {
    std::istringstream in(payload);
    torch::serialize::InputArchive root, model;
    root.load_from(in, s.device);
    root.read("model", model);
    s.net->load(model);
  } catch (const c10::Error& e) {
    throw InputError(checkpoint + ": cannot load the network state: " + FirstLine(e.what_without_backtrace()));
  }
}

void PropagatorTrainer::Resume(const std::string& checkpoint) {
  State& s = *state_;
  CheckpointInfo info = ReadCheckpointInfo(checkpoint);
  CheckCheckpointKind(checkpoint, info, kCheckpointKind);
  CheckCheckpointHandModel(checkpoint, info, s.identity);
  const PropagatorTrainerOptions saved = PropagatorTrainerOptionsFromJson(info.options_json, checkpoint);
  const bool same_stage = saved.stage == s.options.stage;
  // Stage 3 starts from stage 2; stage 2 may also re-fit the aligner of a stage-3 model.
  if (!same_stage && !(saved.stage == 2 && s.options.stage == 3) && !(saved.stage == 3 && s.options.stage == 2))
    throw InputError(checkpoint + ": holds stage " + std::to_string(saved.stage) + ", which cannot start stage " +
                     std::to_string(s.options.stage));
  s.CheckShape(checkpoint, saved.network);
  s.CheckAlignerShape(checkpoint, saved.aligner);

  const std::string payload = ReadCheckpointPayload(checkpoint, &info);
  try {
    std::istringstream in(payload);
    torch::serialize::InputArchive root, predictor, aligner, optimizer;
    root.load_from(in, s.device);
    root.read("predictor", predictor);
    root.read("aligner", aligner);
    s.net->load(predictor);
    s.aligner->load(aligner);
    if (same_stage) {
      root.read("optimizer", optimizer);
      s.adam->load(optimizer);
    }
  } catch (const c10::Error& e) {
    throw InputError(checkpoint + ": cannot load the network state: " + FirstLine(e.what_without_backtrace()));
  }
  for (torch::optim::OptimizerParamGroup& group : s.adam->param_groups())
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(s.options.learning_rate);
  s.step = same_stage ? info.step : 0;
}

PropagatorTrainingResult PropagatorTrainer::Run(BatchSource& source, const PropagatorProgressCallback& progress,
                                                const std::atomic<bool>* cancel) {
  State& s = *state_;
  const PropagatorTrainerOptions& o = s.options;
  const bool stage2 = o.stage == 2;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (s.device.is_cpu()) {
    const int threads = o.threads > 0 ? o.threads : DefaultComputeThreads();
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
  PropagatorTrainingResult result;
  result.device = DeviceSummary(s.device);

  // A fresh sampler advanced past the pairs of the steps already taken: the stream of pairs
  // depends on (seed, step) only, whether or not the run was resumed.
  const SourceVideos videos = source.Videos();
  if (videos.video_ids.size() != videos.key_frames.size())
    throw RuntimeError("batch source: Videos returned " + std::to_string(videos.video_ids.size()) + " ids for " +
                       std::to_string(videos.key_frames.size()) + " videos");
  const PairSamplerOptions pair_options{o.unlabelled_probability, o.max_gap, o.top_k, stage2,
                                        PropagatorPairSeed(o.seed)};
  PairSampler sampler(videos.key_frames, pair_options);
  for (int64_t i = 0; i < s.step; ++i) sampler.NextBatch(o.batch_size);

  int64_t saved_step = -1;
  const auto save = [&] {
    SaveCheckpoint(o.checkpoint_path);
    saved_step = s.step;
    result.checkpoint = o.checkpoint_path;
  };
  const int64_t b = o.batch_size;
  stage2 ? s.net->eval() : s.net->train();
  s.aligner->train();
  // Stage 2: the frozen encoder sees the same unaugmented key frames at every step, so it encodes
  // each of them once (key_frame_features.h).
  std::optional<KeyFrameFeatures> cache;
  if (stage2 && s.step < o.steps) cache.emplace(source, videos, *s.net, s.device, kEncodeBatch);
  // A cached step is small matrices only; on the CPU one thread runs it 1.45x faster than two,
  // which mostly wait for each other (docs/benchmarks.md "Stage 2 on cached key-frame features").
  const RestoreThreadCount restore{at::get_num_threads()};
  if (stage2 && s.device.is_cpu()) at::set_num_threads(1);
  while (s.step < o.steps) {
    if (cancel != nullptr && cancel->load()) {
      result.cancelled = true;
      break;
    }
    torch::manual_seed(DeriveSeed(o.seed, kStepSeedStream, static_cast<uint64_t>(s.step)));
    const std::vector<FramePair> pairs = sampler.NextBatch(o.batch_size);
    s.adam->zero_grad();
    PropagatorLossValues values;
    torch::Tensor total;
    if (stage2) {
      const torch::Tensor rows_a = cache->Rows(pairs, false), rows_b = cache->Rows(pairs, true);
      const AlignmentLoss align = ComputeAlignmentLoss(
          s.net->hand_layer(), s.aligner, cache->features().index({rows_a}), cache->features().index({rows_b}),
          cache->Labels(rows_a), cache->Labels(rows_b), o.alignment_loss);
      total = align.total;
      values = {0.0, Item(align.forward), Item(align.backward), Item(align.regulariser), Item(align.total), 0.0};
    } else {
      std::vector<FrameRef> frames(2 * b);
      for (int64_t i = 0; i < b; ++i) {
        frames[i] = {videos.video_ids[pairs[i].video], pairs[i].a};
        frames[b + i] = {videos.video_ids[pairs[i].video], pairs[i].b};
      }
      const TrainingBatch batch = source.LoadFrames(frames);
      CheckPairBatch(batch, b);
      const torch::Tensor images = batch.images.to(s.device, torch::kFloat);
      const torch::Tensor intrinsics = batch.intrinsics.to(s.device, torch::kFloat);
      const torch::Tensor keypoints = batch.keypoints.to(s.device, torch::kFloat);
      const RootedHand truth_a = Truth(keypoints, batch.pose.to(s.device, torch::kFloat),
                                       batch.betas.to(s.device, torch::kFloat), 0, b);
      const HandPredictorOutput out = s.net->forward(images, intrinsics);
      const HandLossTerms predictor =
          HandPredictorLoss(Rows(out, 0, b), keypoints.slice(0, 0, b), o.predictor_loss);
      const RootedHand source_b{out.root.slice(0, b, 2 * b), out.full_pose.slice(0, b, 2 * b),
                                out.betas.slice(0, b, 2 * b)};
      const torch::Tensor& f = out.features.concatenated;
      const AlignmentLoss align = ComputeAlignmentLoss(s.net->hand_layer(), s.aligner, f.slice(0, 0, b),
                                                       f.slice(0, b, 2 * b), truth_a, source_b, o.alignment_loss);
      total = predictor.total + o.alignment_weight * align.total;
      values = {Item(predictor.total), Item(align.forward), Item(align.backward), Item(align.regulariser),
                Item(align.total), 0.0};
    }
    total.backward();
    s.adam->step();
    values.total = Item(total);
    ++s.step;
    ++result.steps_run;
    result.loss = values;

    if (!o.checkpoint_path.empty() && o.checkpoint_every > 0 && s.step % o.checkpoint_every == 0) save();
    if (progress) {
      PropagatorProgress p;
      p.step = s.step;
      p.steps = o.steps;
      p.loss = values;
      const double seconds = elapsed();
      p.pairs_per_second = seconds > 0.0 ? static_cast<double>(result.steps_run * b) / seconds : 0.0;
      p.eta_seconds = static_cast<double>(o.steps - s.step) * seconds / static_cast<double>(result.steps_run);
      progress(p);
    }
  }
  // Nothing to save when no step ran: re-writing a finished checkpoint would change its bytes, and
  // with them the model id of every label it propagates (RunTrainingJob writes a missing one).
  if (!o.checkpoint_path.empty() && result.steps_run > 0 && saved_step != s.step &&
      (!result.cancelled || o.checkpoint_on_cancel))
    save();
  result.step = s.step;
  result.seconds = elapsed();
  result.pairs_per_second = result.seconds > 0.0 ? static_cast<double>(result.steps_run * b) / result.seconds : 0.0;
  return result;
}

}  // namespace handprop
