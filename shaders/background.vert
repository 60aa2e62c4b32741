#version 330 core
// SPDX-License-Identifier: Apache-2.0
// A full-screen triangle made from gl_VertexID (no vertex buffer), for the gradient background.
out float v_height;  // 0 at the bottom of the viewport, 1 at the top

void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0) (2,0) (0,2)
  v_height = corner.y;
  gl_Position = vec4(corner * 2.0 - 1.0, 1.0, 1.0);
}
