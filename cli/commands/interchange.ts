import fs from 'node:fs';
import path from 'node:path';
import { TandemError } from '../../common/errors';
import type { ExportFormat } from '../../common/api';
import type { AlignLevel } from '../../common/types';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { exportAlignment } from '../../core/services/export';
import { readAligned, storeAlignedPair, type AlignedFormat } from '../../core/services/import-aligned';
import { loadLanguageModel } from '../../core/text';
import { formatFromFileName } from '../../core/formats';
import { MAX_FILE_BYTES, readRegularFile } from '../../core/services/import';
import { annotatorName, need, out, parse, printJson, withProject } from '../util';

const FORMATS = ['tmx', 'xliff', 'moses', 'tsv', 'jsonl'];

export async function exportCommand(argv: string[]): Promise<number> {
  const usage = 'tandem export PROJECT --format tmx|xliff|moses|tsv|jsonl [--pair DOC_A DOC_B | --all-translations] [--status confirmed|all] [--level paragraph|sentence] --out PATH';
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    pair: { type: 'boolean' },
    'all-translations': { type: 'boolean' },
    status: { type: 'string' },
    level: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  }, usage);
  need(positionals, 1, usage);
  const format = values.format as ExportFormat;
  if (!FORMATS.includes(format)) throw new TandemError('invalid-input', `--format is one of ${FORMATS.join(', ')}\nusage: ${usage}`);
  if (!values.out) throw new TandemError('invalid-input', `--out PATH is required\nusage: ${usage}`);
  if (values.status && values.status !== 'confirmed' && values.status !== 'all') throw new TandemError('invalid-input', '--status is confirmed or all');
  const [file, ...rest] = positionals;
  if (values.pair && rest.length !== 2) throw new TandemError('invalid-input', '--pair takes two documents: --pair DOC_A DOC_B');
  if (!values.pair && !values['all-translations']) throw new TandemError('invalid-input', `say what to export: --pair DOC_A DOC_B or --all-translations\nusage: ${usage}`);
  const result = withProject(file, (db) =>
    exportAlignment(db, {
      format,
      pair: values.pair ? [rest[0], rest[1]] : undefined,
      allTranslations: values['all-translations'],
      status: (values.status ?? 'confirmed') as 'confirmed' | 'all',
      level: (values.level ?? 'paragraph') as AlignLevel,
    }),
    { readonly: true },
  );
  const target = values.out;
  const written: string[] = [];
  if (result.files.length === 1) {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, result.files[0].content);
    written.push(target);
  } else {
    // Several files (Moses, or one per translation): --out names a directory.
    fs.mkdirSync(target, { recursive: true });
    for (const f of result.files) {
      const p = path.join(target, f.name);
      fs.writeFileSync(p, f.content);
      written.push(p);
    }
  }
  if (values.json) printJson({ units: result.units, files: written });
  else out(`exported ${result.units} units to ${written.join(', ')}`);
  if (result.units === 0) process.stderr.write('note: no confirmed links to export; confirm links first or pass --status all\n');
  return 0;
}

export async function importAlignedCommand(argv: string[]): Promise<number> {
  const usage = 'tandem import-aligned PROJECT FILE [--format tmx|xliff|moses|tsv|jsonl] [--tgt FILE] [--src-lang xx --tgt-lang yy] [--collection NAME] [--json]';
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    tgt: { type: 'string' },
    'src-lang': { type: 'string' },
    'tgt-lang': { type: 'string' },
    collection: { type: 'string' },
    json: { type: 'boolean' },
    annotator: { type: 'string' },
  }, usage);
  need(positionals, 2, usage);
  const [file, input] = positionals;
  const format = (values.format ?? (values.tgt ? 'moses' : formatFromFileName(input))) as AlignedFormat | undefined;
  if (!format || !FORMATS.includes(format)) throw new TandemError('invalid-input', `cannot tell the format of ${path.basename(input)}; pass --format`);
  const read = (f: string) => {
    try {
      return readRegularFile(f, MAX_FILE_BYTES * 4);
    } catch (err) {
      throw err instanceof TandemError ? new TandemError(err.kind, `${f}: ${err.message}`) : err;
    }
  };
  const pair = readAligned(format, read(input), { tgtContent: values.tgt ? read(values.tgt) : undefined, srcLang: values['src-lang'], tgtLang: values['tgt-lang'] });
  await loadLanguageModel();
  const result = withProject(file, (db) => storeAlignedPair(db, pair, { name: path.basename(input), collection: values.collection, annotatorId: getOrCreateAnnotator(db, annotatorName(values.annotator)) }));
  if (values.json) printJson(result);
  else {
    out(`imported ${result.units} aligned units: doc ${result.original} (${pair.srcLang}) ↔ doc ${result.translation} (${pair.tgtLang}), alignment ${result.alignment}`);
    if (result.skipped) out(`skipped ${result.skipped} units with an empty side`);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  }
  return 0;
}
