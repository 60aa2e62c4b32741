// SPDX-License-Identifier: Apache-2.0
// Writing a posed hand: the mesh through Assimp (.obj, .ply, .glb) or everything as JSON.
// Mesh formats get the 21 keypoints in a sidecar "<out>.keypoints.json"; the .json format holds
// vertices, faces, joints and keypoints in one file. Files are written atomically.
#pragma once

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace handprop {

enum class MeshFormat { kObj, kPly, kGlb, kJson };

// From the extension of `path` (case-insensitive); throws InputError naming the path otherwise.
MeshFormat MeshFormatFromPath(const std::string& path);

struct PosedHandOutput {
  Eigen::Matrix3Xd vertices;   // 3 x V, metres
  Eigen::Matrix3Xi faces;      // 3 x F
  Eigen::Matrix3Xd joints;     // 3 x 16, MANO order
  Eigen::Matrix3Xd keypoints;  // 3 x 21, FreiHAND order
};

// Writes the mesh (and the keypoints sidecar for mesh formats). `metadata` is merged into the
// JSON outputs (model name, parameters, convention). Returns the paths written.
std::vector<std::string> WritePosedHand(const std::string& path, const PosedHandOutput& hand, const nlohmann::json& metadata);

// Reads back a mesh file written above (or any Assimp-readable mesh): vertices and faces only.
// Identical vertices are joined; their order may differ from the file's (OBJ importers split
// vertices per face corner), so compare geometry per face corner, not by vertex id.
void ReadMesh(const std::string& path, Eigen::Matrix3Xd* vertices, Eigen::Matrix3Xi* faces);

}  // namespace handprop
