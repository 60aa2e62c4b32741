// SPDX-License-Identifier: Apache-2.0
// The `handprop` CLI is one dispatcher over subcommands (style.md rule 2): a table maps a name
// to Run<Cmd>(argc, argv), which parses flags into an options struct and calls a typed,
// testable function. Exit codes: 0 success, 1 bad user input (one line naming the file or
// flag and the problem), 2 runtime failure.
#pragma once

#include <string>
#include <vector>

namespace handprop::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitRuntimeFailure = 2;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);  // argv[0] is the subcommand name
};

const std::vector<Command>& Commands();

// Runs `handprop ARGS...`: dispatches, and turns exceptions into a one-line message on stderr
// and the exit code above.
int Dispatch(int argc, char** argv);

// Each subcommand, defined in app/commands/<name>_command.cc.
int RunDemoCommand(int argc, char** argv);
int RunEvalCommand(int argc, char** argv);
int RunModelCommand(int argc, char** argv);
int RunProjectCommand(int argc, char** argv);
int RunSynthCommand(int argc, char** argv);
int RunTrainCommand(int argc, char** argv);
int RunPropagateCommand(int argc, char** argv);
int RunInterpolateCommand(int argc, char** argv);
int RunGuiCommand(int argc, char** argv);

}  // namespace handprop::cli
