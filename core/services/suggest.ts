import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { FactSuggestion } from '../../common/api';
import { buildIndex } from '../align';
import { getDocumentSummary, listDocuments } from '../../db/queries/documents';
import { getFactRow, rejectedParagraphs } from '../../db/queries/facts';
import { PIVOT_LANG, segmentsOf, translationInto } from './align';
import { getParagraphs } from '../../db/queries/documents';

/**
 * Paragraphs of the articles that most likely report a fact, found through
 * their pivot translations: each mentioned paragraph, as it reads in the
 * pivot language, queries a similarity index over every other paragraph of
 * the story in the pivot language. Paragraphs that already mention the fact,
 * or whose suggestion was rejected, are left out.
 */
export function suggestMentions(db: Db, factId: number, topK = 10): FactSuggestion[] {
  if (!getFactRow(db, factId)) throw new TandemError('not-found', `No fact ${factId}.`);
  const k = Math.max(1, Math.min(topK, 200));
  const mentioned = db
    .prepare('SELECT DISTINCT p.id, p.doc_id, p.idx FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id WHERE m.fact_id = ?')
    .all(factId) as Array<{ id: number; doc_id: number; idx: number }>;
  if (!mentioned.length) return [];
  const rejected = rejectedParagraphs(db, factId);
  const mentionedIds = new Set(mentioned.map((m) => m.id));
  const collections = new Set(mentioned.map((m) => getDocumentSummary(db, m.doc_id)!.collection));
  const originals = listDocuments(db).filter((d) => d.translationOf === null && collections.has(d.collection));

  const pivotCache = new Map<number, string[]>();
  const pivot = (docId: number): string[] => {
    let texts = pivotCache.get(docId);
    if (!texts) {
      const t = translationInto(db, docId, PIVOT_LANG);
      texts = segmentsOf(db, t ?? docId, 'paragraph').texts;
      pivotCache.set(docId, texts);
    }
    return texts;
  };

  const candidates: Array<{ id: string; text: string }> = [];
  const meta = new Map<string, { docId: number; paragraph: number; paragraphId: number; text: string; lang: string }>();
  for (const doc of originals) {
    const paras = getParagraphs(db, doc.id);
    const texts = pivot(doc.id);
    paras.forEach((p, i) => {
      const key = `${doc.id}:${i}`;
      candidates.push({ id: key, text: texts[i] ?? p.text });
      meta.set(key, { docId: doc.id, paragraph: i, paragraphId: p.id, text: p.text, lang: doc.lang });
    });
  }
  const index = buildIndex(candidates);
  const best = new Map<string, number>();
  for (const m of mentioned) {
    const query = pivot(m.doc_id)[m.idx];
    if (!query) continue;
    for (const hit of index.query(query, k * 4 + mentioned.length)) {
      const key = String(hit.id);
      const info = meta.get(key)!;
      if (mentionedIds.has(info.paragraphId) || rejected.has(info.paragraphId)) continue;
      best.set(key, Math.max(best.get(key) ?? 0, hit.score));
    }
  }
  return [...best.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, k)
    .map(([key, score]) => {
      const info = meta.get(key)!;
      return { docId: info.docId, paragraph: info.paragraph, score: Math.round(score * 1000) / 1000, text: info.text, lang: info.lang };
    });
}
