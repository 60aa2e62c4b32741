// SPDX-License-Identifier: Apache-2.0
#include "core/render/procedural_background.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/render/render_random.h"
#include "core/util/error.h"

namespace handprop {
namespace {

// A random colour (B, G, R in [0, 1]) from hue, saturation and value ranges that avoid garish
// extremes but include greys, earth tones, foliage and sky colours.
cv::Vec3f RandomColour(RenderRng* rng) {
  const double h = rng->Uniform(0.0, 6.0), s = rng->Uniform(0.0, 0.75), v = rng->Uniform(0.12, 0.95);
  const double c = v * s, x = c * (1.0 - std::abs(std::fmod(h, 2.0) - 1.0)), m = v - c;
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(h)) {
    case 0: r = c, g = x; break;
    case 1: r = x, g = c; break;
    case 2: g = c, b = x; break;
    case 3: g = x, b = c; break;
    case 4: r = x, b = c; break;
    default: r = c, b = x; break;
  }
  return cv::Vec3f(static_cast<float>(b + m), static_cast<float>(g + m), static_cast<float>(r + m));
}

cv::Vec3f Mix(const cv::Vec3f& a, const cv::Vec3f& b, float t) { return a + (b - a) * t; }

// Smooth noise in [0, 1]: a random grid of cells x cells values upsampled with bicubic filtering.
cv::Mat SmoothField(int width, int height, int cells, int channels, RenderRng* rng) {
  cv::Mat grid(cells, cells, CV_32FC(channels));
  float* data = grid.ptr<float>();
  for (int i = 0; i < cells * cells * channels; ++i) data[i] = static_cast<float>(rng->Uniform());
  cv::Mat out;
  cv::resize(grid, out, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
  return out;
}

// Fills `image` (CV_32FC3) with f(x', y') where (x', y') are pixel coordinates rotated by angle.
template <typename F>
void FillRotated(cv::Mat* image, double angle, F f) {
  const double c = std::cos(angle), s = std::sin(angle);
  for (int y = 0; y < image->rows; ++y) {
    cv::Vec3f* row = image->ptr<cv::Vec3f>(y);
    for (int x = 0; x < image->cols; ++x) row[x] = f(c * x + s * y, -s * x + c * y);
  }
}

cv::Mat Pattern(int width, int height, BackgroundKind kind, RenderRng* rng) {
  cv::Mat image(height, width, CV_32FC3);
  const cv::Vec3f a = RandomColour(rng), b = RandomColour(rng);
  const double angle = rng->Uniform(0.0, M_PI);
  const double diagonal = std::hypot(width, height);
  switch (kind) {
    case BackgroundKind::kColourNoise: {
      const cv::Mat field = SmoothField(width, height, 2 + rng->UniformInt(6), 3, rng);
      const cv::Vec3f base = RandomColour(rng);
      const float spread = static_cast<float>(rng->Uniform(0.2, 0.6));
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
          image.at<cv::Vec3f>(y, x) = base + (field.at<cv::Vec3f>(y, x) - cv::Vec3f(0.5f, 0.5f, 0.5f)) * spread;
      break;
    }
    case BackgroundKind::kGradient: {
      const double offset = rng->Uniform(-0.5, 0.5) * diagonal;
      FillRotated(&image, angle, [&](double xr, double) {
        return Mix(a, b, static_cast<float>(std::clamp((xr - offset) / diagonal + 0.5, 0.0, 1.0)));
      });
      break;
    }
    case BackgroundKind::kStripes: {
      const double period = rng->Uniform(0.04, 0.4) * diagonal, sharpness = rng->Uniform(1.0, 8.0);
      FillRotated(&image, angle, [&](double xr, double) {
        const double t = std::tanh(sharpness * std::sin(2.0 * M_PI * xr / period)) / std::tanh(sharpness);
        return Mix(a, b, static_cast<float>(0.5 + 0.5 * t));
      });
      break;
    }
    case BackgroundKind::kChecker: {
      const double cell = rng->Uniform(0.05, 0.3) * diagonal;
      FillRotated(&image, angle, [&](double xr, double yr) {
        const auto parity = (static_cast<int64_t>(std::floor(xr / cell)) + static_cast<int64_t>(std::floor(yr / cell))) & 1;
        return parity ? a : b;
      });
      break;
    }
    case BackgroundKind::kBlobs: {
      image.setTo(cv::Scalar(a[0], a[1], a[2]));
      const int count = 4 + rng->UniformInt(12);
      for (int i = 0; i < count; ++i) {
        const cv::Vec3f colour = RandomColour(rng);
        const cv::Point centre(rng->UniformInt(width), rng->UniformInt(height));
        const cv::Size axes(1 + static_cast<int>(rng->Uniform(0.03, 0.3) * diagonal),
                            1 + static_cast<int>(rng->Uniform(0.03, 0.3) * diagonal));
        cv::ellipse(image, centre, axes, rng->Uniform(0.0, 180.0), 0, 360, cv::Scalar(colour[0], colour[1], colour[2]),
                    cv::FILLED, cv::LINE_8);
      }
      const double sigma = rng->Uniform(0.0, 0.02) * diagonal;
      if (sigma > 0.3) cv::GaussianBlur(image, image, cv::Size(0, 0), sigma);
      break;
    }
  }
  return image;
}

}  // namespace

const char* BackgroundKindName(BackgroundKind kind) {
  switch (kind) {
    case BackgroundKind::kColourNoise: return "colour_noise";
    case BackgroundKind::kGradient: return "gradient";
    case BackgroundKind::kStripes: return "stripes";
    case BackgroundKind::kChecker: return "checker";
    case BackgroundKind::kBlobs: return "blobs";
  }
  return "unknown";
}

cv::Mat ProceduralBackground(int width, int height, uint64_t seed, BackgroundKind kind) {
  HP_CHECK(width >= 1 && height >= 1, "ProceduralBackground: ", width, " x ", height);
  RenderRng rng(MixSeed(seed, 0xB6 + static_cast<uint64_t>(kind)));
  cv::Mat image = Pattern(width, height, kind, &rng);
  // Low-frequency shading (uneven illumination) and film grain, then 8-bit.
  const cv::Mat light = SmoothField(width, height, 3, 1, &rng);
  const float light_amount = static_cast<float>(rng.Uniform(0.0, 0.5));
  const float grain = static_cast<float>(rng.Uniform(0.0, 0.04));
  cv::Mat out(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    const cv::Vec3f* in = image.ptr<cv::Vec3f>(y);
    const float* shade = light.ptr<float>(y);
    cv::Vec3b* row = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < width; ++x) {
      const float gain = 1.0f + light_amount * (shade[x] - 0.5f);
      uint64_t bits = rng.NextBits();  // six 10-bit uniforms: triangular grain for 3 channels
      for (int c = 0; c < 3; ++c) {
        const float u1 = static_cast<float>(bits & 1023) * (1.0f / 1024.0f);
        const float u2 = static_cast<float>((bits >> 10) & 1023) * (1.0f / 1024.0f);
        bits >>= 20;
        const float value = in[x][c] * gain + grain * (u1 + u2 - 1.0f);
        row[x][c] = static_cast<uint8_t>(255.0f * std::clamp(value, 0.0f, 1.0f) + 0.5f);
      }
    }
  }
  return out;
}

cv::Mat ProceduralBackground(int width, int height, uint64_t seed) {
  RenderRng rng(MixSeed(seed, 0xB0));
  return ProceduralBackground(width, height, seed, static_cast<BackgroundKind>(rng.UniformInt(kNumBackgroundKinds)));
}

}  // namespace handprop
