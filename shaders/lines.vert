#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Lines and points in one flat colour or per-vertex colours (wireframe, skeleton, keypoints).
layout(location = 0) in vec3 a_position;
layout(location = 2) in vec3 a_colour;

uniform mat4 u_model_view;
uniform mat4 u_projection;
uniform vec4 u_colour;
uniform bool u_use_vertex_colour;
uniform float u_point_size;

out VertexData { vec4 colour; } vs_out;

void main() {
  vs_out.colour = u_use_vertex_colour ? vec4(a_colour, u_colour.a) : u_colour;
  gl_PointSize = u_point_size;
  gl_Position = u_projection * (u_model_view * vec4(a_position, 1.0));
}
