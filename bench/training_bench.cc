// SPDX-License-Identifier: Apache-2.0
// Stage-3 training throughput of the C++ trainer (issue 4, Performance): PropagatorTrainer with
// both networks trained on frame pairs (HandPredictor ResNet-18 + PoseAligner, loss
// L_pred(a) + lambda L_align, Adam 5e-5), batch 8 pairs of 128-px crops (the defaults), fresh
// initialisation. Three timings, each the median of per-step wall times after warm-up:
//   trainer  PropagatorTrainer::Run on a ProjectBatchSource: pair sampling, decoding, cropping,
//            normalising and the optimizer step, i.e. what `handprop train` does per step;
//   load     ProjectBatchSource::LoadFrames of 2 x batch frames alone (the data-loading share);
//   compute  the same forward/loss/backward/Adam step on ONE pre-loaded batch reused every step,
//            the work bench/training_step.py does in Python on random tensors.
// The project is --project (a project.hpj), or the synthetic preset (--preset, default tiny, seed 0) rendered into
// a temporary folder that is removed at the end. Torch intra-op threads: --threads (default 2).
// Prints a table, the parameter count and one parseable line per timing:
//   RESULT impl=<name> threads=T batch_pairs=B crop=S steps=N ms_per_step=M pairs_per_s=P images_per_s=I
// bench/compare_training.sh runs it against the Python step. Errors: one line, exit 1 or 2.
#include <stdlib.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/data/synth_job.h"
#include "core/nn/hand_predictor.h"
#include "core/train/pair_sampler.h"
#include "core/train/project_batch_source.h"
#include "core/train/propagator_trainer.h"
#include "core/util/error.h"

namespace {

using namespace handprop;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string project;          // "" = render --preset into a temporary folder
  std::string preset = "tiny";
  int threads = 2;
  int warmup = 3;
  int steps = 10;
  int batch = 8;                // pairs per step
  int crop = 128;
};

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::printf("usage: training_bench [--project P.hpj | --preset tiny|demo|bench] [--threads 2] [--warmup 3]\n"
                  "                      [--steps 10] [--batch 8] [--crop 128]\n");
      std::exit(0);
    }
    if (i + 1 >= argc) throw InputError(flag + ": missing value");
    const char* value = argv[++i];
    if (flag == "--project") a.project = value;
    else if (flag == "--preset") a.preset = value;
    else if (flag == "--threads") a.threads = std::atoi(value);
    else if (flag == "--warmup") a.warmup = std::atoi(value);
    else if (flag == "--steps") a.steps = std::atoi(value);
    else if (flag == "--batch") a.batch = std::atoi(value);
    else if (flag == "--crop") a.crop = std::atoi(value);
    else throw InputError(flag + ": unknown flag (--project --preset --threads --warmup --steps --batch --crop)");
  }
  if (a.threads < 1 || a.warmup < 0 || a.steps < 1 || a.batch < 1 || a.crop < 32)
    throw InputError("--threads, --steps, --batch must be >= 1, --warmup >= 0, --crop >= 32");
  return a;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int64_t ParameterCount(const torch::nn::Module& module) {
  int64_t n = 0;
  for (const torch::Tensor& p : module.parameters()) n += p.numel();
  return n;
}

void Report(const char* impl, const Args& a, double ms) {
  const double pairs = 1000.0 * a.batch / ms;
  std::printf("RESULT impl=%s threads=%d batch_pairs=%d crop=%d steps=%d ms_per_step=%.2f pairs_per_s=%.3f "
              "images_per_s=%.3f\n", impl, a.threads, a.batch, a.crop, a.steps, ms, pairs, 2.0 * pairs);
}

// A checksum of HandAtRoot on a fixed pose, printed by bench/training_step.py too (same model, same LBS).
double LbsCheck(const HandPredictorImpl& net) {
  torch::NoGradGuard no_grad;
  const torch::Tensor pca =
      torch::cat({0.3 * torch::sin(torch::arange(3.0)), 0.5 * torch::cos(torch::arange(15.0))}).view({1, 18});
  const torch::Tensor pose = net.hand_layer().AbsolutePose(pca, net.pose_convention());
  const torch::Tensor betas = (0.5 * torch::sin(torch::arange(10.0) + 1.0)).view({1, 10});
  const torch::Tensor root = torch::tensor({0.01f, -0.02f, 0.5f}).view({1, 3});
  return HandAtRoot(net.hand_layer(), RootedHand{root, pose, betas}).keypoints.abs().sum().item<double>();
}

// Per-step times of PropagatorTrainer::Run after `warmup` steps, from its progress callback.
std::vector<double> TimeTrainer(PropagatorTrainer& trainer, BatchSource& source) {
  std::vector<Clock::time_point> stamps{Clock::now()};
  trainer.Run(source, [&stamps](const PropagatorProgress&) { stamps.push_back(Clock::now()); });
  std::vector<double> ms;
  for (size_t i = 1; i < stamps.size(); ++i) ms.push_back(Ms(stamps[i - 1], stamps[i]));
  return ms;
}

// The 2B frames of B pairs as the trainer orders them: a_1..a_B, then b_1..b_B.
std::vector<FrameRef> PairFrames(PairSampler& sampler, const SourceVideos& videos, int b) {
  std::vector<FrameRef> frames(2 * b);
  const std::vector<FramePair> pairs = sampler.NextBatch(b);
  for (int i = 0; i < b; ++i) {
    frames[i] = {videos.video_ids[pairs[i].video], pairs[i].a};
    frames[b + i] = {videos.video_ids[pairs[i].video], pairs[i].b};
  }
  return frames;
}

// LoadFrames of 2B frames of sampled pairs, as the trainer asks for them.
std::vector<double> TimeLoading(ProjectBatchSource& source, PairSampler& sampler, const Args& a, int count) {
  const SourceVideos videos = source.Videos();
  std::vector<double> ms;
  for (int step = 0; step < count; ++step) {
    const std::vector<FrameRef> frames = PairFrames(sampler, videos, a.batch);
    const auto start = Clock::now();
    const TrainingBatch batch = source.LoadFrames(frames);
    ms.push_back(Ms(start, Clock::now()));
    HP_CHECK(batch.images.size(0) == 2 * a.batch, "LoadFrames returned a short batch");
  }
  return ms;
}

// The trainer's stage-3 step (propagator_trainer.cc) on one pre-loaded batch, with an Adam of its own.
std::vector<double> TimeCompute(PropagatorTrainer& trainer, const TrainingBatch& batch, const Args& a) {
  const PropagatorTrainerOptions& o = trainer.options();
  HandPredictorImpl& net = *trainer.predictor();
  PoseAligner aligner = trainer.aligner();
  std::vector<torch::Tensor> parameters = net.parameters();
  for (const torch::Tensor& p : aligner->parameters()) parameters.push_back(p);
  torch::optim::Adam adam(parameters, torch::optim::AdamOptions(o.learning_rate));
  net.train();
  aligner->train();
  const int64_t b = a.batch;
  const torch::Tensor images = batch.images.to(torch::kFloat), intrinsics = batch.intrinsics.to(torch::kFloat);
  const torch::Tensor keypoints = batch.keypoints.to(torch::kFloat), pose = batch.pose.to(torch::kFloat);
  const torch::Tensor betas = batch.betas.to(torch::kFloat);
  const RootedHand truth_a{keypoints.slice(0, 0, b).select(1, 0), pose.slice(0, 0, b), betas.slice(0, 0, b)};
  std::vector<double> ms;
  double sink = 0.0;
  for (int step = 0; step < a.warmup + a.steps; ++step) {
    const auto start = Clock::now();
    torch::manual_seed(static_cast<uint64_t>(step));
    adam.zero_grad();
    const HandPredictorOutput out = net.forward(images, intrinsics);
    HandPredictorOutput rows_a;
    rows_a.keypoints = out.keypoints.slice(0, 0, b);
    rows_a.pca = out.pca.slice(0, 0, b);
    rows_a.betas = out.betas.slice(0, 0, b);
    const HandLossTerms predictor = HandPredictorLoss(rows_a, keypoints.slice(0, 0, b), o.predictor_loss);
    const RootedHand source_b{out.root.slice(0, b, 2 * b), out.full_pose.slice(0, b, 2 * b),
                              out.betas.slice(0, b, 2 * b)};
    const torch::Tensor& f = out.features.concatenated;
    const AlignmentLoss align = ComputeAlignmentLoss(net.hand_layer(), aligner, f.slice(0, 0, b), f.slice(0, b, 2 * b),
                                                     truth_a, source_b, o.alignment_loss);
    const torch::Tensor total = predictor.total + o.alignment_weight * align.total;
    total.backward();
    adam.step();
    for (const torch::Tensor* t : {&predictor.total, &align.forward, &align.backward, &align.regulariser, &total})
      sink += t->item<double>();  // the trainer reads the same five values every step
    if (step >= a.warmup) ms.push_back(Ms(start, Clock::now()));
  }
  if (!std::isfinite(sink)) std::printf("warning: the compute step's loss is not finite\n");
  return ms;
}

// A folder under the system temporary directory, removed with everything in it on destruction.
struct TempFolder {
  std::string path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "handprop-training-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw RuntimeError(pattern + ": cannot create a temporary folder");
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

int Main(const Args& a) {
  std::string project = a.project;
  std::unique_ptr<TempFolder> temp;
  if (project.empty()) {
    temp = std::make_unique<TempFolder>();
    SynthOptions synth = SynthPreset(a.preset);
    synth.out = temp->path + "/synth";
    synth.seed = 0;
    synth.threads = a.threads;
    const SynthResult made = RunSynth(synth);
    project = made.project_path;
    std::printf("project: preset %s rendered in %.1f s (%d images, %d labelled)\n", a.preset.c_str(), made.seconds,
                made.images, made.labelled_images);
  }
  PropagatorTrainerOptions options;
  options.stage = 3;
  options.network.crop_size = a.crop;
  options.batch_size = a.batch;
  options.steps = a.warmup + a.steps;
  options.threads = a.threads;
  options.device = "cpu";
  ProjectBatchOptions source_options;
  source_options.frames.crop.size = a.crop;
  ProjectBatchSource source(project, source_options);
  PropagatorTrainer trainer(options);
  const int64_t predictor_params = ParameterCount(*trainer.predictor());
  const int64_t aligner_params = ParameterCount(*trainer.aligner());
  std::printf("PARAMS impl=cxx predictor=%lld aligner=%lld total=%lld\n", static_cast<long long>(predictor_params),
              static_cast<long long>(aligner_params), static_cast<long long>(predictor_params + aligner_params));

  std::printf("LBSCHECK impl=cxx value=%.6f\n", LbsCheck(*trainer.predictor()));
  std::fflush(stdout);
  std::vector<double> trainer_ms = TimeTrainer(trainer, source);
  HP_CHECK(trainer_ms.size() == static_cast<size_t>(a.warmup + a.steps), "the trainer ran fewer steps than asked");
  trainer_ms.erase(trainer_ms.begin(), trainer_ms.begin() + a.warmup);
  PairSampler sampler(source.Videos().key_frames, PairSamplerOptions{0.5, 10, 3, false, 99});
  const std::vector<double> load_ms = TimeLoading(source, sampler, a, a.warmup + a.steps);
  const TrainingBatch fixed = source.LoadFrames(PairFrames(sampler, source.Videos(), a.batch));
  const std::vector<double> compute_ms = TimeCompute(trainer, fixed, a);

  const double t = Median(trainer_ms), l = Median({load_ms.begin() + a.warmup, load_ms.end()});
  const double c = Median(compute_ms);
  std::printf("\nStage-3 training step, CPU, %d torch threads, %d pairs (%d crops of %d px), median of %d steps\n\n",
              at::get_num_threads(), a.batch, 2 * a.batch, a.crop, a.steps);
  std::printf("| timing                          | ms/step | pairs/s | images/s |\n");
  std::printf("|---------------------------------|---------|---------|----------|\n");
  std::printf("| trainer (data loading included) | %7.1f | %7.2f | %8.2f |\n", t, 1000.0 * a.batch / t, 2000.0 * a.batch / t);
  std::printf("| compute only (pre-loaded batch) | %7.1f | %7.2f | %8.2f |\n", c, 1000.0 * a.batch / c, 2000.0 * a.batch / c);
  std::printf("| LoadFrames of 2B frames alone   | %7.1f |         | %8.1f |\n", l, 2000.0 * a.batch / l);
  std::printf("\ndata loading share of a trainer step: %.1f %%\n", 100.0 * l / t);
  Report("cxx_trainer", a, t);
  Report("cxx_compute", a, c);
  Report("cxx_load", a, l);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(ParseArgs(argc, argv));
  } catch (const InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}
