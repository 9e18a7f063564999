import type { ReadDb } from '../../db/open';
import { annotatorIdByName, annotatorNamesOf, confirmedLinksOfAnnotator, factsOfAnnotator, mentionsOfAnnotator, type AnnotatorMentionRow } from '../../db/queries/annotators';
import { originalIds } from '../../db/queries/documents';
import { TandemError } from '../../common/errors';
import type { AgreementReport, Prf } from '../../common/api';

export type { AgreementReport, Prf };

function prf(tpA: number, tpB: number, nA: number, nB: number): Prf {
  // Precision counts B's items found in A, recall A's items found in B, treating A as reference.
  const precision = nB ? tpB / nB : 0;
  const recall = nA ? tpA / nA : 0;
  return { precision: r4(precision), recall: r4(recall), f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) };
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function annotatorId(db: ReadDb, name: string): number {
  const id = annotatorIdByName(db, name);
  if (id === undefined) {
    const names = annotatorNamesOf(db);
    throw new TandemError('not-found', `No annotator "${name}" in this project. Annotators: ${names.join(', ') || 'none'}.`);
  }
  return id;
}

type MentionRow = AnnotatorMentionRow;

/** Cohen's kappa for two binary raters. */
export function cohensKappa(pairs: Array<[boolean, boolean]>): { kappa: number | null; observed: number; expected: number } {
  const n = pairs.length;
  if (!n) return { kappa: null, observed: 0, expected: 0 };
  let agree = 0;
  let aYes = 0;
  let bYes = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    if (a) aYes++;
    if (b) bYes++;
  }
  const po = agree / n;
  const pe = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
  const kappa = pe === 1 ? (po === 1 ? 1 : null) : (po - pe) / (1 - pe);
  return { kappa: kappa === null ? null : r4(kappa), observed: r4(po), expected: r4(pe) };
}

/**
 * Two annotators' facts are separate rows, so they are paired first: same
 * label (case and spacing ignored), then by the overlap of the paragraphs
 * they mention. Unpaired facts still count, as rows one annotator left empty.
 */
function pairFacts(factsA: Map<number, { label: string; paragraphs: Set<number> }>, factsB: Map<number, { label: string; paragraphs: Set<number> }>): Array<[number | null, number | null]> {
  const norm = (s: string) => s.toLowerCase().normalize('NFKC').replace(/\s+/g, ' ').trim();
  const pairs: Array<[number | null, number | null]> = [];
  const usedB = new Set<number>();
  const rest: number[] = [];
  for (const [ida, fa] of factsA) {
    const match = [...factsB].find(([idb, fb]) => !usedB.has(idb) && norm(fb.label) === norm(fa.label));
    if (match) {
      usedB.add(match[0]);
      pairs.push([ida, match[0]]);
    } else rest.push(ida);
  }
  const candidates: Array<{ a: number; b: number; j: number }> = [];
  for (const ida of rest) {
    for (const [idb, fb] of factsB) {
      if (usedB.has(idb)) continue;
      const pa = factsA.get(ida)!.paragraphs;
      let inter = 0;
      for (const p of pa) if (fb.paragraphs.has(p)) inter++;
      const j = inter / (pa.size + fb.paragraphs.size - inter || 1);
      if (j > 0) candidates.push({ a: ida, b: idb, j });
    }
  }
  candidates.sort((x, y) => y.j - x.j);
  const usedA = new Set<number>();
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push([c.a, c.b]);
  }
  for (const ida of rest) if (!usedA.has(ida)) pairs.push([ida, null]);
  for (const idb of factsB.keys()) if (!usedB.has(idb)) pairs.push([null, idb]);
  return pairs;
}

export function agreement(db: ReadDb, nameA: string, nameB: string): AgreementReport {
  const a = annotatorId(db, nameA);
  const b = annotatorId(db, nameB);
  const ma = mentionsOfAnnotator(db, a);
  const mb = mentionsOfAnnotator(db, b);
  const factsOf = (id: number, mentions: MentionRow[]) => {
    const facts = new Map<number, { label: string; paragraphs: Set<number>; docs: Set<number> }>();
    for (const f of factsOfAnnotator(db, id)) facts.set(f.id, { label: f.label, paragraphs: new Set(), docs: new Set() });
    for (const m of mentions) {
      facts.get(m.fact_id)?.paragraphs.add(m.paragraph_id);
      facts.get(m.fact_id)?.docs.add(m.doc_id);
    }
    return facts;
  };
  const fa = factsOf(a, ma);
  const fb = factsOf(b, mb);
  const articles = originalIds(db);
  const paired = pairFacts(fa, fb);
  const cells: Array<[boolean, boolean]> = [];
  for (const [x, y] of paired) {
    for (const doc of articles) cells.push([x !== null && fa.get(x)!.docs.has(doc), y !== null && fb.get(y)!.docs.has(doc)]);
  }
  const k = cohensKappa(cells);

  // Span agreement is measured on the spans themselves, whichever fact they were filed under.
  const exactKey = (m: MentionRow) => `${m.paragraph_id}:${m.start}:${m.end}`;
  const setA = new Set(ma.map(exactKey));
  const setB = new Set(mb.map(exactKey));
  const exactB = [...setB].filter((x) => setA.has(x)).length;
  const overlaps = (x: MentionRow, ys: MentionRow[]) => ys.some((y) => y.paragraph_id === x.paragraph_id && y.start < x.end && x.start < y.end);
  const ovA = ma.filter((m) => overlaps(m, mb)).length;
  const ovB = mb.filter((m) => overlaps(m, ma)).length;

  const linksOf = (id: number) => new Set(confirmedLinksOfAnnotator(db, id).map((r) => `${r.al}|${r.sig}`));
  const la = linksOf(a);
  const lb = linksOf(b);
  const common = [...la].filter((x) => lb.has(x)).length;

  return {
    annotators: [nameA, nameB],
    factGrid: { kappa: k.kappa, cells: cells.length, matchedFacts: paired.filter(([x, y]) => x !== null && y !== null).length, factsA: fa.size, factsB: fb.size, observed: k.observed, expected: k.expected },
    mentions: { exact: prf(exactB, exactB, setA.size, setB.size), overlap: prf(ovA, ovB, ma.length, mb.length), a: ma.length, b: mb.length },
    links: { f1: prf(common, common, la.size, lb.size), a: la.size, b: lb.size },
  };
}
