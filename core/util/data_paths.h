// SPDX-License-Identifier: Apache-2.0
// Where the program finds the files it ships (the built-in hand model, shaders):
//   1. $HANDPROP_DATA_DIR when set;
//   2. <dir of the executable>/../share/handprop (an installed copy or the build tree);
//   3. the install prefix compiled in;
//   4. the build tree's share/handprop compiled in (test and bench binaries live deeper).
#pragma once

#include <string>

namespace handprop {

// The first existing data folder from the list above; throws RuntimeError naming all tried.
std::string DataDirectory();

// Path of a shipped file, e.g. DataFile("models/openhand_right.npz").
std::string DataFile(const std::string& relative);

}  // namespace handprop
