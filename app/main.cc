// SPDX-License-Identifier: Apache-2.0
// Entry point of the `handprop` command-line tool.
#include "app/command_table.h"

int main(int argc, char** argv) { return handprop::cli::Dispatch(argc, argv); }
