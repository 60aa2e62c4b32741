// SPDX-License-Identifier: Apache-2.0
#include "core/util/npz.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <regex>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr char kNpyMagic[] = "\x93NUMPY";
constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndOfCentralDirSig = 0x06054b50;
constexpr uint64_t kMaxArrayBytes = uint64_t{1} << 34;  // 16 GiB: anything larger is corrupt here

uint16_t ReadU16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | (static_cast<uint8_t>(b[at + 1]) << 8));
}
uint32_t ReadU32(const std::string& b, size_t at) {
  return uint32_t{ReadU16(b, at)} | (uint32_t{ReadU16(b, at + 2)} << 16);
}
uint64_t ReadU64(const std::string& b, size_t at) {
  return uint64_t{ReadU32(b, at)} | (uint64_t{ReadU32(b, at + 4)} << 32);
}
void PutU16(std::string& b, uint16_t v) {
  b.push_back(static_cast<char>(v & 0xff));
  b.push_back(static_cast<char>(v >> 8));
}
void PutU32(std::string& b, uint32_t v) {
  PutU16(b, static_cast<uint16_t>(v & 0xffff));
  PutU16(b, static_cast<uint16_t>(v >> 16));
}

template <typename T>
T LoadAs(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

// Reorders Fortran-order element bytes into C order.
std::vector<uint8_t> FortranToC(const std::vector<uint8_t>& in, const std::vector<int64_t>& shape, int item) {
  const size_t n = shape.size();
  std::vector<uint8_t> out(in.size());
  std::vector<int64_t> index(n, 0);
  const int64_t total = static_cast<int64_t>(in.size()) / item;
  for (int64_t c = 0; c < total; ++c) {
    int64_t f = 0, stride = 1;
    for (size_t d = 0; d < n; ++d) {
      f += index[d] * stride;
      stride *= shape[d];
    }
    std::memcpy(&out[c * item], &in[f * item], item);
    for (size_t d = n; d-- > 0;) {  // advance the C-order multi-index
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

std::string Inflate(const std::string& compressed, uint64_t expected, const std::string& origin) {
  if (expected > kMaxArrayBytes) throw InputError(origin + ": entry too large (" + std::to_string(expected) + " bytes)");
  std::string out(expected, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw RuntimeError(origin + ": zlib init failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&stream, Z_FINISH);
  const uint64_t produced = stream.total_out;
  inflateEnd(&stream);
  if (rc != Z_STREAM_END || produced != expected) throw InputError(origin + ": corrupt deflate data");
  return out;
}

}  // namespace

int64_t NpyArray::NumElements() const {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
}

std::string NpyArray::DtypeString() const {
  return std::string(item_size == 1 ? "|" : "<") + kind + std::to_string(item_size);
}

std::string NpyArray::ShapeString() const {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

template <typename T>
std::vector<T> NpyArray::Values() const {
  const int64_t n = NumElements();
  std::vector<T> out(static_cast<size_t>(n));
  const uint8_t* p = bytes.data();
  for (int64_t i = 0; i < n; ++i, p += item_size) {
    switch (kind * 16 + item_size) {
      case 'f' * 16 + 8: out[i] = static_cast<T>(LoadAs<double>(p)); break;
      case 'f' * 16 + 4: out[i] = static_cast<T>(LoadAs<float>(p)); break;
      case 'i' * 16 + 8: out[i] = static_cast<T>(LoadAs<int64_t>(p)); break;
      case 'i' * 16 + 4: out[i] = static_cast<T>(LoadAs<int32_t>(p)); break;
      case 'i' * 16 + 2: out[i] = static_cast<T>(LoadAs<int16_t>(p)); break;
      case 'i' * 16 + 1: out[i] = static_cast<T>(LoadAs<int8_t>(p)); break;
      case 'u' * 16 + 8: out[i] = static_cast<T>(LoadAs<uint64_t>(p)); break;
      case 'u' * 16 + 4: out[i] = static_cast<T>(LoadAs<uint32_t>(p)); break;
      case 'u' * 16 + 2: out[i] = static_cast<T>(LoadAs<uint16_t>(p)); break;
      case 'u' * 16 + 1:
      case 'b' * 16 + 1: out[i] = static_cast<T>(LoadAs<uint8_t>(p)); break;
      default: throw InputError("unsupported dtype " + DtypeString());
    }
  }
  return out;
}
template std::vector<double> NpyArray::Values<double>() const;
template std::vector<float> NpyArray::Values<float>() const;
template std::vector<int64_t> NpyArray::Values<int64_t>() const;
template std::vector<int32_t> NpyArray::Values<int32_t>() const;
template std::vector<uint32_t> NpyArray::Values<uint32_t>() const;

namespace {
template <typename T>
NpyArray MakeArray(char kind, const std::vector<T>& values, std::vector<int64_t> shape) {
  NpyArray a;
  a.kind = kind;
  a.item_size = sizeof(T);
  a.shape = std::move(shape);
  HP_CHECK(a.NumElements() == static_cast<int64_t>(values.size()), "shape does not match the value count");
  a.bytes.resize(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
  return a;
}
}  // namespace

NpyArray NpyArray::FromDoubles(const std::vector<double>& v, std::vector<int64_t> s) { return MakeArray('f', v, std::move(s)); }
NpyArray NpyArray::FromInt64(const std::vector<int64_t>& v, std::vector<int64_t> s) { return MakeArray('i', v, std::move(s)); }
NpyArray NpyArray::FromInt32(const std::vector<int32_t>& v, std::vector<int64_t> s) { return MakeArray('i', v, std::move(s)); }
NpyArray NpyArray::FromUInt32(const std::vector<uint32_t>& v, std::vector<int64_t> s) { return MakeArray('u', v, std::move(s)); }
NpyArray NpyArray::FromBytes(const std::string& text) {
  return MakeArray('u', std::vector<uint8_t>(text.begin(), text.end()), {static_cast<int64_t>(text.size())});
}
std::string NpyArray::AsText() const { return std::string(bytes.begin(), bytes.end()); }

NpyArray ParseNpy(const std::string& buf, const std::string& origin) {
  if (buf.size() < 10 || buf.compare(0, 6, kNpyMagic, 6) != 0) throw InputError(origin + ": not a .npy array (bad magic)");
  const int major = static_cast<uint8_t>(buf[6]);
  const size_t header_len = major == 1 ? ReadU16(buf, 8) : ReadU32(buf, 8);
  const size_t header_start = major == 1 ? 10 : 12;
  if (major < 1 || major > 3 || header_start + header_len > buf.size()) throw InputError(origin + ": truncated .npy header");
  const std::string header = buf.substr(header_start, header_len);

  static const std::regex descr_re(R"('descr'\s*:\s*'([<>|=])([a-zA-Z])(\d+)')");
  static const std::regex order_re(R"('fortran_order'\s*:\s*(True|False))");
  static const std::regex shape_re(R"('shape'\s*:\s*\(([^)]*)\))");
  std::smatch m;
  if (!std::regex_search(header, m, descr_re)) throw InputError(origin + ": unsupported or missing dtype in header " + header);
  NpyArray a;
  const char endian = m[1].str()[0];
  a.kind = m[2].str()[0];
  a.item_size = std::stoi(m[3].str());
  if (endian == '>' && a.item_size > 1) throw InputError(origin + ": big-endian arrays are not supported");
  if (std::string("fiub").find(a.kind) == std::string::npos || a.item_size < 1 || a.item_size > 8)
    throw InputError(origin + ": unsupported dtype " + m[0].str() + " (numeric arrays only)");
  if (!std::regex_search(header, m, order_re)) throw InputError(origin + ": missing fortran_order in header");
  const bool fortran = m[1] == "True";
  if (!std::regex_search(header, m, shape_re)) throw InputError(origin + ": missing shape in header");
  const std::string dims = m[1];
  static const std::regex int_re(R"(\d+)");
  for (auto it = std::sregex_iterator(dims.begin(), dims.end(), int_re); it != std::sregex_iterator(); ++it)
    a.shape.push_back(std::stoll(it->str()));

  const uint64_t want = static_cast<uint64_t>(a.NumElements()) * a.item_size;
  const size_t data_start = header_start + header_len;
  if (want > kMaxArrayBytes || buf.size() - data_start < want)
    throw InputError(origin + ": truncated data (" + std::to_string(buf.size() - data_start) + " of " +
                     std::to_string(want) + " bytes for shape " + a.ShapeString() + ")");
  a.bytes.assign(buf.begin() + data_start, buf.begin() + data_start + want);
  if (fortran && a.shape.size() > 1) a.bytes = FortranToC(a.bytes, a.shape, a.item_size);
  return a;
}

std::string SerializeNpy(const NpyArray& a) {
  std::string dict = "{'descr': '" + a.DtypeString() + "', 'fortran_order': False, 'shape': " + a.ShapeString() + ", }";
  const size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict.push_back('\n');
  std::string out(kNpyMagic, 6);
  out.push_back('\x01');
  out.push_back('\x00');
  PutU16(out, static_cast<uint16_t>(dict.size()));
  out += dict;
  out.append(reinterpret_cast<const char*>(a.bytes.data()), a.bytes.size());
  return out;
}

NpzArchive ParseNpz(const std::string& buf, const std::string& origin) {
  // Find the end-of-central-directory record (it may be followed by a comment).
  if (buf.size() < 22) throw InputError(origin + ": not a .npz archive (file too short)");
  size_t eocd = std::string::npos;
  for (size_t at = buf.size() - 22 + 1; at-- > 0 && buf.size() - at <= 22 + 65535;) {
    if (ReadU32(buf, at) == kEndOfCentralDirSig) { eocd = at; break; }
  }
  if (eocd == std::string::npos) throw InputError(origin + ": not a .npz archive (no zip directory; truncated?)");
  const uint16_t entries = ReadU16(buf, eocd + 10);
  size_t at = ReadU32(buf, eocd + 16);

  NpzArchive archive;
  for (uint16_t e = 0; e < entries; ++e) {
    if (at + 46 > buf.size() || ReadU32(buf, at) != kCentralHeaderSig) throw InputError(origin + ": corrupt zip directory");
    const uint16_t method = ReadU16(buf, at + 10);
    uint64_t compressed = ReadU32(buf, at + 20), uncompressed = ReadU32(buf, at + 24);
    const uint16_t name_len = ReadU16(buf, at + 28), extra_len = ReadU16(buf, at + 30), comment_len = ReadU16(buf, at + 32);
    uint64_t local = ReadU32(buf, at + 42);
    if (at + 46 + name_len + extra_len > buf.size()) throw InputError(origin + ": corrupt zip directory");
    const std::string name = buf.substr(at + 46, name_len);
    // Zip64: fields saturated at 0xFFFFFFFF live in the extra block with id 1, in this order.
    for (size_t x = at + 46 + name_len; x + 4 <= at + 46 + name_len + extra_len;) {
      const uint16_t id = ReadU16(buf, x), size = ReadU16(buf, x + 2);
      size_t p = x + 4;
      if (id == 1) {
        if (uncompressed == 0xffffffffu) { uncompressed = ReadU64(buf, p); p += 8; }
        if (compressed == 0xffffffffu) { compressed = ReadU64(buf, p); p += 8; }
        if (local == 0xffffffffu) { local = ReadU64(buf, p); }
      }
      x += 4 + size;
    }
    at += 46 + name_len + extra_len + comment_len;

    const std::string entry_origin = origin + ":" + name;
    if (local + 30 > buf.size() || ReadU32(buf, local) != kLocalHeaderSig) throw InputError(entry_origin + ": corrupt zip entry");
    const size_t data = local + 30 + ReadU16(buf, local + 26) + ReadU16(buf, local + 28);
    if (data + compressed > buf.size()) throw InputError(entry_origin + ": truncated zip entry");
    std::string payload = buf.substr(data, compressed);
    if (method == 8) payload = Inflate(payload, uncompressed, entry_origin);
    else if (method != 0) throw InputError(entry_origin + ": unsupported zip compression method " + std::to_string(method));

    std::string key = name;
    if (key.size() > 4 && key.compare(key.size() - 4, 4, ".npy") == 0) key.resize(key.size() - 4);
    archive[key] = ParseNpy(payload, entry_origin);
  }
  return archive;
}

NpzArchive ReadNpz(const std::string& path) { return ParseNpz(ReadFileToString(path), path); }

std::string SerializeNpz(const NpzArchive& archive) {
  std::string out, directory;
  uint16_t count = 0;
  for (const auto& [key, array] : archive) {
    const std::string name = key + ".npy";
    const std::string payload = SerializeNpy(array);
    HP_CHECK(payload.size() < 0xffffffffu && out.size() < 0xffffffffu, "npz entries over 4 GiB are not supported");
    const uint32_t crc = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(payload.data()),
                                                     static_cast<uInt>(payload.size())));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    auto common = [&](std::string& b) {  // fields shared by local and central headers, from "version needed"
      PutU16(b, 20); PutU16(b, 0); PutU16(b, 0);  // version needed, flags, method (stored)
      PutU16(b, 0); PutU16(b, 0x21);              // time, date (1980-01-01: reproducible bytes)
      PutU32(b, crc); PutU32(b, static_cast<uint32_t>(payload.size())); PutU32(b, static_cast<uint32_t>(payload.size()));
      PutU16(b, static_cast<uint16_t>(name.size())); PutU16(b, 0);  // name length, extra length
    };
    PutU32(out, kLocalHeaderSig);
    common(out);
    out += name;
    out += payload;

    PutU32(directory, kCentralHeaderSig);
    PutU16(directory, 20);  // version made by
    common(directory);
    PutU16(directory, 0); PutU16(directory, 0); PutU16(directory, 0);  // comment, disk, internal attrs
    PutU32(directory, 0); PutU32(directory, offset);
    directory += name;
    ++count;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  PutU32(out, kEndOfCentralDirSig);
  PutU16(out, 0); PutU16(out, 0); PutU16(out, count); PutU16(out, count);
  PutU32(out, static_cast<uint32_t>(directory.size())); PutU32(out, directory_offset);
  PutU16(out, 0);
  return out;
}

void WriteNpz(const std::string& path, const NpzArchive& archive) { WriteFileAtomically(path, SerializeNpz(archive)); }

}  // namespace handprop
