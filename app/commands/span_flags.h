// SPDX-License-Identifier: Apache-2.0
// The --frames and --video flags of the commands that work on a span of a project's videos
// (propagate, interpolate).
#pragma once

#include <cstdint>
#include <string>

namespace handprop::cli {

// "first:last" (either may be empty: 0 and -1 = to the end). InputError naming --frames otherwise.
void ParseFrameSpan(const std::string& text, int& first, int& last);
// A video of the project by id, path or file name; InputError naming --video when there is none.
int64_t ResolveProjectVideo(const std::string& project, const std::string& text);

}  // namespace handprop::cli
