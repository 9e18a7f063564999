import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import type { LinkDelta, UndoResult } from '../../common/api';
import { annotatorNames, deleteLink, replaceLinkSegments, toLink, upsertLinkRow, type StoredLink } from '../../db/queries/alignments';
import { setParagraphEdit } from '../../db/queries/documents';
import { firstUndone, historyState, lastDone, markUndone, recordOperation } from '../../db/queries/operations';
import { deleteRow, upsertRow, type Row } from '../../db/queries/rows';
import { applySegmentation, type SegmentationSnapshot } from './segmentation';
import { setDocumentLabels } from '../../db/queries/documents';
import { dropStories, putStories, type StoriesSnapshot } from './stories';
import { removeDocuments, restoreDocuments, type DocumentRowsSnapshot } from './document-delete';

/**
 * A change is a before/after snapshot of the rows an operation touched. Undo
 * puts the "before" snapshot back, redo the "after" one. Snapshots keep row
 * ids, so references from elsewhere stay valid across undo and redo.
 *
 * Restoring never deletes a row that is meant to stay: rows are updated in
 * place or inserted, and only rows the target snapshot lacks are deleted (a
 * delete cascades to the rows that refer to the deleted one).
 *
 * To add a kind of change: add its shape to `Change` and its handler to
 * CHANGE_KINDS (the compiler insists on both), and record it with
 * History.record from the service that makes the change.
 */
export type Change =
  | { kind: 'links'; alignmentId: number; links: StoredLink[] }
  | { kind: 'paragraph'; paragraphId: number; edited: string | null; status: string }
  /** A document's title and language, as a person set them. */
  | { kind: 'document'; docId: number; title: string; lang: string; langConfidence: number }
  | { kind: 'rows'; table: RowTable; rows: Row[]; /** Written by older versions; the key comes from ROW_TABLES. */ key?: string[] }
  /** Paragraph and sentence boundaries of a run of paragraphs, with the links, mentions and rejections pointing into them. */
  | SegmentationSnapshot
  /** Stories (collections) and which story documents are in. */
  | StoriesSnapshot
  /** Documents with every row that hangs on them, or their absence (a deletion). */
  | DocumentRowsSnapshot;

export type ChangeKindName = Change['kind'];

/** What the UI must refresh after undo or redo of a change. */
export type ChangeScope = 'alignment' | 'documents' | 'facts';

export interface ChangeKind<C extends Change> {
  scope(change: C): ChangeScope;
  /**
   * Writes what `to` holds and `from` does not hold in the same way: inserts
   * and in-place updates, never deletes. Changes of one operation are put in
   * order, so a parent row listed first exists before its children are put.
   */
  put(db: Db, from: C, to: C): void;
  /**
   * Deletes what `from` holds and `to` does not. Runs after every change of
   * the operation was put, last change first, so children go before parents.
   */
  drop(db: Db, from: C, to: C): void;
  /** The link changes this made, for a UI that patches what it shows. */
  delta?(db: Db, from: C, to: C): LinkDelta;
}

/** Tables whose rows a 'rows' change may restore, with the key that identifies a row. */
export const ROW_TABLES = {
  alignments: ['id'],
  alignment_settings: ['alignment_id'],
  facts: ['id'],
  mentions: ['id'],
  suggestion_rejections: ['fact_id', 'paragraph_id'],
} as const satisfies Record<string, readonly string[]>;

export type RowTable = keyof typeof ROW_TABLES;

function rowKey(table: RowTable, row: Row): string {
  return JSON.stringify(ROW_TABLES[table].map((k) => row[k]));
}

function tableOf(change: { table: string }): RowTable {
  if (!Object.hasOwn(ROW_TABLES, change.table)) throw new Error(`refusing to replay a change to ${change.table}`);
  return change.table as RowTable;
}

const rowsKind: ChangeKind<Extract<Change, { kind: 'rows' }>> = {
  scope: (c) => (c.table === 'alignments' || c.table === 'alignment_settings' ? 'alignment' : 'facts'),
  put(db, _from, to) {
    const table = tableOf(to);
    for (const row of to.rows) upsertRow(db, table, ROW_TABLES[table], row);
  },
  drop(db, from, to) {
    const table = tableOf(from);
    const keep = new Set(to.rows.map((r) => rowKey(table, r)));
    for (const row of from.rows) if (!keep.has(rowKey(table, row))) deleteRow(db, table, ROW_TABLES[table], row);
  },
};

const linksKind: ChangeKind<Extract<Change, { kind: 'links' }>> = {
  scope: () => 'alignment',
  put(db, _from, to) {
    for (const link of to.links) {
      upsertLinkRow(db, link);
      replaceLinkSegments(db, link);
    }
  },
  drop(db, from, to) {
    const keep = new Set(to.links.map((l) => l.id));
    for (const l of from.links) if (!keep.has(l.id)) deleteLink(db, l.id);
  },
  delta(db, from, to) {
    // The snapshots are exactly the rows put back, so the delta is built from them; only names need looking up.
    const names = annotatorNames(db, to.links.map((l) => l.annotatorId));
    return {
      alignmentId: to.alignmentId,
      removed: from.links.map((l) => l.id),
      added: to.links.map((l) => toLink({ ...l, annotator: l.annotatorId === null ? null : names.get(l.annotatorId) ?? null })),
    };
  },
};

const paragraphKind: ChangeKind<Extract<Change, { kind: 'paragraph' }>> = {
  scope: () => 'documents',
  put(db, _from, to) {
    setParagraphEdit(db, to.paragraphId, to.edited, to.status);
  },
  drop() {},
};

const documentKind: ChangeKind<Extract<Change, { kind: 'document' }>> = {
  scope: () => 'documents',
  put(db, _from, to) {
    setDocumentLabels(db, to.docId, { title: to.title, lang: to.lang, langConfidence: to.langConfidence });
  },
  drop() {},
};

/**
 * A change of segmentation rewrites a window of paragraphs with everything
 * that points into it in one step (applySegmentation, the function that
 * made the change), restoring the links, mentions and rejections it snapshot.
 */
const segmentationKind: ChangeKind<SegmentationSnapshot> = {
  scope: () => 'documents',
  put(db, from, to) {
    applySegmentation(db, from, to);
  },
  drop() {},
};

/** Stories and which story documents are in: collections and memberships put, collections the target lacks dropped. */
const storiesKind: ChangeKind<StoriesSnapshot> = {
  scope: () => 'documents',
  put(db, _from, to) {
    putStories(db, to);
  },
  drop(db, _from, to) {
    dropStories(db, to);
  },
};

/** A deletion of documents: dropped with everything that hangs on them, or put back row for row. */
const documentRowsKind: ChangeKind<DocumentRowsSnapshot> = {
  scope: () => 'documents',
  put(db, from, to) {
    restoreDocuments(db, from, to);
  },
  drop(db, _from, to) {
    removeDocuments(db, to);
  },
};

const CHANGE_KINDS: { [K in ChangeKindName]: ChangeKind<Extract<Change, { kind: K }>> } = {
  rows: rowsKind,
  links: linksKind,
  paragraph: paragraphKind,
  document: documentKind,
  segmentation: segmentationKind,
  stories: storiesKind,
  'document-rows': documentRowsKind,
};

function kindOf<C extends Change>(change: C): ChangeKind<C> {
  const handler = CHANGE_KINDS[change.kind] as ChangeKind<C> | undefined;
  if (!handler) throw new Error(`this version of Tandem cannot replay a "${change.kind}" change`);
  return handler;
}

/** The alignments a change of links touches (their links, records and settings); undefined when it touches anything else. */
function alignmentsOf(changes: readonly Change[]): number[] | undefined {
  const ids = new Set<number>();
  for (const c of changes) {
    if (c.kind === 'links') ids.add(c.alignmentId);
    else if (c.kind === 'rows' && c.table === 'alignments') for (const r of c.rows) ids.add(Number(r.id));
    else if (c.kind === 'rows' && c.table === 'alignment_settings') for (const r of c.rows) ids.add(Number(r.alignment_id));
    else return undefined;
  }
  return [...ids].sort((x, y) => x - y);
}

/** Puts the state `to` in place of `from`; returns the link changes that made, in order. */
function apply(db: Db, from: Change[], to: Change[]): LinkDelta[] {
  if (from.length !== to.length || from.some((c, i) => c.kind !== to[i].kind)) throw new Error('the undo log holds a change whose two sides do not match');
  to.forEach((target, i) => kindOf(target).put(db, from[i], target));
  for (let i = to.length - 1; i >= 0; i--) kindOf(to[i]).drop(db, from[i], to[i]);
  const deltas: LinkDelta[] = [];
  to.forEach((target, i) => {
    const delta = kindOf(target).delta?.(db, from[i], target);
    if (delta) deltas.push(delta);
  });
  return deltas;
}

/** A 'rows' change: these rows of `table` as they are (or are to be). */
export function rowsChange(table: RowTable, rows: object[]): Change {
  return { kind: 'rows', table, rows: rows as Row[] };
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
    if (before.length !== after.length || before.some((c, i) => c.kind !== after[i].kind)) throw new Error(`${kind}: the two sides of a change must list the same kinds in the same order`);
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
   * nothing else, so listeners need not refresh documents or facts;
   * `alignments`, when it changed link rows only, which alignments they are.
   */
  step(which: 'undo' | 'redo'): { result: UndoResult; linksOnly: boolean; alignments?: number[] } {
    return writeTransaction(this.db, () => {
      const op = which === 'undo' ? lastDone(this.db) : firstUndone(this.db);
      if (!op) return { result: { done: false, description: null, ...historyState(this.db), deltas: [], seq: null }, linksOnly: false };
      const forward = JSON.parse(op.forward) as Change[];
      const inverse = JSON.parse(op.inverse) as Change[];
      const deltas = which === 'undo' ? apply(this.db, forward, inverse) : apply(this.db, inverse, forward);
      markUndone(this.db, op.id, which === 'undo');
      const linksOnly = forward.every((c) => kindOf(c).scope(c) === 'alignment');
      const alignments = linksOnly ? alignmentsOf([...forward, ...inverse]) : undefined;
      return { result: { done: true, description: op.description, ...historyState(this.db), deltas, seq: op.id }, linksOnly, alignments };
    });
  }

  state(): { canUndo: boolean; canRedo: boolean } {
    return historyState(this.db);
  }
}
