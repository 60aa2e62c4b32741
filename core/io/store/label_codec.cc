// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/label_codec.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>

#include "core/util/error.h"

namespace handprop {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the project file stores little-endian floats: add byte swaps");

template <typename T>
std::string ToBlob(const T* values, int count) {
  std::string blob(sizeof(T) * static_cast<size_t>(count), '\0');
  if (count > 0) std::memcpy(blob.data(), values, blob.size());
  return blob;
}

template <typename T>
bool FromBlob(std::string_view blob, T* out, int count) {
  if (blob.size() != sizeof(T) * static_cast<size_t>(count)) return false;
  if (count > 0) std::memcpy(out, blob.data(), blob.size());
  return true;
}

// First non-finite entry of `values` as "name[i] = v is not finite", or "".
template <typename Derived>
std::string NonFinite(const char* name, const Eigen::DenseBase<Derived>& values) {
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const double v = values.derived().data()[i];
    if (!std::isfinite(v)) {
      std::ostringstream out;
      out << name << "[" << i << "] = " << v << " is not finite";
      return out.str();
    }
  }
  return {};
}

constexpr char kSnapshotMagic[4] = {'H', 'P', 'L', '1'};

// Appends raw little-endian bytes.
class Writer {
 public:
  template <typename T>
  void Put(const T& value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void PutArray(const double* values, Eigen::Index count) {
    bytes_.append(reinterpret_cast<const char*>(values), sizeof(double) * static_cast<size_t>(count));
  }
  void PutString(const std::string& text) {
    Put(static_cast<uint32_t>(text.size()));
    bytes_ += text;
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what Writer wrote; any overrun throws InputError naming `what`.
class Reader {
 public:
  Reader(std::string_view bytes, const std::string& what) : bytes_(bytes), what_(what) {}
  template <typename T>
  T Get() {
    T value;
    std::memcpy(&value, Take(sizeof(T)), sizeof(T));
    return value;
  }
  void GetArray(double* out, Eigen::Index count) {
    const size_t n = sizeof(double) * static_cast<size_t>(count);
    std::memcpy(out, Take(n), n);
  }
  std::string GetString() {
    const auto size = Get<uint32_t>();
    return std::string(Take(size), size);
  }
  [[noreturn]] void Fail(const std::string& why) const { throw InputError(what_ + ": not a label snapshot (" + why + ")"); }
  bool AtEnd() const { return at_ == bytes_.size(); }

 private:
  const char* Take(size_t n) {
    if (n > bytes_.size() - at_) Fail("truncated at byte " + std::to_string(at_) + " of " + std::to_string(bytes_.size()));
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  std::string_view bytes_;
  const std::string& what_;
  size_t at_ = 0;
};

}  // namespace

std::string DoublesToBlob(const double* values, int count) { return ToBlob(values, count); }
bool BlobToDoubles(std::string_view blob, double* out, int count) { return FromBlob(blob, out, count); }
std::string FloatsToBlob(const float* values, int count) { return ToBlob(values, count); }
bool BlobToFloats(std::string_view blob, float* out, int count) { return FromBlob(blob, out, count); }

std::string FramesToText(const std::vector<int>& frames) {
  std::string text;
  for (size_t i = 0; i < frames.size(); ++i) {
    if (i) text += ',';
    text += std::to_string(frames[i]);
  }
  return text;
}

std::optional<std::vector<int>> FramesFromText(std::string_view text) {
  std::vector<int> frames;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    int value = 0;
    const auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || value < 0) return std::nullopt;
    frames.push_back(value);
    p = next;
    if (p < end && *p++ != ',') return std::nullopt;
    if (p == end && text.back() == ',') return std::nullopt;
  }
  return frames;
}

std::string ValidateLabel(const LabelRecord& label) {
  for (const std::string& problem :
       {NonFinite("pose", label.params.pose), NonFinite("betas", label.params.betas), NonFinite("trans", label.params.trans),
        NonFinite("keypoints", label.keypoints), NonFinite("confidence", label.confidence)})
    if (!problem.empty()) return problem;
  for (int k = 0; k < kNumKeypoints; ++k) {
    if (label.confidence[k] < 0.0 || label.confidence[k] > 1.0) {
      std::ostringstream out;
      out << "confidence[" << k << "] = " << label.confidence[k] << " is outside [0, 1]";
      return out.str();
    }
  }
  for (int frame : label.source_frames)
    if (frame < 0) return "source_frames holds the negative frame " + std::to_string(frame);
  const Provenance p = label.provenance;
  if ((p == Provenance::kPropagated || p == Provenance::kPredicted) && label.model_id.empty())
    return std::string("a ") + ProvenanceName(p) + " label needs a model_id";
  if ((p == Provenance::kPropagated || p == Provenance::kInterpolated) && label.source_frames.empty())
    return std::string(p == Provenance::kPropagated ? "a" : "an") + " " + ProvenanceName(p) + " label needs source_frames";
  return {};
}

std::string LabelToSnapshot(const LabelRecord& label) {
  Writer w;
  w.bytes().append(kSnapshotMagic, sizeof(kSnapshotMagic));
  w.Put(static_cast<int64_t>(label.video_id));
  w.Put(static_cast<int32_t>(label.frame_index));
  w.Put(static_cast<int64_t>(label.hand_id));
  w.PutArray(label.params.pose.data(), label.params.pose.size());
  w.PutArray(label.params.betas.data(), label.params.betas.size());
  w.PutArray(label.params.trans.data(), label.params.trans.size());
  w.PutArray(label.keypoints.data(), label.keypoints.size());
  w.PutArray(label.confidence.data(), label.confidence.size());
  w.Put(static_cast<uint8_t>(label.provenance));
  w.Put(static_cast<int64_t>(label.created_at_ms));
  w.Put(static_cast<int64_t>(label.updated_at_ms));
  w.PutString(label.model_id);
  w.PutString(label.author);
  w.Put(static_cast<uint32_t>(label.source_frames.size()));
  for (int frame : label.source_frames) w.Put(static_cast<int32_t>(frame));
  return std::move(w.bytes());
}

LabelRecord LabelFromSnapshot(std::string_view blob, const std::string& what) {
  Reader r(blob, what);
  char magic[sizeof(kSnapshotMagic)];
  for (char& c : magic) c = r.Get<char>();
  if (std::memcmp(magic, kSnapshotMagic, sizeof(magic)) != 0) r.Fail("bad magic");
  LabelRecord label;
  label.video_id = r.Get<int64_t>();
  label.frame_index = r.Get<int32_t>();
  label.hand_id = r.Get<int64_t>();
  r.GetArray(label.params.pose.data(), label.params.pose.size());
  r.GetArray(label.params.betas.data(), label.params.betas.size());
  r.GetArray(label.params.trans.data(), label.params.trans.size());
  r.GetArray(label.keypoints.data(), label.keypoints.size());
  r.GetArray(label.confidence.data(), label.confidence.size());
  const auto provenance = r.Get<uint8_t>();
  if (provenance >= kNumProvenances) r.Fail("provenance " + std::to_string(provenance));
  label.provenance = static_cast<Provenance>(provenance);
  label.created_at_ms = r.Get<int64_t>();
  label.updated_at_ms = r.Get<int64_t>();
  label.model_id = r.GetString();
  label.author = r.GetString();
  const auto frames = r.Get<uint32_t>();
  if (frames > blob.size()) r.Fail("source frame count " + std::to_string(frames));
  for (uint32_t i = 0; i < frames; ++i) label.source_frames.push_back(r.Get<int32_t>());
  if (!r.AtEnd()) r.Fail("trailing bytes");
  return label;
}

}  // namespace handprop
