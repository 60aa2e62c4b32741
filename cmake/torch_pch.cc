// SPDX-License-Identifier: Apache-2.0
// Anchor translation unit for the shared <torch/torch.h> precompiled header.
#include <torch/torch.h>
namespace handprop::detail { int TorchPchAnchor() { return 0; } }
