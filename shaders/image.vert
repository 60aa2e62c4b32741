#version 330 core
// SPDX-License-Identifier: Apache-2.0
// A triangle covering the viewport, made from gl_VertexID (no vertex buffer), for the background
// image. The texture's first row (the image's top) maps to the viewport's top edge; at equal
// sizes every fragment centre samples exactly one texel centre.
out vec2 v_texcoord;

void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0) (2,0) (0,2)
  v_texcoord = vec2(corner.x, 1.0 - corner.y);
  gl_Position = vec4(corner * 2.0 - 1.0, 1.0, 1.0);
}
