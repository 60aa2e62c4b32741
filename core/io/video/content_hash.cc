// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/content_hash.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/io/video/image_folder_source.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;
constexpr size_t kChunkBytes = size_t{1} << 20;

uint64_t RotL(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Little-endian loads, independent of the host's byte order.
uint64_t Read64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint64_t Read32(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

uint64_t Round(uint64_t acc, uint64_t lane) {
  acc += lane * kPrime2;
  return RotL(acc, 31) * kPrime1;
}

uint64_t MergeRound(uint64_t acc, uint64_t lane) {
  acc ^= Round(0, lane);
  return acc * kPrime1 + kPrime4;
}

void HashStream(std::istream& in, const std::string& path, Xxh64* hash) {
  std::vector<char> chunk(kChunkBytes);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    hash->Update(chunk.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) throw RuntimeError(path + ": read failed while hashing");
}

std::ifstream OpenForHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file for hashing");
  return in;
}

}  // namespace

Xxh64::Xxh64(uint64_t seed) : seed_(seed) {
  lanes_[0] = seed + kPrime1 + kPrime2;
  lanes_[1] = seed + kPrime2;
  lanes_[2] = seed;
  lanes_[3] = seed - kPrime1;
}

void Xxh64::Update(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += size;
  if (buffered_ + size < 32) {
    std::memcpy(buffer_ + buffered_, p, size);
    buffered_ += size;
    return;
  }
  if (buffered_ > 0) {
    const size_t fill = 32 - buffered_;
    std::memcpy(buffer_ + buffered_, p, fill);
    for (int i = 0; i < 4; ++i) lanes_[i] = Round(lanes_[i], Read64(buffer_ + 8 * i));
    p += fill;
    size -= fill;
    buffered_ = 0;
  }
  for (; size >= 32; p += 32, size -= 32)
    for (int i = 0; i < 4; ++i) lanes_[i] = Round(lanes_[i], Read64(p + 8 * i));
  std::memcpy(buffer_, p, size);
  buffered_ = size;
}

uint64_t Xxh64::Digest() const {
  uint64_t acc;
  if (total_ >= 32) {
    acc = RotL(lanes_[0], 1) + RotL(lanes_[1], 7) + RotL(lanes_[2], 12) + RotL(lanes_[3], 18);
    for (int i = 0; i < 4; ++i) acc = MergeRound(acc, lanes_[i]);
  } else {
    acc = seed_ + kPrime5;
  }
  acc += total_;
  const unsigned char* p = buffer_;
  size_t left = buffered_;
  for (; left >= 8; p += 8, left -= 8) acc = RotL(acc ^ Round(0, Read64(p)), 27) * kPrime1 + kPrime4;
  if (left >= 4) {
    acc = RotL(acc ^ (Read32(p) * kPrime1), 23) * kPrime2 + kPrime3;
    p += 4;
    left -= 4;
  }
  for (; left > 0; ++p, --left) acc = RotL(acc ^ (*p * kPrime5), 11) * kPrime1;
  acc ^= acc >> 33;
  acc *= kPrime2;
  acc ^= acc >> 29;
  acc *= kPrime3;
  acc ^= acc >> 32;
  return acc;
}

uint64_t Xxh64Of(const void* data, size_t size) {
  Xxh64 hash;
  hash.Update(data, size);
  return hash.Digest();
}

std::string HexDigest(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string FileContentHash(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) throw InputError(path + ": no such file or folder");
  Xxh64 hash;
  if (!fs::is_directory(status)) {
    std::ifstream in = OpenForHash(path);
    HashStream(in, path, &hash);
    return HexDigest(hash.Digest());
  }
  for (const std::string& name : ListFolderImages(path)) {
    const std::string file = (fs::path(path) / name).string();
    const uint64_t size = fs::file_size(file);
    unsigned char size_bytes[8];
    for (int i = 0; i < 8; ++i) size_bytes[i] = static_cast<unsigned char>(size >> (8 * i));
    hash.Update(name.data(), name.size());
    hash.Update("", 1);
    hash.Update(size_bytes, 8);
    std::ifstream in = OpenForHash(file);
    HashStream(in, file, &hash);
  }
  return HexDigest(hash.Digest());
}

}  // namespace handprop
