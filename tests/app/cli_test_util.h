// SPDX-License-Identifier: Apache-2.0
// Running the `handprop` CLI in-process for tests: RunCli captures the exit code, stdout and
// stderr of one Dispatch() call; ExpectBadInput checks the bad-input contract of
// app/command_table.h (exit 1, exactly one stderr line that contains the expected text).
// Not thread-safe (gtest's stream capture is global).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/command_table.h"

namespace handprop::cli {

struct CliResult {
  int code;
  std::string out, err;
};

// Runs `handprop ARGS...` (argv[0] is added).
inline CliResult RunCli(std::vector<std::string> args) {
  args.insert(args.begin(), "handprop");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int code = Dispatch(static_cast<int>(argv.size()), argv.data());
  CliResult r{code, ::testing::internal::GetCapturedStdout(), ::testing::internal::GetCapturedStderr()};
  return r;
}

// Bad input: exit 1 and exactly one line on stderr containing `needle`.
inline void ExpectBadInput(const std::vector<std::string>& args, const std::string& needle) {
  const CliResult r = RunCli(args);
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << "expected '" << needle << "' in: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace handprop::cli
