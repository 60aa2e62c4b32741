// SPDX-License-Identifier: Apache-2.0
#include "core/train/predictor_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/data/derived_seed.h"
#include "core/model/hand_model_io.h"
#include "core/model/torch_runtime.h"
#include "core/nn/hand_predictor.h"
#include "core/train/checkpoint.h"
#include "core/train/trainer_common.h"
#include "core/util/error.h"
#include "core/util/option_check.h"
#include "core/util/threads.h"

namespace handprop {
namespace {

using namespace train_detail;

constexpr const char* kCheckpointKind = "hand_predictor";
constexpr uint64_t kStepSeedStream = 0x7072656474726e31ull;  // "predtrn1": per-step torch seeds

// Batches must be what NextLabelled promises; a source that breaks it is a runtime failure.
void CheckBatch(const TrainingBatch& batch) {
  if (!batch.images.defined() || !batch.intrinsics.defined() || !batch.keypoints.defined())
    throw RuntimeError("batch source: NextLabelled returned a batch without images, intrinsics or keypoints");
  if (!batch.labelled.defined()) throw RuntimeError("batch source: NextLabelled returned a batch without its labelled flags");
  if (!batch.labelled.all().item<bool>()) throw RuntimeError("batch source: NextLabelled returned unlabelled frames");
}

}  // namespace

void CheckSamePredictorNetwork(const std::string& checkpoint, const HandPredictorOptions& saved, const HandPredictorOptions& now) {
  const auto check = [&](const char* name, auto saved_value, auto value) {
    if (saved_value != value)
      throw InputError(checkpoint + ": network " + name + " is " + std::to_string(saved_value) + ", the options say " +
                       std::to_string(value));
  };
  check("crop_size", saved.crop_size, now.crop_size);
  check("num_pca", saved.num_pca, now.num_pca);
  check("mano_hidden", saved.mano_hidden, now.mano_hidden);
  check("root_hidden", saved.root_hidden, now.root_hidden);
  check("depth_factor", saved.depth_factor, now.depth_factor);
  check("depth_offset", saved.depth_offset, now.depth_offset);
  check("uv_factor", saved.uv_factor, now.uv_factor);
}

std::string PredictorTrainerOptions::Check() const {
  HP_OPTION_CHECK_NESTED(network);
  HP_OPTION_CHECK_NESTED(loss);
  HP_OPTION_CHECK(!hand_model.empty(), "hand_model must not be empty");
  HP_OPTION_CHECK_GE(steps, 0);
  HP_OPTION_CHECK_GE(batch_size, 1);
  HP_OPTION_CHECK(std::isfinite(learning_rate) && learning_rate > 0.0, "learning_rate must be finite and > 0");
  HP_OPTION_CHECK_GE(checkpoint_every, 0);
  HP_OPTION_CHECK(!device.empty(), "device must not be empty");
  HP_OPTION_CHECK_GE(threads, 0);
  return {};
}

std::string PredictorTrainerOptionsToJson(const PredictorTrainerOptions& o) {
  const nlohmann::json json = {
      {"network", NetworkOptionsJson(o.network)},
      {"loss", LossWeightsJson(o.loss)},
      {"hand_model", o.hand_model}, {"steps", o.steps}, {"batch_size", o.batch_size},
      {"learning_rate", o.learning_rate}, {"checkpoint_path", o.checkpoint_path},
      {"checkpoint_every", o.checkpoint_every}, {"checkpoint_on_cancel", o.checkpoint_on_cancel},
      {"seed", o.seed}, {"device", o.device}, {"threads", o.threads}};
  return json.dump();
}

PredictorTrainerOptions PredictorTrainerOptionsFromJson(const std::string& text, const std::string& origin) {
  PredictorTrainerOptions o;
  try {
    const nlohmann::json json = nlohmann::json::parse(text);
    ReadNetworkOptions(json.value("network", nlohmann::json::object()), &o.network);
    ReadLossWeights(json.value("loss", nlohmann::json::object()), &o.loss);
    o.hand_model = json.value("hand_model", o.hand_model);
    o.steps = json.value("steps", o.steps);
    o.batch_size = json.value("batch_size", o.batch_size);
    o.learning_rate = json.value("learning_rate", o.learning_rate);
    o.checkpoint_path = json.value("checkpoint_path", o.checkpoint_path);
    o.checkpoint_every = json.value("checkpoint_every", o.checkpoint_every);
    o.checkpoint_on_cancel = json.value("checkpoint_on_cancel", o.checkpoint_on_cancel);
    o.seed = json.value("seed", o.seed);
    o.device = json.value("device", o.device);
    o.threads = json.value("threads", o.threads);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(origin + ": trainer options: " + FirstLine(e.what()));
  }
  return o;
}

struct PredictorTrainer::State {
  PredictorTrainerOptions options;
  HandModelIdentity identity;
  torch::Device device{torch::kCPU};
  HandPredictor net{nullptr};
  std::unique_ptr<torch::optim::Adam> adam;
  int64_t step = 0;
  int64_t batches_to_skip = 0;  // set by Resume, consumed by the next Run
};

PredictorTrainer::PredictorTrainer(const PredictorTrainerOptions& options) : state_(std::make_unique<State>()) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("trainer options: " + problem);
  State& s = *state_;
  s.options = options;
  s.identity = IdentifyHandModel(options.hand_model);
  s.device = ResolveDevice(options.device);
  torch::manual_seed(options.seed);
  s.net = HandPredictor(LoadHandModelByName(options.hand_model), options.network);
  s.net->to(s.device);
  s.adam = std::make_unique<torch::optim::Adam>(s.net->parameters(), torch::optim::AdamOptions(options.learning_rate));
}

PredictorTrainer::~PredictorTrainer() = default;

int64_t PredictorTrainer::step() const { return state_->step; }
const PredictorTrainerOptions& PredictorTrainer::options() const { return state_->options; }
std::shared_ptr<HandPredictorImpl> PredictorTrainer::network() const { return state_->net.ptr(); }

void PredictorTrainer::SaveCheckpoint(const std::string& path) const {
  const State& s = *state_;
  torch::serialize::OutputArchive root, model, optimizer;
  s.net->save(model);
  s.adam->save(optimizer);
  root.write("model", model);
  root.write("optimizer", optimizer);
  std::ostringstream payload;
  root.save_to(payload);

  CheckpointInfo info;
  info.kind = kCheckpointKind;
  info.step = s.step;
  info.options_json = PredictorTrainerOptionsToJson(s.options);
  info.hand_model = s.identity;
  WriteCheckpoint(path, info, payload.str());
}

void PredictorTrainer::Resume(const std::string& checkpoint) {
  State& s = *state_;
  CheckpointInfo info = ReadCheckpointInfo(checkpoint);
  CheckCheckpointKind(checkpoint, info, kCheckpointKind);
  CheckCheckpointHandModel(checkpoint, info, s.identity);
  const PredictorTrainerOptions saved_options = PredictorTrainerOptionsFromJson(info.options_json, checkpoint);
  const HandPredictorOptions& saved = saved_options.network;
  const HandPredictorOptions& now = s.options.network;
  CheckSamePredictorNetwork(checkpoint, saved, now);
  // Resume replays the source by whole batches: the batch size must be the one the steps used.
  if (saved_options.batch_size != s.options.batch_size)
    throw InputError(checkpoint + ": batch_size (of the training run) is " + std::to_string(saved_options.batch_size) +
                     ", the options say " + std::to_string(s.options.batch_size));

  const std::string payload = ReadCheckpointPayload(checkpoint, &info);
  try {
    std::istringstream in(payload);
    torch::serialize::InputArchive root, model, optimizer;
    root.load_from(in, s.device);
    root.read("model", model);
    root.read("optimizer", optimizer);
    // Load into a fresh network and optimizer and swap them in only when both loaded, so that a
    // failed resume leaves the trainer exactly as it was (never new weights with an old step).
    HandPredictor net(LoadHandModelByName(s.options.hand_model), s.options.network);
    net->to(s.device);
    auto adam = std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(s.options.learning_rate));
    net->load(model);
    adam->load(optimizer);
    s.net = net;
    s.adam = std::move(adam);
  } catch (const c10::Error& e) {
    throw InputError(checkpoint + ": cannot load the network state: " + FirstLine(e.what_without_backtrace()));
  }
  for (torch::optim::OptimizerParamGroup& group : s.adam->param_groups())
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(s.options.learning_rate);
  s.step = info.step;
  s.batches_to_skip = info.step;
}

PredictorTrainingResult PredictorTrainer::Run(BatchSource& source, const PredictorProgressCallback& progress,
                                              const std::atomic<bool>* cancel) {
  State& s = *state_;
  const PredictorTrainerOptions& o = s.options;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (s.device.is_cpu()) {
    const int threads = o.threads > 0 ? o.threads : DefaultComputeThreads();
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
  PredictorTrainingResult result;
  result.device = DeviceSummary(s.device);
  if (s.batches_to_skip > 0) source.SkipLabelled(s.batches_to_skip, o.batch_size);
  s.batches_to_skip = 0;

  int64_t saved_step = -1;
  const auto save = [&] {
    SaveCheckpoint(o.checkpoint_path);
    saved_step = s.step;
    result.checkpoint = o.checkpoint_path;
  };
  s.net->train();
  while (s.step < o.steps) {
    if (cancel != nullptr && cancel->load()) {
      result.cancelled = true;
      break;
    }
    torch::manual_seed(DeriveSeed(o.seed, kStepSeedStream, static_cast<uint64_t>(s.step)));
    const TrainingBatch batch = source.NextLabelled(o.batch_size);
    CheckBatch(batch);
    const torch::Tensor images = batch.images.to(s.device, torch::kFloat);
    const torch::Tensor intrinsics = batch.intrinsics.to(s.device, torch::kFloat);
    const torch::Tensor keypoints = batch.keypoints.to(s.device, torch::kFloat);

    s.adam->zero_grad();
    const HandLossTerms terms = HandPredictorLoss(s.net->forward(images, intrinsics), keypoints, o.loss);
    terms.total.backward();
    s.adam->step();
    ++s.step;
    ++result.steps_run;
    result.loss = {Item(terms.joints), Item(terms.shape), Item(terms.pose), Item(terms.total)};

    if (!o.checkpoint_path.empty() && o.checkpoint_every > 0 && s.step % o.checkpoint_every == 0) save();
    if (progress) {
      PredictorProgress p;
      p.step = s.step;
      p.steps = o.steps;
      p.loss = result.loss;
      const double seconds = elapsed();
      p.images_per_second = seconds > 0.0 ? static_cast<double>(result.steps_run * o.batch_size) / seconds : 0.0;
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
  result.images_per_second =
      result.seconds > 0.0 ? static_cast<double>(result.steps_run * o.batch_size) / result.seconds : 0.0;
  return result;
}

}  // namespace handprop
