// SPDX-License-Identifier: Apache-2.0
#include "core/model/hand_model_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

TEST(HandModelIoTest, RandomModelIsValid) { EXPECT_EQ(ValidateHandModel(testing::RandomHandModel(60, 1)), ""); }

TEST(HandModelIoTest, SaveLoadRoundTripIsExact) {
  testing::TempDir dir;
  HandModel model = testing::RandomHandModel(80, 2);
  model.name = "roundtrip";
  model.side = HandSide::kLeft;
  model.shape_directions.assign(kNumBetas, {"size", "bigger"});
  model.has_joint_limits = true;
  for (auto& f : model.joint_limits.frames) f.setIdentity();
  model.joint_limits.min_deg.setConstant(-10);
  model.joint_limits.max_deg.setConstant(90);
  SaveHandModel(dir.File("m.npz"), model);
  const HandModel back = LoadHandModel(dir.File("m.npz"));
  EXPECT_EQ(back.name, "roundtrip");
  EXPECT_EQ(back.side, HandSide::kLeft);
  EXPECT_TRUE(MatricesNear(back.v_template, model.v_template, 0));
  EXPECT_TRUE(MatricesNear(back.shapedirs, model.shapedirs, 0));
  EXPECT_TRUE(MatricesNear(back.posedirs, model.posedirs, 0));
  EXPECT_TRUE(MatricesNear(back.j_regressor, model.j_regressor, 0));
  EXPECT_TRUE(MatricesNear(back.weights, model.weights, 0));
  EXPECT_TRUE(MatricesNear(back.pca_components, model.pca_components, 0));
  EXPECT_TRUE(MatricesNear(back.pca_mean, model.pca_mean, 0));
  EXPECT_EQ(back.faces, model.faces);
  EXPECT_EQ(back.tip_vertices, model.tip_vertices);
  EXPECT_EQ(back.parents, model.parents);
  ASSERT_TRUE(back.has_joint_limits);
  EXPECT_TRUE(MatricesNear(back.joint_limits.max_deg, model.joint_limits.max_deg, 0));
  EXPECT_EQ(back.shape_directions[3].meaning, "bigger");
}

TEST(HandModelIoTest, WritesManoArrayLayout) {
  const HandModel model = testing::RandomHandModel(30, 3);
  const NpzArchive a = HandModelToNpz(model);
  EXPECT_EQ(a.at("v_template").ShapeString(), "(30, 3)");
  EXPECT_EQ(a.at("shapedirs").ShapeString(), "(30, 3, 10)");
  EXPECT_EQ(a.at("posedirs").ShapeString(), "(30, 3, 135)");
  EXPECT_EQ(a.at("J_regressor").ShapeString(), "(16, 30)");
  EXPECT_EQ(a.at("weights").ShapeString(), "(30, 16)");
  EXPECT_EQ(a.at("kintree_table").ShapeString(), "(2, 16)");
  EXPECT_EQ(a.at("f").DtypeString(), "<u4");
  EXPECT_EQ(a.at("hands_components").ShapeString(), "(45, 45)");
  EXPECT_EQ(a.at("hands_mean").ShapeString(), "(45,)");
  // shapedirs[i, c, l] is stacked row 3 i + c, column l.
  const std::vector<double> sd = a.at("shapedirs").Values<double>();
  EXPECT_EQ(sd[(7 * 3 + 2) * 10 + 4], model.shapedirs(3 * 7 + 2, 4));
  EXPECT_EQ(a.at("kintree_table").Values<int64_t>()[0], 4294967295LL);  // MANO's root marker
}

// Corrupts one array of a valid model file and expects a one-line InputError with `needle`.
void ExpectRejected(const std::function<void(NpzArchive&)>& corrupt, const std::string& needle) {
  testing::TempDir dir;
  NpzArchive a = HandModelToNpz(testing::RandomHandModel(40, 4));
  corrupt(a);
  WriteNpz(dir.File("bad.npz"), a);
  try {
    LoadHandModel(dir.File("bad.npz"));
    ADD_FAILURE() << "expected InputError containing '" << needle << "'";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(dir.File("bad.npz") + ": ", 0), 0u) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

void SetDouble(NpzArchive& a, const std::string& key, size_t index, double value) {
  std::vector<double> v = a.at(key).Values<double>();
  v[index] = value;
  a[key] = NpyArray::FromDoubles(v, a.at(key).shape);
}

TEST(HandModelIoTest, RejectsBadFilesWithOneLineErrors) {
  ExpectRejected([](NpzArchive& a) { a.erase("posedirs"); }, "missing array 'posedirs'");
  ExpectRejected([](NpzArchive& a) { a["shapedirs"] = NpyArray::FromDoubles(std::vector<double>(40 * 3 * 9), {40, 3, 9}); },
                 "'shapedirs' has shape (40, 3, 9), expected (40, 3, 10)");
  ExpectRejected([](NpzArchive& a) { SetDouble(a, "weights", 17, std::nan("")); }, "weights has a non-finite value");
  ExpectRejected([](NpzArchive& a) { SetDouble(a, "v_template", 4, INFINITY); }, "v_template has a non-finite value");
  ExpectRejected(
      [](NpzArchive& a) {
        std::vector<double> j = a.at("J_regressor").Values<double>();
        for (int i = 0; i < 40; ++i) j[3 * 40 + i] *= 0.7;
        a["J_regressor"] = NpyArray::FromDoubles(j, {16, 40});
      },
      "J_regressor row 3 sums to 0.7");
  ExpectRejected(
      [](NpzArchive& a) {
        std::vector<int64_t> k = a.at("kintree_table").Values<int64_t>();
        k[5] = 2;
        a["kintree_table"] = NpyArray::FromInt64(k, {2, 16});
      },
      "joint 5 parent 2");
  ExpectRejected(
      [](NpzArchive& a) {
        std::vector<uint32_t> f = a.at("f").Values<uint32_t>();
        f[0] = 40;
        a["f"] = NpyArray::FromUInt32(f, a.at("f").shape);
      },
      "f refers to vertex 40");
  ExpectRejected([](NpzArchive& a) { a["handprop_meta"] = NpyArray::FromBytes("{\"format\": \"handprop-hand-model\", \"version\": 9}"); },
                 "newer than this program supports");
  ExpectRejected([](NpzArchive& a) { a["handprop_meta"] = NpyArray::FromBytes("{not json"); }, "handprop_meta is not valid JSON");
}

TEST(HandModelIoTest, AcceptsMinusOneAsRootParent) {
  testing::TempDir dir;
  NpzArchive a = HandModelToNpz(testing::RandomHandModel(800, 5));  // MANO-sized: FreiHAND tip ids exist
  std::vector<int64_t> k = a.at("kintree_table").Values<int64_t>();
  k[0] = -1;
  a["kintree_table"] = NpyArray::FromInt64(k, {2, 16});
  a.erase("handprop_meta");
  a.erase("handprop_tip_vertices");
  WriteNpz(dir.File("plain.npz"), a);
  const HandModel m = LoadHandModel(dir.File("plain.npz"));
  EXPECT_EQ(m.parents[0], -1);
  EXPECT_EQ(m.name, "mano");  // a plain MANO conversion without HandProp's extras
  EXPECT_EQ(m.tip_vertices, kFreiHandTipVertices);
}

}  // namespace
}  // namespace handprop
