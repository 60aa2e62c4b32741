// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/store_records.h"

#include <array>

namespace handprop {
namespace {

// The names as stored in the file: index = enum value. Never reorder, only append.
constexpr std::array<const char*, kNumProvenances> kProvenanceNames = {"manual",    "interpolated", "propagated",
                                                                       "predicted", "corrected",    "verified"};
constexpr std::array<const char*, 2> kRoleNames = {"project", "ground_truth"};
constexpr std::array<const char*, 2> kSideNames = {"right", "left"};
constexpr std::array<const char*, 3> kActionNames = {"insert", "update", "delete"};
constexpr std::array<const char*, 3> kEditStateNames = {"done", "undone", "dropped"};
constexpr std::array<const char*, 5> kRunStatusNames = {"queued", "running", "finished", "failed", "cancelled"};

template <typename Enum, size_t N>
std::optional<Enum> Parse(const std::array<const char*, N>& names, const std::string& text) {
  for (size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

const char* ProvenanceName(Provenance p) { return kProvenanceNames.at(static_cast<size_t>(p)); }
bool IsHumanProvenance(Provenance provenance) {
  return provenance == Provenance::kManual || provenance == Provenance::kCorrected || provenance == Provenance::kVerified;
}

std::optional<Provenance> ParseProvenance(const std::string& name) { return Parse<Provenance>(kProvenanceNames, name); }
const char* ProjectRoleName(ProjectRole r) { return kRoleNames.at(static_cast<size_t>(r)); }
std::optional<ProjectRole> ParseProjectRole(const std::string& name) { return Parse<ProjectRole>(kRoleNames, name); }
std::optional<HandSide> ParseHandSide(const std::string& name) { return Parse<HandSide>(kSideNames, name); }
const char* HistoryActionName(HistoryAction a) { return kActionNames.at(static_cast<size_t>(a)); }
std::optional<HistoryAction> ParseHistoryAction(const std::string& name) { return Parse<HistoryAction>(kActionNames, name); }
const char* EditStateName(EditState s) { return kEditStateNames.at(static_cast<size_t>(s)); }
std::optional<EditState> ParseEditState(const std::string& name) { return Parse<EditState>(kEditStateNames, name); }
const char* RunStatusName(RunStatus s) { return kRunStatusNames.at(static_cast<size_t>(s)); }
std::optional<RunStatus> ParseRunStatus(const std::string& name) { return Parse<RunStatus>(kRunStatusNames, name); }

}  // namespace handprop
