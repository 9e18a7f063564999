import { createHash } from 'node:crypto';
import {
  DEEPL_MAX_BODY_BYTES,
  DEEPL_MAX_TEXTS,
  DEFAULT_MAX_TEXT_BYTES,
  batchTexts,
  billableChars,
  formEncodedBytes,
  isBlank,
  joinPieces,
  splitOversized,
  textParamBytes,
  type BatchLimits,
  type Piece,
} from './batcher';
import { sameLanguage } from '../../common/languages';
import { MtError, type Formality, type MtProvider } from './provider';

/** Persistent translation cache; implemented over SQLite by the caller. */
export interface MtStore {
  getCached(key: string): { text: string; detectedSourceLang: string } | undefined;
  /** Called as soon as each request's answer arrives, so a kill loses nothing paid for. */
  putCached(
    key: string,
    value: {
      text: string;
      detectedSourceLang: string;
      billedCharacters: number;
      sourceText: string;
      sourceLang: string | null;
      targetLang: string;
      /** Engine name (MtProvider.name). */
      provider: string;
    },
  ): void;
}

export type ItemId = string | number;

export interface RunItem {
  id: ItemId;
  text: string;
  /** BCP-47 code from language identification, or null if unknown. */
  sourceLang: string | null;
  /** Defaults to the previous item's text; pass '' for none. */
  contextBefore?: string;
  /** Defaults to the next item's text; pass '' for none. */
  contextAfter?: string;
}

export interface RunProgress {
  /** Items finished (translated, cached or empty). */
  done: number;
  total: number;
  /** Source characters translated by requests so far. */
  chars: number;
  /** Source characters this run has to send (unique, not cached). */
  totalChars: number;
  /** Items served entirely from the cache. */
  cached: number;
  requests: number;
}

/**
 * How DeepL's `context` parameter is used. DeepL applies one context to every
 * text of a request, and texts in a request do not see each other.
 * - 'span' (default): a request carries consecutive uncached paragraphs of one
 *   source language, and its context is the text just before the first and
 *   just after the last of them. Cheap (full batches) and right for the edges;
 *   paragraphs in the middle of a batch get only the span's surroundings.
 * - 'paragraph': one paragraph per request with its own neighbours as context.
 *   Best quality, up to 50x more requests.
 * - 'none': no context.
 * Context is not part of the cache key: the same paragraph is reused across
 * places and runs even though its neighbours differ.
 */
export type ContextMode = 'span' | 'paragraph' | 'none';

export interface RunOptions {
  targetLang: string;
  formality?: Formality;
  glossaryId?: string;
  /** Hash of the glossary entries; keys the cache so that a changed glossary re-translates. */
  glossaryHash?: string;
  /**
   * Source language the glossary was made for; items in other languages are
   * translated without it. When omitted the glossary is used for every item
   * with a known source language (DeepL cannot apply a glossary to detected text).
   */
  glossarySourceLang?: string;
  /** Requests in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Plan only: no requests, report what would be billed. */
  dryRun?: boolean;
  context?: ContextMode;
  /** Characters of context taken from each side. */
  maxContextChars?: number;
  limits?: BatchLimits;
}

export interface RunTranslation {
  text: string;
  detectedSourceLang: string;
  fromCache: boolean;
}

export interface RunResult {
  /** Finished items only; items cut off by a stop are absent. */
  translations: Map<ItemId, RunTranslation>;
  /** Non-empty items translated by requests in this run (including in-run duplicates). */
  paragraphs: number;
  /** Items served entirely from the cache. */
  cached: number;
  /** Empty or whitespace-only items, returned as '' without a request. */
  empty: number;
  billedCharacters: number;
  /** Source characters translated by requests in this run (what RunProgress calls chars). */
  translatedCharacters: number;
  /** Successful requests. */
  requests: number;
  /** Requests the plan needed (all of them in a dry run). */
  plannedRequests: number;
  /** Characters the plan would bill: unique, uncached source text. */
  billableCharacters: number;
  /** Unique source characters answered from the cache (what the cache saved). */
  cachedCharacters: number;
  stoppedBy?: MtError;
  aborted?: boolean;
}

export interface CacheKeyOptions {
  formality?: Formality;
  /** Engine name, so that other engines never answer from DeepL's cache entries. */
  engine?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };

function canonicalJson(v: Json | undefined): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
}

/**
 * sha256 over a canonical JSON of everything that changes the output.
 * Language codes are compared case-insensitively; context is deliberately excluded (see ContextMode).
 */
export function cacheKey(
  text: string,
  sourceLang: string | null,
  targetLang: string,
  options: CacheKeyOptions = {},
  glossaryHash?: string,
): string {
  const canonical = canonicalJson({
    v: 1,
    text,
    source: sourceLang ? sourceLang.toLowerCase() : null,
    target: targetLang.toLowerCase(),
    options: { formality: options.formality ?? 'default', engine: options.engine },
    glossary: glossaryHash ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

interface Waiter {
  item: number;
  piece: number;
}

interface Segment {
  key: string;
  text: string;
  sourceLang: string | null;
  glossary: boolean;
  /** Item whose neighbours serve as context. */
  firstItem: number;
  waiters: Waiter[];
}

interface ItemState {
  pieces: Piece[];
  parts: (string | undefined)[];
  detected?: string;
  remaining: number;
  allCached: boolean;
}

interface Job {
  segments: Segment[];
  sourceLang: string | null;
  glossary: boolean;
  context?: string;
}

const OTHER_PARAMS_BYTES = 2048;

function tailAtBoundary(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(s.length - max);
  const ws = cut.search(/\s/);
  return (ws >= 0 && ws < max / 4 ? cut.slice(ws) : cut).trim();
}

function headAtBoundary(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const ws = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return (ws > (max * 3) / 4 ? cut.slice(0, ws) : cut).trim();
}

function fitBytes(context: string, budget: number): string | undefined {
  let c = context;
  while (c && formEncodedBytes(c) + '&context='.length > budget) c = c.slice(0, Math.floor(c.length * 0.75));
  return c.trim() || undefined;
}

function normSource(lang: string | null): string | null {
  const t = lang?.trim();
  return t ? t : null;
}

export async function runTranslation(
  provider: MtProvider,
  store: MtStore,
  items: readonly RunItem[],
  opts: RunOptions,
): Promise<RunResult> {
  const contextMode = opts.context ?? 'span';
  const maxContextChars = opts.maxContextChars ?? 1000;
  const maxBytes = opts.limits?.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const maxTexts = contextMode === 'paragraph' ? 1 : (opts.limits?.maxTexts ?? DEEPL_MAX_TEXTS);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2));
  const glossaryTag = opts.glossaryHash ?? (opts.glossaryId ? `id:${opts.glossaryId}` : undefined);
  const keyOptions: CacheKeyOptions = { formality: opts.formality, engine: provider.name };

  const translations = new Map<ItemId, RunTranslation>();
  const states: (ItemState | undefined)[] = [];
  const segments = new Map<string, Segment>();
  let done = 0;
  let cachedItems = 0;
  let emptyItems = 0;
  let paragraphs = 0;

  const completePiece = (w: Waiter, text: string, detected: string, fromCache: boolean) => {
    const st = states[w.item]!;
    if (st.parts[w.piece] !== undefined) return;
    st.parts[w.piece] = text;
    if (w.piece === 0) st.detected = detected;
    if (!fromCache) st.allCached = false;
    if (--st.remaining > 0) return;
    const item = items[w.item]!;
    translations.set(item.id, {
      text: joinPieces(st.pieces, st.parts as string[]),
      detectedSourceLang: st.detected ?? '',
      fromCache: st.allCached,
    });
    done++;
    if (st.allCached) cachedItems++;
    else paragraphs++;
  };

  items.forEach((item, idx) => {
    if (isBlank(item.text)) {
      translations.set(item.id, { text: '', detectedSourceLang: item.sourceLang ?? '', fromCache: false });
      states.push(undefined);
      done++;
      emptyItems++;
      return;
    }
    const src = normSource(item.sourceLang);
    const glossary =
      !!opts.glossaryId &&
      src !== null &&
      (!opts.glossarySourceLang || sameLanguage(src, opts.glossarySourceLang));
    const pieces = splitOversized(item.text, maxBytes);
    states.push({ pieces, parts: new Array(pieces.length), remaining: pieces.length, allCached: true });
    pieces.forEach((piece, i) => {
      const key = cacheKey(piece.text, src, opts.targetLang, keyOptions, glossary ? glossaryTag : undefined);
      let seg = segments.get(key);
      if (!seg) {
        seg = { key, text: piece.text, sourceLang: src, glossary, firstItem: idx, waiters: [] };
        segments.set(key, seg);
      }
      seg.waiters.push({ item: idx, piece: i });
    });
  });

  const pending: Segment[] = [];
  let cachedChars = 0;
  for (const seg of segments.values()) {
    const hit = store.getCached(seg.key);
    if (!hit) {
      pending.push(seg);
      continue;
    }
    cachedChars += billableChars(seg.text);
    for (const w of seg.waiters) completePiece(w, hit.text, hit.detectedSourceLang, true);
  }

  const contextFor = (first: Segment, last: Segment, batchBytes: number): string | undefined => {
    if (contextMode === 'none') return undefined;
    const a = items[first.firstItem]!;
    const b = items[last.firstItem]!;
    const before = a.contextBefore ?? items[first.firstItem - 1]?.text ?? '';
    const after = b.contextAfter ?? items[last.firstItem + 1]?.text ?? '';
    const parts = [tailAtBoundary(before.trim(), maxContextChars), headAtBoundary(after.trim(), maxContextChars)];
    const joined = parts.filter(Boolean).join('\n\n');
    return fitBytes(joined, DEEPL_MAX_BODY_BYTES - OTHER_PARAMS_BYTES - batchBytes);
  };

  // Group by source language and glossary use, each group in document order of first occurrence.
  const groups = new Map<string, Segment[]>();
  for (const seg of pending) {
    const g = `${seg.sourceLang ?? ''}\u0000${seg.glossary ? 1 : 0}`;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(seg);
  }
  const jobs: Job[] = [];
  for (const list of groups.values()) {
    for (const idx of batchTexts(list.map((s) => s.text), { maxTexts, maxBytes })) {
      const segs = idx.map((i) => list[i]!);
      const bytes = segs.reduce((n, s) => n + textParamBytes(s.text), 0);
      jobs.push({
        segments: segs,
        sourceLang: segs[0]!.sourceLang,
        glossary: segs[0]!.glossary,
        context: contextFor(segs[0]!, segs[segs.length - 1]!, bytes),
      });
    }
  }

  const totalChars = pending.reduce((n, s) => n + billableChars(s.text), 0);
  let chars = 0;
  let requests = 0;
  let billed = 0;
  const progress = () =>
    opts.onProgress?.({ done, total: items.length, chars, totalChars, cached: cachedItems, requests });

  const result = (extra: Partial<RunResult> = {}): RunResult => ({
    translations,
    paragraphs,
    cached: cachedItems,
    empty: emptyItems,
    billedCharacters: billed,
    translatedCharacters: chars,
    requests,
    plannedRequests: jobs.length,
    billableCharacters: totalChars,
    cachedCharacters: cachedChars,
    ...extra,
  });

  progress();
  if (opts.dryRun || jobs.length === 0) return result();

  let stoppedBy: MtError | undefined;
  let aborted = false;
  let fatal: { error: unknown } | undefined;
  let next = 0;
  const signal = opts.signal;

  const worker = async () => {
    while (!stoppedBy && !aborted && !fatal && next < jobs.length) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      const job = jobs[next++]!;
      try {
        const out = await provider.translate(
          {
            texts: job.segments.map((s) => s.text),
            sourceLang: job.sourceLang,
            targetLang: opts.targetLang,
            context: job.context,
            formality: opts.formality,
            glossaryId: job.glossary ? opts.glossaryId : undefined,
          },
          signal,
        );
        requests++;
        job.segments.forEach((seg, i) => {
          const r = out[i]!;
          billed += r.billedCharacters;
          chars += billableChars(seg.text);
          store.putCached(seg.key, {
            text: r.text,
            detectedSourceLang: r.detectedSourceLang,
            billedCharacters: r.billedCharacters,
            sourceText: seg.text,
            sourceLang: seg.sourceLang,
            targetLang: opts.targetLang,
            provider: provider.name,
          });
          for (const w of seg.waiters) completePiece(w, r.text, r.detectedSourceLang, false);
        });
        progress();
      } catch (e) {
        // Whatever survived the provider's own retries ends the run; finished
        // work is already in the store and in `translations`.
        if (signal?.aborted) aborted = true;
        else if (e instanceof MtError) stoppedBy ??= e;
        else fatal ??= { error: e };
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  if (fatal) throw fatal.error;
  return result({ stoppedBy, aborted: aborted || undefined });
}
