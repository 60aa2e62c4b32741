// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/gl_render_backend.h"

#include <QFile>
#include <algorithm>
#include <cstdint>
#include <vector>
#include <string>

#include "core/util/error.h"

// Registers the shader resource compiled into the handprop_shaders object library. Must be
// called outside any namespace (Q_INIT_RESOURCE's rule).
static void InitShaderResource() { Q_INIT_RESOURCE(handprop_shaders); }

namespace handprop::ui {
namespace {

constexpr GLuint kPositionLocation = 0, kNormalLocation = 1, kColourLocation = 2;

// Compiles and links the resource shaders ":/handprop/shaders/<name>"; `geometry` may be null.
std::unique_ptr<QOpenGLShaderProgram> LoadProgram(const char* vertex, const char* geometry, const char* fragment) {
  auto program = std::make_unique<QOpenGLShaderProgram>();
  const std::pair<QOpenGLShader::ShaderTypeBit, const char*> stages[] = {
      {QOpenGLShader::Vertex, vertex}, {QOpenGLShader::Geometry, geometry}, {QOpenGLShader::Fragment, fragment}};
  for (const auto& [type, name] : stages) {
    if (name == nullptr) continue;
    const QString path = QStringLiteral(":/handprop/shaders/") + QString::fromLatin1(name);
    if (!QFile::exists(path)) throw RuntimeError(path.toStdString() + ": shader resource is missing from the build");
    if (!program->addShaderFromSourceFile(type, path))
      throw RuntimeError(path.toStdString() + ": " + program->log().simplified().toStdString());
  }
  if (!program->link())
    throw RuntimeError(std::string(vertex) + " + " + fragment + ": link failed: " + program->log().simplified().toStdString());
  return program;
}

GLenum GlPrimitive(Primitive primitive) {
  switch (primitive) {
    case Primitive::kTriangles: return GL_TRIANGLES;
    case Primitive::kLines: return GL_LINES;
    case Primitive::kPoints: return GL_POINTS;
  }
  return GL_TRIANGLES;
}

Primitive ProgramPrimitive(ShaderProgram program) {
  switch (program) {
    case ShaderProgram::kShadedMesh: return Primitive::kTriangles;
    case ShaderProgram::kFlatMesh: return Primitive::kTriangles;
    case ShaderProgram::kFlatLines: return Primitive::kLines;  // lines.geom takes lines only
    case ShaderProgram::kRoundPoints: return Primitive::kPoints;
  }
  return Primitive::kTriangles;
}

}  // namespace

GlRenderBackend::GlRenderBackend() {
  InitShaderResource();
  if (!initializeOpenGLFunctions()) throw RuntimeError("the OpenGL context does not offer OpenGL 3.3 core");
  mesh_program_ = LoadProgram("mesh.vert", nullptr, "mesh.frag");
  flat_program_ = LoadProgram("mesh.vert", nullptr, "flat.frag");
  image_program_ = LoadProgram("image.vert", nullptr, "image.frag");
  lines_program_ = LoadProgram("lines.vert", "lines.geom", "lines.frag");
  points_program_ = LoadProgram("lines.vert", nullptr, "points.frag");
  background_program_ = LoadProgram("background.vert", nullptr, "background.frag");
  glGenVertexArrays(1, &empty_vao_);
  glEnable(GL_PROGRAM_POINT_SIZE);
  glEnable(GL_MULTISAMPLE);
}

GlRenderBackend::~GlRenderBackend() {
  while (!geometries_.empty()) DestroyGeometry(geometries_.begin()->first);
  while (!textures_.empty()) DestroyTexture(textures_.begin()->first);
  glDeleteVertexArrays(1, &empty_vao_);
}

GeometryHandle GlRenderBackend::CreateGeometry() {
  Geometry geometry;
  glGenVertexArrays(1, &geometry.vao);
  glGenBuffers(4, geometry.buffers);
  const GeometryHandle handle = next_handle_++;
  geometries_[handle] = geometry;
  return handle;
}

void GlRenderBackend::FillAttribute(GLuint buffer, GLuint location, const std::vector<float>& values) {
  if (values.empty()) {
    glDisableVertexAttribArray(location);
    return;
  }
  glBindBuffer(GL_ARRAY_BUFFER, buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(values.size() * sizeof(float)), values.data(), GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray(location);
  glVertexAttribPointer(location, 3, GL_FLOAT, GL_FALSE, 0, nullptr);
}

void GlRenderBackend::UploadGeometry(GeometryHandle handle, const GeometryData& data) {
  const auto it = geometries_.find(handle);
  HP_CHECK(it != geometries_.end(), "unknown geometry handle ", handle);
  const int n = data.NumVertices();
  HP_CHECK(data.normals.empty() || data.normals.size() == data.positions.size(), "normals do not match positions");
  HP_CHECK(data.colours.empty() || data.colours.size() == data.positions.size(), "colours do not match positions");
  HP_CHECK(std::all_of(data.indices.begin(), data.indices.end(), [n](uint32_t i) { return i < static_cast<uint32_t>(n); }),
           "index out of range for ", n, " vertices");
  Geometry& g = it->second;
  glBindVertexArray(g.vao);
  FillAttribute(g.buffers[0], kPositionLocation, data.positions);
  FillAttribute(g.buffers[1], kNormalLocation, data.normals);
  FillAttribute(g.buffers[2], kColourLocation, data.colours);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.buffers[3]);  // recorded in the VAO
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.indices.size() * sizeof(uint32_t)),
               data.indices.empty() ? nullptr : data.indices.data(), GL_DYNAMIC_DRAW);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  g.vertex_count = n;
  g.index_count = static_cast<GLsizei>(data.indices.size());
  g.has_colours = !data.colours.empty();
}

void GlRenderBackend::DestroyGeometry(GeometryHandle handle) {
  const auto it = geometries_.find(handle);
  if (it == geometries_.end()) return;
  glDeleteBuffers(4, it->second.buffers);
  glDeleteVertexArrays(1, &it->second.vao);
  geometries_.erase(it);
}

void GlRenderBackend::ClearBackground(const Eigen::Vector3f& top, const Eigen::Vector3f& bottom) {
  glDepthMask(GL_TRUE);
  glClearColor(bottom.x(), bottom.y(), bottom.z(), 1.0f);
  glClearDepth(1.0);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  background_program_->bind();
  background_program_->setUniformValue("u_top_colour", top.x(), top.y(), top.z());
  background_program_->setUniformValue("u_bottom_colour", bottom.x(), bottom.y(), bottom.z());
  glBindVertexArray(empty_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  background_program_->release();
}

void GlRenderBackend::SetViewport(const PixelRect& rect) {
  viewport_ = rect;
  glViewport(rect.x, rect.y, rect.width, rect.height);
}

QOpenGLShaderProgram& GlRenderBackend::Program(ShaderProgram which) {
  switch (which) {
    case ShaderProgram::kShadedMesh: return *mesh_program_;
    case ShaderProgram::kFlatMesh: return *flat_program_;
    case ShaderProgram::kFlatLines: return *lines_program_;
    case ShaderProgram::kRoundPoints: return *points_program_;
  }
  return *lines_program_;
}

void GlRenderBackend::Draw(GeometryHandle handle, const DrawCall& call) {
  const auto it = geometries_.find(handle);
  HP_CHECK(it != geometries_.end(), "unknown geometry handle ", handle);
  const Geometry& g = it->second;
  HP_CHECK(call.primitive == ProgramPrimitive(call.program), "shader program drawn with the wrong primitive");
  if (g.vertex_count == 0) return;

  if (call.depth_test) glEnable(GL_DEPTH_TEST); else glDisable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(call.depth_write ? GL_TRUE : GL_FALSE);
  if (call.blend) {
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  } else {
    glDisable(GL_BLEND);
  }
  if (call.polygon_offset) {
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.0f, 1.0f);
  } else {
    glDisable(GL_POLYGON_OFFSET_FILL);
  }

  QOpenGLShaderProgram& program = Program(call.program);
  program.bind();
  glUniformMatrix4fv(program.uniformLocation("u_model_view"), 1, GL_FALSE, call.cam_from_world.data());
  glUniformMatrix4fv(program.uniformLocation("u_projection"), 1, GL_FALSE, call.clip_from_cam.data());
  program.setUniformValue("u_colour", call.colour.x(), call.colour.y(), call.colour.z(), call.colour.w());
  if (call.program == ShaderProgram::kShadedMesh) {
    program.setUniformValue("u_ambient", call.material.ambient);
    program.setUniformValue("u_diffuse", call.material.diffuse);
    program.setUniformValue("u_specular", call.material.specular);
    program.setUniformValue("u_shininess", call.material.shininess);
  } else if (call.program != ShaderProgram::kFlatMesh) {
    program.setUniformValue("u_use_vertex_colour", static_cast<GLint>(g.has_colours));
    program.setUniformValue("u_point_size", call.point_size_px);
    if (call.program == ShaderProgram::kFlatLines) {
      program.setUniformValue("u_line_width", call.line_width_px);
      program.setUniformValue("u_viewport_size", static_cast<GLfloat>(std::max(viewport_.width, 1)),
                              static_cast<GLfloat>(std::max(viewport_.height, 1)));
    } else {
      const Eigen::Vector4f& o = call.outline_colour;
      program.setUniformValue("u_outline_colour", o.x(), o.y(), o.z(), o.w());
    }
  }
  if (!call.colour_write) glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
  glBindVertexArray(g.vao);
  const GLsizei total = g.index_count > 0 ? g.index_count : g.vertex_count;
  const GLsizei first = std::clamp<GLsizei>(call.first, 0, total);
  const GLsizei count = call.count < 0 ? total - first : std::min<GLsizei>(call.count, total - first);
  if (g.index_count > 0)
    glDrawElements(GlPrimitive(call.primitive), count, GL_UNSIGNED_INT,
                   reinterpret_cast<const void*>(static_cast<uintptr_t>(first) * sizeof(uint32_t)));
  else
    glDrawArrays(GlPrimitive(call.primitive), first, count);
  glBindVertexArray(0);
  program.release();
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glDepthMask(GL_TRUE);
}

TextureHandle GlRenderBackend::CreateTexture() {
  Texture texture;
  glGenTextures(1, &texture.id);
  glBindTexture(GL_TEXTURE_2D, texture.id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  const TextureHandle handle = next_texture_++;
  textures_[handle] = texture;
  return handle;
}

void GlRenderBackend::UploadTexture(TextureHandle handle, int width, int height, const uint8_t* rgb, int stride) {
  const auto it = textures_.find(handle);
  HP_CHECK(it != textures_.end(), "unknown texture handle ", handle);
  HP_CHECK(width > 0 && height > 0 && stride >= 3 * width && rgb != nullptr, "bad texture upload ", width, " x ",
           height, ", stride ", stride);
  Texture& t = it->second;
  // Rows are byte-aligned (RGB rows of odd widths are not 4-byte multiples); a padded row length
  // that is not a whole number of pixels is repacked first.
  std::vector<uint8_t> packed;
  const uint8_t* pixels = rgb;
  int row_pixels = stride / 3;
  if (stride % 3 != 0) {
    packed.resize(static_cast<size_t>(3) * width * height);
    for (int r = 0; r < height; ++r)
      std::copy_n(rgb + static_cast<size_t>(r) * stride, 3 * width, packed.begin() + static_cast<ptrdiff_t>(3) * width * r);
    pixels = packed.data();
    row_pixels = width;
  }
  glBindTexture(GL_TEXTURE_2D, t.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, row_pixels == width ? 0 : row_pixels);
  if (t.width == width && t.height == height) {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels);
  } else {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, pixels);
    t.width = width;
    t.height = height;
  }
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glBindTexture(GL_TEXTURE_2D, 0);
}

void GlRenderBackend::DestroyTexture(TextureHandle handle) {
  const auto it = textures_.find(handle);
  if (it == textures_.end()) return;
  glDeleteTextures(1, &it->second.id);
  textures_.erase(it);
}

void GlRenderBackend::DrawTexturedQuad(TextureHandle handle) {
  const auto it = textures_.find(handle);
  HP_CHECK(it != textures_.end(), "unknown texture handle ", handle);
  if (it->second.width == 0) return;
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDepthMask(GL_FALSE);
  image_program_->bind();
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, it->second.id);
  image_program_->setUniformValue("u_image", 0);
  glBindVertexArray(empty_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glBindTexture(GL_TEXTURE_2D, 0);
  image_program_->release();
  glDepthMask(GL_TRUE);
}

}  // namespace handprop::ui
