// SPDX-License-Identifier: Apache-2.0
// handprop-make-openhand OUT.npz: generates the built-in OpenHand model (openhand.h) and writes
// it in MANO's array layout (hand_model_io.h). Run by the build (target openhand_model).
// Exit codes: 0 written, 1 bad arguments, 2 the file could not be written.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "core/model/hand_model_io.h"
#include "core/model/openhand/openhand.h"
#include "core/util/error.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate HandProp's built-in OpenHand right-hand model (MANO layout .npz).", "handprop-make-openhand"};
  std::string out;
  bool quiet = false;
  app.add_option("out", out, "output .npz file")->required();
  app.add_flag("--quiet,-q", quiet, "print nothing on success");
  CLI11_PARSE(app, argc, argv);
  try {
    const std::filesystem::path parent = std::filesystem::path(out).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    const handprop::HandModel model = handprop::BuildOpenHand();
    handprop::SaveHandModel(out, model);
    if (!quiet)
      std::printf("wrote %s (OpenHand, %d vertices, %d faces)\n", out.c_str(), model.NumVertices(), model.NumFaces());
    return 0;
  } catch (const handprop::InputError& e) {
    std::fprintf(stderr, "handprop-make-openhand: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "handprop-make-openhand: %s\n", e.what());
    return 2;
  }
}
