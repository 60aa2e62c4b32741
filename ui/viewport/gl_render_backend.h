// SPDX-License-Identifier: Apache-2.0
// RenderBackend on OpenGL 3.3 core through Qt (QOpenGLFunctions_3_3_Core): one vertex array
// per geometry with separate position/normal/colour buffers, and the GLSL programs loaded from
// the resource ":/handprop/shaders/" (shaders/CMakeLists.txt). Lines of any width are drawn as
// quads by a geometry shader (core profiles may not draw GL lines wider than 1 pixel). Textures
// are GL_RGB8 with linear filtering; a re-upload of the same size uses glTexSubImage2D.
//
// Construct and use it only while its context is current (QOpenGLWidget::initializeGL and
// paintGL); destroy it while the context is still current so its GL objects are freed.
// The constructor throws RuntimeError naming the shader file when a program fails to compile
// or link, or when the context does not offer OpenGL 3.3 core.
#pragma once

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLShaderProgram>
#include <map>
#include <memory>

#include "ui/viewport/render_backend.h"

namespace handprop::ui {

class GlRenderBackend : public RenderBackend, protected QOpenGLFunctions_3_3_Core {
 public:
  GlRenderBackend();
  ~GlRenderBackend() override;
  GlRenderBackend(const GlRenderBackend&) = delete;
  GlRenderBackend& operator=(const GlRenderBackend&) = delete;

  GeometryHandle CreateGeometry() override;
  void UploadGeometry(GeometryHandle handle, const GeometryData& data) override;
  void DestroyGeometry(GeometryHandle handle) override;
  void ClearBackground(const Eigen::Vector3f& top, const Eigen::Vector3f& bottom) override;
  void SetViewport(const PixelRect& rect) override;
  void Draw(GeometryHandle handle, const DrawCall& call) override;
  TextureHandle CreateTexture() override;
  void UploadTexture(TextureHandle handle, int width, int height, const uint8_t* rgb, int stride) override;
  void DestroyTexture(TextureHandle handle) override;
  void DrawTexturedQuad(TextureHandle handle) override;

 private:
  struct Geometry {
    GLuint vao = 0;
    GLuint buffers[4] = {0, 0, 0, 0};  // positions, normals, colours, indices
    GLsizei vertex_count = 0;
    GLsizei index_count = 0;
    bool has_colours = false;
  };

  struct Texture {
    GLuint id = 0;
    int width = 0;  // 0 until the first upload
    int height = 0;
  };

  QOpenGLShaderProgram& Program(ShaderProgram which);
  void FillAttribute(GLuint buffer, GLuint location, const std::vector<float>& values);

  std::unique_ptr<QOpenGLShaderProgram> mesh_program_;
  std::unique_ptr<QOpenGLShaderProgram> flat_program_;
  std::unique_ptr<QOpenGLShaderProgram> image_program_;
  std::unique_ptr<QOpenGLShaderProgram> lines_program_;
  std::unique_ptr<QOpenGLShaderProgram> points_program_;
  std::unique_ptr<QOpenGLShaderProgram> background_program_;
  GLuint empty_vao_ = 0;  // the background triangles need a bound VAO but no buffers
  PixelRect viewport_;  // the last SetViewport, for the line shader's pixel widths
  std::map<GeometryHandle, Geometry> geometries_;
  GeometryHandle next_handle_ = 1;
  std::map<TextureHandle, Texture> textures_;
  TextureHandle next_texture_ = 1;
};

}  // namespace handprop::ui
