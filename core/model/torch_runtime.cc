// SPDX-License-Identifier: Apache-2.0
#include "core/model/torch_runtime.h"

#include <torch/torch.h>

#include "core/util/error.h"
#include "core/util/threads.h"

namespace handprop {

void ConfigureTorchRuntime() {
  const int threads = DefaultComputeThreads();
  if (at::get_num_threads() != threads) at::set_num_threads(threads);
}

c10::Device ResolveDevice(const std::string& name) {
  if (name == "auto") return torch::cuda::is_available() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  if (name == "cpu") return c10::Device(c10::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw InputError("--device " + name + ": this LibTorch has no CUDA device (use --device cpu or auto)");
    int index = 0;
    if (name.size() > 4) {
      if (name[4] != ':') throw InputError("--device " + name + ": expected cuda or cuda:N");
      try {
        index = std::stoi(name.substr(5));
      } catch (const std::exception&) {
        throw InputError("--device " + name + ": expected cuda or cuda:N");
      }
    }
    if (index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
      throw InputError("--device " + name + ": only " + std::to_string(torch::cuda::device_count()) + " CUDA device(s)");
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw InputError("--device " + name + ": expected auto, cpu, cuda or cuda:N");
}

std::string DeviceSummary(const c10::Device& device) {
  if (device.is_cpu()) return "cpu (" + std::to_string(at::get_num_threads()) + " threads)";
  return device.str();
}

}  // namespace handprop
