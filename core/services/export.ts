import type { ReadDb } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ExportOptions, ExportedFile } from '../../common/api';
import type { AlignLevel, AlignMode, DocumentSummary, InlineCode, ParagraphStatus } from '../../common/types';
import {
  codesOfEdit,
  joinCoded,
  sliceCodes,
  tmxHead,
  tmxMultilingualUnit,
  tmxPairUnit,
  tmxTail,
  jsonlLine,
  tsvHeader,
  tsvRow,
  writeMoses,
  xliffWriter,
  type AlignedUnit,
  type CodedText,
  type ExportMeta,
  type MultilingualUnit,
  type UnitVariant,
  type XliffVersion,
} from '../formats';
import { findAlignment, getLinks } from '../../db/queries/alignments';
import { getDocumentSummary, getParagraphs, listDocuments } from '../../db/queries/documents';
import { getDocumentCodes } from '../../db/queries/codes';
import { resolveDoc } from './documents';

export const TOOL_VERSION = '0.1.0';

const FORMATS = ['tmx', 'xliff', 'moses', 'tsv', 'jsonl'] as const;

/**
 * A document's segments at a level with their inline codes: paragraphs (the
 * post-edited text where there is one, else the original) or sentences of
 * the original text, as the aligner sees them; and the paragraphs' states.
 */
function loadSegments(db: ReadDb, docId: number, level: AlignLevel): { segments: CodedText[]; statuses: ParagraphStatus[] } {
  const paragraphs = getParagraphs(db, docId);
  const codes = getDocumentCodes(db, docId);
  const segments: CodedText[] = [];
  for (const p of paragraphs) {
    const own = codes.get(p.index);
    if (level === 'paragraph') {
      const text = p.edited ?? p.text;
      const c = p.edited !== null ? codesOfEdit(p.edited, own) : own;
      segments.push(c?.length ? { text, codes: c } : { text });
      continue;
    }
    const spans = p.sentences.length ? p.sentences : [[0, p.text.length] as [number, number]];
    for (const [st, e] of spans) {
      const c = sliceCodes(own, st, e);
      segments.push(c ? { text: p.text.slice(st, e), codes: c } : { text: p.text.slice(st, e) });
    }
  }
  return { segments, statuses: paragraphs.map((p) => p.status) };
}

export function codedSegments(db: ReadDb, docId: number, level: AlignLevel): CodedText[] {
  return loadSegments(db, docId, level).segments;
}

const ORDER = ['initial', 'translated', 'reviewed', 'final'] as const;

/**
 * The aligned units between two documents, produced one at a time: one unit
 * per link, n:m links joined into one unit, in reading order. Post-edited
 * text is exported where there is one, the raw text otherwise; inline codes
 * come along. `count` is known before any unit is built.
 */
export function pairUnits(
  db: ReadDb,
  docA: number,
  docB: number,
  level: AlignLevel,
  status: 'confirmed' | 'all',
  mode?: AlignMode,
): { a: DocumentSummary; b: DocumentSummary; count: number; units: () => Generator<AlignedUnit> } {
  let row = findAlignment(db, docA, docB, level, mode);
  let swapped = false;
  if (!row) {
    row = findAlignment(db, docB, docA, level, mode);
    swapped = true;
  }
  if (!row) throw new TandemError('not-found', `Documents ${docA} and ${docB} have no ${level} alignment yet; run "tandem align" first.`);
  const a = getDocumentSummary(db, docA)!;
  const b = getDocumentSummary(db, docB)!;
  const links = getLinks(db, row.id)
    .filter((l) => l.status !== 'rejected' && (status === 'all' || l.status === 'confirmed'))
    .map((l) => ({ link: l, sideA: swapped ? l.b : l.a, sideB: swapped ? l.a : l.b }))
    .filter((l) => l.sideA.length && l.sideB.length);
  if (swapped) links.sort((x, y) => x.sideA[0]! - y.sideA[0]!);
  function* units(): Generator<AlignedUnit> {
    const segsA = loadSegments(db, docA, level).segments;
    const loadedB = loadSegments(db, docB, level);
    const segsB = loadedB.segments;
    const statusB = level === 'paragraph' ? loadedB.statuses : [];
    for (const { link, sideA, sideB } of links) {
      const states = sideB.map((i) => statusB[i]).filter(Boolean);
      const src = joinCoded(sideA.map((i) => segsA[i]!));
      const tgt = joinCoded(sideB.map((i) => segsB[i]!));
      yield {
        src: { lang: a.lang, ...src, docTitle: a.title, segments: sideA.map((i) => i + 1) },
        tgt: { lang: b.lang, ...tgt, docTitle: b.title, segments: sideB.map((i) => i + 1) },
        props: {
          id: String(link.id),
          status: link.status,
          confidence: link.confidence,
          annotator: link.annotator ?? undefined,
          origin: link.origin,
          srcDoc: a.source,
          tgtDoc: b.source,
          state: states.length ? states.reduce((lo, st) => (ORDER.indexOf(st) < ORDER.indexOf(lo) ? st : lo)) : undefined,
        },
      };
    }
  }
  return { a, b, count: links.length, units };
}

/** The aligned units between two documents, all at once (see pairUnits). */
export function alignedUnits(db: ReadDb, docA: number, docB: number, level: AlignLevel, status: 'confirmed' | 'all', mode?: AlignMode): { units: AlignedUnit[]; a: DocumentSummary; b: DocumentSummary } {
  const p = pairUnits(db, docA, docB, level, status, mode);
  return { units: [...p.units()], a: p.a, b: p.b };
}

/**
 * The N-way units of an original and its translations: one unit per group
 * of the original's segments that some link joins (n:m links may join
 * several), carrying the original's text and each translation's linked
 * segments. Groups no translation links are left out.
 */
export function multilingualUnits(db: ReadDb, original: number, translations: readonly number[], level: AlignLevel, status: 'confirmed' | 'all'): MultilingualUnit[] {
  const o = getDocumentSummary(db, original)!;
  const segsO = codedSegments(db, original, level);
  // A translation is exported from its parallel alignment with the original.
  const perTranslation = translations.map((t) => alignedUnits(db, original, t, level, status, 'parallel'));
  // Union-find over the original's segments: one link's segments belong together.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(x) !== r) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const { units } of perTranslation) {
    for (const u of units) {
      const segs = u.src.segments!;
      for (const s of segs) if (!parent.has(s)) parent.set(s, s);
      for (const s of segs.slice(1)) {
        const [ra, rb] = [find(segs[0]!), find(s)];
        if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
      }
    }
  }
  const groups = new Map<number, { segments: Set<number>; variants: Map<number, AlignedUnit[]> }>();
  for (const s of [...parent.keys()].sort((x, y) => x - y)) {
    const root = find(s);
    if (!groups.has(root)) groups.set(root, { segments: new Set(), variants: new Map() });
    groups.get(root)!.segments.add(s);
  }
  perTranslation.forEach(({ units }, k) => {
    for (const u of units) {
      const g = groups.get(find(u.src.segments![0]!))!;
      const list = g.variants.get(k) ?? [];
      list.push(u);
      g.variants.set(k, list);
    }
  });
  const out: MultilingualUnit[] = [];
  for (const [root, g] of [...groups].sort((x, y) => x[0] - y[0])) {
    const segs = [...g.segments].sort((x, y) => x - y);
    const first: UnitVariant = { lang: o.lang, ...joinCoded(segs.map((s) => segsO[s - 1]!)), doc: o.source, docTitle: o.title, segments: segs };
    const variants: UnitVariant[] = [first];
    const ids: string[] = [];
    perTranslation.forEach(({ b }, k) => {
      const links = g.variants.get(k);
      if (!links?.length) return;
      const tSegs = [...new Set(links.flatMap((l) => l.tgt.segments ?? []))].sort((x, y) => x - y);
      const byFirst = [...links].sort((x, y) => (x.tgt.segments?.[0] ?? 0) - (y.tgt.segments?.[0] ?? 0));
      const joined = joinCoded(byFirst.map((l) => ({ text: l.tgt.text, codes: l.tgt.codes })));
      const p = links.map((l) => l.props ?? {});
      const confidences = p.map((x) => x.confidence).filter((c): c is number => c !== undefined);
      const states = p.map((x) => x.state).filter((s): s is NonNullable<typeof s> => s !== undefined);
      variants.push({
        lang: b.lang,
        ...joined,
        doc: b.source,
        docTitle: b.title,
        segments: tSegs,
        link: {
          status: p.every((x) => x.status === 'confirmed') ? 'confirmed' : 'suggested',
          confidence: confidences.length ? Math.min(...confidences) : undefined,
          annotator: p[0]!.annotator,
          origin: p[0]!.origin,
          state: states.length ? states.reduce((lo, s) => (ORDER.indexOf(s) < ORDER.indexOf(lo) ? s : lo)) : undefined,
        },
      });
      ids.push(...p.map((x) => x.id ?? ''));
    });
    if (variants.length < 2) continue;
    out.push({ id: ids.length === 1 ? ids[0]! : `${original}:${root}`, variants });
  }
  return out;
}

function stemOf(a: DocumentSummary, b: DocumentSummary): string {
  const base = a.source.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_') || `doc${a.id}`;
  return `${base}.${a.lang}-${b.lang}`;
}

/** Where the output of an export goes: file by file, chunk by chunk. */
export interface ExportSink {
  /** Starts a file; `name` is a plain file name. */
  open(name: string): void;
  write(chunk: string): void;
  close(): void;
}

export interface ExportRunOptions {
  signal?: AbortSignal;
  /** Units written so far, of the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  /** File names in the order written. */
  files: string[];
  units: number;
  /** Several files (one per pair, or Moses' two): the output is a folder. */
  folder: boolean;
}

interface PairJob {
  a: number;
  b: number;
  /** Which of the pair's alignments; without it, the one changed last. */
  mode?: AlignMode;
}

interface Plan {
  format: (typeof FORMATS)[number];
  level: AlignLevel;
  status: 'confirmed' | 'all';
  xliffVersion: XliffVersion;
  pairs: PairJob[];
  /** One multilingual TMX: originals with their translations. */
  multilingual: Array<{ original: number; translations: number[] }> | null;
}

function plan(db: ReadDb, opts: ExportOptions): Plan {
  if (!opts || !(FORMATS as readonly string[]).includes(opts.format)) throw new TandemError('invalid-input', 'Choose a format: tmx, xliff, moses, tsv or jsonl.');
  const level = opts.level ?? 'paragraph';
  if (level !== 'paragraph' && level !== 'sentence') throw new TandemError('invalid-input', 'The level is paragraph or sentence.');
  const status = opts.status ?? 'confirmed';
  if (status !== 'confirmed' && status !== 'all') throw new TandemError('invalid-input', 'Export confirmed links or all links.');
  const xliffVersion = opts.xliffVersion ?? '2.1';
  if (xliffVersion !== '2.1' && xliffVersion !== '1.2') throw new TandemError('invalid-input', 'The XLIFF version is 2.1 or 1.2.');
  const pairs: PairJob[] = [];
  if (opts.pair) pairs.push({ a: resolveDoc(db, opts.pair[0]), b: resolveDoc(db, opts.pair[1]), mode: opts.mode });
  else if (opts.allTranslations) {
    // A translation is exported from its parallel alignment with the original.
    for (const d of listDocuments(db)) if (d.translationOf !== null) pairs.push({ a: d.translationOf, b: d.id, mode: 'parallel' });
  } else throw new TandemError('invalid-input', 'Say what to export: a pair of documents, or all translations.');
  if (!pairs.length) throw new TandemError('not-found', 'There are no translations to export.');
  let multilingual: Plan['multilingual'] = null;
  if (opts.format === 'tmx' && opts.allTranslations && !opts.split) {
    const byOriginal = new Map<number, number[]>();
    for (const p of pairs) byOriginal.set(p.a, [...(byOriginal.get(p.a) ?? []), p.b]);
    multilingual = [...byOriginal].map(([original, translations]) => ({ original, translations }));
  } else if (pairs.length > 1 && !opts.split && opts.format !== 'moses') {
    const why = opts.format === 'xliff' ? `XLIFF ${xliffVersion} holds` : `${opts.format.toUpperCase()} holds`;
    throw new TandemError(
      'invalid-input',
      `${why} one language pair per file and there are ${pairs.length} pairs: split them into one file per pair (--split; the output is then a folder), or export TMX, which holds every language in one file.`,
    );
  }
  // Fail before writing anything when a pair has no alignment.
  for (const p of pairs) {
    if (!findAlignment(db, p.a, p.b, level, p.mode) && !findAlignment(db, p.b, p.a, level, p.mode)) {
      throw new TandemError('not-found', `Documents ${p.a} and ${p.b} have no ${p.mode ? `${p.mode} ` : ''}${level} alignment yet; run "tandem align" first.`);
    }
  }
  return { format: opts.format, level, status, xliffVersion, pairs, multilingual };
}

/** Checks the options and says what an export would write, without writing it. */
export function describeExport(db: ReadDb, opts: ExportOptions): { files: number; folder: boolean } {
  const p = plan(db, opts);
  if (p.multilingual) return { files: 1, folder: false };
  const files = p.pairs.length * (p.format === 'moses' ? 2 : 1);
  return { files, folder: files > 1 };
}

class Cancelled extends TandemError {
  constructor() {
    super('cancelled', 'export stopped by the user; no file was written');
  }
}

/**
 * Runs an export into `sink`, unit by unit, so that the output never has to
 * be held in memory. Checks the options first, so a bad request writes
 * nothing. One multilingual TMX for all translations (unless split);
 * otherwise one file per pair, and Moses' two files per pair.
 */
export function runExport(db: ReadDb, opts: ExportOptions, sink: ExportSink, run: ExportRunOptions = {}): ExportSummary {
  const p = plan(db, opts);
  const createdAt = new Date().toISOString();
  const files: string[] = [];
  let done = 0;
  let lastReport = 0;
  const tick = (total: number) => {
    done++;
    if (run.signal?.aborted) throw new Cancelled();
    const t = Date.now();
    if (t - lastReport >= 100 || done === total) {
      lastReport = t;
      run.onProgress?.(done, total);
    }
  };

  if (p.multilingual) {
    const groups = p.multilingual.map((g) => ({ ...g, units: multilingualUnits(db, g.original, g.translations, p.level, p.status) }));
    const total = groups.reduce((n, g) => n + g.units.length, 0);
    const langs = new Set(groups.filter((g) => g.units.length).map((g) => getDocumentSummary(db, g.original)!.lang));
    const allLangs = langs.size !== 1;
    const name = 'translations.tmx';
    sink.open(name);
    files.push(name);
    sink.write(tmxHead({ srcLang: allLangs ? '*all*' : [...langs][0]!, toolVersion: TOOL_VERSION, createdAt, segtype: p.level }));
    for (const g of groups) {
      for (const u of g.units) {
        sink.write(tmxMultilingualUnit(u, allLangs));
        tick(total);
      }
    }
    sink.write(tmxTail());
    sink.close();
    run.onProgress?.(total, total);
    return { files, units: total, folder: false };
  }

  // Links are counted up front (for progress); each pair's units are built while its file is written.
  const jobs = p.pairs.map((pair) => pairUnits(db, pair.a, pair.b, p.level, p.status, pair.mode));
  const total = jobs.reduce((n, j) => n + j.count, 0);
  for (const { a, b, units: stream } of jobs) {
    const meta: ExportMeta = { srcLang: a.lang, tgtLang: b.lang, toolVersion: TOOL_VERSION, srcDoc: a.source, tgtDoc: b.source, createdAt, segtype: p.level };
    const stem = stemOf(a, b);
    if (p.format === 'moses') {
      // Two parallel files, a line per unit; each file is written in its own pass over the units.
      for (const side of ['src', 'tgt'] as const) {
        const name = `${stem}.${side === 'src' ? a.lang : b.lang}`;
        sink.open(name);
        files.push(name);
        for (const u of stream()) {
          const { src, tgt } = writeMoses([u]);
          sink.write(side === 'src' ? src : tgt);
          if (side === 'tgt') tick(total);
        }
        sink.close();
      }
      continue;
    }
    const name = `${stem}.${p.format === 'xliff' ? 'xlf' : p.format}`;
    sink.open(name);
    files.push(name);
    if (p.format === 'tmx') {
      sink.write(tmxHead(meta));
      let i = 0;
      for (const u of stream()) {
        sink.write(tmxPairUnit(u, i++, meta));
        tick(total);
      }
      sink.write(tmxTail());
    } else if (p.format === 'xliff') {
      const w = xliffWriter(meta, p.xliffVersion);
      sink.write(w.head());
      let i = 0;
      for (const u of stream()) {
        sink.write(w.unit(u, i++));
        tick(total);
      }
      sink.write(w.tail());
    } else {
      // TSV and JSONL are written a unit (line) at a time.
      if (p.format === 'tsv') sink.write(tsvHeader(meta));
      let i = 0;
      for (const u of stream()) {
        sink.write(p.format === 'tsv' ? tsvRow(u, i, meta) : jsonlLine(u, i, meta));
        i++;
        tick(total);
      }
    }
    sink.close();
  }
  run.onProgress?.(total, total);
  return { files, units: total, folder: files.length > 1 };
}

/** An export held in memory, for the API (the UI saves it through its own dialog). */
export function exportAlignment(db: ReadDb, opts: ExportOptions, run: ExportRunOptions = {}): ExportedFile {
  const out: Array<{ name: string; content: string }> = [];
  let parts: string[] = [];
  let current = '';
  const summary = runExport(
    db,
    opts,
    {
      open: (name) => {
        current = name;
        parts = [];
      },
      write: (chunk) => parts.push(chunk),
      close: () => out.push({ name: current, content: parts.join('') }),
    },
    run,
  );
  return { name: out[0]!.name, content: out[0]!.content, files: out, units: summary.units };
}

export type { InlineCode };
