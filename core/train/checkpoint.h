// SPDX-License-Identifier: Apache-2.0
// Training checkpoints: ONE file that holds a trainer's whole state, written atomically
// (temporary file + rename, core/util/atomic_file.h), so a crash mid-write leaves the previous
// checkpoint intact. Layout (docs/training.md "Checkpoints"):
//   "HANDPROP-CHECKPOINT\n"        20 bytes, the magic
//   uint64 little-endian N           length of the metadata
//   N bytes of JSON metadata         kind, format version, HandProp version, created (UTC),
//                                    step, options, hand model {name, hash}, payload {bytes, xxh64}
//   payload                          opaque to this file: a LibTorch archive with the module's
//                                    parameters and buffers and the optimizer's state
// This header and checkpoint.cc are torch-free: a program without LibTorch (the GUI) can show
// ReadCheckpointInfo. The trainers (predictor_trainer.cc) make and read the payload.
// Errors are InputErrors with one line that names the checkpoint first, e.g.
//   "run.ckpt: truncated or not a HandProp checkpoint"
//   "run.ckpt: trained with hand model openhand (hash 0123456789abcdef), not mine.npz (hash ...)"
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace handprop {

// A hand model as a checkpoint records it: the name it was asked by ("openhand" or a path) and
// the XXH64 content hash (core/io/video/content_hash.h) of the file that name resolves to.
struct HandModelIdentity {
  std::string name;
  std::string hash;  // 16 lower-case hex digits
};

// Resolves "openhand" to the shipped file (core/util/data_paths.h) and hashes the file.
// Throws InputError naming the path when the file is missing.
HandModelIdentity IdentifyHandModel(const std::string& name_or_path);

struct CheckpointInfo {
  std::string kind;              // which trainer wrote it, e.g. "hand_predictor"
  int64_t step = 0;              // optimizer steps taken so far
  std::string options_json;      // the trainer's options as a JSON object (compact text)
  HandModelIdentity hand_model;  // the model the network was trained with
  std::string handprop_version;  // set by WriteCheckpoint
  std::string created;           // set by WriteCheckpoint: UTC, "2024-05-01T12:00:00Z"
  uint64_t payload_bytes = 0;    // set by WriteCheckpoint
  std::string payload_hash;      // set by WriteCheckpoint: XXH64 of the payload, 16 hex digits
};

// Writes the file atomically; fills in version, created time, payload size and hash.
// Throws InputError when options_json is not a JSON object, RuntimeError on I/O failure.
void WriteCheckpoint(const std::string& path, CheckpointInfo info, std::string_view payload);

// The metadata alone (reads the header and JSON, and checks the file's size against it; the
// payload is not read). Cheap enough for a file dialog.
CheckpointInfo ReadCheckpointInfo(const std::string& path);

// The metadata and the payload, whose size and XXH64 are verified.
std::string ReadCheckpointPayload(const std::string& path, CheckpointInfo* info);

// Throws "<path>: holds a <kind> checkpoint, not a <expected_kind> one" on a kind mismatch.
void CheckCheckpointKind(const std::string& path, const CheckpointInfo& info, const std::string& expected_kind);

// Throws the "trained with hand model ..." InputError when the hashes differ.
void CheckCheckpointHandModel(const std::string& path, const CheckpointInfo& info, const HandModelIdentity& expected);

}  // namespace handprop
