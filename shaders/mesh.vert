#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Shaded hand mesh. Positions and normals are in world coordinates; u_model_view maps them to
// the camera frame (x right, y down, z forward, metres) and u_projection to clip space.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;

uniform mat4 u_model_view;
uniform mat4 u_projection;

out vec3 v_position_cam;
out vec3 v_normal_cam;

void main() {
  vec4 p = u_model_view * vec4(a_position, 1.0);
  v_position_cam = p.xyz;
  // The model-view part is a rigid motion, so its rotation transforms normals as well.
  v_normal_cam = mat3(u_model_view) * a_normal;
  gl_Position = u_projection * p;
}
