// SPDX-License-Identifier: Apache-2.0
// A RenderBackend that records every call instead of drawing, so viewport logic (lazy buffer
// creation, dirty flags, draw order and state) is tested without a GPU (style.md rule 18).
#pragma once

#include <map>
#include <string>
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

  const GeometryData& Data(GeometryHandle handle) const { return live_.at(handle); }
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
  PixelRect viewport;

 private:
  std::map<GeometryHandle, GeometryData> live_;
  GeometryHandle next_handle_ = 1;
};

}  // namespace handprop::ui::testing
