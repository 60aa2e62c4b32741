// SPDX-License-Identifier: Apache-2.0
// Entry point of `handprop-studio`, the GUI (ui/studio/studio_app.h has the flags and exit codes).
#include "ui/studio/studio_app.h"

int main(int argc, char** argv) { return handprop::ui::StudioMain(argc, argv); }
