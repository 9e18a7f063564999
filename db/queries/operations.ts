import type { Db } from '../open';
import { now } from './documents';

export interface OperationRow {
  id: number;
  kind: string;
  description: string;
  forward: string;
  inverse: string;
}

export function recordOperation(db: Db, kind: string, description: string, forward: unknown, inverse: unknown, annotatorId: number | null): number {
  // A new edit ends the redo branch, as in every editor.
  db.prepare('DELETE FROM operations WHERE undone = 1').run();
  return Number(
    db
      .prepare('INSERT INTO operations (kind, description, forward, inverse, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, description, JSON.stringify(forward), JSON.stringify(inverse), annotatorId, now()).lastInsertRowid,
  );
}

export function lastDone(db: Db): OperationRow | undefined {
  return db.prepare('SELECT id, kind, description, forward, inverse FROM operations WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as OperationRow | undefined;
}

export function firstUndone(db: Db): OperationRow | undefined {
  return db.prepare('SELECT id, kind, description, forward, inverse FROM operations WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as OperationRow | undefined;
}

export function markUndone(db: Db, id: number, undone: boolean): void {
  db.prepare('UPDATE operations SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
}

export function historyState(db: Db): { canUndo: boolean; canRedo: boolean } {
  const row = db.prepare('SELECT sum(undone = 0) AS done, sum(undone = 1) AS undone FROM operations').get() as { done: number | null; undone: number | null };
  return { canUndo: (row.done ?? 0) > 0, canRedo: (row.undone ?? 0) > 0 };
}
