import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { JobInfo, LinkStatus } from '../../common/types';
import { FormatError, readJsonl, readMoses, readTsv, stripCodes, validateCodes, type ImportedPair, type ImportedUnit } from '../formats';
import { ReadCancelled, parseXmlStream, readTmx, readXliff, tmxUnitReader, xliffUnitReader } from '../xml';
import { createAlignment, insertLink } from '../../db/queries/alignments';
import { now } from '../../db/queries/documents';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { paragraphIds, putParagraphCodes } from '../../db/queries/codes';
import { MAX_FILE_BYTES, storeArticle } from './import';
import { chooseTitle, identifyDocumentLanguage } from '../text';

export type AlignedFormat = 'tmx' | 'xliff' | 'moses' | 'tsv' | 'jsonl';

/** Largest aligned file accepted: TMX and XLIFF are read as a stream, so this bounds time, not memory. */
export const MAX_ALIGNED_BYTES = MAX_FILE_BYTES * 4;

export interface AlignedImportResult {
  original: number;
  translation: number;
  alignment: number;
  units: number;
  skipped: number;
  warnings: string[];
  jobId?: number;
}

function formatFailure(err: unknown): never {
  if (err instanceof FormatError) throw new TandemError('invalid-input', err.message, { line: err.line, column: err.column });
  if (err instanceof TypeError && /encoded data/.test(err.message)) throw new TandemError('encoding', 'the file is not valid UTF-8');
  throw err;
}

/** Parses an aligned file held in memory, turning format errors into clear messages with line and column. */
export function readAligned(format: AlignedFormat, content: Uint8Array, opts: { tgtContent?: Uint8Array; srcLang?: string; tgtLang?: string } = {}): ImportedPair {
  try {
    switch (format) {
      case 'tmx':
        return readTmx(content, { srcLang: opts.srcLang, tgtLang: opts.tgtLang });
      case 'xliff':
        return readXliff(content);
      case 'tsv':
        return readTsv(content);
      case 'jsonl':
        return readJsonl(content);
      case 'moses': {
        if (!opts.tgtContent) throw new TandemError('invalid-input', 'A Moses pair needs both files: give the target file with --tgt FILE.');
        const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
        return readMoses(decode(content), decode(opts.tgtContent), { srcLang: opts.srcLang, tgtLang: opts.tgtLang });
      }
    }
  } catch (err) {
    formatFailure(err);
  }
  throw new TandemError('invalid-input', `Unknown format ${String(format)}`);
}

export interface ReadAlignedFileOptions {
  /** The target file of a Moses pair. */
  tgtPath?: string;
  srcLang?: string;
  tgtLang?: string;
  signal?: AbortSignal;
  /** Bytes read so far, of the total. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Keep only what storing needs (texts, codes, link status and confidence):
   * a big memory then costs little more than its text.
   */
  compact?: boolean;
}

/** The unit as stored: other properties are not kept by the store, so a big import need not hold them. */
function compactUnit(u: ImportedUnit): ImportedUnit {
  const out: ImportedUnit = { src: u.src, tgt: u.tgt };
  if (u.srcCodes) out.srcCodes = u.srcCodes;
  if (u.tgtCodes) out.tgtCodes = u.tgtCodes;
  const status = u.props?.status;
  const confidence = u.props?.confidence;
  if (status !== undefined || confidence !== undefined) {
    out.props = {};
    if (status !== undefined) out.props.status = status;
    if (confidence !== undefined) out.props.confidence = confidence;
  }
  return out;
}

/**
 * Reads an aligned file from disk. TMX and XLIFF are parsed as a stream, so
 * memory holds the units read, not the file or a tree of it; the line-based
 * formats are read whole.
 */
export async function readAlignedFile(file: string, format: AlignedFormat, opts: ReadAlignedFileOptions = {}): Promise<ImportedPair> {
  for (const f of [file, opts.tgtPath].filter(Boolean) as string[]) {
    let size: number;
    try {
      size = fs.statSync(f).size;
    } catch {
      throw new TandemError('not-found', `no such file: ${f}`);
    }
    if (size > MAX_ALIGNED_BYTES) throw new TandemError('too-large', `${f} is over the ${MAX_ALIGNED_BYTES / 1024 / 1024} MB limit`);
  }
  if (format !== 'tmx' && format !== 'xliff') {
    const pair = readAligned(format, fs.readFileSync(file), { tgtContent: opts.tgtPath ? fs.readFileSync(opts.tgtPath) : undefined, srcLang: opts.srcLang, tgtLang: opts.tgtLang });
    const size = fs.statSync(file).size;
    opts.onProgress?.(size, size);
    return pair;
  }
  const units: ImportedUnit[] = [];
  const keep = opts.compact ? (u: ImportedUnit) => units.push(compactUnit(u)) : (u: ImportedUnit) => units.push(u);
  const reader = format === 'tmx' ? tmxUnitReader({ srcLang: opts.srcLang, tgtLang: opts.tgtLang }, keep) : xliffUnitReader(keep);
  const totalBytes = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  try {
    await parseXmlStream(stream, reader.sink, { format: format === 'tmx' ? 'TMX' : 'XLIFF', totalBytes, signal: opts.signal, onProgress: opts.onProgress });
  } catch (err) {
    if (err instanceof ReadCancelled) throw err;
    formatFailure(err);
  } finally {
    stream.destroy();
  }
  const head = reader.finish();
  return { ...head, units };
}

/**
 * Stores an aligned pair as an original, its translation and a confirmed
 * alignment, all in one transaction: a failure leaves nothing behind. Inline
 * codes are stored beside the paragraphs whose text holds their placeholders.
 */
export function storeAlignedPair(db: Db, pair: ImportedPair, opts: { name: string; collection?: string; annotatorId?: number | null }): AlignedImportResult {
  const units = pair.units.filter((u) => u.src.trim() && u.tgt.trim());
  const skipped = pair.units.length - units.length;
  if (!units.length) throw new TandemError('invalid-input', 'the file holds no unit with text on both sides');
  units.forEach((u, i) => {
    for (const [text, codes] of [[u.src, u.srcCodes], [u.tgt, u.tgtCodes]] as const) {
      const problem = codes?.length ? validateCodes(text, codes) : null;
      if (problem) throw new TandemError('invalid-input', `unit ${i + 1}: its inline codes do not match its text (${problem})`);
    }
  });
  const srcGuess = pair.srcLang ? { lang: pair.srcLang, confidence: 1 } : identifyDocumentLanguage(units.map((u) => u.src));
  const tgtGuess = pair.tgtLang ? { lang: pair.tgtLang, confidence: 1 } : identifyDocumentLanguage(units.map((u) => u.tgt));
  const [srcLang, tgtLang] = [srcGuess.lang, tgtGuess.lang];
  // The title comes from the first paragraphs; the hash is fed paragraph by paragraph rather than from one joined copy.
  const head = units.slice(0, 50);
  const hash = (texts: (u: ImportedUnit) => string) => {
    const h = crypto.createHash('sha256');
    units.forEach((u, i) => h.update(i ? `\n${texts(u)}` : texts(u)));
    return h.digest('hex');
  };
  return writeTransaction(db, () => {
    const src = storeArticle(
      db,
      { name: opts.name, title: chooseTitle(head.map((u) => stripCodes(u.src, u.srcCodes)), srcLang), format: 'aligned', paragraphs: units.map((u) => u.src), lang: srcLang, langConfidence: srcGuess.confidence, warnings: [], hash: hash((u) => u.src) },
      { collection: opts.collection },
    );
    if (src.duplicateOf !== undefined) throw new TandemError('conflict', `these source texts are already in the project as document ${src.duplicateOf}`);
    const tgt = storeArticle(
      db,
      { name: opts.name, title: chooseTitle(head.map((u) => stripCodes(u.tgt, u.tgtCodes)), tgtLang), format: 'aligned', paragraphs: units.map((u) => u.tgt), lang: tgtLang, langConfidence: tgtGuess.confidence, warnings: [], hash: hash((u) => u.tgt) },
      { collection: opts.collection, translationOf: src.docId, provenance: { kind: 'human', provider: `import:${opts.name}`, targetLang: tgtLang } },
    );
    const srcIds = paragraphIds(db, src.docId);
    const tgtIds = paragraphIds(db, tgt.docId);
    units.forEach((u, i) => {
      if (u.srcCodes?.length) putParagraphCodes(db, srcIds[i]!, u.srcCodes);
      if (u.tgtCodes?.length) putParagraphCodes(db, tgtIds[i]!, u.tgtCodes);
    });
    const alignment = createAlignment(db, src.docId, tgt.docId, 'paragraph', 'parallel');
    const t = now();
    units.forEach((u, i) => {
      const status = (['suggested', 'confirmed', 'rejected'].includes(u.props?.status ?? '') ? u.props!.status : 'confirmed') as LinkStatus;
      const confidence = Number.isFinite(Number(u.props?.confidence)) && u.props?.confidence !== undefined ? Number(u.props.confidence) : 1;
      insertLink(db, { alignmentId: alignment, a: [i], b: [i], confidence, status, origin: 'import', annotatorId: opts.annotatorId ?? null, createdAt: t, updatedAt: t });
    });
    return { original: src.docId, translation: tgt.docId, alignment, units: units.length, skipped, warnings: pair.warnings ?? [] };
  });
}

export interface ImportAlignedJobOptions extends Omit<ReadAlignedFileOptions, 'onProgress'> {
  format: AlignedFormat;
  collection?: string;
  annotatorId?: number | null;
  /** Progress of the job: `done` of `total` bytes read. */
  onProgress?: (job: JobInfo) => void;
}

/**
 * The import of an aligned file as a job: progress events while the file is
 * read (bytes), cancel through the signal (nothing is stored), then one
 * transaction that stores the pair.
 */
export async function importAlignedFile(db: Db, file: string, opts: ImportAlignedJobOptions): Promise<AlignedImportResult> {
  const total = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const jobId = createJob(db, 'import-aligned', { file: path.basename(file), format: opts.format }, total, 0);
  let last = 0;
  const report = (done: number, force = false) => {
    const t = Date.now();
    if (!force && t - last < 200) return;
    last = t;
    updateJob(db, jobId, { done });
    opts.onProgress?.(getJob(db, jobId)!);
  };
  try {
    const pair = await readAlignedFile(file, opts.format, { ...opts, compact: true, onProgress: (done) => report(done) });
    report(total, true);
    const result = storeAlignedPair(db, pair, { name: path.basename(file), collection: opts.collection, annotatorId: opts.annotatorId });
    updateJob(db, jobId, { status: 'done', done: total, message: `${result.units} units` });
    opts.onProgress?.(getJob(db, jobId)!);
    return { ...result, jobId };
  } catch (err) {
    const cancelled = err instanceof ReadCancelled;
    updateJob(db, jobId, { status: cancelled ? 'interrupted' : 'failed', message: cancelled ? 'stopped by the user; nothing was imported' : (err as Error).message });
    opts.onProgress?.(getJob(db, jobId)!);
    if (cancelled) throw new TandemError('cancelled', 'stopped by the user; nothing was imported');
    throw err;
  }
}
