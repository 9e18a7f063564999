import type { ReadDb, WriteDb } from '../open';
import { now } from './documents';

export interface OperationRow {
  id: number;
  kind: string;
  description: string;
  forward: string;
  inverse: string;
}

export function recordOperation(db: WriteDb, kind: string, description: string, forward: unknown, inverse: unknown, annotatorId: number | null): number {
  // A new edit ends the redo branch, as in every editor.
  db.prepare('DELETE FROM operations WHERE undone = 1').run();
  return Number(
    db
      .prepare('INSERT INTO operations (kind, description, forward, inverse, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, description, JSON.stringify(forward), JSON.stringify(inverse), annotatorId, now()).lastInsertRowid,
  );
}

export function lastDone(db: ReadDb): OperationRow | undefined {
  const id = db.prepare('SELECT id FROM operations WHERE undone = 0 ORDER BY id DESC LIMIT 1').pluck().get() as number | undefined;
  return id === undefined ? undefined : (db.prepare('SELECT id, kind, description, forward, inverse FROM operations WHERE id = ?').get(id) as OperationRow);
}

export function firstUndone(db: ReadDb): OperationRow | undefined {
  const id = db.prepare('SELECT id FROM operations WHERE undone = 1 ORDER BY id ASC LIMIT 1').pluck().get() as number | undefined;
  return id === undefined ? undefined : (db.prepare('SELECT id, kind, description, forward, inverse FROM operations WHERE id = ?').get(id) as OperationRow);
}

export function markUndone(db: WriteDb, id: number, undone: boolean): void {
  db.prepare('UPDATE operations SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
}

export function historyState(db: ReadDb): { canUndo: boolean; canRedo: boolean } {
  const row = db
    .prepare('SELECT EXISTS (SELECT 1 FROM operations WHERE undone = 0) AS done, EXISTS (SELECT 1 FROM operations WHERE undone = 1) AS undone')
    .get() as { done: number; undone: number };
  return { canUndo: row.done === 1, canRedo: row.undone === 1 };
}

/** Forgets the steps that were undone (the redo branch), as a new edit does. */
export function discardRedo(db: WriteDb): void {
  db.prepare('DELETE FROM operations WHERE undone = 1').run();
}
