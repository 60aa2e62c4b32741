// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/vertex_normals.h"

#include <Eigen/Geometry>

#include "core/util/error.h"

namespace handprop {

Eigen::Matrix3Xd VertexNormals(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces) {
  Eigen::Matrix3Xd normals = Eigen::Matrix3Xd::Zero(3, vertices.cols());
  for (Eigen::Index f = 0; f < faces.cols(); ++f) {
    const int a = faces(0, f), b = faces(1, f), c = faces(2, f);
    HP_CHECK(a >= 0 && b >= 0 && c >= 0 && a < vertices.cols() && b < vertices.cols() && c < vertices.cols(),
             "VertexNormals: face ", f, " out of range");
    const Eigen::Vector3d n = (vertices.col(b) - vertices.col(a)).cross(vertices.col(c) - vertices.col(a));
    normals.col(a) += n;
    normals.col(b) += n;
    normals.col(c) += n;
  }
  for (Eigen::Index i = 0; i < normals.cols(); ++i) {
    const double length = normals.col(i).norm();
    if (length > 0) normals.col(i) /= length;
  }
  return normals;
}

}  // namespace handprop
