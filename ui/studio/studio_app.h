// SPDX-License-Identifier: Apache-2.0
// The `handprop-studio` program behind app/studio_main.cc:
//   handprop-studio [--model openhand|FILE] [--screenshot out.png] [--size WxH]
// Interactive by default. With --screenshot it shows the window once at the requested size,
// writes it as a PNG (temporary file + rename) and exits.
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
