#version 330 core
// SPDX-License-Identifier: Apache-2.0
// One flat colour, no lighting: the mesh's silhouette mode and depth-only passes.
uniform vec4 u_colour;
out vec4 frag_colour;

void main() { frag_colour = u_colour; }
