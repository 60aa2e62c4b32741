// SPDX-License-Identifier: Apache-2.0
// Importing and exporting whole datasets is all-or-nothing: a failure half-way leaves the
// project (and the export target) exactly as they were, and the same import then succeeds.
#include "core/io/project_io/dataset_import.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/io/formats/dataset_files.h"
#include "core/io/project_io/project_transfer.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;
using testing::ErrorMessageOf;
using testing::FormatsTestModel;
using testing::MakeTestDataset;
using testing::TempDir;

struct Counts {
  size_t videos, hands, labels;
  bool operator==(const Counts& o) const { return videos == o.videos && hands == o.hands && labels == o.labels; }
};
Counts CountsOf(const ProjectStore& store) { return {store.Videos().size(), store.Hands().size(), store.AllLabels().size()}; }

TEST(DatasetImportTest, AFailureHalfWayLeavesTheProjectAsItWasAndTheImportCanBeRerun) {
  TempDir dir;
  HandDataset dataset = MakeTestDataset(FormatsTestModel(), dir.path(), {});
  ProjectStore store = ProjectStore::Create(dir.File("p.hpj"), {});
  // An earlier import that stays.
  HandDataset first = dataset;
  first.views.resize(1);
  first.views[0].sequence = "0001";
  DatasetImportOptions options;
  options.hash_content = false;
  ASSERT_EQ(ImportDataset(store, first, options).labels, 3);  // 4 frames, frame 2 unlabelled
  const Counts before = CountsOf(store);

  // The last view's last label is NaN: the store refuses it after everything else was written.
  HandDataset broken = dataset;
  broken.views.back().frames.back().label->params.pose[5] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(ErrorMessageOf([&] { ImportDataset(store, broken, options); }).find("pose"), std::string::npos);
  EXPECT_TRUE(CountsOf(store) == before);

  const DatasetImportReport report = ImportDataset(store, dataset, options);  // the fixed data goes in
  EXPECT_EQ(report.videos, 6);
  EXPECT_EQ(CountsOf(store).labels, before.labels + 6 * 3);
  EXPECT_EQ(store.IntegrityCheck(), "ok");
}

TEST(DatasetImportTest, ImportingIntoANewProjectRemovesItWhenTheImportFails) {
  TempDir dir;
  HandDataset dataset = MakeTestDataset(FormatsTestModel(), dir.path(), {});
  dataset.views[1].video_path = dir.File("gone.mp4");  // the file is read (hashed) after the project exists
  WriteDatasetJson(dataset, dir.File("d.json"));
  ProjectImportOptions options;
  options.project = dir.File("new.hpj");
  options.from = dir.File("d.json");
  options.format = DatasetFormat::kJson;
  EXPECT_NE(ErrorMessageOf([&] { ImportIntoProject(options); }).find("gone.mp4"), std::string::npos);
  EXPECT_FALSE(fs::exists(options.project));
  EXPECT_FALSE(fs::exists(options.project + "-wal"));
  // An existing project stays, unchanged.
  { ProjectStore::Create(options.project, {}); }
  EXPECT_NE(ErrorMessageOf([&] { ImportIntoProject(options); }).find("gone.mp4"), std::string::npos);
  EXPECT_TRUE(CountsOf(ProjectStore::Open(options.project)) == (Counts{0, 0, 0}));
}

TEST(DatasetImportTest, OnlyPeopleProvenancesCanBeImported) {
  ProjectImportOptions options;
  options.project = "p.hpj";
  options.from = "d.json";
  EXPECT_EQ(options.Check(), "");
  options.provenance = Provenance::kPropagated;
  EXPECT_NE(options.Check().find("provenance"), std::string::npos);
  options.provenance = Provenance::kVerified;
  EXPECT_EQ(options.Check(), "");
}

TEST(DatasetImportTest, FolderExportsNeedANewFolderAndAppearOnlyWhenComplete) {
  TempDir dir;
  const HandDataset dataset = MakeTestDataset(FormatsTestModel(), dir.path(), {});
  {
    ProjectStore store = ProjectStore::Create(dir.File("p.hpj"), {});
    DatasetImportOptions import;
    import.hash_content = false;
    ImportDataset(store, dataset, import);
  }
  ProjectExportOptions options;
  options.project = dir.File("p.hpj");
  options.format = DatasetFormat::kMeshes;
  options.model = "openhand";
  options.to = dir.File("busy");
  fs::create_directories(options.to);
  std::ofstream(options.to + "/keep.txt") << "mine";
  EXPECT_NE(ErrorMessageOf([&] { ExportProject(options); }).find("busy: folder is not empty"), std::string::npos);
  EXPECT_TRUE(fs::exists(options.to + "/keep.txt"));
  // A failure while writing (the images are gone): nothing appears and no temporary remains.
  options.format = DatasetFormat::kFreiHand;
  options.to = dir.File("freihand");
  for (const auto& view : dataset.views)
    for (const auto& frame : view.frames) fs::remove(frame.image_path);
  EXPECT_NE(ErrorMessageOf([&] { ExportProject(options); }).find("cannot read"), std::string::npos);
  EXPECT_FALSE(fs::exists(options.to));
  for (const auto& entry : fs::directory_iterator(dir.path())) EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos);
}

}  // namespace
}  // namespace handprop
