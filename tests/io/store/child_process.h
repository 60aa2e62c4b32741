// SPDX-License-Identifier: Apache-2.0
// A helper process for the store tests: fork + exec with its stdout on a pipe, read line by line.
// The destructor kills (SIGKILL) and reaps a child that is still running.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace handprop::testing {

class ChildProcess {
 public:
  // Starts `argv[0]` with `argv`; stderr is inherited. Aborts the test binary when fork fails.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of stdout without its newline; nullopt after `timeout_ms` or at end of stream.
  std::optional<std::string> ReadLine(int timeout_ms);
  // True once stdout reached its end (the child closed it or died) and every line was read.
  bool at_eof() const { return eof_ && buffer_.find('\n') == std::string::npos; }
  // Sends `signal`, then waits; returns the raw waitpid status.
  int KillAndWait(int signal);
  // Waits for the child to exit by itself; returns the raw waitpid status.
  int Wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

// N for a "committed N" line of the writer helper, else `previous`.
int CommittedCount(const std::string& line, int previous);

}  // namespace handprop::testing
