import type { Db } from '../../db/open';
import type { LinkDelta, UndoResult } from '../../common/api';
import { annotatorNames, deleteLink, insertLink, toLink, touchAlignment, type StoredLink } from '../../db/queries/alignments';
import { firstUndone, historyState, lastDone, markUndone, recordOperation } from '../../db/queries/operations';
import { applySegmentation, type SegmentationSnapshot } from './segmentation';
import { setDocumentLabels } from '../../db/queries/documents';
import { applyStories, type StoriesSnapshot } from './stories';
import { applyDocumentRows, type DocumentRowsSnapshot } from './document-delete';

/**
 * A change is a before/after snapshot of the rows it touched. Undo puts the
 * "before" rows back; redo puts the "after" rows back. Snapshots keep row ids,
 * so references from elsewhere stay valid across undo and redo.
 */
export type Change =
  | { kind: 'links'; alignmentId: number; links: StoredLink[] }
  | { kind: 'paragraph'; paragraphId: number; edited: string | null; status: string }
  /** A document's title and language, as a person set them. */
  | { kind: 'document'; docId: number; title: string; lang: string; langConfidence: number }
  | { kind: 'rows'; table: 'facts' | 'mentions' | 'suggestion_rejections'; key: string[]; rows: Record<string, unknown>[]; remove: Record<string, unknown>[] }
  /** Paragraph and sentence boundaries of a run of paragraphs, with the links, mentions and rejections pointing into them. */
  | SegmentationSnapshot
  /** Stories (collections) and which story documents are in. */
  | StoriesSnapshot
  /** Documents with every row that hangs on them, or their absence (a deletion). */
  | DocumentRowsSnapshot;

export interface ChangeSet {
  /** The state to restore, per change, in order. */
  changes: Change[];
}

/**
 * Removes the links listed in `current` and inserts those in `target`, and
 * says so as a delta. The snapshots are exactly the rows put back, so the
 * delta is built from them; only the annotators' names need looking up.
 */
function applyLinks(db: Db, alignmentId: number, remove: StoredLink[], insert: StoredLink[]): LinkDelta {
  for (const l of remove) deleteLink(db, l.id);
  for (const l of insert) insertLink(db, l);
  touchAlignment(db, alignmentId);
  const names = annotatorNames(db, insert.map((l) => l.annotatorId));
  return {
    alignmentId,
    removed: remove.map((l) => l.id),
    added: insert.map((l) => toLink({ ...l, annotator: l.annotatorId === null ? null : names.get(l.annotatorId) ?? null })),
  };
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

/** Puts the state `to` back in place of `from`; returns the link changes that made, in order. */
function apply(db: Db, from: Change[], to: Change[]): LinkDelta[] {
  const deltas: LinkDelta[] = [];
  to.forEach((target, i) => {
    const current = from[i];
    if (target.kind === 'links' && current.kind === 'links') deltas.push(applyLinks(db, target.alignmentId, current.links, target.links));
    else if (target.kind === 'paragraph') {
      db.prepare('UPDATE paragraphs SET edited_text = ?, status = ? WHERE id = ?').run(target.edited, target.status, target.paragraphId);
    } else if (target.kind === 'document') {
      setDocumentLabels(db, target.docId, { title: target.title, lang: target.lang, langConfidence: target.langConfidence });
    } else if (target.kind === 'rows' && current.kind === 'rows') applyRows(db, target.table, target.key, current.rows, target.rows);
    else if (target.kind === 'segmentation' && current.kind === 'segmentation') applySegmentation(db, current, target);
    else if (target.kind === 'stories') applyStories(db, target);
    else if (target.kind === 'document-rows' && current.kind === 'document-rows') applyDocumentRows(db, current, target);
  });
  return deltas;
}

export class History {
  private last = 0;

  constructor(
    private readonly db: Db,
    private readonly annotatorId: () => number,
  ) {}

  /**
   * Records an already-applied change; call inside the transaction that made
   * it. Returns the operation's sequence number in the undo log.
   */
  record(kind: string, description: string, before: Change[], after: Change[]): number {
    this.last = recordOperation(this.db, kind, description, after, before, this.annotatorId());
    return this.last;
  }

  /** The sequence number of the operation this History recorded last; 0 before the first. */
  get lastSeq(): number {
    return this.last;
  }

  undo(): UndoResult {
    return this.step('undo').result;
  }

  redo(): UndoResult {
    return this.step('redo').result;
  }

  /**
   * Undoes or redoes one operation. `linksOnly` says that it changed links and
   * nothing else, so listeners need not refresh documents or facts.
   */
  step(which: 'undo' | 'redo'): { result: UndoResult; linksOnly: boolean } {
    return this.db.transaction(() => {
      const op = which === 'undo' ? lastDone(this.db) : firstUndone(this.db);
      if (!op) return { result: { done: false, description: null, ...historyState(this.db), deltas: [], seq: null }, linksOnly: false };
      const forward = JSON.parse(op.forward) as Change[];
      const inverse = JSON.parse(op.inverse) as Change[];
      const deltas = which === 'undo' ? apply(this.db, forward, inverse) : apply(this.db, inverse, forward);
      markUndone(this.db, op.id, which === 'undo');
      const linksOnly = forward.every((c) => c.kind === 'links') && inverse.every((c) => c.kind === 'links');
      return { result: { done: true, description: op.description, ...historyState(this.db), deltas, seq: op.id }, linksOnly };
    })();
  }

  state(): { canUndo: boolean; canRedo: boolean } {
    return historyState(this.db);
  }
}
