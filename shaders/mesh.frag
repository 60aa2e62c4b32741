#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Two-light Lambert diffuse plus a soft Blinn-Phong highlight, in camera coordinates
// (x right, y down, z forward; the eye sits at the origin).
in vec3 v_position_cam;
in vec3 v_normal_cam;

uniform vec4 u_colour;
uniform float u_ambient;
uniform float u_diffuse;
uniform float u_specular;
uniform float u_shininess;

out vec4 frag_colour;

const vec3 kKeyLight = vec3(-0.45, -0.65, -0.62);  // towards the light: upper left, in front
const vec3 kFillLight = vec3(0.6, 0.25, -0.76);    // towards the light: right, slightly below
const float kFillStrength = 0.35;

void main() {
  vec3 n = normalize(v_normal_cam);
  vec3 to_eye = normalize(-v_position_cam);
  if (dot(n, to_eye) < 0.0) n = -n;  // two-sided: open meshes show their inside lit too
  vec3 key = normalize(kKeyLight);
  vec3 fill = normalize(kFillLight);
  float diffuse = max(dot(n, key), 0.0) + kFillStrength * max(dot(n, fill), 0.0);
  float highlight = pow(max(dot(n, normalize(key + to_eye)), 0.0), u_shininess);
  // A little rim light keeps the silhouette readable against the background.
  float rim = pow(1.0 - max(dot(n, to_eye), 0.0), 3.0) * 0.15;
  vec3 lit = u_colour.rgb * (u_ambient + u_diffuse * diffuse) + vec3(u_specular * highlight + rim);
  frag_colour = vec4(min(lit, vec3(1.0)), u_colour.a);
}
