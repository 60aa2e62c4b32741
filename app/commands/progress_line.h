// SPDX-License-Identifier: Apache-2.0
// A progress line on stderr for long CLI jobs (training, propagation). On a terminal the line is
// rewritten in place at most 4 times a second; otherwise (CI logs, pipes) a new line is printed
// at most every `log_interval_s` seconds, and always for the final state, so logs stay short.
#pragma once

#include <chrono>
#include <string>

namespace handprop::cli {

class ProgressLine {
 public:
  explicit ProgressLine(double log_interval_s = 10.0);
  // `force` prints even when throttled (a stage's last step).
  void Update(const std::string& text, bool force = false);
  // Ends the in-place line on a terminal.
  void Finish();

 private:
  bool tty_;
  double interval_s_;
  std::chrono::steady_clock::time_point last_;
  bool printed_ = false;
  size_t width_ = 0;
};

// 75 s -> "1:15", 3725 s -> "1:02:05"; "--:--" for a negative or non-finite value.
std::string FormatDuration(double seconds);

}  // namespace handprop::cli
