import type { ReadDb, WriteDb } from '../open';
import { stmt } from '../statements';
import type { InlineCode } from '../../common/types';

/** Records the inline codes of a paragraph (whose text holds their placeholders). */
export function putParagraphCodes(db: WriteDb, paragraphId: number, codes: readonly InlineCode[]): void {
  if (!codes.length) return;
  stmt(db, 'INSERT OR REPLACE INTO inline_codes (paragraph_id, codes) VALUES (?, ?)').run(paragraphId, JSON.stringify(codes));
}

/** Inline codes of a document's paragraphs, by paragraph index; paragraphs without codes are absent. */
export function getDocumentCodes(db: ReadDb, docId: number): Map<number, InlineCode[]> {
  const rows = stmt(db, 'SELECT p.idx AS idx, c.codes AS codes FROM inline_codes c JOIN paragraphs p ON p.id = c.paragraph_id WHERE p.doc_id = ?').all(docId) as Array<{ idx: number; codes: string }>;
  return new Map(rows.map((r) => [r.idx, JSON.parse(r.codes) as InlineCode[]]));
}

/** Paragraph ids of a document by index. */
export function paragraphIds(db: ReadDb, docId: number): number[] {
  const rows = stmt(db, 'SELECT id, idx FROM paragraphs WHERE doc_id = ? ORDER BY idx').all(docId) as Array<{ id: number; idx: number }>;
  const out: number[] = [];
  for (const r of rows) out[r.idx] = r.id;
  return out;
}

/** Copies a paragraph's codes from another project (merging annotators' copies). */
export function copyParagraphCodes(from: ReadDb, fromParagraph: number, to: WriteDb, toParagraph: number): void {
  const row = stmt(from, 'SELECT codes FROM inline_codes WHERE paragraph_id = ?').get(fromParagraph) as { codes: string } | undefined;
  if (row) stmt(to, 'INSERT OR REPLACE INTO inline_codes (paragraph_id, codes) VALUES (?, ?)').run(toParagraph, row.codes);
}
