// SPDX-License-Identifier: Apache-2.0
#include "app/commands/progress_line.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace handprop::cli {

ProgressLine::ProgressLine(double log_interval_s)
    : tty_(isatty(fileno(stderr)) != 0), interval_s_(log_interval_s), last_(std::chrono::steady_clock::now()) {}

void ProgressLine::Update(const std::string& text, bool force) {
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (!force && printed_ && since < (tty_ ? 0.25 : interval_s_)) return;
  last_ = now;
  printed_ = true;
  if (tty_) {
    const size_t pad = width_ > text.size() ? width_ - text.size() : 0;
    std::fprintf(stderr, "\r%s%*s", text.c_str(), static_cast<int>(pad), "");
    width_ = text.size();
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  if (tty_ && printed_) std::fputc('\n', stderr);
  printed_ = false;
  width_ = 0;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = std::lround(seconds);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

}  // namespace handprop::cli
