#version 330 core
// SPDX-License-Identifier: Apache-2.0
in float v_height;
uniform vec3 u_top_colour;
uniform vec3 u_bottom_colour;
out vec4 frag_colour;

void main() { frag_colour = vec4(mix(u_bottom_colour, u_top_colour, clamp(v_height, 0.0, 1.0)), 1.0); }
