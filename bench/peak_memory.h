// SPDX-License-Identifier: Apache-2.0
// The process's peak resident memory (Linux VmHWM), for the benches that report memory.
#pragma once

#include <fstream>
#include <string>

namespace handprop::bench {

// Peak resident memory since the start or the last ResetPeakRss, in MiB; -1 when unknown.
inline double PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return -1.0;
}

// Starts a new peak (Linux >= 4.0: writing 5 to clear_refs resets VmHWM).
inline void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace handprop::bench
