// SPDX-License-Identifier: Apache-2.0
// `handprop project create | add-video | import | export | info | upgrade`: thin flag mappings onto
// core/io/store (the project file) and core/io/project_io (videos and dataset formats).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/project_info.h"
#include "core/io/project_io/project_transfer.h"
#include "core/io/store/store_schema.h"
#include "core/util/error.h"

namespace handprop::cli {
namespace {

Provenance ParseProvenanceFlag(const std::string& text) {
  if (const auto p = ParseProvenance(text)) return *p;
  throw InputError("--provenance " + text + ": expected manual, interpolated, propagated, predicted, corrected or verified");
}

void AddCreate(CLI::App& app, std::function<int()>* action) {
  auto path = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("create", "create an empty project file");
  cmd->add_option("project", *path, "the new project file (.hpj)")->required();
  cmd->add_option("--name", *name, "project name (default: the file name)");
  cmd->callback([=] {
    *action = [=] {
      ProjectMeta meta;
      meta.name = name->empty() ? std::filesystem::path(*path).stem().string() : *name;
      ProjectStore::Create(*path, meta);
      std::printf("created %s\n", path->c_str());
      return kExitOk;
    };
  });
}

void AddAddVideo(CLI::App& app, std::function<int()>* action) {
  auto o = std::make_shared<AddVideoOptions>();
  auto k = std::make_shared<std::vector<double>>();
  CLI::App* cmd = app.add_subcommand("add-video", "add a video file or an image folder to a project");
  cmd->add_option("project", o->project, "project file")->required();
  cmd->add_option("video", o->video, "video file (mp4, avi, mkv, mov) or image folder")->required();
  cmd->add_option("--sequence", o->sequence, "sequence name (default: the file name)");
  cmd->add_option("--camera", o->camera, "camera index in the sequence")->capture_default_str();
  cmd->add_option("--intrinsics", *k, "fx fy cx cy in pixels (default: fx = fy = max(w, h), centred)")->expected(4);
  cmd->add_option("--fps", o->fps, "frame rate of an image folder");
  cmd->callback([=] {
    *action = [=] {
      if (k->size() == 4) o->intrinsics = CameraIntrinsics{(*k)[0], (*k)[1], (*k)[2], (*k)[3]};
      ThrowIfInvalid("project add-video", o->Check());
      const int64_t id = AddVideoToProject(*o);
      std::printf("added %s to %s as video %lld\n", o->video.c_str(), o->project.c_str(), static_cast<long long>(id));
      return kExitOk;
    };
  });
}

void AddImport(CLI::App& app, std::function<int()>* action) {
  auto o = std::make_shared<ProjectImportOptions>();
  auto format = std::make_shared<std::string>("json");
  auto provenance = std::make_shared<std::string>("manual");
  CLI::App* cmd = app.add_subcommand("import", "import a dataset (FreiHAND, HanCo, HandProp JSON/NPZ) into a project");
  cmd->add_option("project", o->project, "project file (created when missing)")->required();
  cmd->add_option("--format,-f", *format, "freihand, hanco, json or npz")->capture_default_str();
  cmd->add_option("--from", o->from, "dataset folder (freihand, hanco) or file (json, npz)")->required();
  cmd->add_option("--model,-m", o->model, "hand model: 'openhand' or a converted MANO file")->capture_default_str();
  cmd->add_option("--split", o->split, "FreiHAND split prefix (training, evaluation)")->capture_default_str();
  cmd->add_option("--author", o->author, "author recorded with the labels")->capture_default_str();
  cmd->add_option("--provenance", *provenance, "provenance of the imported labels")->capture_default_str();
  cmd->callback([=] {
    *action = [=] {
      o->format = ParseDatasetFormat(*format, "--format");
      o->provenance = ParseProvenanceFlag(*provenance);
      ThrowIfInvalid("project import", o->Check());
      const DatasetImportReport r = ImportIntoProject(*o);
      std::printf("imported %d videos and %d labels into %s", r.videos, r.labels, o->project.c_str());
      if (r.skipped_without_params > 0) std::printf(" (%d keypoint-only labels skipped: no MANO fit)", r.skipped_without_params);
      std::printf("\n");
      return kExitOk;
    };
  });
}

void AddExport(CLI::App& app, std::function<int()>* action) {
  auto o = std::make_shared<ProjectExportOptions>();
  auto format = std::make_shared<std::string>("json");
  auto provenances = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("export", "export a project's labels (FreiHAND, HanCo, JSON, NPZ or meshes)");
  cmd->add_option("project", o->project, "project file")->required();
  cmd->add_option("--format,-f", *format, "freihand, hanco, json, npz or meshes")->capture_default_str();
  cmd->add_option("--to", o->to, "output folder (freihand, hanco, meshes) or file (json, npz)")->required();
  cmd->add_option("--model,-m", o->model, "hand model: 'openhand' or a converted MANO file")->capture_default_str();
  cmd->add_option("--split", o->split, "FreiHAND split prefix")->capture_default_str();
  cmd->add_option("--mesh-format", o->mesh_format, "obj, ply or glb")->capture_default_str();
  cmd->add_option("--provenance", *provenances, "only labels of these provenances (repeatable)");
  cmd->callback([=] {
    *action = [=] {
      o->format = ParseDatasetFormat(*format, "--format");
      for (const std::string& p : *provenances) o->provenances.push_back(ParseProvenanceFlag(p));
      ThrowIfInvalid("project export", o->Check());
      const int written = ExportProject(*o);
      std::printf("exported %d labelled frames to %s\n", written, o->to.c_str());
      return kExitOk;
    };
  });
}

void AddInfo(CLI::App& app, std::function<int()>* action) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("info", "print a project's contents: videos, labels by provenance, history");
  cmd->add_option("project", *path, "project file")->required();
  cmd->add_flag("--json", *json, "print JSON");
  cmd->callback([=] { *action = [=] { return PrintProjectInfo(*path, *json); }; });
}

// The migration runs in one transaction (store_schema.h): the file is either upgraded or untouched.
void AddUpgrade(CLI::App& app, std::function<int()>* action) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("upgrade", "upgrade a project file written by an older HandProp to this schema");
  cmd->add_option("project", *path, "project file")->required();
  cmd->callback([=] {
    *action = [=] {
      const int before = ProjectStore::Upgrade(*path);
      const int after = kStoreSchemaVersion;
      if (before == after)
        std::printf("%s is already at schema %d\n", path->c_str(), after);
      else
        std::printf("upgraded %s from schema %d to %d\n", path->c_str(), before, after);
      return kExitOk;
    };
  });
}

}  // namespace

int RunProjectCommand(int argc, char** argv) {
  CLI::App app{"Create, fill, inspect and convert HandProp projects (one SQLite file each, saved on every edit).",
               "handprop project"};
  app.require_subcommand(1);
  std::function<int()> action;
  AddCreate(app, &action);
  AddAddVideo(app, &action);
  AddImport(app, &action);
  AddExport(app, &action);
  AddInfo(app, &action);
  AddUpgrade(app, &action);
  if (auto code = ParseOrExit(app, argc, argv)) return *code;
  return action();
}

}  // namespace handprop::cli
