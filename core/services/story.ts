import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type {
  AlignStoryOptions,
  AlignStorySummary,
  CandidateControl,
  EvidenceView,
  FactSuggestion,
  LinkExplanation,
  SentenceView,
  StoryMap,
  StoryTarget,
} from '../../common/api';
import type { DocumentSummary, JobInfo, Paragraph } from '../../common/types';
import { ABOUT_MAX_CHARS, StoryIndex, STORY_MODEL, unitTexts, type DocInput, type LinkEvidence, type SemanticInput, type SentenceRef } from '../align';
import { baseLang } from '../text';
import { storyLexicon } from '../text/lexicon';
import { createAlignment, deleteLink, findAlignment, getAlignmentRecord, getAlignmentRow, getAlignmentSettingsRecord, getLinks, getLinksById, insertLink, touchAlignment, type StoredLink } from '../../db/queries/alignments';
import { getDocumentSummary, getParagraphs, listDocuments, now } from '../../db/queries/documents';
import { getFactRow, listFacts, rejectedParagraphs } from '../../db/queries/facts';
import { getCandidateSettings, putCandidateSettings } from '../../db/queries/links-evidence';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { resolveDoc } from './documents';
import type { Change, History } from './history';
import type { SimilarityService } from './similarity';

/** The language articles are compared through. */
export const PIVOT_LANG = 'en';

export const DEFAULT_CONTROL: CandidateControl = { minConfidence: STORY_MODEL.defaultMinConfidence, perParagraph: 2 };

/** Colours for facts and clusters: distinct, and told apart by colour-blind readers (Okabe–Ito first). */
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999', '#882255', '#44AA99', '#117733', '#AA4499'];

/** An original article as the engine sees it: its paragraphs, and their English translation when there is one. */
interface StoryDoc {
  summary: DocumentSummary;
  paragraphs: Paragraph[];
  translation: DocumentSummary | null;
  pivot: Paragraph[] | null;
}

interface Loaded {
  docs: StoryDoc[];
  inputs: DocInput[];
  notes: string[];
  key: string;
}

export interface StoryServiceOptions {
  history?: History;
  similarity?: SimilarityService | null;
  onJob?: (job: JobInfo) => void;
}

export function checkControl(input: Partial<CandidateControl> | undefined, base: CandidateControl): CandidateControl {
  const out = { ...base };
  if (!input) return out;
  if (input.minConfidence !== undefined) {
    const v = Number(input.minConfidence);
    if (!Number.isFinite(v) || v < 0 || v > 1) throw new TandemError('invalid-input', `The minimum confidence is a number from 0 to 1, not "${String(input.minConfidence)}".`);
    out.minConfidence = v;
  }
  if (input.perParagraph !== undefined) {
    const v = Number(input.perParagraph);
    if (!Number.isInteger(v) || v < 1 || v > 50) throw new TandemError('invalid-input', `Candidates per paragraph is a whole number from 1 to 50, not "${String(input.perParagraph)}".`);
    out.perParagraph = v;
  }
  return out;
}

const describe = (d: DocumentSummary) => `document ${d.id} (${d.source}, ${d.lang})`;

/**
 * Cross-article linking for stories: loads a story's articles with their English translations,
 * scores it once (cached while nothing changes), writes the links of every pair as one job with
 * progress and cancel, and answers the questions the workbench asks of a link, a fact or a story.
 */
export class StoryService {
  private cache: { key: string; index: StoryIndex } | null = null;
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly db: Db,
    private readonly opts: StoryServiceOptions = {},
  ) {}

  /** The stories a target names: one collection, the documents given, or every story with two articles or more. */
  stories(target: StoryTarget = {}): Array<{ collection: string | null; docIds: number[] }> {
    const all = listDocuments(this.db);
    const originals = all.filter((d) => d.translationOf === null);
    if (target.docs?.length) {
      const ids = new Set<number>();
      for (const ref of target.docs) {
        const d = getDocumentSummary(this.db, resolveDoc(this.db, ref))!;
        ids.add(d.translationOf ?? d.id);
      }
      const docs = originals.filter((d) => ids.has(d.id));
      const collections = new Set(docs.map((d) => d.collection));
      return [{ collection: collections.size === 1 ? [...collections][0] : null, docIds: docs.map((d) => d.id) }];
    }
    if (target.collection !== undefined && target.collection !== null) {
      const docs = originals.filter((d) => d.collection === target.collection);
      if (!docs.length) {
        const known = [...new Set(originals.map((d) => d.collection).filter((c): c is string => c !== null))];
        throw new TandemError('not-found', `No story "${target.collection}".${known.length ? ` Stories: ${known.map((k) => `"${k}"`).join(', ')}.` : ' Import articles with --collection NAME to make one.'}`);
      }
      return [{ collection: target.collection, docIds: docs.map((d) => d.id) }];
    }
    const groups = new Map<string | null, number[]>();
    for (const d of originals) {
      const list = groups.get(d.collection) ?? [];
      list.push(d.id);
      groups.set(d.collection, list);
    }
    return [...groups.entries()].map(([collection, docIds]) => ({ collection, docIds }));
  }

  /** The articles a pair is read among: its story (both in one collection), or just the two. */
  contextOf(docA: number, docB: number): number[] {
    const a = getDocumentSummary(this.db, docA)!;
    const b = getDocumentSummary(this.db, docB)!;
    if (a.collection === b.collection) {
      const ids = listDocuments(this.db)
        .filter((d) => d.translationOf === null && d.collection === a.collection)
        .map((d) => d.id);
      if (ids.includes(docA) && ids.includes(docB)) return ids;
    }
    return [docA, docB].sort((x, y) => x - y);
  }

  /** The English translation of an original whose paragraphs line up with it, if there is one. */
  private pivotOf(doc: DocumentSummary): DocumentSummary | null {
    for (const t of doc.translations) {
      const tr = getDocumentSummary(this.db, t);
      if (tr && baseLang(tr.lang) === PIVOT_LANG && tr.paragraphs === doc.paragraphs) return tr;
    }
    return null;
  }

  /** Engine input for the articles, with notes on what is missing and how to fix it. */
  load(docIds: number[]): Loaded {
    const notes: string[] = [];
    const docs: StoryDoc[] = [];
    for (const id of docIds) {
      const summary = getDocumentSummary(this.db, id);
      if (!summary) throw new TandemError('not-found', `No document ${id}.`);
      const paragraphs = getParagraphs(this.db, id);
      if (!paragraphs.some((p) => p.text.trim())) {
        notes.push(`${describe(summary)} has no text; it was left out.`);
        continue;
      }
      const english = baseLang(summary.lang) === PIVOT_LANG;
      const translation = english ? null : this.pivotOf(summary);
      docs.push({ summary, paragraphs, translation, pivot: translation ? getParagraphs(this.db, translation.id) : null });
    }
    const langs = new Set(docs.map((d) => baseLang(d.summary.lang)));
    const untranslated = docs.filter((d) => !d.translation && baseLang(d.summary.lang) !== PIVOT_LANG);
    if (langs.size === 1 && docs.length > 1) {
      notes.push(`All ${docs.length} articles are in ${[...langs][0]}; they are compared in that language directly, no translation needed.`);
    } else {
      for (const d of untranslated) {
        const partial = d.summary.translations.map((t) => getDocumentSummary(this.db, t)!).find((t) => baseLang(t.lang) === PIVOT_LANG);
        const why = partial ? `its English translation (document ${partial.id}) has ${partial.paragraphs} paragraphs, not ${d.summary.paragraphs}` : 'it has no English translation';
        notes.push(
          `${describe(d.summary)}: ${why}, so only names and numbers can link it to articles in other languages. ` +
            `Translate it (tandem translate PROJECT --doc ${d.summary.id}) or import a translation with one line per paragraph (tandem import-translation PROJECT --of ${d.summary.id} FILE --lang en).`,
        );
      }
    }
    const inputs: DocInput[] = docs.map((d) => ({
      lang: baseLang(d.summary.lang),
      paragraphs: d.paragraphs.map((p, i) => ({
        text: p.text,
        sentences: p.sentences,
        pivot: d.pivot ? d.pivot[i].text : null,
        pivotSentences: d.pivot ? d.pivot[i].sentences : undefined,
      })),
    }));
    const key = docs.map((d) => `${d.summary.id}:${d.summary.characters}:${d.translation?.id ?? '-'}:${d.translation?.characters ?? 0}`).join('|');
    return { docs, inputs, notes, key };
  }

  /**
   * Semantic vectors of the story's paragraphs (as read in English): from the cache, and what is
   * missing from the provider. Undefined when no provider is configured.
   */
  private async semanticFor(loaded: Loaded, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<{ input: SemanticInput; model: string; fetched: number; vectors: number } | undefined> {
    const sim = this.opts.similarity;
    const provider = sim?.current();
    if (!sim || !provider) return undefined;
    const texts = storyTexts(loaded);
    const result = await sim.vectors(texts.all, { signal, onProgress });
    if (!result) return undefined;
    const vectors = result.vectors.filter(Boolean).length;
    return { input: texts.input(result.vectors), model: `${provider.cacheKey}:${vectors}`, fetched: result.fetched, vectors };
  }

  /** The scored story, cached while the articles, translations and semantic vectors stay the same. */
  private index(loaded: Loaded, semantic: SemanticInput | undefined, semanticKey = ''): StoryIndex {
    const key = `${loaded.key}#${semanticKey}`;
    if (this.cache?.key === key) return this.cache.index;
    const index = new StoryIndex(loaded.inputs, { semantic, lexicon: storyLexicon() });
    this.cache = { key, index };
    return index;
  }

  /** Scores a story synchronously from what is cached (semantic vectors included, none fetched). */
  private indexNow(loaded: Loaded): StoryIndex {
    const sem = this.cachedSemantic(loaded);
    return this.index(loaded, sem?.input, sem?.model);
  }

  private cachedSemantic(loaded: Loaded): { input: SemanticInput; model: string } | undefined {
    const sim = this.opts.similarity;
    const provider = sim?.current();
    if (!sim || !provider) return undefined;
    const texts = storyTexts(loaded);
    const got = sim.cachedVectors(texts.all);
    if (!got.vectors.some(Boolean)) return undefined;
    return { input: texts.input(got.vectors), model: `${provider.cacheKey}:${got.vectors.filter(Boolean).length}` };
  }

  /**
   * Fetches the embeddings model's vector of a fact's label and description, so that suggestions
   * read them by meaning too. No-op without a model; a failure leaves suggestions to the words
   * (the story's vectors are fetched by the story job, where failures are reported).
   */
  async prepareLabel(factId: number): Promise<void> {
    const fact = this.opts.similarity?.current() ? listFacts(this.db).find((f) => f.id === factId) : undefined;
    const text = fact ? aboutText(fact) : '';
    if (!text) return;
    try {
      await this.opts.similarity!.vectors([text]);
    } catch {
      // Suggestions go on without the label's vector.
    }
  }

  /** Fetches the semantic vectors a pair's story lacks (no-op without a provider). */
  async prepare(docIds: number[], signal?: AbortSignal): Promise<void> {
    if (!this.opts.similarity?.current()) return;
    await this.semanticFor(this.load(docIds), signal);
  }

  control(alignmentId: number): CandidateControl {
    return getCandidateSettings(this.db, alignmentId) ?? { ...DEFAULT_CONTROL };
  }

  setControl(alignmentId: number, input: Partial<CandidateControl>): CandidateControl {
    const c = checkControl(input, this.control(alignmentId));
    putCandidateSettings(this.db, alignmentId, c);
    return c;
  }

  /**
   * The engine's links for one pair of articles, read in the context of their story, selected
   * by the alignment's control. Offsets are paragraph indices of docA and docB as given.
   */
  proposalsForPair(docA: number, docB: number, control: CandidateControl): { proposals: Array<{ a: number[]; b: number[]; confidence: number }>; notes: string[] } {
    const loaded = this.load(this.contextOf(docA, docB));
    const ia = loaded.docs.findIndex((d) => d.summary.id === docA);
    const ib = loaded.docs.findIndex((d) => d.summary.id === docB);
    const notes = loaded.notes.filter((n) => n.includes(`document ${docA} `) || n.includes(`document ${docB} `) || n.startsWith('All '));
    if (ia < 0 || ib < 0) return { proposals: [], notes };
    const result = this.indexNow(loaded).links({ ...control, evidence: false });
    const [x, y] = ia < ib ? [ia, ib] : [ib, ia];
    const pair = result.pairs.find((p) => p.docA === x && p.docB === y)!;
    const proposals = pair.links.filter((l) => l.selected).map((l) => (ia < ib ? { a: [l.a], b: [l.b], confidence: l.confidence } : { a: [l.b], b: [l.a], confidence: l.confidence }));
    return { proposals, notes };
  }

  cancel(jobId: number): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  private emit(jobId: number, patch: Parameters<typeof updateJob>[2]): void {
    updateJob(this.db, jobId, patch);
    this.opts.onJob?.(getJob(this.db, jobId)!);
  }

  /**
   * Links between every pair of articles of each story the target names, as one job: read the
   * articles, fetch missing semantic vectors (when a provider is configured), score the story,
   * then write every pair's suggestions in one transaction, undone as one step. Confirmed and
   * rejected links stay; a cancelled job writes nothing.
   */
  async alignStory(target: StoryTarget = {}, options: AlignStoryOptions & { signal?: AbortSignal; onProgress?: (job: JobInfo) => void } = {}): Promise<AlignStorySummary> {
    const history = this.opts.history;
    if (!history) throw new TandemError('internal', 'story alignment needs the project history');
    const stories = this.stories(target);
    const notes: string[] = [];
    const usable = stories.filter((s) => {
      if (s.docIds.length >= 2) return true;
      const name = s.collection === null ? 'The articles outside any story' : `Story "${s.collection}"`;
      if (target.collection !== undefined || target.docs?.length || stories.length === 1) {
        notes.push(`${name} ${s.docIds.length ? `has one article only (document ${s.docIds[0]})` : 'has no article'}; a story needs two articles or more to link. Import more with --collection.`);
      }
      return false;
    });
    if (!usable.length) {
      throw new TandemError('invalid-input', notes[0] ?? 'There are no two original articles in one story to link. Import articles with --collection NAME, then align the story.');
    }
    const pairsTotal = usable.reduce((n, s) => n + (s.docIds.length * (s.docIds.length - 1)) / 2, 0);
    const controller = new AbortController();
    const signal = options.signal;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const jobId = createJob(this.db, 'align-story', { target, control: options.control ?? null }, 100, 0);
    this.running.set(jobId, controller);
    const progress = (done: number, message: string) => {
      this.emit(jobId, { done: Math.min(99, Math.round(done)), message });
      options.onProgress?.(getJob(this.db, jobId)!);
    };
    if (!this.opts.similarity?.current() && !storyLexicon().meaning) notes.push('The English word vectors (resources/vectors/en-100k.bin) are missing from this installation, or turned off by TANDEM_WORD_VECTORS: fact suggestions go by shared words, names and numbers alone. Reinstall Tandem, or unset TANDEM_WORD_VECTORS, to get them back.');
    const summary: AlignStorySummary = { jobId, stories: [], links: 0, notes, semantic: null, stopped: null };
    const plans: Array<{ story: AlignStorySummary['stories'][number]; index: StoryIndex; ids: number[] }> = [];
    try {
      let storyNo = 0;
      for (const s of usable) {
        const share = 100 / usable.length;
        const base = storyNo * share;
        const name = s.collection === null ? 'articles outside any story' : `"${s.collection}"`;
        progress(base, `reading ${name}`);
        const loaded = this.load(s.docIds);
        notes.push(...loaded.notes);
        if (loaded.docs.length < 2) {
          notes.push(`Story ${name} has fewer than two articles with text; nothing to link.`);
          storyNo++;
          continue;
        }
        let semantic: Awaited<ReturnType<StoryService['semanticFor']>>;
        if (options.semantic !== false && this.opts.similarity?.current()) {
          progress(base + share * 0.05, 'semantic vectors');
          semantic = await this.semanticFor(loaded, controller.signal, (d, t) => progress(base + share * (0.05 + 0.25 * (d / Math.max(1, t))), `semantic vectors ${d}/${t}`));
          if (semantic) summary.semantic = { model: semantic.model, vectors: (summary.semantic?.vectors ?? 0) + semantic.vectors, fetched: (summary.semantic?.fetched ?? 0) + semantic.fetched };
        }
        if (options.semantic === false && this.opts.similarity?.current()) notes.push('Semantic similarity was left out for this run.');
        // Score in steps, yielding so that progress reaches the UI and a cancel gets through.
        const key = `${loaded.key}#${semantic ? semantic.model : ''}`;
        let index: StoryIndex;
        if (this.cache?.key === key) index = this.cache.index;
        else {
          const build = StoryIndex.build(loaded.inputs, { semantic: semantic?.input, lexicon: storyLexicon() });
          let last = Date.now();
          for (;;) {
            const step = build.next();
            if (step.done) {
              index = step.value;
              break;
            }
            if (Date.now() - last > 40) {
              last = Date.now();
              progress(base + share * (0.3 + 0.6 * step.value), 'scoring paragraph pairs');
              await new Promise<void>((r) => setImmediate(r));
              if (controller.signal.aborted) throw new Stopped();
            }
          }
          this.cache = { key, index };
        }
        const story: AlignStorySummary['stories'][number] = { collection: s.collection, docs: loaded.docs.map((d) => d.summary.id), pairs: [], clusters: 0 };
        story.clusters = index.links({ evidence: false }).clusters.length;
        plans.push({ story, index, ids: loaded.docs.map((d) => d.summary.id) });
        summary.stories.push(story);
        storyNo++;
      }
      if (controller.signal.aborted) throw new Stopped();
      progress(99, 'saving links');
      this.writeAll(history, plans, options.control, notes, `align story (${summary.stories.map((s) => (s.collection === null ? 'no collection' : s.collection)).join(', ')})`);
      summary.links = summary.stories.reduce((n, s) => n + s.pairs.reduce((m, p) => m + p.links, 0), 0);
      this.emit(jobId, { status: 'done', done: 100, message: `${summary.links} links across ${pairsTotal} pairs` });
    } catch (err) {
      if (err instanceof Stopped || controller.signal.aborted) {
        summary.stopped = 'stopped by the user';
        summary.stories = [];
        this.emit(jobId, { status: 'interrupted', message: 'stopped; nothing was written — run it again to link the story' });
        return summary;
      }
      this.emit(jobId, { status: 'failed', message: err instanceof TandemError ? err.message : `unexpected error: ${(err as Error).message}` });
      throw err;
    } finally {
      this.running.delete(jobId);
      signal?.removeEventListener('abort', onAbort);
    }
    return summary;
  }

  /**
   * Writes the new suggestions of every pair in one transaction, recorded as one undo step. The
   * alignments and their current links are read inside it, so a link confirmed or rejected while
   * the job was scoring is kept as it now is.
   */
  private writeAll(history: History, plans: Array<{ story: AlignStorySummary['stories'][number]; index: StoryIndex; ids: number[] }>, control: Partial<CandidateControl> | undefined, notes: string[], description: string): void {
    writeTransaction(this.db, () => {
      const before: Change[] = [];
      const after: Change[] = [];
      const t = now();
      for (const plan of plans) {
        const selections = new Map<string, ReturnType<StoryIndex['links']>>();
        const { ids } = plan;
        for (let x = 0; x < ids.length; x++) {
          for (let y = x + 1; y < ids.length; y++) {
            // The pair's comparable alignment; a parallel one, kept apart, is left as it is.
            const existing = findAlignment(this.db, ids[x], ids[y], 'paragraph', 'comparable') ?? findAlignment(this.db, ids[y], ids[x], 'paragraph', 'comparable');
            // The alignment's row as it was (none when created here), so that undo puts it back exactly.
            const rowBefore = existing ? getAlignmentRecord(this.db, existing.id)! : null;
            const alignmentId = existing?.id ?? createAlignment(this.db, ids[x], ids[y], 'paragraph', 'comparable');
            const flipped = existing ? existing.doc_a !== ids[x] : false;
            const settingsBefore = getAlignmentSettingsRecord(this.db, alignmentId);
            const c = control ? this.setControl(alignmentId, control) : this.control(alignmentId);
            const key = `${c.minConfidence}:${c.perParagraph}`;
            let result = selections.get(key);
            if (!result) selections.set(key, (result = plan.index.links({ ...c, evidence: false })));
            const selected = result.pairs.find((p) => p.docA === x && p.docB === y)!.links.filter((l) => l.selected);
            const links = getLinks(this.db, alignmentId);
            const keep = new Set(links.filter((l) => l.status !== 'suggested').map((l) => `${l.a.join(',')}|${l.b.join(',')}`));
            const add = selected
              .map((l) => (flipped ? { a: [l.b], b: [l.a], confidence: l.confidence } : { a: [l.a], b: [l.b], confidence: l.confidence }))
              .filter((l) => !keep.has(`${l.a.join(',')}|${l.b.join(',')}`))
              .map((l) => ({ alignmentId, a: l.a, b: l.b, confidence: l.confidence, status: 'suggested' as const, origin: 'auto' as const, annotatorId: null, createdAt: t, updatedAt: t }));
            const remove = links.filter((l) => l.status === 'suggested').map(strip);
            for (const l of remove) deleteLink(this.db, l.id);
            const added = add.map((l) => insertLink(this.db, l));
            touchAlignment(this.db, alignmentId);
            const settingsAfter = getAlignmentSettingsRecord(this.db, alignmentId);
            before.push(
              { kind: 'rows', table: 'alignments', rows: rowBefore ? [{ ...rowBefore }] : [] },
              { kind: 'rows', table: 'alignment_settings', rows: settingsBefore ? [{ ...settingsBefore }] : [] },
              { kind: 'links', alignmentId, links: remove },
            );
            after.push(
              { kind: 'rows', table: 'alignments', rows: [{ ...getAlignmentRecord(this.db, alignmentId)! }] },
              { kind: 'rows', table: 'alignment_settings', rows: settingsAfter ? [{ ...settingsAfter }] : [] },
              { kind: 'links', alignmentId, links: getLinksById(this.db, added).map(strip) },
            );
            const confirmed = links.filter((l) => l.status === 'confirmed').length;
            plan.story.pairs.push({ alignmentId, docA: flipped ? ids[y] : ids[x], docB: flipped ? ids[x] : ids[y], links: add.length + confirmed, confirmed });
          }
        }
      }
      if (before.length) history.record('links', description, before, after);
    });
  }

  /** Why the engine would link the paragraphs of these links (all of the alignment's when none are named). */
  explain(alignmentId: number, linkIds?: number[]): LinkExplanation[] {
    const row = getAlignmentRow(this.db, alignmentId);
    if (!row) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
    if (row.mode !== 'comparable' || row.level !== 'paragraph') {
      throw new TandemError('unsupported', `Alignment ${alignmentId} is a ${row.mode} ${row.level} alignment; explanations are given for comparable paragraph links between articles.`);
    }
    let links = getLinks(this.db, alignmentId);
    if (linkIds?.length) {
      const wanted = new Set(linkIds);
      links = links.filter((l) => wanted.has(l.id));
      for (const id of linkIds) if (!links.some((l) => l.id === id)) throw new TandemError('not-found', `Link ${id} is not in alignment ${alignmentId}.`);
    }
    const loaded = this.load(this.contextOf(row.doc_a, row.doc_b));
    const index = this.indexNow(loaded);
    const ia = loaded.docs.findIndex((d) => d.summary.id === row.doc_a);
    const ib = loaded.docs.findIndex((d) => d.summary.id === row.doc_b);
    const out: LinkExplanation[] = [];
    for (const l of links) {
      if (ia < 0 || ib < 0 || !l.a.length || !l.b.length) continue;
      let best: ReturnType<StoryIndex['explain']> = null;
      let bestA = l.a[0];
      let bestB = l.b[0];
      for (const a of l.a) {
        for (const b of l.b) {
          const e = index.explain(ia, a, ib, b);
          if (e && (!best || e.confidence > best.confidence)) {
            best = e;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (!best) continue;
      out.push({
        linkId: l.id,
        a: l.a,
        b: l.b,
        paragraphA: bestA,
        paragraphB: bestB,
        confidence: best.confidence,
        rankAB: best.rankAB,
        rankBA: best.rankBA,
        evidence: best.evidence.map(evidenceView),
        sentenceA: this.sentenceView(loaded.docs[ia], bestA, best.sentenceA),
        sentenceB: this.sentenceView(loaded.docs[ib], bestB, best.sentenceB),
      });
    }
    return out;
  }

  private sentenceView(doc: StoryDoc, paragraph: number, ref: SentenceRef): SentenceView {
    const text = doc.paragraphs[paragraph].text;
    const tr = doc.pivot?.[paragraph];
    return {
      start: ref.original[0],
      end: ref.original[1],
      text: text.slice(ref.original[0], ref.original[1]),
      translation: tr && ref.pivot && doc.translation ? { docId: doc.translation.id, start: ref.pivot[0], end: ref.pivot[1], text: tr.text.slice(ref.pivot[0], ref.pivot[1]) } : null,
    };
  }

  /** The story's articles as columns of paragraph blocks, its links, clusters of linked paragraphs, and its facts. */
  storyMap(target: StoryTarget = {}): StoryMap {
    const stories = this.stories(target).filter((s) => s.docIds.length > 0);
    if (!stories.length) throw new TandemError('not-found', 'There are no articles to map; import some first.');
    if (stories.length > 1) {
      const names = stories.map((s) => (s.collection === null ? '(none)' : `"${s.collection}"`)).join(', ');
      throw new TandemError('invalid-input', `This project holds several stories (${names}); name one with its collection.`);
    }
    const story = stories[0];
    const loaded = this.load(story.docIds);
    const index = loaded.docs.length ? this.indexNow(loaded) : null;
    const pos = new Map(loaded.docs.map((d, i) => [d.summary.id, i]));
    const links: StoryMap['links'] = [];
    for (let x = 0; x < loaded.docs.length; x++) {
      for (let y = x + 1; y < loaded.docs.length; y++) {
        const a = loaded.docs[x].summary.id;
        const b = loaded.docs[y].summary.id;
        for (const row of [findAlignment(this.db, a, b, 'paragraph', 'comparable'), findAlignment(this.db, b, a, 'paragraph', 'comparable')]) {
          if (!row || row.mode !== 'comparable') continue;
          for (const l of getLinks(this.db, row.id)) {
            if (l.status === 'rejected' || !l.a.length || !l.b.length) continue;
            links.push({ alignmentId: row.id, linkId: l.id, docA: row.doc_a, a: l.a, docB: row.doc_b, b: l.b, status: l.status, confidence: l.confidence, cluster: null });
          }
        }
      }
    }
    const pairs: Array<[number, number, number, number, number]> = [];
    for (const l of links) {
      for (const a of l.a) for (const b of l.b) pairs.push([pos.get(l.docA)!, a, pos.get(l.docB)!, b, l.confidence]);
    }
    const clusters = index ? index.clusters(pairs) : [];
    const clusterOf = new Map<string, number>();
    for (const c of clusters) for (const m of c.members) clusterOf.set(`${m.doc}:${m.paragraph}`, c.id);
    for (const l of links) l.cluster = clusterOf.get(`${pos.get(l.docA)}:${l.a[0]}`) ?? null;
    const docIds = new Set(loaded.docs.map((d) => d.summary.id));
    const facts = listFacts(this.db)
      .map((f) => ({ f, mentions: f.mentions.filter((m) => docIds.has(m.docId)) }))
      .filter((x) => x.mentions.length)
      .map((x, i) => ({
        factId: x.f.id,
        label: x.f.label,
        colour: PALETTE[i % PALETTE.length],
        mentions: x.mentions.map((m) => ({ docId: m.docId, paragraph: m.paragraph, start: m.start, end: m.end })),
      }));
    const factsAt = new Map<string, number[]>();
    for (const f of facts) for (const m of f.mentions) factsAt.set(`${m.docId}:${m.paragraph}`, [...new Set([...(factsAt.get(`${m.docId}:${m.paragraph}`) ?? []), f.factId])]);
    return {
      collection: story.collection,
      articles: loaded.docs.map((d, di) => ({
        docId: d.summary.id,
        title: d.summary.title,
        lang: d.summary.lang,
        translationDoc: d.translation?.id ?? null,
        paragraphs: d.paragraphs.map((p) => ({
          index: p.index,
          length: p.text.length,
          preview: p.text.length > 90 ? `${p.text.slice(0, 89)}…` : p.text,
          facts: factsAt.get(`${d.summary.id}:${p.index}`) ?? [],
          cluster: clusterOf.get(`${di}:${p.index}`) ?? null,
        })),
      })),
      links,
      clusters: clusters.map((c) => ({
        id: c.id,
        label: c.label,
        colour: PALETTE[(c.id - 1) % PALETTE.length],
        members: c.members.map((m) => ({ docId: loaded.docs[m.doc].summary.id, paragraph: m.paragraph })),
      })),
      facts,
      notes: loaded.notes,
    };
  }

  /**
   * Paragraphs of the other articles of a fact's story that most likely report it, each with its
   * best sentence (in the original and in the English translation) and the shared evidence.
   * Paragraphs that mention the fact, or whose suggestion was rejected, are left out.
   */
  suggest(factId: number, topK = 10, only?: { docId: number; paragraph: number }): FactSuggestion[] {
    if (!getFactRow(this.db, factId)) throw new TandemError('not-found', `No fact ${factId}.`);
    const k = Math.max(1, Math.min(Math.floor(topK) || 10, 200));
    const fact = listFacts(this.db).find((f) => f.id === factId)!;
    if (!fact.mentions.length) return [];
    // Mentions on translations count for their originals (where addMention also put them).
    const onOriginals: Array<{ docId: number; paragraph: number; start: number; end: number; whole: boolean }> = [];
    for (const m of fact.mentions) {
      const d = getDocumentSummary(this.db, m.docId)!;
      if (d.translationOf === null) {
        const len = getParagraphs(this.db, d.id)[m.paragraph]?.text.length ?? 0;
        onOriginals.push({ docId: d.id, paragraph: m.paragraph, start: m.start, end: m.end, whole: m.start === 0 && m.end >= len });
      } else if (!fact.mentions.some((o) => o.docId === d.translationOf && o.paragraph === m.paragraph)) {
        onOriginals.push({ docId: d.translationOf, paragraph: m.paragraph, start: 0, end: 0, whole: true });
      }
    }
    const ids = new Set<number>();
    for (const m of onOriginals) for (const id of this.contextOfDoc(m.docId)) ids.add(id);
    const loaded = this.load([...ids].sort((x, y) => x - y));
    const pos = new Map(loaded.docs.map((d, i) => [d.summary.id, i]));
    const index = this.indexNow(loaded);
    const rejected = rejectedParagraphs(this.db, factId);
    const exclude = new Set<string>();
    loaded.docs.forEach((d, di) => d.paragraphs.forEach((p) => rejected.has(p.id) && exclude.add(`${di}:${p.index}`)));
    const queries = onOriginals
      .filter((m) => pos.has(m.docId))
      .map((m) => ({ doc: pos.get(m.docId)!, paragraph: m.paragraph, span: m.whole ? undefined : ([m.start, m.end] as [number, number]) }));
    const onlyKey = only && pos.has(only.docId) ? new Set([`${pos.get(only.docId)}:${only.paragraph}`]) : undefined;
    // The fact's label and description say what the fact is, in the annotator's words; with an
    // embeddings model, also by their vector when it is cached (prepareLabel fetches it).
    const text = aboutText(fact);
    const vector = this.opts.similarity && index.hasSemantic ? this.opts.similarity.cachedVectors([text]).vectors[0] : null;
    const about = { text, vector };
    return index.suggest(queries, { k, exclude, only: onlyKey, about }).map((s) => {
      const doc = loaded.docs[s.doc];
      const p = doc.paragraphs[s.paragraph];
      return {
        docId: doc.summary.id,
        paragraph: s.paragraph,
        score: s.confidence,
        confidence: s.confidence,
        text: p.text,
        lang: doc.summary.lang,
        sentence: this.sentenceView(doc, s.paragraph, s.sentence),
        // Evidence absent from the mention's paragraph came from what the fact is called.
        evidence: s.evidence.map(evidenceView).map((e) => (e.kind !== 'semantic' && !e.a.original.length && !e.a.translation.length ? { ...e, fromLabel: true } : e)),
      };
    });
  }

  private contextOfDoc(docId: number): number[] {
    const d = getDocumentSummary(this.db, docId)!;
    return listDocuments(this.db)
      .filter((x) => x.translationOf === null && x.collection === d.collection)
      .map((x) => x.id);
  }

  /** The sentence to tag when a suggestion is accepted: the best-matching one, or the whole paragraph. */
  suggestedSpan(factId: number, docId: number, paragraph: number): { start: number; end: number } | null {
    const hit = this.suggest(factId, 1, { docId, paragraph })[0];
    if (!hit || hit.docId !== docId || hit.paragraph !== paragraph || hit.sentence.end <= hit.sentence.start) return null;
    return { start: hit.sentence.start, end: hit.sentence.end };
  }
}

class Stopped extends Error {}

function strip(l: StoredLink & { annotator?: string | null }): StoredLink {
  const { annotator: _a, ...rest } = l as StoredLink & { annotator?: string | null };
  return rest;
}

function evidenceView(e: LinkEvidence): EvidenceView {
  return { kind: e.kind, label: e.label, weight: e.weight, a: { original: e.a.original, translation: e.a.pivot }, b: { original: e.b.original, translation: e.b.pivot } };
}

/**
 * What the semantic model reads: each paragraph as the story reads it (its English translation,
 * or the original), then the sentence units of paragraphs that have more than one, so that a fact
 * quoted in one sentence is compared by that sentence and not by its whole paragraph. `input`
 * puts the vectors of `all`, in that order, back in their places.
 */
function storyTexts(loaded: Loaded): { all: string[]; input: (vectors: ReadonlyArray<Float32Array | null>) => SemanticInput } {
  const paragraphs = loaded.inputs.flatMap((d) => d.paragraphs.map((p) => (p.pivot ? p.pivot : p.text)));
  const units = loaded.inputs.map((d) => d.paragraphs.map((p) => unitTexts(p)));
  const unitList = units.flatMap((d) => d.flatMap((u) => (u.length > 1 ? u : [])));
  return {
    all: [...paragraphs, ...unitList],
    input: (vectors) => {
      let k = 0;
      const para = loaded.inputs.map((d) => d.paragraphs.map(() => vectors[k++]));
      const unitVectors = units.map((d, di) => d.map((u, pi) => (u.length > 1 ? u.map(() => vectors[k++]) : [para[di][pi]])));
      return { paragraphs: para, units: unitVectors };
    },
  };
}

/** What a fact is called, as suggestions read it: its label and description, as far as a summary goes. */
function aboutText(fact: { label: string; description: string }): string {
  return [fact.label, fact.description].filter((t) => t.trim()).join('. ').slice(0, ABOUT_MAX_CHARS);
}
