// SPDX-License-Identifier: Apache-2.0
#include "core/meshio/mesh_export.h"

#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <Eigen/Geometry>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/geometry/vertex_normals.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

nlohmann::json PointsToJson(const Eigen::Matrix3Xd& points) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < points.cols(); ++i) out.push_back({points(0, i), points(1, i), points(2, i)});
  return out;
}

// A one-mesh scene; aiScene's destructor frees everything allocated here with new.
std::unique_ptr<aiScene> MakeScene(const PosedHandOutput& hand) {
  auto scene = std::make_unique<aiScene>();
  scene->mRootNode = new aiNode("hand");
  scene->mRootNode->mNumMeshes = 1;
  scene->mRootNode->mMeshes = new unsigned[1]{0};
  scene->mNumMaterials = 1;
  scene->mMaterials = new aiMaterial*[1]{new aiMaterial()};
  scene->mNumMeshes = 1;
  auto* mesh = new aiMesh();
  scene->mMeshes = new aiMesh*[1]{mesh};
  mesh->mName = "hand";
  mesh->mMaterialIndex = 0;
  mesh->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
  const Eigen::Matrix3Xd normals = VertexNormals(hand.vertices, hand.faces);
  mesh->mNumVertices = static_cast<unsigned>(hand.vertices.cols());
  mesh->mVertices = new aiVector3D[mesh->mNumVertices];
  mesh->mNormals = new aiVector3D[mesh->mNumVertices];
  for (unsigned i = 0; i < mesh->mNumVertices; ++i) {
    mesh->mVertices[i] = aiVector3D(static_cast<ai_real>(hand.vertices(0, i)), static_cast<ai_real>(hand.vertices(1, i)),
                                    static_cast<ai_real>(hand.vertices(2, i)));
    mesh->mNormals[i] = aiVector3D(static_cast<ai_real>(normals(0, i)), static_cast<ai_real>(normals(1, i)),
                                   static_cast<ai_real>(normals(2, i)));
  }
  mesh->mNumFaces = static_cast<unsigned>(hand.faces.cols());
  mesh->mFaces = new aiFace[mesh->mNumFaces];
  for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
    mesh->mFaces[f].mNumIndices = 3;
    mesh->mFaces[f].mIndices = new unsigned[3];
    for (int c = 0; c < 3; ++c) mesh->mFaces[f].mIndices[c] = static_cast<unsigned>(hand.faces(c, f));
  }
  return scene;
}

const char* AssimpFormatId(MeshFormat format) {
  switch (format) {
    case MeshFormat::kObj: return "objnomtl";
    case MeshFormat::kPly: return "plyb";
    case MeshFormat::kGlb: return "glb2";
    case MeshFormat::kJson: break;
  }
  HP_CHECK(false, "no Assimp id for JSON");
  return "";
}

}  // namespace

MeshFormat MeshFormatFromPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".obj") return MeshFormat::kObj;
  if (ext == ".ply") return MeshFormat::kPly;
  if (ext == ".glb") return MeshFormat::kGlb;
  if (ext == ".json") return MeshFormat::kJson;
  throw InputError(path + ": unknown mesh format '" + ext + "' (use .obj, .ply, .glb or .json)");
}

std::vector<std::string> WritePosedHand(const std::string& path, const PosedHandOutput& hand, const nlohmann::json& metadata) {
  const MeshFormat format = MeshFormatFromPath(path);
  nlohmann::json points = metadata;
  points["units"] = "m";
  points["keypoint_order"] = "freihand";
  points["joints"] = PointsToJson(hand.joints);
  points["keypoints"] = PointsToJson(hand.keypoints);
  if (format == MeshFormat::kJson) {
    points["vertices"] = PointsToJson(hand.vertices);
    nlohmann::json faces = nlohmann::json::array();
    for (Eigen::Index f = 0; f < hand.faces.cols(); ++f) faces.push_back({hand.faces(0, f), hand.faces(1, f), hand.faces(2, f)});
    points["faces"] = faces;
    WriteFileAtomically(path, points.dump(1));
    return {path};
  }
  const std::unique_ptr<aiScene> scene = MakeScene(hand);
  WriteFileAtomicallyWith(path, [&](const std::string& tmp) {
    Assimp::Exporter exporter;
    if (exporter.Export(scene.get(), AssimpFormatId(format), tmp) != AI_SUCCESS)
      throw RuntimeError(path + ": mesh export failed (" + std::string(exporter.GetErrorString()) + ")");
  });
  const std::string sidecar = path + ".keypoints.json";
  WriteFileAtomically(sidecar, points.dump(1));
  return {path, sidecar};
}

void ReadMesh(const std::string& path, Eigen::Matrix3Xd* vertices, Eigen::Matrix3Xi* faces) {
  Assimp::Importer importer;
  const aiScene* scene = importer.ReadFile(path, aiProcess_Triangulate | aiProcess_JoinIdenticalVertices);
  if (scene == nullptr || scene->mNumMeshes == 0)
    throw InputError(path + ": cannot read mesh (" + std::string(importer.GetErrorString()) + ")");
  const aiMesh* mesh = scene->mMeshes[0];
  vertices->resize(3, mesh->mNumVertices);
  for (unsigned i = 0; i < mesh->mNumVertices; ++i)
    vertices->col(i) << mesh->mVertices[i].x, mesh->mVertices[i].y, mesh->mVertices[i].z;
  faces->resize(3, mesh->mNumFaces);
  for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
    if (mesh->mFaces[f].mNumIndices != 3) throw InputError(path + ": face " + std::to_string(f) + " is not a triangle");
    for (int c = 0; c < 3; ++c) (*faces)(c, f) = static_cast<int>(mesh->mFaces[f].mIndices[c]);
  }
}

}  // namespace handprop
