// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

int Entries(const std::string& folder) {
  return static_cast<int>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

TEST(WriteFolderAtomically, TheFolderAppearsOnlyWhenComplete) {
  TempDir dir;
  const std::string out = dir.File("out");
  WriteFolderAtomically(out + "/", [&](const std::string& temporary) {  // a trailing slash is fine
    EXPECT_FALSE(fs::exists(out));
    EXPECT_NE(temporary.find("out.tmp-"), std::string::npos);
    std::ofstream(temporary + "/a.txt") << "a";
  });
  EXPECT_TRUE(fs::exists(out + "/a.txt"));
  EXPECT_EQ(Entries(dir.path()), 1);  // no temporary left
}

TEST(WriteFolderAtomically, AFailedWriteLeavesNothing) {
  TempDir dir;
  const std::string out = dir.File("out");
  EXPECT_THROW(WriteFolderAtomically(out, [&](const std::string& temporary) {
                 std::ofstream(temporary + "/half.txt") << "half";
                 throw std::runtime_error("disk full");
               }),
               std::runtime_error);
  EXPECT_EQ(Entries(dir.path()), 0);
}

TEST(WriteFolderAtomically, AnEmptyFolderIsFilledAndANonEmptyOneRefused) {
  TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out);
  WriteFolderAtomically(out, [&](const std::string& t) { std::ofstream(t + "/a.txt") << "a"; });
  EXPECT_TRUE(fs::exists(out + "/a.txt"));
  bool wrote = false;
  EXPECT_EQ(testing::ErrorMessageOf([&] { WriteFolderAtomically(out, [&](const std::string&) { wrote = true; }); }),
            out + ": folder is not empty; choose another or remove it");
  EXPECT_FALSE(wrote);
  std::ofstream(dir.File("file")) << "x";
  EXPECT_EQ(testing::ErrorMessageOf([&] { WriteFolderAtomically(dir.File("file"), [](const std::string&) {}); }),
            dir.File("file") + ": exists and is not a folder");
}

TEST(WriteFolderAtomically, ALeftoverTemporaryOfAKilledRunIsNeverReused) {
  TempDir dir;
  const std::string out = dir.File("out");
  // What a killed run with this process id would have left.
  const std::string stale = out + ".tmp-" + std::to_string(::getpid()) + "-0";
  fs::create_directories(stale);
  std::ofstream(stale + "/stale.txt") << "old";
  WriteFolderAtomically(out, [&](const std::string& temporary) { EXPECT_NE(temporary, stale); });
  EXPECT_FALSE(fs::exists(out + "/stale.txt"));
  EXPECT_TRUE(fs::exists(stale + "/stale.txt"));  // not ours to delete
}

}  // namespace
}  // namespace handprop
