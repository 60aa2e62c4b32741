// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/numeric_list.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/io/formats/json_io.h"
#include "core/util/error.h"

namespace handprop {
namespace {

std::string ShapeString(const std::vector<int64_t>& shape) {
  std::string out = "(";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + ")";
}

// Level 1 is the top-level list; an entry's own lists are levels 2, 3, ...
class ListHandler : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit ListHandler(NumericList* out) : out_(out) {}
  std::string error;

  bool null() override { return Fail("null"); }
  bool boolean(bool) override { return Fail("a boolean"); }
  bool number_integer(number_integer_t v) override { return Number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Number(v); }
  bool string(string_t&) override { return Fail("a string"); }
  bool binary(binary_t&) override { return Fail("binary data"); }
  bool start_object(std::size_t) override { return Fail("an object"); }
  bool key(string_t&) override { return Fail("an object"); }
  bool end_object() override { return Fail("an object"); }

  bool start_array(std::size_t) override {
    if (level_ == 0) {
      level_ = 1;
      return true;
    }
    if (level_ == 1) BeginEntry();
    else ++counts_[level_ - 2];
    ++level_;
    if (counts_.size() < static_cast<size_t>(level_ - 1)) {
      counts_.push_back(0);
      dims_.push_back(-1);
    }
    counts_[level_ - 2] = 0;
    return true;
  }

  bool end_array() override {
    --level_;
    if (level_ == 0) return true;
    const size_t d = level_ - 1;
    if (dims_[d] < 0) dims_[d] = counts_[d];
    else if (dims_[d] != counts_[d]) return Ragged();
    if (level_ == 1) return EndEntry();
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error = detail::Concat("invalid JSON at byte ", position, ": ", e.what());
    return false;
  }

 private:
  void BeginEntry() {
    counts_.clear();
    dims_.clear();
    leaf_level_ = -1;
    out_->offsets.push_back(out_->values.size());
  }
  bool EndEntry() {
    std::vector<int64_t> shape(dims_.begin(), dims_.end());
    // An entry of empty lists ([] or [[]]) has no leaf level; its shape stops at the empty list.
    if (leaf_level_ >= 0) shape.resize(leaf_level_ - 1);
    // The shape must account for every number, e.g. [[1, 2], [3, []]] is ragged, not (2, 2).
    int64_t size = 1;
    for (int64_t d : shape) size *= d;
    if (size != static_cast<int64_t>(out_->values.size() - out_->offsets.back())) return Ragged();
    out_->shapes.push_back(std::move(shape));
    return true;
  }
  bool Number(double value) {
    if (level_ == 0) return Fail("a number (expected a list)");
    if (level_ == 1) {
      BeginEntry();
      leaf_level_ = 1;
      out_->values.push_back(value);
      return EndEntry();
    }
    if (leaf_level_ < 0) leaf_level_ = level_;
    else if (leaf_level_ != level_) return Ragged();
    ++counts_[level_ - 2];
    out_->values.push_back(value);
    return true;
  }
  bool Ragged() {
    error = detail::Concat("entry ", out_->offsets.size() - 1, " is ragged (lists of different lengths or depths)");
    return false;
  }
  bool Fail(const char* what) {
    if (level_ == 0) error = std::string("expected a top-level list, found ") + what;
    else error = detail::Concat("entry ", out_->offsets.size() - (level_ == 1 ? 0 : 1), " holds ", what,
                                ", expected numbers");
    return false;
  }

  NumericList* out_;
  int level_ = 0;
  int leaf_level_ = -1;
  std::vector<int64_t> counts_;  // per entry level: items seen in the open list
  std::vector<int64_t> dims_;    // per entry level: the length fixed by the first list, -1 before
};

}  // namespace

Eigen::MatrixXd NumericList::Entry(size_t index, int rows, int cols) const {
  const std::vector<int64_t>& s = shapes[index];
  const bool ok = (s.size() == 2 && s[0] == rows && s[1] == cols) ||
                  (rows == 1 && ((s.size() == 1 && s[0] == cols) || (cols == 1 && s.empty())));
  if (!ok)
    throw InputError(detail::Concat(path, ": entry ", index, " has shape ", ShapeString(s), ", expected (", rows, ", ",
                                    cols, ")"));
  Eigen::MatrixXd out(rows, cols);
  const double* data = values.data() + offsets[index];
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) out(r, c) = data[r * cols + c];
  if (!out.allFinite()) throw InputError(detail::Concat(path, ": entry ", index, " has a non-finite value"));
  return out;
}

double NumericList::Scalar(size_t index) const { return Entry(index, 1, 1)(0, 0); }

NumericList ParseNumericList(const std::string& text, const std::string& origin) {
  NumericList out;
  out.path = origin;
  ListHandler handler(&out);
  const bool ok = nlohmann::json::sax_parse(text, &handler);
  if (!ok || !handler.error.empty())
    throw InputError(origin + ": " + (handler.error.empty() ? std::string("invalid JSON") : handler.error));
  out.offsets.push_back(out.values.size());
  return out;
}

NumericList ReadNumericList(const std::string& path, uint64_t max_bytes, const std::string& why) {
  return ParseNumericList(ReadGuardedFile(path, max_bytes, why), path);
}

}  // namespace handprop
