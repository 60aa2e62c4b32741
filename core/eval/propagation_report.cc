// SPDX-License-Identifier: Apache-2.0
#include "core/eval/propagation_report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

std::set<std::string> Splits(const PropagationTable& table) {
  std::set<std::string> splits;
  for (const auto& [key, scores] : table.all) splits.insert(key.second);
  return splits;
}

void AppendRows(std::string* out, const PropagationTable& table, const std::map<std::pair<std::string, std::string>, PropagationScores>& group,
                const std::string& split) {
  char line[256];
  for (const std::string& method : table.methods) {
    const auto it = group.find({method, split});
    if (it == group.end()) continue;
    const PropagationScores& s = it->second;
    std::snprintf(line, sizeof(line), "| %s | %d | %.3f | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", method.c_str(),
                  s.count, s.fscore5, s.fscore15, 1000 * s.mpvpe, 1000 * s.mpvpe_p, 1000 * s.mpjpe, 1000 * s.mpjpe_t,
                  1000 * s.mpjpe_sd, 1000 * s.mpjpe_p);
    *out += line;
  }
}

nlohmann::json ScoresJson(const PropagationScores& s) {
  return {{"frames", s.count},  {"f5", s.fscore5},   {"f15", s.fscore15},   {"mpvpe_m", s.mpvpe},  {"mpvpe_p_m", s.mpvpe_p},
          {"mpjpe_m", s.mpjpe}, {"mpjpe_t_m", s.mpjpe_t}, {"mpjpe_sd_m", s.mpjpe_sd}, {"mpjpe_p_m", s.mpjpe_p}};
}

}  // namespace

std::string PropagationTableMarkdown(const PropagationTable& table) {
  const char* header =
      "| method | frames | F@5 | F@15 | MPVPE | MPVPE (P) | MPJPE | MPJPE (T) | MPJPE (SD) | MPJPE (P) |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  std::string out;
  for (const std::string& split : Splits(table)) {
    out += "Unlabelled frames of the " + split + " videos (errors in mm):\n\n" + header;
    AppendRows(&out, table, table.all, split);
    bool any_gesture = false;
    for (const auto& [key, scores] : table.gestures) any_gesture |= key.second == split && scores.count > 0;
    if (any_gesture) {
      out += "\nThe same, only frames inside fast gestures:\n\n" + std::string(header);
      AppendRows(&out, table, table.gestures, split);
    }
    out += "\n";
  }
  return out;
}

std::string PropagationTableJson(const PropagationTable& table) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, scores] : table.all) {
    nlohmann::json row = {{"method", key.first}, {"split", key.second}, {"all", ScoresJson(scores)}};
    if (const auto g = table.gestures.find(key); g != table.gestures.end()) row["gestures"] = ScoresJson(g->second);
    rows.push_back(row);
  }
  nlohmann::json curve = nlohmann::json::array();
  for (const auto& [key, scores] : table.by_distance)
    curve.push_back({{"method", std::get<0>(key)}, {"split", std::get<1>(key)}, {"distance", std::get<2>(key)}, {"scores", ScoresJson(scores)}});
  return nlohmann::json{{"rows", rows}, {"by_distance", curve}}.dump(2) + "\n";
}

std::string PropagationCurveCsv(const PropagationTable& table) {
  std::string out = "method,split,distance,frames,mpjpe_mm,mpjpe_p_mm\n";
  char line[256];
  for (const auto& [key, s] : table.by_distance) {
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%.4f,%.4f\n", std::get<0>(key).c_str(), std::get<1>(key).c_str(),
                  std::get<2>(key), s.count, 1000 * s.mpjpe, 1000 * s.mpjpe_p);
    out += line;
  }
  return out;
}

void WritePropagationCurvePng(const PropagationTable& table, const std::string& split, const std::string& path) {
  constexpr int kWidth = 720, kHeight = 440, kLeft = 70, kRight = 170, kTop = 30, kBottom = 50;
  int max_distance = 1;
  double max_mm = 1.0;
  for (const auto& [key, s] : table.by_distance) {
    if (std::get<1>(key) != split) continue;
    max_distance = std::max(max_distance, std::get<2>(key));
    max_mm = std::max(max_mm, 1000 * s.mpjpe);
  }
  max_mm *= 1.1;
  cv::Mat plot(kHeight, kWidth, CV_8UC3, cv::Scalar::all(255));
  const auto to_pixel = [&](double distance, double mm) {
    return cv::Point(kLeft + static_cast<int>((kWidth - kLeft - kRight) * distance / max_distance),
                     kHeight - kBottom - static_cast<int>((kHeight - kTop - kBottom) * mm / max_mm));
  };
  const cv::Scalar black(0, 0, 0), grey(200, 200, 200);
  for (int i = 0; i <= 5; ++i) {  // horizontal grid with mm labels
    const double mm = max_mm * i / 5;
    cv::line(plot, to_pixel(0, mm), to_pixel(max_distance, mm), grey, 1);
    char label[32];
    std::snprintf(label, sizeof(label), "%.0f", mm);
    cv::putText(plot, label, to_pixel(0, mm) + cv::Point(-45, 5), cv::FONT_HERSHEY_SIMPLEX, 0.45, black, 1, cv::LINE_AA);
  }
  for (int d = 0; d <= max_distance; ++d) {
    char label[16];
    std::snprintf(label, sizeof(label), "%d", d);
    cv::putText(plot, label, to_pixel(d, 0) + cv::Point(-4, 20), cv::FONT_HERSHEY_SIMPLEX, 0.45, black, 1, cv::LINE_AA);
  }
  cv::line(plot, to_pixel(0, 0), to_pixel(max_distance, 0), black, 1);
  cv::line(plot, to_pixel(0, 0), to_pixel(0, max_mm), black, 1);
  cv::putText(plot, "frames to the nearest key frame", cv::Point(kLeft + 120, kHeight - 10), cv::FONT_HERSHEY_SIMPLEX, 0.5, black, 1, cv::LINE_AA);
  cv::putText(plot, "MPJPE (mm), " + split + " videos", cv::Point(kLeft, 20), cv::FONT_HERSHEY_SIMPLEX, 0.5, black, 1, cv::LINE_AA);
  const cv::Scalar colours[] = {{180, 119, 31}, {14, 127, 255}, {44, 160, 44}, {40, 39, 214}, {189, 103, 148}, {75, 86, 140}};
  for (size_t m = 0; m < table.methods.size(); ++m) {
    const cv::Scalar colour = colours[m % 6];
    std::vector<cv::Point> points;
    for (const auto& [key, s] : table.by_distance)
      if (std::get<0>(key) == table.methods[m] && std::get<1>(key) == split) points.push_back(to_pixel(std::get<2>(key), 1000 * s.mpjpe));
    if (points.empty()) continue;
    cv::polylines(plot, points, false, colour, 2, cv::LINE_AA);
    for (const cv::Point& p : points) cv::circle(plot, p, 3, colour, cv::FILLED, cv::LINE_AA);
    const cv::Point legend(kWidth - kRight + 15, kTop + 20 + 22 * static_cast<int>(m));
    cv::line(plot, legend, legend + cv::Point(20, 0), colour, 2);
    cv::putText(plot, table.methods[m], legend + cv::Point(26, 5), cv::FONT_HERSHEY_SIMPLEX, 0.45, black, 1, cv::LINE_AA);
  }
  std::vector<uint8_t> png;
  if (!cv::imencode(".png", plot, png)) throw RuntimeError(path + ": cannot encode the plot");
  WriteFileAtomically(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
}

}  // namespace handprop
