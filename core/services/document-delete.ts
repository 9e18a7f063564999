import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { DeleteDocumentResult, DeletionImpact } from '../../common/api';
import type { DocRef } from '../../common/types';
import { getDocumentSummary } from '../../db/queries/documents';
import { deleteDocumentRows, restoreDocumentRows, snapshotDocumentRows, type TableRows } from '../../db/queries/document-rows';
import { withTranslations } from '../../db/queries/stories';
import { discardRedo } from '../../db/queries/operations';
import { mentionCountOf } from '../../db/queries/facts';
import { resolveDoc } from './documents';
import type { History } from './history';

/**
 * Documents with everything that hangs on them (paragraphs, alignments and
 * their links, mentions, post-edits, metadata), row for row: `rows` null
 * means they are deleted. Undo of a deletion puts the rows back with their
 * ids, so every older step of the undo log still finds what it names.
 */
export interface DocumentRowsSnapshot {
  kind: 'document-rows';
  docIds: number[];
  rows: TableRows[] | null;
}

/** Puts deleted documents back row for row, when `to` holds them and `from` does not. */
export function restoreDocuments(db: Db, from: DocumentRowsSnapshot, to: DocumentRowsSnapshot): void {
  if (to.rows === null || from.rows !== null) return;
  let moved: number;
  try {
    moved = restoreDocumentRows(db, to.rows);
  } catch (err) {
    if (/UNIQUE constraint failed: documents\./.test((err as Error).message)) {
      const title = to.rows.find((t) => t.table === 'documents')?.rows[0]?.title;
      throw new TandemError('conflict', `"${String(title ?? 'The document')}" was imported again after it was deleted, so the deleted copy cannot come back beside it.`);
    }
    throw err;
  }
  // Rows made after the deletion moved to free ids: steps undone since then name them by their old ids.
  if (moved) discardRedo(db);
}

/** Deletes the documents (and, through the schema's cascades, all that hangs on them) when `to` says they are gone. */
export function removeDocuments(db: Db, to: DocumentRowsSnapshot): void {
  if (to.rows === null) deleteDocumentRows(db, to.docIds);
}

function documentsOf(db: Db, ref: DocRef): number[] {
  const id = resolveDoc(db, ref);
  return withTranslations(db, id);
}

/** Counts what a deletion takes with it, from the rows it would delete. */
export function deletionImpact(db: Db, ref: DocRef): DeletionImpact {
  const docIds = documentsOf(db, ref);
  const rows = snapshotDocumentRows(db, docIds);
  const of = (table: string) => rows.find((t) => t.table === table)?.rows ?? [];
  const mentions = of('mentions');
  const factIds = new Set(mentions.map((m) => Number(m.fact_id)));
  let factsEmptied = 0;
  for (const f of factIds) {
    const total = mentionCountOf(db, f);
    if (total === mentions.filter((m) => Number(m.fact_id) === f).length) factsEmptied++;
  }
  const links = of('links');
  return {
    documents: docIds.map((id) => {
      const d = getDocumentSummary(db, id)!;
      return { id, title: d.title, lang: d.lang, translationOf: d.translationOf };
    }),
    alignments: of('alignments').length,
    links: links.filter((l) => l.status !== 'rejected').length,
    confirmedLinks: links.filter((l) => l.status === 'confirmed').length,
    mentions: mentions.length,
    facts: factIds.size,
    factsEmptied,
    postEdits: of('paragraphs').filter((p) => p.edited_text !== null).length,
  };
}

/** Deletes a document and its translations with all that hangs on them, as one undo step. */
export function deleteDocument(db: Db, history: History, ref: DocRef): DeleteDocumentResult {
  return writeTransaction(db, () => {
    const docIds = documentsOf(db, ref);
    const main = getDocumentSummary(db, docIds[0])!;
    const rows = snapshotDocumentRows(db, docIds);
    deleteDocumentRows(db, docIds);
    const more = docIds.length - 1;
    const description = `delete "${main.title}"${more ? ` with ${more} translation${more === 1 ? '' : 's'}` : ''}`;
    const seq = history.record('delete-document', description, [{ kind: 'document-rows', docIds, rows }], [{ kind: 'document-rows', docIds, rows: null }]);
    return { deleted: docIds, description, ...history.state(), seq };
  });
}
