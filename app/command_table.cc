// SPDX-License-Identifier: Apache-2.0
#include "app/command_table.h"

#include <c10/util/Exception.h>

#include <cstdio>
#include <cstring>
#include <exception>

#include "core/model/torch_runtime.h"
#include "core/util/error.h"
#include "core/util/version.h"

namespace handprop::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"demo", "run the main job on the built-in hand model", RunDemoCommand},
      {"eval", "evaluate predicted keypoints and meshes against ground truth (MPJPE, F@5/15, AUC)", RunEvalCommand},
      {"gui", "open the annotation workspace (handprop-studio) with the same flags", RunGuiCommand},
      {"interpolate", "interpolate key-frame labels to the frames between them (fast, no model)", RunInterpolateCommand},
      {"model", "inspect, export and pose hand models (info | export | pose)", RunModelCommand},
      {"project", "create, fill, inspect and convert projects (create | add-video | import | export | info)", RunProjectCommand},
      {"propagate", "propagate key-frame labels to the other frames with a trained model", RunPropagateCommand},
      {"synth", "render a sparsely labelled synthetic multi-view hand video dataset into a project", RunSynthCommand},
      {"train", "train the label-propagation networks on a project's key frames (propagator)", RunTrainCommand},
  };
  return commands;
}

namespace {

void PrintHelp(std::FILE* out) {
  std::fprintf(out,
               "HandProp %s: 3D hand pose and shape annotation with label propagation.\n\n"
               "Usage: handprop <command> [options]\n       handprop <command> --help\n\nCommands:\n",
               kVersion);
  for (const Command& c : Commands()) std::fprintf(out, "  %-12s %s\n", c.name, c.summary);
  std::fprintf(out, "  %-12s %s\n  %-12s %s\n", "help", "show this list", "--version", "print the version");
  std::fprintf(out, "\nExit codes: 0 success, 1 bad input, 2 runtime failure.\n");
}

int Fail(const char* command, const char* kind, const char* message, int code) {
  std::fprintf(stderr, "handprop %s: %s%s\n", command, kind, message);
  return code;
}

}  // namespace

int Dispatch(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    if (argc >= 3) {  // `handprop help model` == `handprop model --help`
      for (const Command& c : Commands()) {
        if (std::strcmp(argv[2], c.name) == 0) {
          char help[] = "--help";
          char* args[] = {argv[2], help};
          return c.run(2, args);
        }
      }
    }
    PrintHelp(argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitBadInput : kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0) {
    std::printf("handprop %s\n", kVersion);
    return kExitOk;
  }
  for (const Command& c : Commands()) {
    if (std::strcmp(argv[1], c.name) != 0) continue;
    try {
      ConfigureTorchRuntime();
      return c.run(argc - 1, argv + 1);
    } catch (const InputError& e) {
      return Fail(c.name, "", e.what(), kExitBadInput);
    } catch (const RuntimeError& e) {
      return Fail(c.name, "error: ", e.what(), kExitRuntimeFailure);
    } catch (const c10::Error& e) {
      return Fail(c.name, "torch error: ", e.what_without_backtrace(), kExitRuntimeFailure);
    } catch (const std::exception& e) {
      return Fail(c.name, "error: ", e.what(), kExitRuntimeFailure);
    }
  }
  std::fprintf(stderr, "handprop: unknown command '%s' (see 'handprop help')\n", argv[1]);
  return kExitBadInput;
}

}  // namespace handprop::cli
