#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Expands each line into a screen-aligned quad u_line_width pixels wide, because core-profile
// drivers may only draw 1-pixel GL lines. Lines are clipped to the near plane first.
layout(lines) in;
layout(triangle_strip, max_vertices = 4) out;

uniform vec2 u_viewport_size;  // pixels
uniform float u_line_width;    // pixels

in VertexData { vec4 colour; } gs_in[];
out VertexData { vec4 colour; } gs_out;

void main() {
  vec4 p0 = gl_in[0].gl_Position, p1 = gl_in[1].gl_Position;
  vec4 c0 = gs_in[0].colour, c1 = gs_in[1].colour;
  float d0 = p0.z + p0.w, d1 = p1.z + p1.w;  // signed distance to the near plane (inside >= 0)
  if (d0 < 0.0 && d1 < 0.0) return;
  if (d0 < 0.0) { float t = d0 / (d0 - d1); p0 = mix(p0, p1, t); c0 = mix(c0, c1, t); }
  if (d1 < 0.0) { float t = d1 / (d1 - d0); p1 = mix(p1, p0, t); c1 = mix(c1, c0, t); }

  vec2 dir = (p1.xy / p1.w - p0.xy / p0.w) * u_viewport_size;  // along the line, in pixels (x2)
  if (dot(dir, dir) < 1e-12) return;
  vec2 offset = normalize(vec2(-dir.y, dir.x)) * u_line_width / u_viewport_size;  // half width, NDC

  gs_out.colour = c0; gl_Position = vec4(p0.xy + offset * p0.w, p0.zw); EmitVertex();
  gs_out.colour = c0; gl_Position = vec4(p0.xy - offset * p0.w, p0.zw); EmitVertex();
  gs_out.colour = c1; gl_Position = vec4(p1.xy + offset * p1.w, p1.zw); EmitVertex();
  gs_out.colour = c1; gl_Position = vec4(p1.xy - offset * p1.w, p1.zw); EmitVertex();
  EndPrimitive();
}
