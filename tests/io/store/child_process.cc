// SPDX-License-Identifier: Apache-2.0
#include "tests/io/store/child_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "core/util/error.h"

namespace handprop::testing {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int fds[2];
  HP_CHECK(::pipe(fds) == 0, "pipe failed");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_ = ::fork();
  HP_CHECK(pid_ >= 0, "fork failed");
  if (pid_ == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(args[0], args.data());
    std::perror(args[0]);
    ::_exit(127);
  }
  ::close(fds[1]);
  out_fd_ = fds[0];
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) KillAndWait(SIGKILL);
  if (out_fd_ >= 0) ::close(out_fd_);
}

std::optional<std::string> ChildProcess::ReadLine(int timeout_ms) {
  for (;;) {
    const size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    if (eof_) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
    char chunk[4096];
    const ssize_t n = ::read(out_fd_, chunk, sizeof(chunk));
    if (n <= 0) {
      eof_ = true;
    } else {
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
}

int ChildProcess::KillAndWait(int signal) {
  HP_CHECK(pid_ > 0, "no child to kill");
  ::kill(pid_, signal);
  return Wait();
}

int ChildProcess::Wait() {
  HP_CHECK(pid_ > 0, "no child to wait for");
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return status;
}

int CommittedCount(const std::string& line, int previous) {
  int n = 0;
  return std::sscanf(line.c_str(), "committed %d", &n) == 1 ? n : previous;
}

}  // namespace handprop::testing
