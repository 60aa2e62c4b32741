// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/frame_meshes.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/meshio/mesh_export.h"
#include "core/util/error.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MakeTestDataset;

TEST(FrameMeshesTest, OneReadableMeshPerLabelledFrame) {
  testing::TempDir images, out;
  const HandModel& model = testing::FormatsTestModel();
  HandDataset dataset = MakeTestDataset(model, images.path(), {1, 2, 4, false, false, 12});
  dataset.views[1].frames[3].label->has_params = false;  // keypoints only: no mesh
  dataset.views[1].frames[3].label->params = HandParams();
  const HandLbs lbs(model);
  for (const std::string format : {"obj", "ply", "glb"}) {
    const std::vector<std::string> paths = WriteFrameMeshes(dataset, model, out.File(format), format);
    ASSERT_EQ(paths.size(), 5u) << format;
    EXPECT_EQ(std::filesystem::path(paths[0]).filename().string(), "000_0003_cam0_00000000." + format);
    EXPECT_EQ(std::filesystem::path(paths[4]).filename().string(), "001_0003_cam1_00000001." + format);
    Eigen::Matrix3Xd vertices;
    Eigen::Matrix3Xi faces;
    ReadMesh(paths[4], &vertices, &faces);
    EXPECT_EQ(faces.cols(), model.NumFaces()) << format;
    EXPECT_LE(vertices.cols(), model.NumVertices()) << format;  // isolated vertices may be dropped
    // Camera frame: the corner positions match the posed mesh of the label.
    const Eigen::Matrix3Xd posed = lbs.Forward(dataset.views[1].frames[1].label->params).vertices;
    for (int corner = 0; corner < 3; ++corner)
      EXPECT_TRUE(testing::MatricesNear(vertices.col(faces(corner, 0)), posed.col(model.faces(corner, 0)), 1e-5));
    EXPECT_TRUE(std::filesystem::exists(paths[0] + ".keypoints.json"));
  }
  EXPECT_THROW(WriteFrameMeshes(dataset, model, out.path(), "stl"), InputError);
}

}  // namespace
}  // namespace handprop
