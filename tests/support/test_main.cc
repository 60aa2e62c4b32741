// SPDX-License-Identifier: Apache-2.0
// Shared main for every test binary: seeds the C library generator before each test so that
// tests are reproducible in any order (style.md rule 22). Tests that use torch seed it in their
// own fixture (TorchSeed in test_util.h) so that non-torch tests do not link libtorch.
#include <gtest/gtest.h>

#include <cstdlib>

namespace {
class SeedEveryTest : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo&) override { std::srand(1234); }
};
}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new SeedEveryTest);
  return RUN_ALL_TESTS();
}
