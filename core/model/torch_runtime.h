// SPDX-License-Identifier: Apache-2.0
// Process-wide LibTorch set-up shared by every program: the CPU thread count (LibTorch would
// use half the cores on these machines, build-env.md pitfall 3) and the choice of device from
// `--device auto|cpu|cuda[:N]`.
#pragma once

#include <c10/core/Device.h>

#include <string>

namespace handprop {

// Sets torch's intra-op threads to DefaultComputeThreads(). Idempotent; call once at start-up.
void ConfigureTorchRuntime();

// "auto" picks CUDA when the linked LibTorch has a device, else the CPU. Throws InputError
// naming --device for an unknown name or an unavailable CUDA device.
c10::Device ResolveDevice(const std::string& name);

// One line such as "cpu (2 threads)" or "cuda:0 (NVIDIA H100)" for progress output.
std::string DeviceSummary(const c10::Device& device);

}  // namespace handprop
