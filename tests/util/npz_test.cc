// SPDX-License-Identifier: Apache-2.0
#include "core/util/npz.h"

#include <gtest/gtest.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

TEST(NpzTest, RoundTripsEveryWrittenDtype) {
  testing::TempDir dir;
  NpzArchive archive;
  archive["d"] = NpyArray::FromDoubles({1.5, -2.25, 3e-9, 4, 5, 6}, {2, 3});
  archive["i"] = NpyArray::FromInt64({-1, 4294967295LL}, {2});
  archive["u"] = NpyArray::FromUInt32({7, 8, 9}, {3, 1});
  archive["text"] = NpyArray::FromBytes("{\"a\": 1}");
  WriteNpz(dir.File("a.npz"), archive);
  const NpzArchive back = ReadNpz(dir.File("a.npz"));
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(back.at("d").ShapeString(), "(2, 3)");
  EXPECT_EQ(back.at("d").Values<double>(), (std::vector<double>{1.5, -2.25, 3e-9, 4, 5, 6}));
  EXPECT_EQ(back.at("i").Values<int64_t>(), (std::vector<int64_t>{-1, 4294967295LL}));
  EXPECT_EQ(back.at("u").DtypeString(), "<u4");
  EXPECT_EQ(back.at("u").Values<int32_t>(), (std::vector<int32_t>{7, 8, 9}));
  EXPECT_EQ(back.at("text").AsText(), "{\"a\": 1}");
}

TEST(NpzTest, SerialisationIsDeterministic) {
  NpzArchive archive;
  archive["x"] = NpyArray::FromDoubles({1, 2, 3}, {3});
  EXPECT_EQ(SerializeNpz(archive), SerializeNpz(archive));
}

TEST(NpzTest, ReadsFortranOrderArrays) {
  // numpy.save(np.asfortranarray([[1, 2, 3], [4, 5, 6]], dtype='<f8')) memory is column-major.
  NpyArray c = NpyArray::FromDoubles({1, 4, 2, 5, 3, 6}, {2, 3});
  std::string npy = SerializeNpy(c);
  const size_t pos = npy.find("False");
  npy.replace(pos, 5, "True ");
  EXPECT_EQ(ParseNpy(npy, "f.npy").Values<double>(), (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST(NpzTest, TruncatedArchiveIsAnInputErrorNamingTheFile) {
  NpzArchive archive;
  archive["x"] = NpyArray::FromDoubles(std::vector<double>(100, 1.0), {100});
  const std::string bytes = SerializeNpz(archive);
  try {
    ParseNpz(bytes.substr(0, bytes.size() / 2), "model.npz");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("model.npz"), std::string::npos) << e.what();
  }
}

TEST(NpzTest, TruncatedArrayDataIsRejected) {
  const std::string npy = SerializeNpy(NpyArray::FromDoubles({1, 2, 3, 4}, {4}));
  EXPECT_THROW(ParseNpy(npy.substr(0, npy.size() - 8), "x.npy"), InputError);
}

TEST(NpzTest, NonNumericDtypeIsRejected) {
  std::string npy = SerializeNpy(NpyArray::FromDoubles({1}, {1}));
  npy.replace(npy.find("<f8"), 3, "|O8");
  EXPECT_THROW(ParseNpy(npy, "x.npy"), InputError);
}

TEST(NpzTest, GarbageIsRejected) {
  EXPECT_THROW(ParseNpz(std::string(100, 'x'), "junk.npz"), InputError);
  EXPECT_THROW(ParseNpz("", "empty.npz"), InputError);
}

TEST(NpzTest, MissingFileNamesThePath) {
  try {
    ReadNpz("/nonexistent/dir/model.npz");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/dir/model.npz: cannot open file (no such file)");
  }
}

}  // namespace
}  // namespace handprop
