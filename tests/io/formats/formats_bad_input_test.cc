// SPDX-License-Identifier: Apache-2.0
// One case per kind of bad input of the FreiHAND and HanCo readers: each error is one line that
// names the file and the problem.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/io/formats/freihand.h"
#include "core/io/formats/hanco.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::FormatsTestModel;
using testing::MakeTestDataset;

class FreiHandBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFreiHand(MakeTestDataset(FormatsTestModel(), images_.path(), {1, 2, 3, false, false, 13}), FormatsTestModel(),
                  out_.path());
  }
  std::string ReadError(const FreiHandReadOptions& options = {}) {
    try {
      ReadFreiHand(out_.path(), FormatsTestModel(), options);
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "not one line: " << e.what();
      return e.what();
    }
    return "(no error)";
  }
  void Expect(const std::string& file, const std::string& problem, const FreiHandReadOptions& options = {}) {
    const std::string error = ReadError(options);
    EXPECT_EQ(error.rfind(out_.File(file), 0), 0u) << error;
    EXPECT_NE(error.find(problem), std::string::npos) << error;
  }
  void Replace(const std::string& file, const std::string& text) { WriteFileAtomically(out_.File(file), text); }
  nlohmann::json Json(const std::string& file) { return nlohmann::json::parse(ReadFileToString(out_.File(file))); }
  testing::TempDir images_, out_;
};

TEST_F(FreiHandBadInputTest, MissingFile) {
  std::filesystem::remove(out_.File("training_K.json"));
  Expect("training_K.json", ": missing (FreiHAND training_K.json gives every sample's camera)");
}

TEST_F(FreiHandBadInputTest, MalformedJson) {
  Replace("training_xyz.json", "[[[0.1, 0.2, 0.3]], oops]");
  Expect("training_xyz.json", ": invalid JSON at byte 21");
}

TEST_F(FreiHandBadInputTest, FileOverTheSizeLimit) {
  FreiHandReadOptions options;
  options.max_file_bytes = 100;
  Expect("training_K.json", "bytes exceeds the limit of 100 bytes (max_file_bytes)", options);
}

TEST_F(FreiHandBadInputTest, CountsThatDisagree) {
  nlohmann::json xyz = Json("training_xyz.json");
  xyz.erase(xyz.size() - 1);
  Replace("training_xyz.json", xyz.dump());
  Expect("training_xyz.json", ": 3 entries but " + out_.File("training_K.json") + " has 4");
}

TEST_F(FreiHandBadInputTest, WrongInnerDimensions) {
  const std::string original_xyz = ReadFileToString(out_.File("training_xyz.json"));
  nlohmann::json xyz = Json("training_xyz.json");
  xyz[1].erase(0);
  Replace("training_xyz.json", xyz.dump());
  Expect("training_xyz.json", ": entry 1 has shape (20, 3), expected (21, 3)");
  Replace("training_xyz.json", original_xyz);
  nlohmann::json mano = Json("training_mano.json");
  mano[2][0].erase(60);
  Replace("training_mano.json", mano.dump());
  Expect("training_mano.json", ": entry 2 has shape (1, 60), expected (1, 61)");
}

TEST_F(FreiHandBadInputTest, NanAndInfinity) {
  std::string text = ReadFileToString(out_.File("training_mano.json"));
  Replace("training_mano.json", "[[[NaN" + text.substr(text.find(',', 3)));
  Expect("training_mano.json", ": invalid JSON at byte 4");
  Replace("training_mano.json", "[[[1e999" + text.substr(text.find(',', 3)));
  Expect("training_mano.json", "number overflow");
}

TEST_F(FreiHandBadInputTest, NonPositiveScale) {
  nlohmann::json mano = Json("training_mano.json");
  mano[3][0][60] = 0.0;
  Replace("training_mano.json", mano.dump());
  Expect("training_mano.json", ": entry 3: the 61-vector's scale s = 0 is not positive");
}

TEST_F(FreiHandBadInputTest, IntrinsicsThatAreNotPinhole) {
  nlohmann::json k = Json("training_K.json");
  k[1][0][1] = 2.5;
  Replace("training_K.json", k.dump());
  Expect("training_K.json", ": entry 1: K has skew 2.5");
}

class HanCoBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteHanCo(MakeTestDataset(FormatsTestModel(), images_.path(), {1, 2, 2, false, false, 14}), FormatsTestModel(),
               out_.path());
  }
  void Expect(const std::string& file, const std::string& problem, const HanCoReadOptions& options = {}) {
    std::string error = "(no error)";
    try {
      ReadHanCo(out_.path(), FormatsTestModel(), options);
    } catch (const InputError& e) {
      error = e.what();
    }
    EXPECT_EQ(error.rfind(file, 0), 0u) << error;
    EXPECT_NE(error.find(problem), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
  nlohmann::json Json(const std::string& file) { return nlohmann::json::parse(ReadFileToString(file)); }
  testing::TempDir images_, out_;
};

TEST_F(HanCoBadInputTest, MissingCalibAndRgb) {
  const std::string calib = HanCoFrameFile(out_.path(), "calib", 3, 1);
  std::filesystem::remove(calib);
  Expect(calib, ": missing (HanCo calib gives every frame's cameras)");
  std::filesystem::remove_all(out_.File("rgb"));
  Expect(out_.File("rgb"), ": missing (HanCo's rgb/{sid}/cam{c}/{fid}.jpg define the frames)");
}

TEST_F(HanCoBadInputTest, MalformedAndOversizedJson) {
  const std::string shape = HanCoFrameFile(out_.path(), "shape", 3, 0);
  WriteFileAtomically(shape, "{\"poses\": [[0.1, }");
  Expect(shape, ": invalid JSON at byte 18");
  HanCoReadOptions options;
  options.max_file_bytes = 300;  // meta.json (171 bytes) passes, the calib file does not
  Expect(HanCoFrameFile(out_.path(), "calib", 3, 0), "bytes exceeds the limit of 300 bytes", options);
}

TEST_F(HanCoBadInputTest, WrongDimensionsAndMissingKeys) {
  const std::string shape = HanCoFrameFile(out_.path(), "shape", 3, 0);
  const std::string original_shape = ReadFileToString(shape);
  nlohmann::json j = Json(shape);
  j["poses"][0].erase(0);
  WriteFileAtomically(shape, j.dump());
  Expect(shape, ": poses has shape (1, 47), expected (1, 48)");
  j.erase("poses");
  WriteFileAtomically(shape, j.dump());
  Expect(shape, ": missing key \"poses\"");
  WriteFileAtomically(shape, original_shape);
  const std::string xyz = HanCoFrameFile(out_.path(), "xyz", 3, 1);
  nlohmann::json x = Json(xyz);
  x.erase(3);
  WriteFileAtomically(xyz, x.dump());
  Expect(xyz, ": xyz has shape (20, 3), expected (21, 3)");
}

TEST_F(HanCoBadInputTest, CalibrationThatIsNotAPinholeOrNotRigid) {
  const std::string calib = HanCoFrameFile(out_.path(), "calib", 3, 1);
  nlohmann::json j = Json(calib);
  j["M"][1][0][0] = 1.5;
  WriteFileAtomically(calib, j.dump());
  Expect(calib, ": M[1] is not a rigid motion");
  j = Json(calib);
  j["M"][1][0][0] = 1.0;
  j["K"][0][2][2] = 2.0;
  WriteFileAtomically(calib, j.dump());
  Expect(calib, ": K[0]: K's last row");
  j["K"].erase(1);
  WriteFileAtomically(calib, j.dump());
  Expect(calib, ": K is (1, 3, 3) and M is (2, 4, 4)");
}

}  // namespace
}  // namespace handprop
