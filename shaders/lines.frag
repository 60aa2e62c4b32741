#version 330 core
// SPDX-License-Identifier: Apache-2.0
in VertexData { vec4 colour; } fs_in;
out vec4 frag_colour;

void main() { frag_colour = fs_in.colour; }
