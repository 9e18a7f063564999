import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { AlignOptions } from '../../common/api';
import type { AlignLevel, AlignMode, AlignmentView, JobInfo } from '../../common/types';
import { alignParallel, alignComparable, translationPerSentence, type Bead, type BeadSpan, type ParallelInput } from '../align';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { alignManyThreaded, alignParallelThreaded, type ThreadOptions } from './align-threads';
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

/** A proposal of the engine: segments of side a, segments of side b, confidence. */
type Proposal = { a: number[]; b: number[]; confidence: number };

/**
 * What the parallel aligner is to compute for a pair, read from the project: one text, or many
 * short ones (the sentences of each aligned paragraph pair), and how their beads become
 * proposals.
 */
type ParallelWork =
  | { kind: 'one'; input: ParallelInput; proposals: (beads: Bead[]) => Proposal[]; segments: number }
  | { kind: 'many'; inputs: ParallelInput[]; proposals: (beads: Bead[][]) => Proposal[]; segments: number };

export interface AlignServiceOptions {
  /** Job progress, for the UI (the same events as the other jobs). */
  onJob?: (job: JobInfo) => void;
  /**
   * Parallel alignments of more segments than this (both sides together) run as a job on worker
   * threads, so that the process keeps answering; smaller ones run at once. Default 4000.
   */
  backgroundFrom?: number;
  /** Worker threads for those jobs; default: the cores available. */
  threads?: number;
}

/** Progress and cancel of one alignment job, for the command line. */
export interface AlignJobControl {
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
}

export class AlignService {
  readonly story: StoryService;
  /** Running alignment jobs: their stop switch, and the alignment each writes. */
  private readonly running = new Map<number, { controller: AbortController; alignmentId: number }>();

  constructor(
    private readonly db: Db,
    private readonly history: History,
    private readonly annotatorId: () => number,
    story?: StoryService,
    private readonly opts: AlignServiceOptions = {},
  ) {
    this.story = story ?? new StoryService(db, { history });
  }

  /**
   * Aligns two documents (creating their alignment in that mode if needed) and returns it. A long
   * parallel alignment runs as a job on worker threads (see AlignServiceOptions.backgroundFrom):
   * progress goes to onJob and `job.onProgress`, and cancelJob or `job.signal` stops it, leaving
   * the alignment as it was.
   */
  async align(docA: number, docB: number, opts: AlignOptions = {}, job: AlignJobControl = {}): Promise<AlignmentView> {
    const { alignmentId, replace } = this.prepare(docA, docB, opts);
    return this.run(alignmentId, job, replace);
  }

  /** align, always on this thread (for callers inside a transaction, and the tests). */
  alignNow(docA: number, docB: number, opts: AlignOptions = {}): AlignmentView {
    const { alignmentId, replace } = this.prepare(docA, docB, opts);
    return this.runNow(alignmentId, replace);
  }

  /** The alignment to (re)compute for align: checked, created when new, its control set. */
  private prepare(docA: number, docB: number, opts: AlignOptions): { alignmentId: number; replace: ReplaceOptions } {
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
    return { alignmentId, replace: { ...(created ? { alignmentBefore: null } : {}), settingsBefore } };
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
    return this.runNow(alignmentId, { settingsBefore });
  }

  async realign(alignmentId: number, job: AlignJobControl = {}): Promise<AlignmentView> {
    if (!getAlignmentRow(this.db, alignmentId)) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
    return this.run(alignmentId, job);
  }

  /** Stops a running alignment job; false when there is no such job. */
  cancel(jobId: number): boolean {
    const r = this.running.get(jobId);
    if (!r || r.controller.signal.aborted) return false;
    r.controller.abort(new TandemError('conflict', 'stopped by the user'));
    return true;
  }

  /**
   * Recomputes the suggested links. Confirmed links are anchors and stay as they are; rejected
   * links stay too, and the engine's proposals that repeat a rejected link are dropped.
   *
   * A long parallel alignment is a job on worker threads; this thread keeps serving meanwhile,
   * and the links are written as they are when the threads are done. If links were confirmed or
   * unconfirmed in that time (they are the anchors), the job aligns again with them; if the
   * documents were split or merged, it writes nothing.
   */
  private async run(alignmentId: number, job: AlignJobControl, replace: ReplaceOptions = {}): Promise<AlignmentView> {
    const row = getAlignmentRow(this.db, alignmentId)!;
    if (row.mode !== 'parallel') return this.runNow(alignmentId, replace);
    let basis = getLinks(this.db, alignmentId);
    let work = this.parallelWork(row.doc_a, row.doc_b, row.level, confirmedOf(basis));
    if (work.segments <= (this.opts.backgroundFrom ?? 4000)) return this.runNow(alignmentId, replace);
    for (const [id, r] of this.running) {
      if (r.alignmentId === alignmentId) throw new TandemError('conflict', `This alignment is being computed already (job ${id}); wait for it or stop it.`);
    }
    const shape = this.segmentShape(row.doc_a, row.doc_b, row.level);
    const controller = new AbortController();
    const onAbort = () => controller.abort(job.signal!.reason);
    job.signal?.addEventListener('abort', onAbort);
    const jobId = createJob(this.db, 'align', { alignmentId, docA: row.doc_a, docB: row.doc_b, level: row.level, mode: row.mode, segments: work.segments }, 100, 0);
    this.running.set(jobId, { controller, alignmentId });
    const emit = (patch: Parameters<typeof updateJob>[2]): void => {
      updateJob(this.db, jobId, patch);
      const info = getJob(this.db, jobId)!;
      this.opts.onJob?.(info);
      job.onProgress?.(info);
    };
    try {
      emit({ message: `aligning ${work.segments} segments` });
      const threads: ThreadOptions = {
        threads: this.opts.threads,
        background: true,
        signal: controller.signal,
        onProgress: (done, total) => emit({ done: Math.min(99, Math.round((100 * done) / total)), message: `${done} of ${total} pieces aligned` }),
      };
      for (let attempt = 1; ; attempt++) {
        const w = work;
        const proposals = w.kind === 'one' ? w.proposals(await alignParallelThreaded(w.input, {}, threads)) : w.proposals(await alignManyThreaded(w.inputs, {}, threads));
        controller.signal.throwIfAborted();
        // Split or merged documents no longer fit the proposals.
        if (this.segmentShape(row.doc_a, row.doc_b, row.level) !== shape) {
          throw new TandemError('conflict', 'The documents were re-segmented while aligning; nothing was written. Align them again.');
        }
        const written = writeTransaction(this.db, () => {
          const links = getLinks(this.db, alignmentId);
          const same = anchorsFingerprint(links) === anchorsFingerprint(basis);
          if (!same && attempt < 3) return { again: links };
          return { view: this.writeLinks(alignmentId, links, proposals, [], replace, !same) };
        });
        if (written.view) {
          emit({ status: 'done', done: 100, message: `${written.view.links.length} links` });
          return { ...written.view, jobId };
        }
        basis = written.again!;
        work = this.parallelWork(row.doc_a, row.doc_b, row.level, confirmedOf(basis));
        emit({ done: 0, message: 'links were confirmed meanwhile; aligning again around them' });
      }
    } catch (err) {
      const stopped = controller.signal.aborted;
      const message = stopped ? 'stopped by the user; the alignment is as it was' : err instanceof TandemError ? err.message : `unexpected error: ${(err as Error).message}`;
      emit({ status: stopped ? 'interrupted' : 'failed', message });
      if (!stopped && !(err instanceof TandemError && err.kind === 'conflict')) throw err;
      return { ...alignmentView(this.db, alignmentId), jobId, stopped: message };
    } finally {
      this.running.delete(jobId);
      job.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * run, with everything on this thread. The engine runs before the write lock is taken, so
   * other programs can write the project meanwhile; if one changed this alignment's links in
   * that time, the proposals are made again under the lock.
   */
  private runNow(alignmentId: number, replace: ReplaceOptions = {}): AlignmentView {
    const row = getAlignmentRow(this.db, alignmentId)!;
    const propose = (links: StoredLink[], notes: string[]): Proposal[] => {
      if (row.mode !== 'parallel') return this.comparable(row.id, row.doc_a, row.doc_b, row.level, notes);
      const work = this.parallelWork(row.doc_a, row.doc_b, row.level, confirmedOf(links));
      return work.kind === 'one' ? work.proposals(alignParallel(work.input)) : work.proposals(work.inputs.map((input) => alignParallel(input)));
    };
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
      return this.writeLinks(alignmentId, links, proposals, notes, replace, false);
    });
  }

  /**
   * Replaces the suggested links with the proposals, in one undoable step, inside a write
   * transaction with the links as they are now: confirmed ones stay, rejected ones stay and are
   * not proposed again. With `staleAnchors` (proposals made before links were confirmed), a
   * proposal that would overlap a confirmed link is left out.
   */
  private writeLinks(alignmentId: number, links: StoredLink[], proposals: Proposal[], notes: string[], replace: ReplaceOptions, staleAnchors: boolean): AlignmentView {
    const row = getAlignmentRow(this.db, alignmentId)!;
    const confirmed = links.filter((l) => l.status === 'confirmed');
    const rejected = new Set(links.filter((l) => l.status === 'rejected').map((l) => key(l)));
    const replaced = links.filter((l) => l.status === 'suggested');
    const kept = new Set(confirmed.map((l) => key(l)));
    const takenA = new Set(staleAnchors ? confirmed.flatMap((l) => l.a) : []);
    const takenB = new Set(staleAnchors ? confirmed.flatMap((l) => l.b) : []);
    const t = now();
    const add = proposals
      .filter((p) => p.a.length > 0 && p.b.length > 0)
      .filter((p) => !kept.has(key(p)) && !rejected.has(key(p)))
      .filter((p) => !(p.a.some((i) => takenA.has(i)) || p.b.some((j) => takenB.has(j))))
      .map((p) => ({ alignmentId, a: p.a, b: p.b, confidence: round(p.confidence), status: 'suggested' as const, origin: 'auto' as const, annotatorId: null, createdAt: t, updatedAt: t }));
    replaceLinks(this.db, this.history, alignmentId, replaced.map(stripAnnotator), add, `align (${row.level}, ${row.mode})`, replace);
    const view = alignmentView(this.db, alignmentId);
    return notes.length ? { ...view, notes } : view;
  }

  /** Segment counts and lengths of both documents at a level, as one string that changes when either is re-segmented. */
  private segmentShape(docA: number, docB: number, level: AlignLevel): string {
    const shape = (doc: number): string => {
      const seg = segmentsOf(this.db, doc, level);
      let h = 0;
      for (let k = 0; k < seg.texts.length; k++) h = (Math.imul(h, 31) + seg.texts[k].length * (seg.paragraphOf[k] + 1)) | 0;
      return `${seg.texts.length}:${h}`;
    };
    return `${shape(docA)}/${shape(docB)}`;
  }

  private parallelWork(docA: number, docB: number, level: AlignLevel, confirmed: StoredLink[]): ParallelWork {
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
    const segments = src.texts.length + tgt.texts.length;
    if (level === 'sentence' && anchors.length === 0) {
      const within = this.sentencesWithinParagraphs(docA, docB, src, tgt, srcMt, tgtMt);
      if (within) return { ...within, segments };
    }
    return {
      kind: 'one',
      input: { src: src.texts, tgt: tgt.texts, srcMt, tgtMt, anchors },
      proposals: (beads) => beads.map((bead) => ({ a: bead.src, b: bead.tgt, confidence: bead.confidence })),
      segments,
    };
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
  ): { kind: 'many'; inputs: ParallelInput[]; proposals: (beads: Bead[][]) => Proposal[] } | null {
    const para = findAlignment(this.db, docA, docB, 'paragraph', 'parallel');
    if (!para) return null;
    const links = getLinks(this.db, para.id).filter((l) => l.status !== 'rejected' && l.a.length && l.b.length);
    if (!links.length) return null;
    // Sentences of each paragraph, in order.
    const byParagraph = (seg: Segments): Map<number, number[]> => {
      const out = new Map<number, number[]>();
      seg.paragraphOf.forEach((p, i) => {
        const list = out.get(p);
        if (list) list.push(i);
        else out.set(p, [i]);
      });
      return out;
    };
    const srcOf = byParagraph(src);
    const tgtOf = byParagraph(tgt);
    const sentencesOf = (of: Map<number, number[]>, paragraphs: number[]): number[] => [...new Set(paragraphs)].sort((x, y) => x - y).flatMap((p) => of.get(p) ?? []);
    const groups: Array<{ sa: number[]; sb: number[]; confidence: number }> = [];
    for (const l of links) {
      const sa = sentencesOf(srcOf, l.a);
      const sb = sentencesOf(tgtOf, l.b);
      if (sa.length && sb.length) groups.push({ sa, sb, confidence: l.confidence });
    }
    return {
      kind: 'many',
      inputs: groups.map(({ sa, sb }) => ({
        src: sa.map((i) => src.texts[i]),
        tgt: sb.map((i) => tgt.texts[i]),
        srcMt: srcMt && sa.map((i) => srcMt[i]),
        tgtMt: tgtMt && sb.map((i) => tgtMt[i]),
      })),
      proposals: (beadLists) =>
        beadLists.flatMap((beads, k) => {
          const { sa, sb, confidence } = groups[k];
          return beads.map((bead) => ({ a: bead.src.map((i) => sa[i]), b: bead.tgt.map((j) => sb[j]), confidence: bead.confidence * Math.max(0.5, confidence) }));
        }),
    };
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
    if (!byConstruction) return this.alignNow(originalId, translationId, { level: 'paragraph', mode: 'parallel' });
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

/** The confirmed links: the anchors of a parallel alignment. */
function confirmedOf(links: StoredLink[]): StoredLink[] {
  return links.filter((l) => l.status === 'confirmed');
}

/** Changes whenever a link is confirmed or stops being confirmed. */
function anchorsFingerprint(links: StoredLink[]): string {
  return confirmedOf(links).map((l) => `${l.id}:${key(l)}`).join(';');
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
