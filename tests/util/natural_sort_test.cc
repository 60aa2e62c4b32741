// SPDX-License-Identifier: Apache-2.0
#include "core/util/natural_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace handprop {
namespace {

TEST(NaturalSortTest, NumbersCompareByValue) {
  EXPECT_TRUE(NaturalLess("img2", "img10"));
  EXPECT_FALSE(NaturalLess("img10", "img2"));
  EXPECT_TRUE(NaturalLess("frame_9.png", "frame_10.png"));
  EXPECT_TRUE(NaturalLess("a1b2", "a1b10"));
  EXPECT_TRUE(NaturalLess("cam2/0099", "cam10/0001"));
  EXPECT_TRUE(NaturalLess("x99999999999999999999999", "x100000000000000000000000")) << "beyond 64 bits";
}

TEST(NaturalSortTest, TiesAreBrokenSoTheOrderIsStrict) {
  EXPECT_TRUE(NaturalLess("img01", "img1") != NaturalLess("img1", "img01"));
  EXPECT_TRUE(NaturalLess("A", "a") != NaturalLess("a", "A"));
  EXPECT_FALSE(NaturalLess("same", "same"));
  EXPECT_TRUE(NaturalLess("", "a"));
  EXPECT_FALSE(NaturalLess("a", ""));
  EXPECT_TRUE(NaturalLess("img", "img0"));
  EXPECT_TRUE(NaturalLess("Apple", "banana")) << "letters ignore case";
}

TEST(NaturalSortTest, SortsAShuffledSequence) {
  const std::vector<std::string> expected = {"img0.png", "img1.png", "img2.png", "img9.png", "img10.png",
                                             "img11.png", "img99.png", "img100.png", "img1000.png", "img_a.png"};
  std::vector<std::string> names = expected;
  std::mt19937 rng(3);
  for (int k = 0; k < 10; ++k) {
    std::shuffle(names.begin(), names.end(), rng);
    NaturalSort(&names);
    EXPECT_EQ(names, expected);
  }
}

}  // namespace
}  // namespace handprop
