// SPDX-License-Identifier: Apache-2.0
#include "core/util/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

TEST(AtomicFileTest, WritesAndReplaces) {
  testing::TempDir dir;
  WriteFileAtomically(dir.File("a.txt"), "first");
  WriteFileAtomically(dir.File("a.txt"), "second");
  EXPECT_EQ(ReadFileToString(dir.File("a.txt")), "second");
  // No temporary file is left behind.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(AtomicFileTest, FailedWriterLeavesTheOldFileIntact) {
  testing::TempDir dir;
  WriteFileAtomically(dir.File("keep.txt"), "precious");
  EXPECT_THROW(WriteFileAtomicallyWith(dir.File("keep.txt"),
                                       [](const std::string& tmp) {
                                         WriteFileAtomically(tmp, "half");
                                         throw RuntimeError("disk full");
                                       }),
               RuntimeError);
  EXPECT_EQ(ReadFileToString(dir.File("keep.txt")), "precious");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(AtomicFileTest, UnwritableFolderIsARuntimeErrorNamingThePath) {
  try {
    WriteFileAtomically("/nonexistent/dir/out.json", "x");
    FAIL();
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/out.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace handprop
