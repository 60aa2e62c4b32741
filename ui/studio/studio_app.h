// SPDX-License-Identifier: Apache-2.0
// The `handprop-studio` program behind app/studio_main.cc:
//   handprop-studio [--model openhand|FILE] [--project P [--video V] [--frame N]
//                   [--propagation-model DIR]] [--view overlay|3d] [--screenshot out.png] [--size WxH]
// Interactive by default. With --project it opens the annotation workspace on that project,
// at frame N of video V (an id, a path or a file name; default: the first video, frame 0).
// With --screenshot it shows the window once at the requested size, writes it as a PNG
// (temporary file + rename) and exits: the pictures of docs/user-guide.md are made this way.
// Exit codes: 0 success; 1 bad input (flag, model file: a message box when interactive, one
// line on stderr with --screenshot); 2 runtime failure (no OpenGL, the PNG cannot be written).
#pragma once

#include <QStringList>
#include <string>

namespace handprop::ui {

struct StudioOptions {
  std::string model = "openhand";  // "openhand" (shipped) or a model file (.npz)
  std::string screenshot;          // PNG path; empty: interactive
  int width = 1280;                // window size, logical pixels
  int height = 800;
  std::string pose = "mean";       // initial pose: "mean" (the model's mean) or "flat"
  std::string project;             // a project to open; empty: the model viewer
  std::string video;               // with project: a video id, path or file name; empty: the first
  int frame = 0;                   // with project: the frame to show
  std::string view = "overlay";    // "overlay" (the frame with the hand) or "3d" (the orbit view) large
  std::string propagation_model;   // a training folder or checkpoint for the Propagate menu; "" = choose there

  static constexpr int kMinSize = 320;
  static constexpr int kMaxSize = 8192;
  std::string Check() const;
};

// Parses the program's arguments (argv[0] first, as QCoreApplication::arguments()). Throws
// InputError "--size: ..." naming the flag on a bad value or an unknown option.
StudioOptions ParseStudioArguments(const QStringList& arguments);

// Runs the studio with an existing QApplication; returns the exit code above.
int RunStudio(const StudioOptions& options);

// Creates the QApplication, handles --help/--version, parses and runs. For main().
int StudioMain(int argc, char** argv);

}  // namespace handprop::ui
