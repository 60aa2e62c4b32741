#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Round keypoint discs with an outline of u_outline_colour (the label's provenance colour),
// drawn as GL points (gl_PointCoord spans the square).
in VertexData { vec4 colour; } fs_in;
uniform vec4 u_outline_colour;
out vec4 frag_colour;

void main() {
  float r = length(gl_PointCoord - vec2(0.5)) * 2.0;  // 0 at the centre, 1 at the disc's edge
  if (r > 1.0) discard;
  float outline = smoothstep(0.62, 0.78, r);
  float alpha = 1.0 - smoothstep(0.88, 1.0, r);
  frag_colour = vec4(mix(fs_in.colour.rgb, u_outline_colour.rgb, outline), fs_in.colour.a * alpha);
}
