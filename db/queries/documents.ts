import type { ReadDb, WriteDb } from '../open';
import { stmt } from '../statements';
import { now } from '../clock';
import { isDeferring, noteUnindexed, rebuildFullText, startDeferral } from './fulltext';
import type { DocumentSummary, OtherLanguage, Paragraph, ParagraphStatus, Provenance } from '../../common/types';
import { LANG_UNSURE_BELOW } from '../../common/languages';
import { META_COLUMNS, metaFromRow, type DocumentMetaRow } from './document-meta';

export interface NewDocument {
  collectionId: number | null;
  title: string;
  source: string;
  format: string;
  lang: string;
  langConfidence: number;
  contentHash: string;
  translationOf: number | null;
  provenance: Provenance;
  characters: number;
  paragraphCount: number;
  sentenceCount: number;
  /** Paragraphs identified in other languages. */
  otherLanguages?: OtherLanguage[];
}

export { now };

export function getOrCreateCollection(db: WriteDb, name: string): number {
  const row = stmt(db, 'SELECT id FROM collections WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return row.id;
  // Another program may create the same one at the same moment.
  stmt(db, 'INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, now());
  return (stmt(db, 'SELECT id FROM collections WHERE name = ?').get(name) as { id: number }).id;
}

export function insertDocument(db: WriteDb, doc: NewDocument): number {
  const info = stmt(
      db,
      `INSERT INTO documents (collection_id, title, source, format, lang, lang_confidence, content_hash,
         translation_of, provenance, characters, paragraph_count, sentence_count, created_at, other_languages)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      doc.collectionId, doc.title, doc.source, doc.format, doc.lang, doc.langConfidence, doc.contentHash,
      doc.translationOf, JSON.stringify(doc.provenance), doc.characters, doc.paragraphCount, doc.sentenceCount, now(),
      JSON.stringify(doc.otherLanguages ?? []),
    );
  return Number(info.lastInsertRowid);
}

export function findOriginalByHash(db: ReadDb, hash: string): number | undefined {
  const row = stmt(db, 'SELECT id FROM documents WHERE content_hash = ? AND translation_of IS NULL').get(hash) as { id: number } | undefined;
  return row?.id;
}

export function findTranslationByHash(db: ReadDb, originalId: number, hash: string): number | undefined {
  const row = stmt(db, 'SELECT id FROM documents WHERE translation_of = ? AND content_hash = ?').get(originalId, hash) as { id: number } | undefined;
  return row?.id;
}

interface DocRow extends DocumentMetaRow {
  id: number;
  title: string;
  source: string;
  lang: string;
  lang_confidence: number;
  mt_detected_lang: string | null;
  other_languages: string;
  collection: string | null;
  paragraph_count: number;
  sentence_count: number;
  characters: number;
  translation_of: number | null;
  translations: string | null;
  provenance: string;
  created_at: string;
}

const SUMMARY_SQL = `
  SELECT d.id, d.title, d.source, d.lang, d.lang_confidence, d.mt_detected_lang, d.other_languages, c.name AS collection, d.paragraph_count,
         d.sentence_count, d.characters, d.translation_of, d.provenance, d.created_at,
         (SELECT group_concat(t.id) FROM documents t WHERE t.translation_of = d.id) AS translations,
         ${META_COLUMNS}
  FROM documents d LEFT JOIN collections c ON c.id = d.collection_id
  LEFT JOIN document_meta m ON m.doc_id = d.id`;

function toSummary(r: DocRow): DocumentSummary {
  const meta = metaFromRow(r);
  return {
    id: r.id,
    title: r.title,
    source: r.source,
    lang: r.lang,
    langConfidence: r.lang_confidence,
    langUnsure: r.lang_confidence < LANG_UNSURE_BELOW,
    mtDetectedLang: r.mt_detected_lang,
    otherLanguages: JSON.parse(r.other_languages) as OtherLanguage[],
    collection: r.collection,
    paragraphs: r.paragraph_count,
    sentences: r.sentence_count,
    characters: r.characters,
    translationOf: r.translation_of,
    translations: r.translations ? r.translations.split(',').map(Number).sort((a, b) => a - b) : [],
    provenance: JSON.parse(r.provenance) as Provenance,
    createdAt: r.created_at,
    ...(meta ? { meta } : {}),
  };
}

export function listDocuments(db: ReadDb): DocumentSummary[] {
  return (db.prepare(`${SUMMARY_SQL} ORDER BY d.id`).all() as DocRow[]).map(toSummary);
}

/** Ids of the original documents (not translations), oldest first. */
export function originalIds(db: ReadDb): number[] {
  return (db.prepare('SELECT id FROM documents WHERE translation_of IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export function getDocumentSummary(db: ReadDb, id: number): DocumentSummary | undefined {
  const row = db.prepare(`${SUMMARY_SQL} WHERE d.id = ?`).get(id) as DocRow | undefined;
  return row ? toSummary(row) : undefined;
}

export function findDocumentsBySource(db: ReadDb, source: string): number[] {
  return (db.prepare('SELECT id FROM documents WHERE source = ? ORDER BY id').all(source) as { id: number }[]).map((r) => r.id);
}

/** A language a person chose (or accepted) is certain: confidence 1. */
export function setDocumentLanguage(db: WriteDb, id: number, lang: string, confidence = 1): void {
  db.prepare('UPDATE documents SET lang = ?, lang_confidence = ? WHERE id = ?').run(lang, confidence, id);
}

export function setDocumentTitle(db: WriteDb, id: number, title: string): void {
  db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(title, id);
}

/** The language a translation engine detected in a document it was left to detect; null clears it. */
export function setMtDetectedLanguage(db: WriteDb, id: number, lang: string | null): void {
  db.prepare('UPDATE documents SET mt_detected_lang = ? WHERE id = ?').run(lang, id);
}

/** The fields a person can change on a document, as undo and redo restore them. */
export interface DocumentLabels {
  title: string;
  lang: string;
  langConfidence: number;
}

export function getDocumentLabels(db: ReadDb, id: number): DocumentLabels | undefined {
  const row = db.prepare('SELECT title, lang, lang_confidence FROM documents WHERE id = ?').get(id) as { title: string; lang: string; lang_confidence: number } | undefined;
  return row ? { title: row.title, lang: row.lang, langConfidence: row.lang_confidence } : undefined;
}

export function setDocumentLabels(db: WriteDb, id: number, labels: DocumentLabels): void {
  db.prepare('UPDATE documents SET title = ?, lang = ?, lang_confidence = ? WHERE id = ?').run(labels.title, labels.lang, labels.langConfidence, id);
}

export function setProvenance(db: WriteDb, id: number, provenance: Provenance): void {
  db.prepare('UPDATE documents SET provenance = ? WHERE id = ?').run(JSON.stringify(provenance), id);
}

export function encodeSpans(spans: Array<[number, number]>): string {
  return spans.map(([s, e]) => `${s}:${e}`).join(',');
}

export function decodeSpans(value: string | null): Array<[number, number]> {
  return value ? value.split(',').map((s) => s.split(':').map(Number) as [number, number]) : [];
}

/**
 * For a bulk import, the full-text index is built once at the end, which is
 * much faster than row by row. See fulltext.ts for how this stays safe when
 * other programs write the project, or the import is killed.
 */
export function deferFullText(db: WriteDb): void {
  startDeferral(db);
}

export { rebuildFullText };

/** Rows per INSERT statement when a whole document's paragraphs are stored at once, largest first. */
const PARAGRAPH_BATCHES = [50, 16, 4, 1];

const INSERT_PARAGRAPH_ROWS = new Map(
  PARAGRAPH_BATCHES.map((rows) => [rows, `INSERT INTO paragraphs (doc_id, idx, text, sentences, status) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')}`]),
);

/**
 * Stores a document's paragraphs, idx 0, 1, … in order, with their sentence
 * spans already encoded (see encodeSpans): many rows per statement, through
 * statements prepared once per connection, and their index entries in one
 * statement (none while a bulk import defers the index).
 */
export function insertParagraphs(db: WriteDb, docId: number, texts: readonly string[], spans: readonly string[], status: ParagraphStatus = 'initial'): void {
  const args: unknown[] = [];
  let i = 0;
  // Few statement shapes (50, 16, 4 and 1 rows), so a connection prepares at most four.
  for (const rows of PARAGRAPH_BATCHES) {
    for (; i + rows <= texts.length; i += rows) {
      args.length = 0;
      for (let k = i; k < i + rows; k++) args.push(docId, k, texts[k], spans[k] ?? '', status);
      stmt(db, INSERT_PARAGRAPH_ROWS.get(rows)!).run(args);
    }
  }
  if (!texts.length) return;
  if (isDeferring(db)) noteUnindexed(db, docId);
  else stmt(db, 'INSERT INTO paragraphs_fts (rowid, text) SELECT id, text FROM paragraphs WHERE doc_id = ? ORDER BY idx').run(docId);
}

/** A post-edit beside the raw text, which is never overwritten. */
export function setParagraphEdit(db: WriteDb, id: number, edited: string | null, status: string): void {
  stmt(db, 'UPDATE paragraphs SET edited_text = ?, status = ? WHERE id = ?').run(edited, status, id);
}

interface ParagraphRow {
  id: number;
  idx: number;
  text: string;
  edited_text: string | null;
  status: ParagraphStatus;
  spans: string | null;
}

export function getParagraphs(db: ReadDb, docId: number): Paragraph[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.idx, p.text, p.edited_text, p.status, p.sentences AS spans
       FROM paragraphs p WHERE p.doc_id = ? ORDER BY p.idx`,
    )
    .all(docId) as ParagraphRow[];
  return rows.map((r) => ({
    id: r.id,
    index: r.idx,
    text: r.text,
    edited: r.edited_text,
    status: r.status,
    sentences: decodeSpans(r.spans),
  }));
}

export function getParagraphByIndex(db: ReadDb, docId: number, idx: number): Paragraph | undefined {
  return getParagraphs(db, docId).find((p) => p.index === idx);
}

export function getParagraphById(db: ReadDb, id: number): (Paragraph & { docId: number }) | undefined {
  const row = db.prepare('SELECT doc_id FROM paragraphs WHERE id = ?').get(id) as { doc_id: number } | undefined;
  if (!row) return undefined;
  const p = getParagraphs(db, row.doc_id).find((x) => x.id === id);
  return p ? { ...p, docId: row.doc_id } : undefined;
}

export function getSetting(db: ReadDb, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function deleteSetting(db: WriteDb, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}

export function setSetting(db: WriteDb, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getOrCreateAnnotator(db: WriteDb, name: string): number {
  const row = db.prepare('SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return row.id;
  // Another program may create the same one at the same moment.
  db.prepare('INSERT INTO annotators (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, now());
  return (db.prepare('SELECT id FROM annotators WHERE name = ?').get(name) as { id: number }).id;
}

/** A project's own additions to the abbreviation lists, per language. */
export function getProjectAbbreviations(db: ReadDb): Record<string, string[]> {
  const raw = getSetting(db, 'abbreviations');
  return raw ? (JSON.parse(raw) as Record<string, string[]>) : {};
}

export function addProjectAbbreviations(db: WriteDb, lang: string, words: string[]): string[] {
  const all = getProjectAbbreviations(db);
  const set = new Set(all[lang] ?? []);
  for (const w of words) {
    const t = w.trim().replace(/\.$/, '');
    if (t) set.add(t);
  }
  all[lang] = [...set].sort();
  setSetting(db, 'abbreviations', JSON.stringify(all));
  return all[lang];
}
