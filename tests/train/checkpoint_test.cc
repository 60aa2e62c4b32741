// SPDX-License-Identifier: Apache-2.0
// The checkpoint container (core/train/checkpoint.h): metadata and payload round trip, the
// torch-free ReadCheckpointInfo, and the one-line errors for truncated, foreign, corrupt and
// wrong-model files. The trainer's use of it is in predictor_trainer_test.cc.
#include "core/train/checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "core/io/video/content_hash.h"
#include "core/util/atomic_file.h"
#include "core/util/data_paths.h"
#include "core/util/version.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

CheckpointInfo SampleInfo() {
  CheckpointInfo info;
  info.kind = "hand_predictor";
  info.step = 1234;
  info.options_json = R"({"batch_size":8,"network":{"crop_size":64}})";
  info.hand_model = {"openhand", "0123456789abcdef"};
  return info;
}

// Binary bytes with zeros and high bytes, like a LibTorch archive.
std::string SamplePayload() {
  std::string payload;
  for (int i = 0; i < 5000; ++i) payload.push_back(static_cast<char>((i * 37) % 256));
  return payload;
}

TEST(CheckpointTest, MetadataAndPayloadRoundTrip) {
  TempDir dir;
  const std::string path = dir.File("run.ckpt");
  WriteCheckpoint(path, SampleInfo(), SamplePayload());

  const CheckpointInfo info = ReadCheckpointInfo(path);
  EXPECT_EQ(info.kind, "hand_predictor");
  EXPECT_EQ(info.step, 1234);
  EXPECT_EQ(info.options_json, R"({"batch_size":8,"network":{"crop_size":64}})");
  EXPECT_EQ(info.hand_model.name, "openhand");
  EXPECT_EQ(info.hand_model.hash, "0123456789abcdef");
  EXPECT_EQ(info.handprop_version, kVersion);
  EXPECT_TRUE(std::regex_match(info.created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << info.created;
  EXPECT_EQ(info.payload_bytes, 5000u);
  EXPECT_EQ(info.payload_hash, HexDigest(Xxh64Of(SamplePayload().data(), 5000)));

  CheckpointInfo with_payload;
  EXPECT_EQ(ReadCheckpointPayload(path, &with_payload), SamplePayload());
  EXPECT_EQ(with_payload.step, 1234);
  // The file starts with the magic line, then the metadata is readable JSON.
  const std::string bytes = ReadFileToString(path);
  EXPECT_EQ(bytes.substr(0, 20), "HANDPROP-CHECKPOINT\n");
  EXPECT_NE(bytes.find("\"kind\": \"hand_predictor\""), std::string::npos);
}

TEST(CheckpointTest, OverwritesAtomicallyAndLeavesNoTemporary) {
  TempDir dir;
  const std::string path = dir.File("run.ckpt");
  WriteCheckpoint(path, SampleInfo(), SamplePayload());
  CheckpointInfo later = SampleInfo();
  later.step = 2000;
  WriteCheckpoint(path, later, "short");
  EXPECT_EQ(ReadCheckpointInfo(path).step, 2000);
  EXPECT_EQ(ReadCheckpointPayload(path, nullptr), "short");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(CheckpointTest, TruncatedOrForeignFilesGiveOneLineError) {
  TempDir dir;
  const std::string good = dir.File("good.ckpt");
  WriteCheckpoint(good, SampleInfo(), SamplePayload());
  const std::string bytes = ReadFileToString(good);
  const std::string bad = dir.File("bad.ckpt");
  const std::string expected = bad + ": truncated or not a HandProp checkpoint";
  // Cut inside the magic, the length, the metadata and the payload; one byte short; one extra.
  for (const size_t keep : {size_t{0}, size_t{10}, size_t{24}, size_t{100}, bytes.size() - 2000, bytes.size() - 1}) {
    WriteFileAtomically(bad, bytes.substr(0, keep));
    EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointInfo(bad); }), expected) << "kept " << keep;
    EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointPayload(bad, nullptr); }), expected) << "kept " << keep;
  }
  WriteFileAtomically(bad, bytes + "x");
  EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointInfo(bad); }), expected);
  WriteFileAtomically(bad, "PK\x03\x04 a zip archive, e.g. a plain torch::save file");
  EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointInfo(bad); }), expected);
  std::string broken_json = bytes;
  broken_json[30] = '#';
  WriteFileAtomically(bad, broken_json);
  EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointInfo(bad); }), expected);
  EXPECT_EQ(ErrorMessageOf([&] { ReadCheckpointInfo(dir.File("missing.ckpt")); }),
            dir.File("missing.ckpt") + ": cannot open checkpoint");
}

TEST(CheckpointTest, CorruptPayloadIsDetected) {
  TempDir dir;
  const std::string path = dir.File("run.ckpt");
  WriteCheckpoint(path, SampleInfo(), SamplePayload());
  std::string bytes = ReadFileToString(path);
  bytes[bytes.size() - 10] ^= 0x01;
  WriteFileAtomically(path, bytes);
  EXPECT_EQ(ReadCheckpointInfo(path).step, 1234);  // the header alone is fine
  const std::string message = ErrorMessageOf([&] { ReadCheckpointPayload(path, nullptr); });
  EXPECT_EQ(message.rfind(path + ": checkpoint is corrupt (payload hash ", 0), 0u) << message;
}

TEST(CheckpointTest, HandModelAndKindChecksNameTheCheckpoint) {
  const CheckpointInfo info = SampleInfo();
  EXPECT_EQ(ErrorMessageOf([&] { CheckCheckpointHandModel("a.ckpt", info, {"openhand", "0123456789abcdef"}); }), "");
  EXPECT_EQ(ErrorMessageOf([&] { CheckCheckpointHandModel("a.ckpt", info, {"mine.npz", "fedcba9876543210"}); }),
            "a.ckpt: trained with hand model openhand (hash 0123456789abcdef), not mine.npz (hash fedcba9876543210)");
  EXPECT_EQ(ErrorMessageOf([&] { CheckCheckpointKind("a.ckpt", info, "hand_predictor"); }), "");
  EXPECT_EQ(ErrorMessageOf([&] { CheckCheckpointKind("a.ckpt", info, "pose_aligner"); }),
            "a.ckpt: holds a hand_predictor checkpoint, not a pose_aligner one");
}

TEST(CheckpointTest, OptionsMustBeAJsonObject) {
  TempDir dir;
  CheckpointInfo info = SampleInfo();
  info.options_json = "[1, 2]";
  EXPECT_EQ(ErrorMessageOf([&] { WriteCheckpoint(dir.File("a.ckpt"), info, ""); }),
            dir.File("a.ckpt") + ": checkpoint options are not a JSON object");
  info.options_json = "{";
  EXPECT_EQ(ErrorMessageOf([&] { WriteCheckpoint(dir.File("a.ckpt"), info, ""); }),
            dir.File("a.ckpt") + ": checkpoint options are not valid JSON");
  EXPECT_FALSE(std::filesystem::exists(dir.File("a.ckpt")));
}

TEST(CheckpointTest, OpenHandIdentityIsTheShippedFilesHash) {
  const HandModelIdentity identity = IdentifyHandModel("openhand");
  EXPECT_EQ(identity.name, "openhand");
  EXPECT_EQ(identity.hash, FileContentHash(DataFile("models/openhand_right.npz")));
  EXPECT_EQ(identity.hash.size(), 16u);
  const std::string missing = "/nonexistent/model.npz";
  EXPECT_EQ(ErrorMessageOf([&] { IdentifyHandModel(missing); }).rfind(missing, 0), 0u);
}

}  // namespace
}  // namespace handprop
