// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/journal_command.h"

#include <exception>

namespace handprop::ui {
namespace {
// Set while RestoreUndoStack moves the stack's index: the journal already holds that state.
bool g_restoring = false;
}  // namespace

JournalCommand::JournalCommand(AnnotationSession& session, int64_t edit_id, const QString& text, bool applied,
                               JournalErrorHandler on_error)
    : session_(session), edit_id_(edit_id), skip_redo_(applied), on_error_(std::move(on_error)) {
  setText(text);
}

void JournalCommand::undo() {
  if (g_restoring) return;
  try {
    session_.Undo(edit_id_);
  } catch (const std::exception& e) {
    if (on_error_) on_error_(QString::fromStdString(e.what()));
  }
}

void JournalCommand::redo() {
  if (skip_redo_ || g_restoring) {
    skip_redo_ = false;
    return;
  }
  try {
    session_.Redo(edit_id_);
  } catch (const std::exception& e) {
    if (on_error_) on_error_(QString::fromStdString(e.what()));
  }
}

void RestoreUndoStack(QUndoStack& stack, AnnotationSession& session, const JournalErrorHandler& on_error, int limit) {
  stack.clear();
  int done = 0;
  g_restoring = true;
  for (const EditRecord& edit : session.EditStack(limit)) {
    stack.push(new JournalCommand(session, edit.id, QString::fromStdString(edit.text), true, on_error));
    if (edit.state == EditState::kDone) ++done;
  }
  stack.setIndex(done);  // undo() of the undone ones is a no-op while restoring
  stack.setClean();
  g_restoring = false;
}

}  // namespace handprop::ui
