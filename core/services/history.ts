import type { Db } from '../../db/open';
import type { UndoResult } from '../../common/api';
import { deleteLink, insertLink, touchAlignment, type StoredLink } from '../../db/queries/alignments';
import { firstUndone, historyState, lastDone, markUndone, recordOperation } from '../../db/queries/operations';

/**
 * A change is a before/after snapshot of the rows it touched. Undo puts the
 * "before" rows back; redo puts the "after" rows back. Snapshots keep row ids,
 * so references from elsewhere stay valid across undo and redo.
 */
export type Change =
  | { kind: 'links'; alignmentId: number; links: StoredLink[] }
  | { kind: 'paragraph'; paragraphId: number; edited: string | null; status: string }
  | { kind: 'rows'; table: 'facts' | 'mentions' | 'suggestion_rejections'; key: string[]; rows: Record<string, unknown>[]; remove: Record<string, unknown>[] };

export interface ChangeSet {
  /** The state to restore, per change, in order. */
  changes: Change[];
}

/** Removes the links listed in `current` and inserts those in `target`. */
function applyLinks(db: Db, alignmentId: number, remove: StoredLink[], insert: StoredLink[]): void {
  for (const l of remove) deleteLink(db, l.id);
  for (const l of insert) insertLink(db, l);
  touchAlignment(db, alignmentId);
}

const ROW_TABLES = new Set(['facts', 'mentions', 'suggestion_rejections']);
const COLUMN = /^[a-z_]+$/;

function applyRows(db: Db, table: string, key: string[], remove: Record<string, unknown>[], insert: Record<string, unknown>[]): void {
  if (!ROW_TABLES.has(table) || !key.every((k) => COLUMN.test(k))) throw new Error(`refusing to replay a change to ${table}`);
  for (const row of remove) {
    db.prepare(`DELETE FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`).run(...key.map((k) => row[k]));
  }
  for (const row of insert) {
    const cols = Object.keys(row);
    if (!cols.every((c) => COLUMN.test(c))) throw new Error('refusing a change with unsafe column names');
    db.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
  }
}

export interface Recorded {
  before: Change[];
  after: Change[];
}

function apply(db: Db, from: Change[], to: Change[]): void {
  to.forEach((target, i) => {
    const current = from[i];
    if (target.kind === 'links' && current.kind === 'links') applyLinks(db, target.alignmentId, current.links, target.links);
    else if (target.kind === 'paragraph') {
      db.prepare('UPDATE paragraphs SET edited_text = ?, status = ? WHERE id = ?').run(target.edited, target.status, target.paragraphId);
    } else if (target.kind === 'rows' && current.kind === 'rows') applyRows(db, target.table, target.key, current.rows, target.rows);
  });
}

export class History {
  constructor(
    private readonly db: Db,
    private readonly annotatorId: () => number,
  ) {}

  /** Records an already-applied change; call inside the transaction that made it. */
  record(kind: string, description: string, before: Change[], after: Change[]): void {
    recordOperation(this.db, kind, description, after, before, this.annotatorId());
  }

  undo(): UndoResult {
    return this.db.transaction(() => {
      const op = lastDone(this.db);
      if (!op) return { done: false, description: null, ...historyState(this.db) };
      apply(this.db, JSON.parse(op.forward) as Change[], JSON.parse(op.inverse) as Change[]);
      markUndone(this.db, op.id, true);
      return { done: true, description: op.description, ...historyState(this.db) };
    })();
  }

  redo(): UndoResult {
    return this.db.transaction(() => {
      const op = firstUndone(this.db);
      if (!op) return { done: false, description: null, ...historyState(this.db) };
      apply(this.db, JSON.parse(op.inverse) as Change[], JSON.parse(op.forward) as Change[]);
      markUndone(this.db, op.id, false);
      return { done: true, description: op.description, ...historyState(this.db) };
    })();
  }

  state(): { canUndo: boolean; canRedo: boolean } {
    return historyState(this.db);
  }
}
