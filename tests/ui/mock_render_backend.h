// SPDX-License-Identifier: Apache-2.0
// A RenderBackend that records every call instead of drawing, so viewport logic (lazy buffer
// creation, dirty flags, draw order and state) is tested without a GPU (style.md rule 18).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/util/error.h"
#include "ui/viewport/render_backend.h"

namespace handprop::ui::testing {

class MockRenderBackend : public RenderBackend {
 public:
  struct DrawRecord {
    GeometryHandle handle;
    DrawCall call;
  };
  struct TextureUpload {
    TextureHandle handle;
    int width, height;
    std::vector<uint8_t> rgb;  // tightly packed copy
  };
  struct TextureDraw {
    TextureHandle handle;
    size_t draws_before;  // geometry draws recorded before this one (draw order)
    PixelRect viewport;
  };

  GeometryHandle CreateGeometry() override {
    const GeometryHandle handle = next_handle_++;
    live_[handle] = GeometryData{};
    ++creates;
    return handle;
  }
  void UploadGeometry(GeometryHandle handle, const GeometryData& data) override {
    HP_CHECK(live_.count(handle) == 1, "upload to unknown handle ", handle);
    live_[handle] = data;
    ++uploads[handle];
  }
  void DestroyGeometry(GeometryHandle handle) override {
    HP_CHECK(live_.erase(handle) == 1, "destroying unknown handle ", handle);
    ++destroys;
  }
  void ClearBackground(const Eigen::Vector3f&, const Eigen::Vector3f&) override { ++clears; }
  void SetViewport(const PixelRect& rect) override { viewport = rect; }
  void Draw(GeometryHandle handle, const DrawCall& call) override {
    HP_CHECK(live_.count(handle) == 1, "drawing unknown handle ", handle);
    draws.push_back({handle, call});
  }

  TextureHandle CreateTexture() override {
    const TextureHandle handle = next_texture_++;
    live_textures_[handle] = false;
    return handle;
  }
  void UploadTexture(TextureHandle handle, int width, int height, const uint8_t* rgb, int stride) override {
    HP_CHECK(live_textures_.count(handle) == 1, "upload to unknown texture ", handle);
    HP_CHECK(width > 0 && height > 0 && stride >= 3 * width, "bad texture upload");
    TextureUpload upload{handle, width, height, {}};
    for (int r = 0; r < height; ++r)
      upload.rgb.insert(upload.rgb.end(), rgb + static_cast<size_t>(r) * stride, rgb + static_cast<size_t>(r) * stride + 3 * width);
    texture_uploads.push_back(std::move(upload));
    live_textures_[handle] = true;
  }
  void DestroyTexture(TextureHandle handle) override {
    HP_CHECK(live_textures_.erase(handle) == 1, "destroying unknown texture ", handle);
  }
  void DrawTexturedQuad(TextureHandle handle) override {
    HP_CHECK(live_textures_.count(handle) == 1, "drawing unknown texture ", handle);
    texture_draws.push_back({handle, draws.size(), viewport});
  }

  const GeometryData& Data(GeometryHandle handle) const { return live_.at(handle); }
  int NumLiveTextures() const { return static_cast<int>(live_textures_.size()); }
  int NumLive() const { return static_cast<int>(live_.size()); }
  int TotalUploads() const {
    int total = 0;
    for (const auto& [handle, count] : uploads) total += count;
    return total;
  }

  int creates = 0;
  int destroys = 0;
  int clears = 0;
  std::map<GeometryHandle, int> uploads;
  std::vector<DrawRecord> draws;
  std::vector<TextureUpload> texture_uploads;
  std::vector<TextureDraw> texture_draws;
  PixelRect viewport;

 private:
  std::map<GeometryHandle, GeometryData> live_;
  GeometryHandle next_handle_ = 1;
  std::map<TextureHandle, bool> live_textures_;  // true once uploaded
  TextureHandle next_texture_ = 1;
};

}  // namespace handprop::ui::testing
