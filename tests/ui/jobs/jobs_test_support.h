// SPDX-License-Identifier: Apache-2.0
// Shared by the ui/jobs tests: the tiny synthetic project rendered once per test process (seed 5),
// a one-shot gate for worker threads (rule 25: barriers, not sleeps) and ready-made works.
#pragma once

#include <QCoreApplication>
#include <QSignalSpy>
#include <QThread>
#include <future>
#include <memory>
#include <string>

#include "core/data/synth_job.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"
#include "ui/jobs/thread_preview_job.h"

namespace handprop::ui::testing {

// The tiny project (2 sequences x 2 cameras x 12 frames, key frames 0, 4, 8, 11), kept for the
// whole process; the jobs only read it.
inline const SynthResult& TinyProject() {
  static handprop::testing::TempDir dir;
  static const SynthResult result = handprop::testing::RenderTinyProject(dir.File("tiny"), 5);
  return result;
}

// A one-shot event: Open() from one thread releases every Wait() in others.
class Gate {
 public:
  void Open() { promise_.set_value(); }
  void Wait() const { future_.wait(); }

 private:
  std::promise<void> promise_;
  std::shared_future<void> future_ = promise_.get_future().share();
};

inline bool OnGuiThread() { return QThread::currentThread() == QCoreApplication::instance()->thread(); }

// A LabelSet of `n` empty records named by `method`.
inline LabelSet FakeLabels(int n, const std::string& method = "interpolation") {
  LabelSet set;
  set.method = method;
  set.labels.resize(static_cast<size_t>(n));
  return set;
}

// The first argument of the spy's first signal as text ("" when none arrived): failure details.
inline std::string FirstText(const QSignalSpy& spy) {
  return spy.isEmpty() ? std::string() : spy.first().value(0).toString().toStdString();
}

}  // namespace handprop::ui::testing
