// SPDX-License-Identifier: Apache-2.0
// Writing files so that a crash or a full disk never leaves a half-written file behind:
// everything goes to "<path>.tmp-<pid>" in the same folder, is flushed, and is renamed over
// the destination only when complete. On failure the temporary file is removed and the
// destination is untouched. Throws RuntimeError naming the path.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace handprop {

// Writes `contents` to `path` atomically.
void WriteFileAtomically(const std::string& path, std::string_view contents);

// Calls `write(tmp_path)` to produce the file under a temporary name, then renames it to
// `path`. For writers that insist on opening the file themselves (Assimp, OpenCV).
void WriteFileAtomicallyWith(const std::string& path, const std::function<void(const std::string&)>& write);

// Builds a whole folder (a dataset, an export) under a fresh temporary sibling
// "<folder>.tmp-<pid>-<n>" and renames it to `folder` when `write(temporary)` returns; if `write`
// throws, the temporary is removed and nothing appears at `folder`. `folder` may end in '/'. It
// must not exist, or be an empty folder that is not a mount point: otherwise InputError naming
// it, before `write` runs. A killed process leaves only its "*.tmp-*" sibling behind.
void WriteFolderAtomically(const std::string& folder, const std::function<void(const std::string&)>& write);

// Reads a whole file; throws InputError "<path>: cannot open file" when it is missing.
std::string ReadFileToString(const std::string& path);

}  // namespace handprop
