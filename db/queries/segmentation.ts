import type { ReadDb, WriteDb } from '../open';
import type { AlignLevel, AlignMode, ParagraphStatus } from '../../common/types';
import { stmt } from '../statements';
import type { MentionRow } from './facts';
import { deferrals } from './fulltext';

/**
 * The rows a change of segmentation rewrites: a run of a document's
 * paragraphs, the mentions and rejected suggestions on them, and the link
 * segments that point at paragraphs or sentences by position.
 */

/** A paragraph row as stored, complete enough to be put back exactly. */
export interface ParagraphRow {
  id: number;
  idx: number;
  text: string;
  edited_text: string | null;
  /** Sentence spans as stored: "start:end" joined by commas. */
  sentences: string;
  status: ParagraphStatus;
  /** The text between this paragraph and the next; null for the paragraph break found at import. */
  gap: string | null;
}

export interface RejectionRow {
  fact_id: number;
  paragraph_id: number;
  annotator_id: number | null;
  created_at: string;
}

export function paragraphRows(db: ReadDb, docId: number, from: number, count: number): ParagraphRow[] {
  return stmt(db, 'SELECT id, idx, text, edited_text, sentences, status, gap FROM paragraphs WHERE doc_id = ? AND idx >= ? AND idx < ? ORDER BY idx')
    .all(docId, from, from + count) as ParagraphRow[];
}

/** Sentences in the paragraphs before `idx`, counted as the aligner numbers them (a paragraph without spans is one sentence). */
export function sentencesBefore(db: ReadDb, docId: number, idx: number): number {
  return stmt(
    db,
    `SELECT coalesce(sum(CASE WHEN sentences = '' THEN 1 ELSE length(sentences) - length(replace(sentences, ',', '')) + 1 END), 0)
     FROM paragraphs WHERE doc_id = ? AND idx < ?`,
  ).pluck().get(docId, idx) as number;
}

export interface AlignmentSide {
  alignmentId: number;
  level: AlignLevel;
  mode: AlignMode;
  /** The side the document is on. */
  side: 'a' | 'b';
  /** The document on the other side. */
  other: number;
}

/** Every alignment a document takes part in, with the side it is on. */
export function alignmentsOf(db: ReadDb, docId: number): AlignmentSide[] {
  const rows = stmt(db, 'SELECT id, doc_a, doc_b, level, mode FROM alignments WHERE doc_a = ? OR doc_b = ? ORDER BY id').all(docId, docId) as Array<{
    id: number; doc_a: number; doc_b: number; level: AlignLevel; mode: AlignMode;
  }>;
  return rows.map((r) => ({ alignmentId: r.id, level: r.level, mode: r.mode, side: r.doc_a === docId ? 'a' : 'b', other: r.doc_a === docId ? r.doc_b : r.doc_a }));
}

/** Ids of the links with a segment in [lo, hi) on one side, through the position index. */
export function linkIdsInRange(db: ReadDb, alignmentId: number, side: 'a' | 'b', lo: number, hi: number): number[] {
  return stmt(db, 'SELECT DISTINCT link_id FROM link_segments WHERE alignment_id = ? AND side = ? AND idx >= ? AND idx < ?')
    .pluck()
    .all(alignmentId, side, lo, hi) as number[];
}

/**
 * Moves every segment at or after `from` on one side by `delta`. The rows go
 * through negative positions first, so no two ever collide on the primary key
 * halfway through.
 */
export function shiftLinkSegments(db: WriteDb, alignmentId: number, side: 'a' | 'b', from: number, delta: number): void {
  if (delta === 0) return;
  stmt(db, 'UPDATE link_segments SET idx = -1 - (idx + ?) WHERE alignment_id = ? AND side = ? AND idx >= ?').run(delta, alignmentId, side, from);
  stmt(db, 'UPDATE link_segments SET idx = -1 - idx WHERE alignment_id = ? AND side = ? AND idx < 0').run(alignmentId, side);
}

/** Parks a document's paragraphs from `from` on at negative positions, so a run of them can be rewritten. */
export function parkParagraphs(db: WriteDb, docId: number, from: number): void {
  stmt(db, 'UPDATE paragraphs SET idx = -1 - idx WHERE doc_id = ? AND idx >= ?').run(docId, from);
}

/** Brings parked paragraphs back, `delta` places further on; those in `except` stay parked (to be deleted). */
export function unparkParagraphs(db: WriteDb, docId: number, delta: number, except: number[]): void {
  stmt(db, 'UPDATE paragraphs SET idx = -1 - idx + ? WHERE doc_id = ? AND idx < 0 AND id NOT IN (SELECT value FROM json_each(?))')
    .run(delta, docId, JSON.stringify(except));
}

export function putParagraphRow(db: WriteDb, docId: number, row: ParagraphRow): void {
  stmt(
    db,
    `INSERT INTO paragraphs (id, doc_id, idx, text, edited_text, sentences, status, gap) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET idx = excluded.idx, text = excluded.text, edited_text = excluded.edited_text,
       sentences = excluded.sentences, status = excluded.status, gap = excluded.gap`,
  ).run(row.id, docId, row.idx, row.text, row.edited_text, row.sentences, row.status, row.gap);
}

export function deleteParagraphRow(db: WriteDb, id: number): void {
  stmt(db, 'DELETE FROM paragraphs WHERE id = ?').run(id);
}

/** The search index is being rebuilt as a whole (after a bulk import): rows need no upkeep one by one. */
export function fullTextPending(db: ReadDb): boolean {
  return deferrals(db).length > 0;
}

export function removeFromFullText(db: WriteDb, id: number, text: string): void {
  stmt(db, "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', ?, ?)").run(id, text);
}

export function addToFullText(db: WriteDb, id: number, text: string): void {
  stmt(db, 'INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)').run(id, text);
}

export function mentionsOn(db: ReadDb, paragraphIds: number[]): MentionRow[] {
  return stmt(db, 'SELECT * FROM mentions WHERE paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(paragraphIds)) as MentionRow[];
}

export function putMentionRow(db: WriteDb, row: MentionRow): void {
  stmt(
    db,
    `INSERT INTO mentions (id, fact_id, paragraph_id, start, end, quote, origin, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET fact_id = excluded.fact_id, paragraph_id = excluded.paragraph_id, start = excluded.start, end = excluded.end,
       quote = excluded.quote, origin = excluded.origin, annotator_id = excluded.annotator_id, created_at = excluded.created_at`,
  ).run(row.id, row.fact_id, row.paragraph_id, row.start, row.end, row.quote, row.origin, row.annotator_id, row.created_at);
}

export function deleteMentionRow(db: WriteDb, id: number): void {
  stmt(db, 'DELETE FROM mentions WHERE id = ?').run(id);
}

export function rejectionsOn(db: ReadDb, paragraphIds: number[]): RejectionRow[] {
  return stmt(db, 'SELECT fact_id, paragraph_id, annotator_id, created_at FROM suggestion_rejections WHERE paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY fact_id, paragraph_id')
    .all(JSON.stringify(paragraphIds)) as RejectionRow[];
}

export function deleteRejectionsOn(db: WriteDb, paragraphIds: number[]): void {
  stmt(db, 'DELETE FROM suggestion_rejections WHERE paragraph_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(paragraphIds));
}

export function putRejectionRow(db: WriteDb, row: RejectionRow): void {
  stmt(db, 'INSERT OR IGNORE INTO suggestion_rejections (fact_id, paragraph_id, annotator_id, created_at) VALUES (?, ?, ?, ?)').run(row.fact_id, row.paragraph_id, row.annotator_id, row.created_at);
}

export function adjustDocumentCounts(db: WriteDb, docId: number, paragraphs: number, sentences: number, characters: number): void {
  stmt(db, 'UPDATE documents SET paragraph_count = paragraph_count + ?, sentence_count = sentence_count + ?, characters = characters + ? WHERE id = ?')
    .run(paragraphs, sentences, characters, docId);
}

/** The first id after every one a table holds, for rows a change creates and must be able to create again (redo). */
export function nextId(db: ReadDb, table: 'paragraphs' | 'links' | 'mentions'): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);
}

export function idTaken(db: ReadDb, table: 'paragraphs' | 'links' | 'mentions', id: number): boolean {
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}
