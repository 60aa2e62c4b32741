// SPDX-License-Identifier: Apache-2.0
// The studio's undo stack over the project's edit journal (ProjectStore::ApplyEdit/UndoEdit/
// RedoEdit): each QUndoCommand stands for one journal edit, so undo and redo are store
// transactions too, and the stack survives a restart (RestoreUndoStack rebuilds it from the file).
//
// Like Kdenlive's FunctionalUndoCommand (style.md §2.5), a command is pushed after its edit was
// applied, so its first redo() does nothing.
//
//   const int64_t id = session.Apply(request);
//   if (id != 0) stack.push(new JournalCommand(session, id, text));
//
// GUI thread only. A store error during undo or redo is reported through `on_error` (a message
// box in the window) and leaves the label state as the store left it (unchanged on failure).
#pragma once

#include <QUndoCommand>
#include <QUndoStack>
#include <functional>
#include <string>

#include "ui/studio/annotation_session.h"

namespace handprop::ui {

using JournalErrorHandler = std::function<void(const QString&)>;

class JournalCommand : public QUndoCommand {
 public:
  // `applied`: the edit is already applied (a new edit, or a done edit restored from the file).
  JournalCommand(AnnotationSession& session, int64_t edit_id, const QString& text, bool applied,
                 JournalErrorHandler on_error);

  void undo() override;
  void redo() override;
  int64_t edit_id() const { return edit_id_; }

 private:
  AnnotationSession& session_;
  int64_t edit_id_;
  bool skip_redo_;
  JournalErrorHandler on_error_;
};

// Clears `stack` and fills it with the session's journal: done edits as applied commands, then
// undone ones, with the stack's index between them, without touching the store.
void RestoreUndoStack(QUndoStack& stack, AnnotationSession& session, const JournalErrorHandler& on_error,
                      int limit = 1000);

}  // namespace handprop::ui
