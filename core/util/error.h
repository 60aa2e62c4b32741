// SPDX-License-Identifier: Apache-2.0
// The two kinds of failure that cross module boundaries (style.md rule 10):
//  - InputError: the user gave something unusable (a file, a flag, a value). The CLI exits 1.
//  - RuntimeError: the input was fine but the work failed (I/O, out of memory, a library). Exit 2.
// Broken invariants are bugs and use HP_CHECK (aborts), never these.
// Messages are one line and name the file or flag first: "model.npz: shapedirs has shape ...".
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace handprop {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

class RuntimeError : public std::runtime_error {
 public:
  explicit RuntimeError(const std::string& message) : std::runtime_error(message) {}
};

namespace detail {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition, const std::string& message);

template <typename... Args>
std::string Concat(const Args&... args) {
  std::ostringstream out;
  (out << ... << args);
  return out.str();
}
}  // namespace detail

}  // namespace handprop

// Invariant check: prints "[file:line] Check failed: cond message" and aborts. For bugs only.
#define HP_CHECK(cond, ...)                                                                 \
  do {                                                                                      \
    if (!(cond)) ::handprop::detail::CheckFailed(__FILE__, __LINE__, #cond,                \
                                                 ::handprop::detail::Concat("", ##__VA_ARGS__)); \
  } while (0)
