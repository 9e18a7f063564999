import type { ReadDb } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { DocRef, DocumentDetail } from '../../common/types';
import { findDocumentsBySource, getDocumentSummary, getParagraphs } from '../../db/queries/documents';

/** A document is named by its id or by the file name it came from. */
export function resolveDoc(db: ReadDb, ref: DocRef): number {
  const asText = String(ref).trim();
  if (/^\d+$/.test(asText)) {
    const id = Number(asText);
    if (getDocumentSummary(db, id)) return id;
    const bySource = findDocumentsBySource(db, asText);
    if (bySource.length === 1) return bySource[0];
    throw new TandemError('not-found', `No document with id ${id}.`);
  }
  const ids = findDocumentsBySource(db, asText);
  if (ids.length === 1) return ids[0];
  // A translation often keeps its original's file name: the name then means the original.
  const originals = ids.filter((id) => getDocumentSummary(db, id)!.translationOf === null);
  if (originals.length === 1) return originals[0];
  if (ids.length > 1) {
    throw new TandemError('invalid-input', `"${asText}" names ${ids.length} documents (ids ${ids.join(', ')}); use an id.`);
  }
  const base = asText.split(/[\\/]/).pop()!;
  if (base !== asText) return resolveDoc(db, base);
  throw new TandemError('not-found', `No document named "${asText}". "tandem list" shows the documents and their ids.`);
}

export function getDocument(db: ReadDb, ref: DocRef): DocumentDetail {
  const id = resolveDoc(db, ref);
  const summary = getDocumentSummary(db, id)!;
  return { ...summary, paragraphList: getParagraphs(db, id) };
}
