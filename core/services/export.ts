import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ExportOptions, ExportedFile } from '../../common/api';
import type { AlignLevel, AlignMode, DocumentSummary } from '../../common/types';
import { writeJsonl, writeMoses, writeTmx, writeTsv, writeXliff, type AlignedUnit, type ExportMeta } from '../formats';
import { findAlignment, getLinks } from '../../db/queries/alignments';
import { getDocumentSummary, listDocuments } from '../../db/queries/documents';
import { resolveDoc } from './documents';
import { segmentsOf } from './align';
import { getParagraphs } from '../../db/queries/documents';

export const TOOL_VERSION = '0.1.0';

const EXTENSIONS = { tmx: 'tmx', xliff: 'xlf', moses: '', tsv: 'tsv', jsonl: 'jsonl' } as const;

/**
 * The aligned units between two documents: one unit per link, n:m links
 * joined into one unit, in reading order. Post-edited text is exported where
 * there is one, the raw text otherwise.
 */
export function alignedUnits(db: Db, docA: number, docB: number, level: AlignLevel, status: 'confirmed' | 'all', mode?: AlignMode): { units: AlignedUnit[]; a: DocumentSummary; b: DocumentSummary } {
  let row = findAlignment(db, docA, docB, level, mode);
  let swapped = false;
  if (!row) {
    row = findAlignment(db, docB, docA, level, mode);
    swapped = true;
  }
  if (!row) throw new TandemError('not-found', `Documents ${docA} and ${docB} have no ${level} alignment yet; run "tandem align" first.`);
  const a = getDocumentSummary(db, docA)!;
  const b = getDocumentSummary(db, docB)!;
  const textsA = segmentsOf(db, docA, level).texts;
  const textsB = segmentsOf(db, docB, level).texts;
  const statusB = level === 'paragraph' ? getParagraphs(db, docB).map((p) => p.status) : [];
  const units: AlignedUnit[] = [];
  for (const link of getLinks(db, row.id)) {
    if (link.status === 'rejected') continue;
    if (status === 'confirmed' && link.status !== 'confirmed') continue;
    const sideA = swapped ? link.b : link.a;
    const sideB = swapped ? link.a : link.b;
    if (!sideA.length || !sideB.length) continue;
    const states = sideB.map((i) => statusB[i]).filter(Boolean);
    units.push({
      src: { lang: a.lang, text: sideA.map((i) => textsA[i]).join(' '), docTitle: a.title, segments: sideA.map((i) => i + 1) },
      tgt: { lang: b.lang, text: sideB.map((i) => textsB[i]).join(' '), docTitle: b.title, segments: sideB.map((i) => i + 1) },
      props: {
        id: String(link.id),
        status: link.status,
        confidence: link.confidence,
        annotator: link.annotator ?? undefined,
        origin: link.origin,
        srcDoc: a.source,
        tgtDoc: b.source,
        state: states.length ? states.reduce((lo, s) => (ORDER.indexOf(s) < ORDER.indexOf(lo) ? s : lo)) : undefined,
      },
    });
  }
  if (swapped) units.sort((x, y) => (x.src.segments?.[0] ?? 0) - (y.src.segments?.[0] ?? 0));
  return { units, a, b };
}

const ORDER = ['initial', 'translated', 'reviewed', 'final'] as const;

function render(format: ExportOptions['format'], units: AlignedUnit[], meta: ExportMeta, stem: string): Array<{ name: string; content: string }> {
  switch (format) {
    case 'tmx':
      return [{ name: `${stem}.tmx`, content: writeTmx(units, meta) }];
    case 'xliff':
      return [{ name: `${stem}.xlf`, content: writeXliff(units, meta) }];
    case 'tsv':
      return [{ name: `${stem}.tsv`, content: writeTsv(units, meta) }];
    case 'jsonl':
      return [{ name: `${stem}.jsonl`, content: writeJsonl(units, meta) }];
    case 'moses': {
      const { src, tgt } = writeMoses(units);
      return [
        { name: `${stem}.${meta.srcLang}`, content: src },
        { name: `${stem}.${meta.tgtLang}`, content: tgt },
      ];
    }
    default:
      throw new TandemError('invalid-input', `Unknown format "${String(format)}"; use tmx, xliff, moses, tsv or jsonl.`);
  }
}

function stemOf(a: DocumentSummary, b: DocumentSummary): string {
  const base = a.source.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_') || `doc${a.id}`;
  return `${base}.${a.lang}-${b.lang}`;
}

export function exportAlignment(db: Db, opts: ExportOptions): ExportedFile {
  if (!opts || !(opts.format in EXTENSIONS)) throw new TandemError('invalid-input', 'Choose a format: tmx, xliff, moses, tsv or jsonl.');
  const level = opts.level ?? 'paragraph';
  const status = opts.status ?? 'confirmed';
  const pairs: Array<[number, number]> = [];
  if (opts.pair) pairs.push([resolveDoc(db, opts.pair[0]), resolveDoc(db, opts.pair[1])]);
  else if (opts.allTranslations) {
    for (const d of listDocuments(db)) if (d.translationOf !== null) pairs.push([d.translationOf, d.id]);
  } else throw new TandemError('invalid-input', 'Say what to export: a pair of documents, or all translations.');
  if (!pairs.length) throw new TandemError('not-found', 'There are no translations to export.');
  const files: Array<{ name: string; content: string }> = [];
  let count = 0;
  for (const [docA, docB] of pairs) {
    // A translation is exported from its parallel alignment with the original.
    const { units, a, b } = alignedUnits(db, docA, docB, level, status, opts.pair ? opts.mode : 'parallel');
    count += units.length;
    const meta: ExportMeta = { srcLang: a.lang, tgtLang: b.lang, toolVersion: TOOL_VERSION, srcDoc: a.source, tgtDoc: b.source, createdAt: new Date().toISOString(), segtype: level };
    files.push(...render(opts.format, units, meta, stemOf(a, b)));
  }
  return { name: files[0].name, content: files[0].content, files, units: count };
}
