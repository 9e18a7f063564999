import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { LinkStatus } from '../../common/types';
import { FormatError, readJsonl, readMoses, readTmx, readTsv, readXliff, type ImportedPair } from '../formats';
import { createAlignment, insertLink } from '../../db/queries/alignments';
import { now } from '../../db/queries/documents';
import { storeArticle } from './import';
import { chooseTitle, identifyDocumentLanguage } from '../text';

export type AlignedFormat = 'tmx' | 'xliff' | 'moses' | 'tsv' | 'jsonl';

export interface AlignedImportResult {
  original: number;
  translation: number;
  alignment: number;
  units: number;
  skipped: number;
  warnings: string[];
}

/** Parses an aligned file, turning format errors into clear messages with line and column. */
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
    if (err instanceof FormatError) throw new TandemError('invalid-input', err.message, { line: err.line, column: err.column });
    if (err instanceof TypeError && /encoded data/.test(err.message)) throw new TandemError('encoding', 'the file is not valid UTF-8');
    throw err;
  }
  throw new TandemError('invalid-input', `Unknown format ${String(format)}`);
}

/**
 * Stores an aligned pair as an original, its translation and a confirmed
 * alignment, all in one transaction: a failure leaves nothing behind.
 */
export function storeAlignedPair(db: Db, pair: ImportedPair, opts: { name: string; collection?: string; annotatorId?: number | null }): AlignedImportResult {
  const units = pair.units.filter((u) => u.src.trim() && u.tgt.trim());
  const skipped = pair.units.length - units.length;
  if (!units.length) throw new TandemError('invalid-input', 'the file holds no unit with text on both sides');
  const srcGuess = pair.srcLang ? { lang: pair.srcLang, confidence: 1 } : identifyDocumentLanguage(units.map((u) => u.src));
  const tgtGuess = pair.tgtLang ? { lang: pair.tgtLang, confidence: 1 } : identifyDocumentLanguage(units.map((u) => u.tgt));
  const [srcLang, tgtLang] = [srcGuess.lang, tgtGuess.lang];
  return writeTransaction(db, () => {
    const src = storeArticle(db, { name: opts.name, title: chooseTitle(units.map((u) => u.src), srcLang), format: 'aligned', paragraphs: units.map((u) => u.src), lang: srcLang, langConfidence: srcGuess.confidence, warnings: [] }, { collection: opts.collection });
    if (src.duplicateOf !== undefined) throw new TandemError('conflict', `these source texts are already in the project as document ${src.duplicateOf}`);
    const tgt = storeArticle(
      db,
      { name: opts.name, title: chooseTitle(units.map((u) => u.tgt), tgtLang), format: 'aligned', paragraphs: units.map((u) => u.tgt), lang: tgtLang, langConfidence: tgtGuess.confidence, warnings: [] },
      { collection: opts.collection, translationOf: src.docId, provenance: { kind: 'human', provider: `import:${opts.name}`, targetLang: tgtLang } },
    );
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
