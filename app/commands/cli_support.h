// SPDX-License-Identifier: Apache-2.0
// What every subcommand shares: parsing with CLI11 into an options struct, the options'
// Check(), and reading small vectors from flags or JSON files.
#pragma once

#include <CLI/CLI.hpp>
#include <Eigen/Core>
#include <optional>
#include <string>

namespace handprop::cli {

// Parses argv. Returns nullopt to go on, or the exit code to return now: 0 after --help, 1 after
// a bad flag (one line "handprop <cmd>: --flag: problem" printed to stderr).
std::optional<int> ParseOrExit(CLI::App& app, int argc, char** argv);

// Throws InputError "<what>: <problem>" when the Check() string is non-empty.
void ThrowIfInvalid(const std::string& what, const std::string& check_result);

// A vector given on the command line as "0.1,0.2,..." or as @file.json / file.json holding a
// JSON array (or an object with the key `key`). Empty text gives a zero vector of `default_size`.
// Throws InputError naming `flag` (or the file) on bad numbers, NaN/inf or a wrong length.
Eigen::VectorXd ParseVectorArgument(const std::string& flag, const std::string& text, const std::string& key,
                                    int default_size, int expected_size);

}  // namespace handprop::cli
