// SPDX-License-Identifier: Apache-2.0
// Label-propagation throughput (issue 4, Performance): "propagation end to end (decode, crop,
// encode, align, LBS, store) in frames/s, next to the encoder's forward-only throughput on the
// same machine in the same run; the end-to-end rate should reach at least 70% of the forward-only
// rate". One process renders a synthetic project (preset demo, --frames per video, --sequences x
// --cameras videos, seed 0) into a temporary folder, writes a random-weight stage-3 propagator
// checkpoint (PropagatorTrainer, 0 steps, seed 0; --crop-size px crops) and then times, in
// alternating repetitions (--reps, medians reported), over every frame of every video:
//   encoder    HandPredictor::Encode on pre-made random B x 3 x S x S tensors (B = --batch), split
//              into batches per video as the propagator splits them;
//   predictor  HandPredictor::forward (encode + both branches + the torch hand layer) on the same
//              tensors: what the propagator runs per batch;
//   end2end    RunPropagationJob (bidirectional, every video): checkpoint load, project open,
//              decode + crop (prefetch thread), encode, align both ways, Eigen LBS, store write;
//   propagate  LabelPropagator::Propagate alone (fresh propagator, cold decode cache), split into
//              its encode phase (up to the last progress call: decode + crop + forward) and the
//              rest (key-label sweeps through the aligner, LBS, confidences);
//   decode     ProjectBatchSource::Load of the same batches (decode + crop + normalise), fresh source;
//   store      WriteMachineLabels of every video's labels (one transaction per video).
// Torch intra-op threads: --threads (default 2). Run it as
//   OMP_WAIT_POLICY=PASSIVE build/bench/propagation_bench [--crop-size 64]
// (libgomp reads the policy before main, so the bench cannot set it for itself as the CLI does;
// it warns when the variable is not PASSIVE). Prints a table and one parseable line:
//   RESULT crop=S threads=T batch=B frames=N encoder_fps=.. predictor_fps=.. end2end_fps=.. ratio=..
// where ratio = end2end / encoder. Errors: one line on stderr, exit 1 (flags) or 2.
#include <stdlib.h>
#include <strings.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "core/propagate/label_propagator.h"
#include "core/propagate/propagated_labels.h"
#include "core/propagate/propagation_job.h"
#include "core/train/project_batch_source.h"
#include "core/train/propagator_trainer.h"
#include "core/train/trained_networks.h"
#include "core/util/error.h"

namespace {

using namespace handprop;
using Clock = std::chrono::steady_clock;

struct Args {
  int crop = 128;
  int threads = 2;
  int batch = 32;
  int reps = 3;
  int frames = 120;   // per video
  int sequences = 2;  // 1 test sequence, the rest train
  int cameras = 4;
};

Args ParseArgs(int argc, char** argv) {
  Args a;
  const std::map<std::string, int*> flags{
      {"--crop-size", &a.crop}, {"--threads", &a.threads},     {"--batch", &a.batch},    {"--reps", &a.reps},
      {"--frames", &a.frames},  {"--sequences", &a.sequences}, {"--cameras", &a.cameras}};
  for (int i = 1; i < argc; ++i) {
    const auto flag = flags.find(argv[i]);
    if (flag == flags.end())
      throw InputError(std::string(argv[i]) +
                       ": unknown flag (--crop-size --threads --batch --reps --frames --sequences --cameras)");
    if (i + 1 >= argc) throw InputError(flag->first + ": missing value");
    *flag->second = std::atoi(argv[++i]);
  }
  if (a.crop < 32 || a.threads < 1 || a.batch < 1 || a.reps < 1 || a.frames < 12 || a.sequences < 2 || a.cameras < 1 ||
      a.cameras > 8)
    throw InputError("--crop-size must be >= 32, --frames >= 12, --sequences >= 2, --cameras 1..8, the rest >= 1");
  return a;
}

double Seconds(const std::function<void()>& work) {
  const auto start = Clock::now();
  work();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// A folder under the system temporary directory, removed with everything in it on destruction.
struct TempFolder {
  std::string path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "handprop-propagation-bench-XXXXXX").string();
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

// The propagator's batches: per video, frames [begin, begin + batch) up to the video's end.
struct Batch {
  int64_t video_id;
  int begin, size;
};
std::vector<Batch> PropagatorBatches(const std::vector<ProjectVideo>& videos, int batch) {
  std::vector<Batch> out;
  for (const ProjectVideo& v : videos)
    for (int begin = 0; begin < v.num_frames; begin += batch)
      out.push_back({v.video_id, begin, std::min(batch, v.num_frames - begin)});
  return out;
}

struct Timings {
  std::vector<double> encoder, predictor, end2end, job_outside, propagate, encode_phase, tail, decode, store;
};

void PrintRow(const char* name, const std::vector<double>& seconds, int frames, double encoder_s) {
  const double s = Median(seconds);
  const auto [low, high] = std::minmax_element(seconds.begin(), seconds.end());
  char range[32];
  std::snprintf(range, sizeof range, "%.2f-%.2f", *low, *high);
  std::printf("| %-44s | %8.2f | %13s | %8.1f | %6.2f |\n", name, s, range, frames / s, encoder_s / s);
}

int Main(const Args& a) {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  if (policy == nullptr || strcasecmp(policy, "passive") != 0)
    std::fprintf(stderr,
                 "warning: OMP_WAIT_POLICY is not PASSIVE; run `OMP_WAIT_POLICY=PASSIVE %s` on a shared machine\n",
                 "build/bench/propagation_bench");
  at::set_num_threads(a.threads);
  TempFolder temp;
  SynthOptions synth = SynthPreset("demo");
  synth.out = temp.path + "/synth";
  synth.seed = 0;
  synth.threads = a.threads;
  synth.motion.num_frames = a.frames;
  synth.rig.num_cameras = a.cameras;
  synth.num_train_sequences = a.sequences - 1;
  synth.num_test_sequences = 1;
  synth.subjects.num_train_subjects = std::min(synth.subjects.num_train_subjects, a.sequences - 1);
  synth.subjects.num_test_subjects = 1;
  const SynthResult made = RunSynth(synth);
  std::printf("project: %d videos x %d frames at %d px rendered in %.1f s\n", made.views, a.frames,
              synth.rig.image_size, made.seconds);

  PropagatorTrainerOptions train;
  train.stage = 3;
  train.steps = 0;
  train.network.crop_size = a.crop;
  train.device = "cpu";
  train.threads = a.threads;
  train.seed = 0;
  const std::string checkpoint = temp.path + "/propagator.ckpt";
  PropagatorTrainer(train).SaveCheckpoint(checkpoint);
  TrainedNetworks nets = LoadTrainedNetworks(checkpoint, torch::kCPU);

  LabelPropagatorOptions propagator_options;
  propagator_options.device = "cpu";
  propagator_options.threads = a.threads;
  propagator_options.batch_size = a.batch;
  PropagationJobOptions job;
  job.project = made.project_path;
  job.model = checkpoint;
  job.propagator = propagator_options;
  ProjectBatchOptions source_options;
  source_options.frames.crop.size = a.crop;
  source_options.crop_jitter_enabled = source_options.colour_jitter_enabled = false;

  const std::vector<ProjectVideo> videos = ProjectFrames(made.project_path).videos();
  const std::vector<Batch> batches = PropagatorBatches(videos, a.batch);
  int frames = 0;
  for (const ProjectVideo& v : videos) frames += v.num_frames;
  torch::manual_seed(0);
  std::vector<torch::Tensor> images, intrinsics;
  const float focal = 1.6f * a.crop;
  for (const Batch& b : batches) {
    images.push_back(torch::rand({b.size, 3, a.crop, a.crop}) - 0.5);
    intrinsics.push_back(torch::tensor({focal, focal, 0.5f * a.crop, 0.5f * a.crop}).repeat({b.size, 1}));
  }

  // Labels for the store timing, from one propagation pass (also the warm-up of every piece).
  std::vector<std::vector<LabelRecord>> labels;
  {
    LabelPropagator propagator(made.project_path, checkpoint, propagator_options);
    for (const ProjectVideo& v : videos)
      labels.push_back(MachineLabels(propagator.Propagate(v.video_id, 0, v.num_frames - 1),
                                     PropagationMode::kBidirectional, propagator.model_id(), "bench"));
  }
  torch::NoGradGuard no_grad;
  double sink = 0.0;
  Timings t;
  PropagationJobResult last_job;
  for (int rep = 0; rep < a.reps; ++rep) {
    t.encoder.push_back(Seconds([&] {
      for (const torch::Tensor& x : images) sink += nets.predictor->Encode(x).concatenated[0][0].item<double>();
    }));
    t.predictor.push_back(Seconds([&] {
      for (size_t i = 0; i < images.size(); ++i)
        sink += nets.predictor->forward(images[i], intrinsics[i]).keypoints[0][0][0].item<double>();
    }));
    t.end2end.push_back(Seconds([&] { last_job = RunPropagationJob(job); }));
    double inside = 0.0;  // the job's Propagate calls
    for (const PropagatedVideo& v : last_job.videos) inside += v.seconds;
    t.job_outside.push_back(t.end2end.back() - inside);
    {
      LabelPropagator propagator(made.project_path, checkpoint, propagator_options);
      double encode_phase = 0.0, whole = 0.0;
      for (const ProjectVideo& v : videos) {
        Clock::time_point start = Clock::now(), encoded = start;
        const auto progress = [&encoded](int, int) { encoded = Clock::now(); };
        propagator.Propagate(v.video_id, 0, v.num_frames - 1, progress);
        const Clock::time_point end = Clock::now();
        encode_phase += std::chrono::duration<double>(encoded - start).count();
        whole += std::chrono::duration<double>(end - start).count();
      }
      t.propagate.push_back(whole);
      t.encode_phase.push_back(encode_phase);
      t.tail.push_back(whole - encode_phase);
    }
    {
      ProjectBatchSource source(made.project_path, source_options);
      t.decode.push_back(Seconds([&] {
        for (const Batch& b : batches) {
          std::vector<FrameRef> refs;
          for (int f = b.begin; f < b.begin + b.size; ++f) refs.push_back({b.video_id, f});
          sink += source.Load(refs, false).images.size(0);
        }
      }));
    }
    ProjectStore store = ProjectStore::Open(made.project_path);
    t.store.push_back(Seconds([&] {
      for (const std::vector<LabelRecord>& l : labels) sink += WriteMachineLabels(store, l).written;
    }));
  }
  if (last_job.videos.size() != videos.size()) throw RuntimeError("the propagation job skipped videos");
  int written = 0;
  for (const PropagatedVideo& v : last_job.videos) written += v.write.written;

  const double encoder_s = Median(t.encoder);
  std::printf(
      "\nLabel propagation, CPU, %d torch threads (device \"%s\"), crops %d px, batches of %d, %d frames "
      "(%zu videos), median of %d repetitions; checksum %.3g\n\n",
      a.threads, last_job.device.c_str(), a.crop, a.batch, frames, videos.size(), a.reps, sink);
  std::printf("| %-44s | %8s | %13s | %8s | %6s |\n", "timing (median of the repetitions)", "s", "min-max s",
              "frames/s", "ratio");
  std::printf("|----------------------------------------------|----------|---------------|----------|--------|\n");
  PrintRow("encoder forward only (Encode, a)", t.encoder, frames, encoder_s);
  PrintRow("predictor forward (Encode + Decode)", t.predictor, frames, encoder_s);
  PrintRow("end to end: RunPropagationJob (b)", t.end2end, frames, encoder_s);
  PrintRow("  of which outside Propagate (setup, store)", t.job_outside, frames, encoder_s);
  PrintRow("  LabelPropagator::Propagate alone", t.propagate, frames, encoder_s);
  PrintRow("    encode phase (decode+crop || forward)", t.encode_phase, frames, encoder_s);
  PrintRow("    align both ways + LBS + confidences", t.tail, frames, encoder_s);
  PrintRow("  decode + crop only (ProjectBatchSource)", t.decode, frames, encoder_s);
  PrintRow("  store write only (WriteMachineLabels)", t.store, frames, encoder_s);
  std::printf(
      "\n(ratio = encoder seconds / row seconds; the end-to-end row's is b/a.) The job wrote %d labels per run; "
      "'outside Propagate' is checkpoint load, project open, store writes and the runs row.\n",
      written);
  const double e2e_fps = frames / Median(t.end2end), encoder_fps = frames / encoder_s;
  std::printf(
      "RESULT crop=%d threads=%d batch=%d frames=%d encoder_fps=%.2f predictor_fps=%.2f end2end_fps=%.2f "
      "propagate_fps=%.2f decode_fps=%.1f store_fps=%.1f ratio=%.3f\n",
      a.crop, a.threads, a.batch, frames, encoder_fps, frames / Median(t.predictor), e2e_fps,
      frames / Median(t.propagate), frames / Median(t.decode), frames / Median(t.store), e2e_fps / encoder_fps);
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
