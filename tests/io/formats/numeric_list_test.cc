// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/numeric_list.h"

#include <gtest/gtest.h>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

std::string ErrorOf(const std::string& text) {
  try {
    ParseNumericList(text, "f.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(NumericListTest, ReadsEntriesOfAnyRectangularShape) {
  const NumericList list = ParseNumericList("[[[1, 2], [3, 4.5]], 7, [[[1, -2, 3e-3]]], [], [[]]]", "f.json");
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list.shapes[0], (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(list.shapes[1], (std::vector<int64_t>{}));
  EXPECT_EQ(list.shapes[2], (std::vector<int64_t>{1, 1, 3}));
  EXPECT_EQ(list.shapes[3], (std::vector<int64_t>{0}));
  EXPECT_EQ(list.shapes[4], (std::vector<int64_t>{1, 0}));
  Eigen::Matrix2d expected;
  expected << 1, 2, 3, 4.5;
  EXPECT_TRUE(testing::MatricesNear(list.Entry(0, 2, 2), expected, 0.0));
  EXPECT_EQ(list.Scalar(1), 7.0);
  EXPECT_EQ(list.offsets, (std::vector<size_t>{0, 4, 5, 8, 8, 8}));
}

TEST(NumericListTest, EveryProblemNamesTheFileAndTheEntry) {
  EXPECT_EQ(ErrorOf("{\"a\": 1}"), "f.json: expected a top-level list, found an object");
  EXPECT_EQ(ErrorOf("[[1, 2], [3, \"x\"]]"), "f.json: entry 1 holds a string, expected numbers");
  EXPECT_EQ(ErrorOf("[[1, 2], null]"), "f.json: entry 1 holds null, expected numbers");
  EXPECT_EQ(ErrorOf("[[[1, 2], [3]]]"), "f.json: entry 0 is ragged (lists of different lengths or depths)");
  EXPECT_EQ(ErrorOf("[[1, [2]]]"), "f.json: entry 0 is ragged (lists of different lengths or depths)");
  // An empty list among the numbers must not pass as a full shape (it would be read past the end).
  EXPECT_EQ(ErrorOf("[[1, 2, 3], [4, 5, 6], [7, 8, []]]"), "f.json: entry 2 is ragged (lists of different lengths or depths)");
  EXPECT_EQ(ErrorOf("[[[1, 2], [3, 4]], [[5, 6], [7, []]]]"), "f.json: entry 1 is ragged (lists of different lengths or depths)");
  EXPECT_NE(ErrorOf("[[1, 2], [3, NaN]]").find("f.json: invalid JSON at byte 14"), std::string::npos);
  EXPECT_NE(ErrorOf("[[1, 2], [3, 1e999]]").find("f.json: invalid JSON at byte"), std::string::npos);  // overflow
  EXPECT_NE(ErrorOf("[[1, 2], [3").find("f.json: invalid JSON at byte"), std::string::npos);
  const NumericList list = ParseNumericList("[[[1, 2, 3]], [[1, 2]]]", "f.json");
  try {
    list.Entry(1, 1, 3);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "f.json: entry 1 has shape (1, 2), expected (1, 3)");
  }
}

}  // namespace
}  // namespace handprop
