import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { AlignOptions } from '../../common/api';
import type { AlignLevel, AlignMode, AlignmentView } from '../../common/types';
import { alignParallel, alignComparable, translationPerSentence, type BeadSpan } from '../align';
import { baseLang } from '../text';
import { createAlignment, findAlignment, getAlignmentRow, getAlignmentSettingsRecord, getLinks, insertLink, type StoredLink } from '../../db/queries/alignments';
import { getDocumentSummary, getParagraphs, listDocuments, now } from '../../db/queries/documents';
import type { History } from './history';
import { alignmentView, replaceLinks, type ReplaceOptions } from './links';
import { PIVOT_LANG, StoryService } from './story';

/** The language every article is compared through in comparable mode. */
export { PIVOT_LANG };

export interface Segments {
  texts: string[];
  /** For sentence level: the paragraph index of each sentence. */
  paragraphOf: number[];
}

export function segmentsOf(db: Db, docId: number, level: AlignLevel): Segments {
  const paragraphs = getParagraphs(db, docId);
  if (level === 'paragraph') return { texts: paragraphs.map((p) => p.edited ?? p.text), paragraphOf: paragraphs.map((p) => p.index) };
  const texts: string[] = [];
  const paragraphOf: number[] = [];
  for (const p of paragraphs) {
    const spans = p.sentences.length ? p.sentences : [[0, p.text.length] as [number, number]];
    for (const [s, e] of spans) {
      texts.push(p.text.slice(s, e));
      paragraphOf.push(p.index);
    }
  }
  return { texts, paragraphOf };
}

/**
 * The translation `translationId` of the document behind `seg`, one line per segment of `seg`.
 * Its paragraphs line up with the original's (see translationInto); at sentence level each
 * translated paragraph is shared out over the original paragraph's sentences.
 */
export function translationPerSegment(db: Db, seg: Segments, translationId: number, level: AlignLevel): string[] {
  const tr = segmentsOf(db, translationId, level);
  if (level === 'paragraph') return tr.texts;
  const byParagraph = new Map<number, string[]>();
  tr.paragraphOf.forEach((p, k) => {
    const list = byParagraph.get(p);
    if (list) list.push(tr.texts[k]);
    else byParagraph.set(p, [tr.texts[k]]);
  });
  const out: string[] = new Array(seg.texts.length);
  for (let k = 0; k < seg.texts.length; ) {
    const p = seg.paragraphOf[k];
    let e = k;
    while (e < seg.texts.length && seg.paragraphOf[e] === p) e++;
    const lines = translationPerSentence(seg.texts.slice(k, e), byParagraph.get(p) ?? []);
    for (let q = k; q < e; q++) out[q] = lines[q - k];
    k = e;
  }
  return out;
}

/** A translation of `docId` into `lang` whose paragraphs line up with the original's, if there is one. */
export function translationInto(db: Db, docId: number, lang: string): number | null {
  const doc = getDocumentSummary(db, docId);
  if (!doc) return null;
  if (baseLang(doc.lang) === baseLang(lang)) return docId;
  for (const t of doc.translations) {
    const tr = getDocumentSummary(db, t)!;
    if (baseLang(tr.lang) === baseLang(lang) && tr.paragraphs === doc.paragraphs) return t;
  }
  return null;
}

/** Parallel for a text and its translation (or two translations of one text), comparable for anything else. */
export function defaultMode(db: Db, docA: number, docB: number): AlignMode {
  const a = getDocumentSummary(db, docA)!;
  const b = getDocumentSummary(db, docB)!;
  if (a.translationOf === docB || b.translationOf === docA) return 'parallel';
  if (a.translationOf !== null && a.translationOf === b.translationOf) return 'parallel';
  return 'comparable';
}

export class AlignService {
  readonly story: StoryService;

  constructor(
    private readonly db: Db,
    private readonly history: History,
    private readonly annotatorId: () => number,
    story?: StoryService,
  ) {
    this.story = story ?? new StoryService(db, { history });
  }

  align(docA: number, docB: number, opts: AlignOptions = {}): AlignmentView {
    if (docA === docB) throw new TandemError('invalid-input', 'Choose two different documents to align.');
    const level = opts.level ?? 'paragraph';
    if (level !== 'paragraph' && level !== 'sentence') throw new TandemError('invalid-input', '--level is paragraph or sentence');
    // Each mode keeps its own alignment of the pair: aligning in one never replaces the other's links.
    const mode = opts.mode ?? findAlignment(this.db, docA, docB, level)?.mode ?? defaultMode(this.db, docA, docB);
    if (mode !== 'parallel' && mode !== 'comparable') throw new TandemError('invalid-input', '--mode is parallel or comparable');
    if (opts.control && (mode !== 'comparable' || level !== 'paragraph')) {
      throw new TandemError('invalid-input', 'The candidate control (minimum confidence, candidates per paragraph) is for comparable paragraph alignments.');
    }
    const { alignmentId, created } = writeTransaction(this.db, () => {
      const found = findAlignment(this.db, docA, docB, level, mode)?.id;
      return { alignmentId: found ?? createAlignment(this.db, docA, docB, level, mode), created: found === undefined };
    });
    const settingsBefore = getAlignmentSettingsRecord(this.db, alignmentId) ?? null;
    if (opts.control) this.story.setControl(alignmentId, opts.control);
    // An alignment this call created is taken back by undo with its links, and so is a change of its control.
    return this.run(alignmentId, { ...(created ? { alignmentBefore: null } : {}), settingsBefore });
  }

  /** Shows more or fewer of the engine's candidates in a comparable alignment, and remembers it. */
  setControl(alignmentId: number, control: Parameters<StoryService['setControl']>[1]): AlignmentView {
    const row = getAlignmentRow(this.db, alignmentId);
    if (!row) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
    if (row.mode !== 'comparable' || row.level !== 'paragraph') {
      throw new TandemError('invalid-input', `Alignment ${alignmentId} is ${row.mode} at ${row.level} level; the candidate control is for comparable paragraph alignments.`);
    }
    const settingsBefore = getAlignmentSettingsRecord(this.db, alignmentId) ?? null;
    this.story.setControl(alignmentId, control);
    return this.run(alignmentId, { settingsBefore });
  }

  realign(alignmentId: number): AlignmentView {
    if (!getAlignmentRow(this.db, alignmentId)) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
    return this.run(alignmentId);
  }


  /**
   * Recomputes the suggested links. Confirmed links are anchors and stay as
   * they are; rejected links stay too, and the engine's proposals that repeat
   * a rejected link are dropped.
   *
   * The engine runs before the write lock is taken, so other programs can
   * write the project meanwhile; if one changed this alignment's links in
   * that time, the proposals are made again under the lock.
   */
  private run(alignmentId: number, opts: ReplaceOptions = {}): AlignmentView {
    const row = getAlignmentRow(this.db, alignmentId)!;
    const propose = (links: StoredLink[], notes: string[]) =>
      row.mode === 'parallel'
        ? this.parallel(row.doc_a, row.doc_b, row.level, links.filter((l) => l.status === 'confirmed'))
        : this.comparable(row.id, row.doc_a, row.doc_b, row.level, notes);
    let basis = getLinks(this.db, alignmentId);
    let notes: string[] = [];
    let proposals = propose(basis, notes);
    return writeTransaction(this.db, () => {
      const links = getLinks(this.db, alignmentId);
      if (fingerprint(links) !== fingerprint(basis)) {
        basis = links;
        notes = [];
        proposals = propose(links, notes);
      }
      const confirmed = links.filter((l) => l.status === 'confirmed');
      const rejected = new Set(links.filter((l) => l.status === 'rejected').map((l) => key(l)));
      const replaced = links.filter((l) => l.status === 'suggested');
      const kept = new Set(confirmed.map((l) => key(l)));
      const t = now();
      const add = proposals
        .filter((p) => p.a.length > 0 && p.b.length > 0)
        .filter((p) => !kept.has(key(p)) && !rejected.has(key(p)))
        .map((p) => ({ alignmentId, a: p.a, b: p.b, confidence: round(p.confidence), status: 'suggested' as const, origin: 'auto' as const, annotatorId: null, createdAt: t, updatedAt: t }));
      replaceLinks(this.db, this.history, alignmentId, replaced.map(stripAnnotator), add, `align (${row.level}, ${row.mode})`, opts);
      const view = alignmentView(this.db, alignmentId);
      return notes.length ? { ...view, notes } : view;
    });
  }

  private parallel(docA: number, docB: number, level: AlignLevel, confirmed: StoredLink[]): Array<{ a: number[]; b: number[]; confidence: number }> {
    const a = getDocumentSummary(this.db, docA)!;
    const b = getDocumentSummary(this.db, docB)!;
    const src = segmentsOf(this.db, docA, level);
    const tgt = segmentsOf(this.db, docB, level);
    // Existing translations of each side into the other's language, per segment: at sentence
    // level the paragraph translations are shared out over the original's sentences.
    const aInB = translationInto(this.db, docA, b.lang);
    const bInA = translationInto(this.db, docB, a.lang);
    const srcMt = aInB !== null && aInB !== docA && aInB !== docB ? translationPerSegment(this.db, src, aInB, level) : undefined;
    const tgtMt = bInA !== null && bInA !== docB && bInA !== docA ? translationPerSegment(this.db, tgt, bInA, level) : undefined;
    const anchors = monotonicAnchors(confirmed);
    if (level === 'sentence' && anchors.length === 0) {
      const within = this.sentencesWithinParagraphs(docA, docB, src, tgt, srcMt, tgtMt);
      if (within) return within;
    }
    return alignParallel({ src: src.texts, tgt: tgt.texts, srcMt, tgtMt, anchors }).map((bead) => ({ a: bead.src, b: bead.tgt, confidence: bead.confidence }));
  }

  /**
   * Sentence alignment inside aligned paragraphs, the usual path: when the two
   * documents have a paragraph alignment, each paragraph link bounds the
   * sentences that may align with each other.
   */
  private sentencesWithinParagraphs(
    docA: number,
    docB: number,
    src: Segments,
    tgt: Segments,
    srcMt?: string[],
    tgtMt?: string[],
  ): Array<{ a: number[]; b: number[]; confidence: number }> | null {
    const para = findAlignment(this.db, docA, docB, 'paragraph', 'parallel');
    if (!para) return null;
    const links = getLinks(this.db, para.id).filter((l) => l.status !== 'rejected' && l.a.length && l.b.length);
    if (!links.length) return null;
    const sentencesOf = (seg: Segments, paragraphs: number[]) => {
      const set = new Set(paragraphs);
      const out: number[] = [];
      seg.paragraphOf.forEach((p, i) => set.has(p) && out.push(i));
      return out;
    };
    const result: Array<{ a: number[]; b: number[]; confidence: number }> = [];
    for (const l of links) {
      const sa = sentencesOf(src, l.a);
      const sb = sentencesOf(tgt, l.b);
      if (!sa.length || !sb.length) continue;
      const beads = alignParallel({
        src: sa.map((i) => src.texts[i]),
        tgt: sb.map((i) => tgt.texts[i]),
        srcMt: srcMt && sa.map((i) => srcMt[i]),
        tgtMt: tgtMt && sb.map((i) => tgtMt[i]),
      });
      for (const bead of beads) result.push({ a: bead.src.map((i) => sa[i]), b: bead.tgt.map((j) => sb[j]), confidence: bead.confidence * Math.max(0.5, l.confidence) });
    }
    return result;
  }

  /**
   * Comparable paragraphs: the story engine, read among the pair's story (so the other articles
   * count as evidence), selected by the alignment's candidate control. Sentences: the older
   * similarity index over the texts in the pivot language.
   */
  private comparable(alignmentId: number, docA: number, docB: number, level: AlignLevel, notes: string[]): Array<{ a: number[]; b: number[]; confidence: number }> {
    if (level === 'paragraph') {
      const r = this.story.proposalsForPair(docA, docB, this.story.control(alignmentId));
      notes.push(...r.notes);
      return r.proposals;
    }
    const pivotA = this.pivotTexts(docA, level);
    const pivotB = this.pivotTexts(docB, level);
    return alignComparable(pivotA, pivotB).map((l) => ({ a: l.a, b: l.b, confidence: l.confidence }));
  }

  /** Paragraphs as seen in the pivot language: the document itself, or its translation into the pivot. */
  pivotTexts(docId: number, level: AlignLevel): string[] {
    const pivot = translationInto(this.db, docId, PIVOT_LANG);
    if (pivot === null || level === 'sentence') return segmentsOf(this.db, docId, level).texts;
    return segmentsOf(this.db, pivot, 'paragraph').texts;
  }

  /**
   * Links a translation to its original paragraph by paragraph. A machine
   * translation has one paragraph per source paragraph, so the links are
   * certain; an imported translation is aligned by the engine.
   */
  alignTranslation(originalId: number, translationId: number): AlignmentView {
    const original = getDocumentSummary(this.db, originalId)!;
    const translation = getDocumentSummary(this.db, translationId)!;
    const aligned = () => {
      const existing = findAlignment(this.db, originalId, translationId, 'paragraph', 'parallel');
      return existing && getLinks(this.db, existing.id).length ? existing : undefined;
    };
    const done = aligned();
    if (done) return alignmentView(this.db, done.id);
    const byConstruction = translation.provenance.kind === 'mt' && original.paragraphs === translation.paragraphs;
    if (!byConstruction) return this.align(originalId, translationId, { level: 'paragraph', mode: 'parallel' });
    const t = now();
    return writeTransaction(this.db, () => {
      const now = aligned();
      if (now) return alignmentView(this.db, now.id);
      const alignmentId = findAlignment(this.db, originalId, translationId, 'paragraph', 'parallel')?.id ?? createAlignment(this.db, originalId, translationId, 'paragraph', 'parallel');
      for (let i = 0; i < original.paragraphs; i++) {
        insertLink(this.db, { alignmentId, a: [i], b: [i], confidence: 1, status: 'confirmed', origin: 'mt', annotatorId: null, createdAt: t, updatedAt: t });
      }
      return alignmentView(this.db, alignmentId);
    });
  }

  /** Every original paired with every other original of the same story (or of one named story). */
  storyPairs(collection?: string): Array<[number, number]> {
    const originals = listDocuments(this.db).filter((d) => d.translationOf === null && (collection === undefined || d.collection === collection));
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < originals.length; i++) {
      for (let j = i + 1; j < originals.length; j++) {
        if (originals[i].collection === originals[j].collection) pairs.push([originals[i].id, originals[j].id]);
      }
    }
    return pairs;
  }
}

/** Changes whenever a link is added, removed or changed. */
function fingerprint(links: StoredLink[]): string {
  return links.map((l) => `${l.id}:${l.status}:${l.updatedAt}:${key(l)}`).join(';');
}

function key(l: { a: number[]; b: number[] }): string {
  return `${l.a.join(',')}|${l.b.join(',')}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function stripAnnotator(l: StoredLink & { annotator?: string | null }): StoredLink {
  const { annotator: _a, ...rest } = l as StoredLink & { annotator?: string | null };
  return rest;
}

/** Confirmed links usable as anchors for a monotonic alignment: in order, not overlapping. */
export function monotonicAnchors(confirmed: StoredLink[]): BeadSpan[] {
  const sorted = confirmed
    .filter((l) => l.a.length && l.b.length)
    .map((l) => ({ src: [...l.a].sort((x, y) => x - y), tgt: [...l.b].sort((x, y) => x - y) }))
    .filter((l) => l.src[l.src.length - 1] - l.src[0] === l.src.length - 1 && l.tgt[l.tgt.length - 1] - l.tgt[0] === l.tgt.length - 1)
    .sort((x, y) => x.src[0] - y.src[0]);
  const out: BeadSpan[] = [];
  let lastA = -1;
  let lastB = -1;
  for (const l of sorted) {
    if (l.src[0] > lastA && l.tgt[0] > lastB) {
      out.push(l);
      lastA = l.src[l.src.length - 1];
      lastB = l.tgt[l.tgt.length - 1];
    }
  }
  return out;
}
