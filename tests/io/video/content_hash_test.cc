// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/content_hash.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

uint64_t Of(const std::string& text) { return Xxh64Of(text.data(), text.size()); }

// Published XXH64 values (seed 0).
TEST(ContentHashTest, MatchesKnownXxh64Values) {
  EXPECT_EQ(Of(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(Of("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(Of("abc"), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(Of("xxhash"), 0x32DD38952C4BC720ULL);
  EXPECT_EQ(Of("Nobody inspects the spammish repetition"), 0xFBCEA83C8A378BF1ULL);  // > 32 bytes
  EXPECT_EQ(HexDigest(0xEF46DB3751D8E999ULL), "ef46db3751d8e999");
  EXPECT_EQ(HexDigest(0x1ULL), "0000000000000001");
}

TEST(ContentHashTest, StreamingEqualsOneShotForAnySplit) {
  std::mt19937 rng(9);
  std::string data(1000, '\0');
  for (char& c : data) c = static_cast<char>(rng() & 0xFF);
  for (const size_t size : {size_t{0}, size_t{5}, size_t{31}, size_t{32}, size_t{33}, size_t{64}, size_t{100}, size_t{1000}}) {
    const uint64_t expected = Xxh64Of(data.data(), size);
    for (int trial = 0; trial < 20; ++trial) {
      Xxh64 hash;
      size_t at = 0;
      while (at < size) {
        const size_t piece = std::min(size - at, static_cast<size_t>(rng() % 40));
        hash.Update(data.data() + at, piece);
        at += piece;
      }
      ASSERT_EQ(hash.Digest(), expected) << "size " << size;
    }
  }
}

TEST(ContentHashTest, FileHashIsStableAndSeesOneChangedByte) {
  testing::TempDir dir;
  std::mt19937 rng(4);
  std::string bytes(3 * 1024 * 1024 + 17, '\0');  // more than one 1 MiB chunk
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  testing::WriteBytes(dir.File("a.bin"), bytes);
  const std::string hash = FileContentHash(dir.File("a.bin"));
  EXPECT_EQ(hash, HexDigest(Xxh64Of(bytes.data(), bytes.size())));
  EXPECT_EQ(FileContentHash(dir.File("a.bin")), hash);
  bytes[2 * 1024 * 1024 + 5] ^= 1;
  testing::WriteBytes(dir.File("a.bin"), bytes);
  EXPECT_NE(FileContentHash(dir.File("a.bin")), hash);
  EXPECT_THROW(FileContentHash(dir.File("missing.bin")), InputError);
}

TEST(ContentHashTest, FolderHashCoversImageNamesAndBytes) {
  testing::TempDir dir;
  testing::WriteIndexedVideo(dir.File("f/"), 3, 32, 24);
  const std::string hash = FileContentHash(dir.File("f"));
  EXPECT_EQ(hash.size(), 16u);
  testing::WriteBytes(dir.File("f/notes.txt"), "not an image");
  EXPECT_EQ(FileContentHash(dir.File("f")), hash) << "other files do not count";
  std::filesystem::rename(dir.File("f/000002.png"), dir.File("f/000003.png"));
  EXPECT_NE(FileContentHash(dir.File("f")), hash) << "names count";
  std::filesystem::rename(dir.File("f/000003.png"), dir.File("f/000002.png"));
  EXPECT_EQ(FileContentHash(dir.File("f")), hash);
  std::string bytes = testing::FileBytes(dir.File("f/000001.png"));
  bytes[bytes.size() / 2] ^= 0x40;
  testing::WriteBytes(dir.File("f/000001.png"), bytes);
  EXPECT_NE(FileContentHash(dir.File("f")), hash) << "bytes count";
}

}  // namespace
}  // namespace handprop
