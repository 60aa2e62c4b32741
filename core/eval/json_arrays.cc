// SPDX-License-Identifier: Apache-2.0
#include "core/eval/json_arrays.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/util/error.h"

namespace handprop {
namespace {

// SAX handler: depth 0 is outside the document, depth 1 inside the top-level container; each
// child of the top level is built in `current_` with one open-element counter per open array.
class NumericChildrenHandler : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit NumericChildrenHandler(std::string origin) : origin_(std::move(origin)) {}

  JsonNumericChildren Take() { return std::move(result_); }

  bool null() override { return Fail("null is not a number"); }
  bool boolean(bool) override { return Fail("a boolean is not a number"); }
  bool number_integer(number_integer_t v) override { return Number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Number(v); }
  bool string(string_t&) override { return Fail("a string is not a number"); }
  bool binary(binary_t&) override { return Fail("binary data is not a number"); }

  bool start_object(std::size_t) override {
    if (depth_ != 0) return Fail("nested objects are not supported");
    result_.is_object = true;
    depth_ = 1;
    return true;
  }
  bool key(string_t& k) override {
    result_.keys.push_back(k);
    return true;
  }
  bool end_object() override {
    depth_ = 0;
    return true;
  }

  bool start_array(std::size_t) override {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (counts_.empty()) BeginChild();
    const size_t level = counts_.size();  // the level of the new array's elements
    if (leaf_level_ >= 0 && static_cast<int>(level) >= leaf_level_) return Fail("mixes numbers and arrays at one level");
    if (!counts_.empty()) ++counts_.back();
    counts_.push_back(0);
    if (current_.shape.size() < counts_.size()) current_.shape.push_back(-1);
    return true;
  }
  bool end_array() override {
    if (counts_.empty()) {  // the top-level array
      depth_ = 0;
      return true;
    }
    const size_t level = counts_.size() - 1;
    int64_t& size = current_.shape[level];
    if (size >= 0 && size != counts_.back()) return Fail("ragged array (rows of different lengths)");
    size = counts_.back();
    counts_.pop_back();
    if (counts_.empty()) EndChild();
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    std::string what = e.what();
    const size_t prefix_end = what.find("] ");
    if (prefix_end != std::string::npos) what = what.substr(prefix_end + 2);  // drop "[json.exception...]"
    throw InputError(origin_ + ": invalid JSON (byte " + std::to_string(position) + "): " + what);
  }

 private:
  bool Number(double v) {
    if (!std::isfinite(v)) return Fail("non-finite number");
    if (depth_ == 0) return Fail("the top level must be an array or an object, not a number");
    if (counts_.empty()) {  // a plain number as a child
      BeginChild();
      current_.values.push_back(v);
      EndChild();
      return true;
    }
    const int level = static_cast<int>(counts_.size());
    if (leaf_level_ < 0) {
      if (current_.shape.size() > counts_.size()) return Fail("mixes numbers and arrays at one level");
      leaf_level_ = level;
    }
    if (level != leaf_level_) return Fail("mixes numbers and arrays at one level");
    ++counts_.back();
    current_.values.push_back(v);
    return true;
  }

  void BeginChild() {
    current_ = NumericArray();
    leaf_level_ = -1;
  }
  void EndChild() {
    if (leaf_level_ < 0 && !current_.shape.empty()) {
      // No numbers at all ([] or [[], []]): keep the shape down to the first empty level.
      size_t rank = 0;
      while (rank < current_.shape.size() && current_.shape[rank] > 0) ++rank;
      current_.shape.resize(rank + 1);
    }
    result_.arrays.push_back(std::move(current_));
    current_ = NumericArray();
  }

  [[noreturn]] bool Fail(const std::string& problem) {
    std::ostringstream out;
    out << origin_ << ": " << problem << " in child " << result_.arrays.size();
    if (result_.is_object && !result_.keys.empty()) out << " (\"" << result_.keys.back() << "\")";
    throw InputError(out.str());
  }

  std::string origin_;
  JsonNumericChildren result_;
  NumericArray current_;
  std::vector<int64_t> counts_;  // elements seen so far in each open array of the current child
  int depth_ = 0;
  int leaf_level_ = -1;  // number of open arrays around a number, once known
};

}  // namespace

JsonNumericChildren ParseJsonNumericChildren(const std::string& text, const std::string& origin) {
  NumericChildrenHandler handler(origin);
  nlohmann::json::sax_parse(text, &handler);
  return handler.Take();
}

JsonNumericChildren ReadJsonNumericChildren(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file");
  NumericChildrenHandler handler(path);
  nlohmann::json::sax_parse(in, &handler);
  if (in.bad()) throw RuntimeError(path + ": read error");
  return handler.Take();
}

std::string ShapeToString(const std::vector<int64_t>& shape) {
  std::ostringstream out;
  out << "(";
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  if (shape.size() == 1) out << ",";
  out << ")";
  return out.str();
}

}  // namespace handprop
