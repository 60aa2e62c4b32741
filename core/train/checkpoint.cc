// SPDX-License-Identifier: Apache-2.0
#include "core/train/checkpoint.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/io/video/content_hash.h"
#include "core/util/atomic_file.h"
#include "core/util/data_paths.h"
#include "core/util/error.h"
#include "core/util/version.h"

namespace handprop {
namespace {

constexpr std::string_view kMagic = "HANDPROP-CHECKPOINT\n";
constexpr int kFormatVersion = 1;
constexpr uint64_t kMaxMetadataBytes = uint64_t{16} << 20;  // options are a few KiB
constexpr size_t kHeaderBytes = kMagic.size() + 8;

InputError NotACheckpoint(const std::string& path) {
  return InputError(path + ": truncated or not a HandProp checkpoint");
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Header and metadata of an open file; leaves the stream at the payload.
CheckpointInfo ReadHeader(const std::string& path, std::ifstream& in) {
  std::string magic(kMagic.size(), '\0');
  unsigned char length_bytes[8] = {};
  if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size())) || magic != kMagic ||
      !in.read(reinterpret_cast<char*>(length_bytes), 8))
    throw NotACheckpoint(path);
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | length_bytes[i];
  if (length == 0 || length > kMaxMetadataBytes) throw NotACheckpoint(path);
  std::string text(length, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(length))) throw NotACheckpoint(path);

  CheckpointInfo info;
  try {
    const nlohmann::json meta = nlohmann::json::parse(text);
    if (meta.at("format").get<std::string>() != "handprop-checkpoint") throw NotACheckpoint(path);
    const int version = meta.at("format_version").get<int>();
    if (version != kFormatVersion)
      throw InputError(path + ": checkpoint format version " + std::to_string(version) + " (this HandProp reads " +
                       std::to_string(kFormatVersion) + ")");
    info.kind = meta.at("kind").get<std::string>();
    info.step = meta.at("step").get<int64_t>();
    info.options_json = meta.at("options").dump();
    info.hand_model.name = meta.at("hand_model").at("name").get<std::string>();
    info.hand_model.hash = meta.at("hand_model").at("hash").get<std::string>();
    info.handprop_version = meta.at("handprop_version").get<std::string>();
    info.created = meta.at("created").get<std::string>();
    info.payload_bytes = meta.at("payload").at("bytes").get<uint64_t>();
    info.payload_hash = meta.at("payload").at("xxh64").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    throw NotACheckpoint(path);
  }
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size != kHeaderBytes + length + info.payload_bytes) throw NotACheckpoint(path);
  return info;
}

std::ifstream OpenCheckpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open checkpoint");
  return in;
}

}  // namespace

HandModelIdentity IdentifyHandModel(const std::string& name_or_path) {
  const std::string file = name_or_path == "openhand" ? DataFile("models/openhand_right.npz") : name_or_path;
  return {name_or_path, FileContentHash(file)};
}

void WriteCheckpoint(const std::string& path, CheckpointInfo info, std::string_view payload) {
  nlohmann::json options;
  try {
    options = nlohmann::json::parse(info.options_json);
  } catch (const nlohmann::json::exception&) {
    throw InputError(path + ": checkpoint options are not valid JSON");
  }
  if (!options.is_object()) throw InputError(path + ": checkpoint options are not a JSON object");
  info.handprop_version = kVersion;
  info.created = UtcNow();
  info.payload_bytes = payload.size();
  info.payload_hash = HexDigest(Xxh64Of(payload.data(), payload.size()));
  const nlohmann::json meta = {{"format", "handprop-checkpoint"},
                               {"format_version", kFormatVersion},
                               {"kind", info.kind},
                               {"handprop_version", info.handprop_version},
                               {"created", info.created},
                               {"step", info.step},
                               {"hand_model", {{"name", info.hand_model.name}, {"hash", info.hand_model.hash}}},
                               {"options", options},
                               {"payload", {{"bytes", info.payload_bytes}, {"xxh64", info.payload_hash}}}};
  const std::string text = meta.dump(2) + "\n";

  std::string contents;
  contents.reserve(kHeaderBytes + text.size() + payload.size());
  contents.append(kMagic);
  for (int i = 0; i < 8; ++i) contents.push_back(static_cast<char>((uint64_t{text.size()} >> (8 * i)) & 0xff));
  contents.append(text);
  contents.append(payload);
  WriteFileAtomically(path, contents);
}

CheckpointInfo ReadCheckpointInfo(const std::string& path) {
  std::ifstream in = OpenCheckpoint(path);
  return ReadHeader(path, in);
}

std::string ReadCheckpointPayload(const std::string& path, CheckpointInfo* info) {
  std::ifstream in = OpenCheckpoint(path);
  CheckpointInfo header = ReadHeader(path, in);
  std::string payload(header.payload_bytes, '\0');
  if (!in.read(payload.data(), static_cast<std::streamsize>(payload.size()))) throw NotACheckpoint(path);
  if (HexDigest(Xxh64Of(payload.data(), payload.size())) != header.payload_hash)
    throw InputError(path + ": checkpoint is corrupt (payload hash " + header.payload_hash + " does not match)");
  if (info != nullptr) *info = std::move(header);
  return payload;
}

void CheckCheckpointKind(const std::string& path, const CheckpointInfo& info, const std::string& expected_kind) {
  if (info.kind != expected_kind)
    throw InputError(path + ": holds a " + info.kind + " checkpoint, not a " + expected_kind + " one");
}

void CheckCheckpointHandModel(const std::string& path, const CheckpointInfo& info, const HandModelIdentity& expected) {
  if (info.hand_model.hash != expected.hash)
    throw InputError(path + ": trained with hand model " + info.hand_model.name + " (hash " + info.hand_model.hash +
                     "), not " + expected.name + " (hash " + expected.hash + ")");
}

}  // namespace handprop
