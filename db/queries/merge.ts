import type { ReadDb, WriteDb } from '../open';

/**
 * What merging two copies of a project reads from the one merged in and
 * writes into the other. Rows are copied as stored (ids aside), so the
 * statements name every column they carry across.
 */

export interface MergeDocumentRow {
  id: number;
  collection: string | null;
  title: string;
  source: string;
  format: string;
  lang: string;
  lang_confidence: number;
  mt_detected_lang: string | null;
  other_languages: string;
  content_hash: string;
  translation_of: number | null;
  provenance: string;
  characters: number;
  paragraph_count: number;
  sentence_count: number;
  created_at: string;
}

export interface MergeParagraphRow {
  id: number;
  idx: number;
  text: string;
  edited_text: string | null;
  sentences: string;
  status: string;
  gap: string | null;
}

export interface MergeAlignmentRow {
  id: number;
  doc_a: number;
  doc_b: number;
  level: string;
  mode: string;
  created_at: string;
  updated_at: string;
}

export interface MergeLinkRow {
  id: number;
  origin: string;
  status: string;
  confidence: number;
  annotator_id: number | null;
  annotator: string | null;
  created_at: string;
  updated_at: string;
}

export interface MergeFactRow {
  id: number;
  label: string;
  description: string;
  type: string;
  roles: string;
  annotator_id: number | null;
  annotator: string | null;
  created_at: string;
  updated_at: string;
}

export interface MergeMentionRow {
  paragraph_id: number;
  start: number;
  end: number;
  quote: string;
  origin: string;
  annotator_id: number | null;
  created_at: string;
}

export interface MergeRejectionRow {
  paragraph_id: number;
  annotator_id: number | null;
  created_at: string;
}

export type MtCacheRow = Record<string, unknown>;

export function annotatorNameById(db: ReadDb, id: number): string | undefined {
  return (db.prepare('SELECT name FROM annotators WHERE id = ?').get(id) as { name: string } | undefined)?.name;
}

/** Every document with its story's name, originals before translations. */
export function documentsForMerge(db: ReadDb): MergeDocumentRow[] {
  return db.prepare('SELECT d.*, c.name AS collection FROM documents d LEFT JOIN collections c ON c.id = d.collection_id ORDER BY (d.translation_of IS NOT NULL), d.id').all() as MergeDocumentRow[];
}

/** The document with this content: an original when `translationOf` is null, else a translation of that original. */
export function documentByContent(db: ReadDb, contentHash: string, translationOf: number | null): number | undefined {
  const row = (translationOf === null
    ? db.prepare('SELECT id FROM documents WHERE content_hash = ? AND translation_of IS NULL').get(contentHash)
    : db.prepare('SELECT id FROM documents WHERE content_hash = ? AND translation_of = ?').get(contentHash, translationOf)) as { id: number } | undefined;
  return row?.id;
}

/** The story of this name, created (with the given date) when missing. */
export function collectionForMerge(db: WriteDb, name: string, createdAt: string): number {
  const c = db.prepare('SELECT id FROM collections WHERE name = ?').get(name) as { id: number } | undefined;
  return c?.id ?? Number(db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)').run(name, createdAt).lastInsertRowid);
}

/** Copies a document row under a new id, in another story and (for a translation) of another original. */
export function insertMergedDocument(db: WriteDb, d: MergeDocumentRow, collectionId: number | null, translationOf: number | null): number {
  return Number(
    db
      .prepare(`INSERT INTO documents (collection_id, title, source, format, lang, lang_confidence, mt_detected_lang, other_languages, content_hash, translation_of, provenance, characters, paragraph_count, sentence_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(collectionId, d.title, d.source, d.format, d.lang, d.lang_confidence, d.mt_detected_lang, d.other_languages, d.content_hash, translationOf, d.provenance, d.characters, d.paragraph_count, d.sentence_count, d.created_at).lastInsertRowid,
  );
}

export function paragraphsForMerge(db: ReadDb, docId: number): MergeParagraphRow[] {
  return db.prepare('SELECT * FROM paragraphs WHERE doc_id = ? ORDER BY idx').all(docId) as MergeParagraphRow[];
}

/** Copies a paragraph into a document, and into the search index. */
export function insertMergedParagraph(db: WriteDb, docId: number, p: MergeParagraphRow): number {
  const pid = Number(db.prepare('INSERT INTO paragraphs (doc_id, idx, text, edited_text, sentences, status, gap) VALUES (?, ?, ?, ?, ?, ?, ?)').run(docId, p.idx, p.text, p.edited_text, p.sentences, p.status, p.gap).lastInsertRowid);
  db.prepare('INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)').run(pid, p.text);
  return pid;
}

/** A document's paragraph ids and indices, in no particular order. */
export function paragraphIdsOf(db: ReadDb, docId: number): Array<{ id: number; idx: number }> {
  return db.prepare('SELECT id, idx FROM paragraphs WHERE doc_id = ?').all(docId) as Array<{ id: number; idx: number }>;
}

export function alignmentsForMerge(db: ReadDb): MergeAlignmentRow[] {
  return db.prepare('SELECT * FROM alignments').all() as MergeAlignmentRow[];
}

export function alignmentIdFor(db: ReadDb, docA: number, docB: number, level: string, mode: string): number | undefined {
  return (db.prepare('SELECT id FROM alignments WHERE doc_a = ? AND doc_b = ? AND level = ? AND mode = ?').get(docA, docB, level, mode) as { id: number } | undefined)?.id;
}

export function insertMergedAlignment(db: WriteDb, docA: number, docB: number, a: MergeAlignmentRow): number {
  return Number(db.prepare('INSERT INTO alignments (doc_a, doc_b, level, mode, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(docA, docB, a.level, a.mode, a.created_at, a.updated_at).lastInsertRowid);
}

/** A link's segments as one string ("a3,a4,b7"), which identifies it within its alignment. */
export function linkSignature(db: ReadDb, linkId: number): string {
  return (db.prepare('SELECT side || idx AS s FROM link_segments WHERE link_id = ? ORDER BY side, idx').all(linkId) as { s: string }[]).map((r) => r.s).join(',');
}

/** An alignment's links with their annotators' names. */
export function linksForMerge(db: ReadDb, alignmentId: number): MergeLinkRow[] {
  return db.prepare('SELECT l.*, an.name AS annotator FROM links l LEFT JOIN annotators an ON an.id = l.annotator_id WHERE alignment_id = ?').all(alignmentId) as MergeLinkRow[];
}

export function linkSegmentsOf(db: ReadDb, linkId: number): Array<{ side: string; idx: number }> {
  return db.prepare('SELECT side, idx FROM link_segments WHERE link_id = ?').all(linkId) as Array<{ side: string; idx: number }>;
}

/** Copies a link and its segments into an alignment. */
export function insertMergedLink(db: WriteDb, alignmentId: number, l: MergeLinkRow, annotatorId: number | null, segments: Array<{ side: string; idx: number }>): number {
  const lid = Number(db.prepare('INSERT INTO links (alignment_id, origin, status, confidence, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(alignmentId, l.origin, l.status, l.confidence, annotatorId, l.created_at, l.updated_at).lastInsertRowid);
  for (const s of segments) db.prepare('INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (?, ?, ?, ?)').run(lid, alignmentId, s.side, s.idx);
  return lid;
}

export function factsForMerge(db: ReadDb): MergeFactRow[] {
  return db.prepare('SELECT f.*, an.name AS annotator FROM facts f LEFT JOIN annotators an ON an.id = f.annotator_id').all() as MergeFactRow[];
}

/** The fact with this label, date and annotator (no name: none), if there is one. */
export function sameFact(db: ReadDb, label: string, createdAt: string, annotator: string): number | undefined {
  return (db
    .prepare("SELECT f.id FROM facts f LEFT JOIN annotators an ON an.id = f.annotator_id WHERE f.label = ? AND f.created_at = ? AND coalesce(an.name, '') = ?")
    .get(label, createdAt, annotator) as { id: number } | undefined)?.id;
}

export function insertMergedFact(db: WriteDb, f: MergeFactRow, annotatorId: number | null): number {
  return Number(db.prepare('INSERT INTO facts (label, description, type, roles, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(f.label, f.description, f.type, f.roles, annotatorId, f.created_at, f.updated_at).lastInsertRowid);
}

export function mentionsForMerge(db: ReadDb, factId: number): MergeMentionRow[] {
  return db.prepare('SELECT * FROM mentions WHERE fact_id = ?').all(factId) as MergeMentionRow[];
}

export function hasMention(db: ReadDb, factId: number, paragraphId: number, start: number, end: number): boolean {
  return db.prepare('SELECT 1 FROM mentions WHERE fact_id = ? AND paragraph_id = ? AND start = ? AND end = ?').get(factId, paragraphId, start, end) !== undefined;
}

export function insertMergedMention(db: WriteDb, factId: number, paragraphId: number, m: MergeMentionRow, annotatorId: number | null): void {
  db.prepare('INSERT INTO mentions (fact_id, paragraph_id, start, end, quote, origin, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(factId, paragraphId, m.start, m.end, m.quote, m.origin, annotatorId, m.created_at);
}

export function rejectionsForMerge(db: ReadDb, factId: number): MergeRejectionRow[] {
  return db.prepare('SELECT * FROM suggestion_rejections WHERE fact_id = ?').all(factId) as MergeRejectionRow[];
}

/** Adds a rejected suggestion unless it is there already; the number of rows added (0 or 1). */
export function insertMergedRejection(db: WriteDb, factId: number, paragraphId: number, annotatorId: number | null, createdAt: string): number {
  return db.prepare('INSERT OR IGNORE INTO suggestion_rejections (fact_id, paragraph_id, annotator_id, created_at) VALUES (?, ?, ?, ?)').run(factId, paragraphId, annotatorId, createdAt).changes;
}

export function mtCacheRows(db: ReadDb): MtCacheRow[] {
  return db.prepare('SELECT * FROM mt_cache').all() as MtCacheRow[];
}

/** Adds the translations the cache lacks; the number added. */
export function insertMtCacheRows(db: WriteDb, rows: MtCacheRow[]): number {
  const put = db.prepare('INSERT OR IGNORE INTO mt_cache (key, provider, source_lang, target_lang, source_text, translated_text, detected_source_lang, billed_characters, created_at) VALUES (@key, @provider, @source_lang, @target_lang, @source_text, @translated_text, @detected_source_lang, @billed_characters, @created_at)');
  let added = 0;
  for (const row of rows) added += put.run(row).changes;
  return added;
}
