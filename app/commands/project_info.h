// SPDX-License-Identifier: Apache-2.0
// `handprop project info`: what a project holds, as text or JSON.
#pragma once

#include <string>

namespace handprop::cli {

// Opens the project read-only and prints its meta data, row counts, labels per provenance and
// per video. Returns the exit code.
int PrintProjectInfo(const std::string& path, bool json);

}  // namespace handprop::cli
