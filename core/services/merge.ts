import { copyParagraphCodes } from '../../db/queries/codes';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { getDocumentMeta, insertDocumentMeta } from '../../db/queries/document-meta';

interface DocRow {
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

export interface MergeReport {
  documentsAdded: number;
  alignmentsAdded: number;
  linksAdded: number;
  factsAdded: number;
  mentionsAdded: number;
  rejectionsAdded: number;
  mtCacheAdded: number;
}

/**
 * Copies into `target` everything of `source` that target lacks, keeping both
 * annotators' work side by side. Documents are matched by content hash (a
 * translation by its own hash and its original's), paragraphs by position,
 * annotators by name. Facts are never merged with each other: two annotators'
 * facts stay two facts, with their own mentions, so agreement can be measured.
 * Links are matched by their segments, status and annotator.
 */
export function mergeProjects(target: Db, source: Db): MergeReport {
  const report: MergeReport = { documentsAdded: 0, alignmentsAdded: 0, linksAdded: 0, factsAdded: 0, mentionsAdded: 0, rejectionsAdded: 0, mtCacheAdded: 0 };
  const docMap = new Map<number, number>();
  const paraMap = new Map<number, number>();
  const annotatorMap = new Map<number, number | null>();
  const mapAnnotator = (id: number | null): number | null => {
    if (id === null) return null;
    if (!annotatorMap.has(id)) {
      const row = source.prepare('SELECT name FROM annotators WHERE id = ?').get(id) as { name: string } | undefined;
      annotatorMap.set(id, row ? getOrCreateAnnotator(target, row.name) : null);
    }
    return annotatorMap.get(id)!;
  };

  writeTransaction(target, () => {
    const docs = source.prepare('SELECT d.*, c.name AS collection FROM documents d LEFT JOIN collections c ON c.id = d.collection_id ORDER BY (d.translation_of IS NOT NULL), d.id').all() as DocRow[];
    for (const d of docs) {
      const originalInTarget = d.translation_of === null ? null : docMap.get(d.translation_of) ?? null;
      if (d.translation_of !== null && originalInTarget === null) continue;
      const existing = (d.translation_of === null
        ? target.prepare('SELECT id FROM documents WHERE content_hash = ? AND translation_of IS NULL').get(d.content_hash)
        : target.prepare('SELECT id FROM documents WHERE content_hash = ? AND translation_of = ?').get(d.content_hash, originalInTarget)) as { id: number } | undefined;
      let id: number;
      if (existing) id = existing.id;
      else {
        let collectionId: number | null = null;
        if (d.collection) {
          const c = target.prepare('SELECT id FROM collections WHERE name = ?').get(d.collection) as { id: number } | undefined;
          collectionId = c?.id ?? Number(target.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)').run(d.collection, d.created_at).lastInsertRowid);
        }
        id = Number(
          target
            .prepare(`INSERT INTO documents (collection_id, title, source, format, lang, lang_confidence, mt_detected_lang, other_languages, content_hash, translation_of, provenance, characters, paragraph_count, sentence_count, created_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(collectionId, d.title, d.source, d.format, d.lang, d.lang_confidence, d.mt_detected_lang, d.other_languages, d.content_hash, originalInTarget, d.provenance, d.characters, d.paragraph_count, d.sentence_count, d.created_at).lastInsertRowid,
        );
        report.documentsAdded++;
        const meta = getDocumentMeta(source, d.id);
        if (meta) insertDocumentMeta(target, id, meta);
        const paras = source.prepare('SELECT * FROM paragraphs WHERE doc_id = ? ORDER BY idx').all(d.id) as Array<{ id: number; idx: number; text: string; edited_text: string | null; sentences: string; status: string; gap: string | null }>;
        for (const p of paras) {
          const pid = Number(target.prepare('INSERT INTO paragraphs (doc_id, idx, text, edited_text, sentences, status, gap) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, p.idx, p.text, p.edited_text, p.sentences, p.status, p.gap).lastInsertRowid);
          target.prepare('INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)').run(pid, p.text);
          copyParagraphCodes(source, p.id, target, pid);
        }
      }
      docMap.set(d.id, id);
      const targetParas = new Map((target.prepare('SELECT id, idx FROM paragraphs WHERE doc_id = ?').all(id) as Array<{ id: number; idx: number }>).map((p) => [p.idx, p.id]));
      for (const p of source.prepare('SELECT id, idx FROM paragraphs WHERE doc_id = ?').all(d.id) as Array<{ id: number; idx: number }>) {
        const tid = targetParas.get(p.idx);
        if (tid !== undefined) paraMap.set(p.id, tid);
      }
    }

    const alignments = source.prepare('SELECT * FROM alignments').all() as Array<{ id: number; doc_a: number; doc_b: number; level: string; mode: string; created_at: string; updated_at: string }>;
    for (const a of alignments) {
      const docA = docMap.get(a.doc_a);
      const docB = docMap.get(a.doc_b);
      if (docA === undefined || docB === undefined) continue;
      let row = target.prepare('SELECT id FROM alignments WHERE doc_a = ? AND doc_b = ? AND level = ? AND mode = ?').get(docA, docB, a.level, a.mode) as { id: number } | undefined;
      if (!row) {
        row = { id: Number(target.prepare('INSERT INTO alignments (doc_a, doc_b, level, mode, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(docA, docB, a.level, a.mode, a.created_at, a.updated_at).lastInsertRowid) };
        report.alignmentsAdded++;
      }
      const signature = (db: Db, linkId: number) =>
        (db.prepare("SELECT side || idx AS s FROM link_segments WHERE link_id = ? ORDER BY side, idx").all(linkId) as { s: string }[]).map((r) => r.s).join(',');
      const existing = new Set(
        (target.prepare('SELECT l.id, l.status, an.name AS annotator FROM links l LEFT JOIN annotators an ON an.id = l.annotator_id WHERE alignment_id = ?').all(row.id) as Array<{ id: number; status: string; annotator: string | null }>).map(
          (l) => `${signature(target, l.id)}|${l.status}|${l.annotator ?? ''}`,
        ),
      );
      const links = source.prepare('SELECT l.*, an.name AS annotator FROM links l LEFT JOIN annotators an ON an.id = l.annotator_id WHERE alignment_id = ?').all(a.id) as Array<{ id: number; origin: string; status: string; confidence: number; annotator_id: number | null; annotator: string | null; created_at: string; updated_at: string }>;
      for (const l of links) {
        const key = `${signature(source, l.id)}|${l.status}|${l.annotator ?? ''}`;
        if (existing.has(key)) continue;
        existing.add(key);
        const lid = Number(target.prepare('INSERT INTO links (alignment_id, origin, status, confidence, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(row.id, l.origin, l.status, l.confidence, mapAnnotator(l.annotator_id), l.created_at, l.updated_at).lastInsertRowid);
        for (const s of source.prepare('SELECT side, idx FROM link_segments WHERE link_id = ?').all(l.id) as Array<{ side: string; idx: number }>) {
          target.prepare('INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (?, ?, ?, ?)').run(lid, row.id, s.side, s.idx);
        }
        report.linksAdded++;
      }
    }

    const facts = source.prepare('SELECT f.*, an.name AS annotator FROM facts f LEFT JOIN annotators an ON an.id = f.annotator_id').all() as Array<{ id: number; label: string; description: string; type: string; roles: string; annotator_id: number | null; annotator: string | null; created_at: string; updated_at: string }>;
    for (const f of facts) {
      const same = target
        .prepare('SELECT f.id FROM facts f LEFT JOIN annotators an ON an.id = f.annotator_id WHERE f.label = ? AND f.created_at = ? AND coalesce(an.name, \'\') = ?')
        .get(f.label, f.created_at, f.annotator ?? '') as { id: number } | undefined;
      let fid: number;
      if (same) fid = same.id;
      else {
        fid = Number(target.prepare('INSERT INTO facts (label, description, type, roles, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(f.label, f.description, f.type, f.roles, mapAnnotator(f.annotator_id), f.created_at, f.updated_at).lastInsertRowid);
        report.factsAdded++;
      }
      const mentions = source.prepare('SELECT * FROM mentions WHERE fact_id = ?').all(f.id) as Array<{ paragraph_id: number; start: number; end: number; quote: string; origin: string; annotator_id: number | null; created_at: string }>;
      for (const m of mentions) {
        const pid = paraMap.get(m.paragraph_id);
        if (pid === undefined) continue;
        const dup = target.prepare('SELECT 1 FROM mentions WHERE fact_id = ? AND paragraph_id = ? AND start = ? AND end = ?').get(fid, pid, m.start, m.end);
        if (dup) continue;
        target.prepare('INSERT INTO mentions (fact_id, paragraph_id, start, end, quote, origin, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(fid, pid, m.start, m.end, m.quote, m.origin, mapAnnotator(m.annotator_id), m.created_at);
        report.mentionsAdded++;
      }
      for (const r of source.prepare('SELECT * FROM suggestion_rejections WHERE fact_id = ?').all(f.id) as Array<{ paragraph_id: number; annotator_id: number | null; created_at: string }>) {
        const pid = paraMap.get(r.paragraph_id);
        if (pid === undefined) continue;
        const info = target.prepare('INSERT OR IGNORE INTO suggestion_rejections (fact_id, paragraph_id, annotator_id, created_at) VALUES (?, ?, ?, ?)').run(fid, pid, mapAnnotator(r.annotator_id), r.created_at);
        report.rejectionsAdded += info.changes;
      }
    }

    const cache = source.prepare('SELECT * FROM mt_cache').all() as Array<Record<string, unknown>>;
    const put = target.prepare('INSERT OR IGNORE INTO mt_cache (key, provider, source_lang, target_lang, source_text, translated_text, detected_source_lang, billed_characters, created_at) VALUES (@key, @provider, @source_lang, @target_lang, @source_text, @translated_text, @detected_source_lang, @billed_characters, @created_at)');
    for (const row of cache) report.mtCacheAdded += put.run(row).changes;
  });
  return report;
}

export function assertDistinct(a: string, b: string, out: string): void {
  const norm = (p: string) => p.replace(/\/+$/, '');
  if (norm(out) === norm(a) || norm(out) === norm(b)) throw new TandemError('invalid-input', '--out must be a new file, not one of the projects being merged');
}
