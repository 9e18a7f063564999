import type { ReadDb } from '../../db/open';
import { TandemError } from '../../common/errors';
import { getDocumentSummary, getParagraphs } from '../../db/queries/documents';
import { listFacts } from '../../db/queries/facts';
import type { FactGrid } from '../../common/api';

/**
 * A document's text, as the position selectors count it: its paragraphs
 * joined by one newline.
 */
export const PARAGRAPH_SEPARATOR = '\n';

const codePoints = (s: string) => [...s].length;

interface DocText {
  source: string;
  lang: string;
  /** Code-point offset of each paragraph's start in the document text. */
  starts: number[];
  texts: string[];
}

function docTexts(db: ReadDb): (docId: number) => DocText {
  const cache = new Map<number, DocText>();
  return (docId) => {
    let t = cache.get(docId);
    if (!t) {
      const doc = getDocumentSummary(db, docId);
      if (!doc) throw new TandemError('not-found', `No document ${docId}.`);
      const texts = getParagraphs(db, docId).map((p) => p.text);
      const starts: number[] = [];
      let at = 0;
      for (const text of texts) {
        starts.push(at);
        at += codePoints(text) + codePoints(PARAGRAPH_SEPARATOR);
      }
      t = { source: doc.source, lang: doc.lang, starts, texts };
      cache.set(docId, t);
    }
    return t;
  };
}

/** One line per fact, then one per mention (offsets are UTF-16 into the paragraph, as stored). */
export function factsToJsonl(db: ReadDb): string {
  const lines: string[] = [];
  const text = docTexts(db);
  const facts = listFacts(db);
  for (const f of facts) {
    lines.push(JSON.stringify({ type: 'fact', id: f.id, label: f.label, description: f.description, fact_type: f.type, roles: f.roles, annotator: f.annotator, created: f.createdAt, mentions: f.mentions.length }));
  }
  for (const f of facts) {
    for (const m of f.mentions) {
      const d = text(m.docId);
      lines.push(JSON.stringify({ type: 'mention', id: m.id, fact_id: f.id, fact_label: f.label, doc: m.docId, source: d.source, lang: d.lang, paragraph: m.paragraph + 1, start: m.start, end: m.end, quote: m.quote, origin: m.origin, annotator: m.annotator, created: m.createdAt }));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * Every mention as a W3C Web Annotation: the fact as a tagging body, the span
 * as a TextQuoteSelector (with some context) and a TextPositionSelector in
 * code points from the start of the document text.
 */
export function factsToWebAnnotation(db: ReadDb, projectName: string): Record<string, unknown> {
  const text = docTexts(db);
  const items: Record<string, unknown>[] = [];
  for (const f of listFacts(db)) {
    for (const m of f.mentions) {
      const d = text(m.docId);
      const para = d.texts[m.paragraph];
      const before = para.slice(0, m.start);
      const start = d.starts[m.paragraph] + codePoints(before);
      const end = start + codePoints(para.slice(m.start, m.end));
      items.push({
        id: `urn:tandem:mention:${m.id}`,
        type: 'Annotation',
        motivation: 'tagging',
        created: m.createdAt,
        ...(m.annotator ? { creator: { type: 'Person', name: m.annotator } } : {}),
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: f.label, id: `urn:tandem:fact:${f.id}` },
          ...(f.description ? [{ type: 'TextualBody', purpose: 'describing', value: f.description }] : []),
        ],
        target: {
          source: `urn:tandem:document:${m.docId}`,
          ...(d.lang ? { language: d.lang } : {}),
          selector: [
            { type: 'TextQuoteSelector', exact: m.quote, prefix: [...before].slice(-32).join(''), suffix: [...para.slice(m.end)].slice(0, 32).join('') },
            { type: 'TextPositionSelector', start, end },
          ],
        },
      });
    }
  }
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:tandem:collection:${encodeURIComponent(projectName)}`,
    type: 'AnnotationCollection',
    label: `Facts in ${projectName}`,
    total: items.length,
    first: { type: 'AnnotationPage', items },
  };
}

/** The text a TextPositionSelector counts in, for checking exports. */
export function documentText(db: ReadDb, docId: number): string {
  return getParagraphs(db, docId).map((p) => p.text).join(PARAGRAPH_SEPARATOR);
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The fact × article grid as CSV: one row per fact, one column per original article (its id and language). */
export function factGridCsv(grid: FactGrid): string {
  const lines = [['fact_id', 'label', 'articles', ...grid.docs.map((d) => `${d.id}:${d.lang}`)]];
  for (const r of grid.rows) lines.push([String(r.factId), r.label, String(r.articles), ...r.counts.map(String)]);
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\n')}\n`;
}
