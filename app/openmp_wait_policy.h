// SPDX-License-Identifier: Apache-2.0
// LibTorch's CPU kernels run on GNU OpenMP, whose threads spin (busy-wait) for a while at every
// barrier by default. When another process shares the cores, a spinning thread holds a core
// that the thread it waits for needs: measured on a 2-core machine with a compiler running
// beside it, stage-1 training at 64 px ran at 1.9 images/s with 2 threads and spinning, against
// 21 images/s with OMP_WAIT_POLICY=PASSIVE (docs/benchmarks.md "OpenMP wait policy").
// libgomp reads the policy once, when it is loaded, before main() runs; so a program that wants
// it passive sets the variable and executes itself again. The user's own setting always wins.
#pragma once

namespace handprop::cli {

// When OMP_WAIT_POLICY is unset: sets it to PASSIVE and re-executes /proc/self/exe with the same
// arguments (returns only if that fails, and then the program simply runs with the default).
void UsePassiveOpenMpWaits(char** argv);

}  // namespace handprop::cli
