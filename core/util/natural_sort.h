// SPDX-License-Identifier: Apache-2.0
// Natural ("human") order of file names: runs of digits compare by numeric value, so
// "img2" < "img10" and "frame_9.png" < "frame_10.png". Letters compare case-insensitively.
// Names that compare equal this way ("img01" and "img1", "A" and "a") are ordered by plain byte
// comparison, so NaturalLess is a strict total order usable with std::sort and std::map.
// Digit runs of any length are handled (no integer overflow). Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

namespace handprop {

bool NaturalLess(const std::string& a, const std::string& b);

// Sorts `names` in place with NaturalLess.
void NaturalSort(std::vector<std::string>* names);

}  // namespace handprop
