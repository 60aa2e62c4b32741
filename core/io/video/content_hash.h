// SPDX-License-Identifier: Apache-2.0
// Content hashes that a project records for each video, so that a moved or edited video is
// recognised. The hash is XXH64 (seed 0) from the public xxHash specification
// (github.com/Cyan4973/xxHash, doc/xxhash_spec.md), implemented here; it is a fast
// non-cryptographic checksum, not a defence against deliberate collisions.
// Digests are 16 lower-case hex digits of the 64-bit value, most significant first (the same
// text `xxhsum -H1` prints). Files are streamed in 1 MiB chunks. Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace handprop {

// Streaming XXH64: Update() any number of times, then Digest() (which does not change the state).
class Xxh64 {
 public:
  explicit Xxh64(uint64_t seed = 0);
  void Update(const void* data, size_t size);
  uint64_t Digest() const;

 private:
  uint64_t seed_;
  uint64_t lanes_[4];
  unsigned char buffer_[32];
  size_t buffered_ = 0;
  uint64_t total_ = 0;
};

// XXH64 of a byte string, seed 0.
uint64_t Xxh64Of(const void* data, size_t size);

// 16 lower-case hex digits.
std::string HexDigest(uint64_t value);

// For a file: the XXH64 of its bytes. For a folder: the XXH64 over its image files (the files
// an image-folder VideoSource reads, in natural order), each fed as
//   name bytes, one 0 byte, the file size as 8 bytes little-endian, the file bytes.
// Throws InputError naming the path when it is missing or unreadable, or a folder has no images.
std::string FileContentHash(const std::string& path);

}  // namespace handprop
