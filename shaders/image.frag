#version 330 core
// SPDX-License-Identifier: Apache-2.0
in vec2 v_texcoord;
uniform sampler2D u_image;
out vec4 frag_colour;

void main() { frag_colour = vec4(texture(u_image, v_texcoord).rgb, 1.0); }
