import fs from 'node:fs';
import path from 'node:path';
import { TandemError } from '../../common/errors';
import type { ExportFormat, ExportOptions, XliffVersion } from '../../common/api';
import type { AlignLevel } from '../../common/types';
import { openProject } from '../../db/open';
import { getOrCreateAnnotator, listDocuments } from '../../db/queries/documents';
import { describeExport, runExport, type ExportSink } from '../../core/services/export';
import { importAlignedFile, type AlignedFormat } from '../../core/services/import-aligned';
import { loadLanguageModel } from '../../core/text';
import { formatFromFileName } from '../../core/formats';
import { checkRegularFile } from '../../core/services/import';
import { progressBar } from '../progress';
import { annotatorName, need, out, parse, printJson, warn, withProject, withProjectAsync } from '../util';

const FORMATS = ['tmx', 'xliff', 'moses', 'tsv', 'jsonl'];

/** Writes export files through ".part" names renamed when complete, so a stopped or failed export leaves no half file. */
class FileSink implements ExportSink {
  private fd: number | null = null;
  private part = '';
  private final = '';
  private buffer: string[] = [];
  private size = 0;
  readonly written: string[] = [];
  private readonly parts = new Set<string>();

  constructor(private readonly where: (name: string) => string) {}

  open(name: string): void {
    this.final = this.where(name);
    fs.mkdirSync(path.dirname(path.resolve(this.final)), { recursive: true });
    this.part = `${this.final}.part`;
    this.fd = fs.openSync(this.part, 'w');
    this.parts.add(this.part);
  }

  write(chunk: string): void {
    this.buffer.push(chunk);
    this.size += chunk.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === null || !this.buffer.length) return;
    fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd!);
    this.fd = null;
    fs.renameSync(this.part, this.final);
    this.parts.delete(this.part);
    this.written.push(this.final);
  }

  /** Removes what an interrupted export left. */
  abandon(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    for (const p of this.parts) fs.rmSync(p, { force: true });
  }
}

export async function exportCommand(argv: string[]): Promise<number> {
  const usage =
    'tandem export PROJECT --format tmx|xliff|moses|tsv|jsonl [--pair DOC_A DOC_B | --all-translations [--split]] [--xliff-version 2.1|1.2] [--status confirmed|all] [--level paragraph|sentence] --out PATH';
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    pair: { type: 'boolean' },
    'all-translations': { type: 'boolean' },
    split: { type: 'boolean' },
    'xliff-version': { type: 'string' },
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
  const xliffVersion = values['xliff-version'];
  if (xliffVersion !== undefined && xliffVersion !== '2.1' && xliffVersion !== '1.2') throw new TandemError('invalid-input', '--xliff-version is 2.1 or 1.2');
  if (xliffVersion !== undefined && format !== 'xliff') throw new TandemError('invalid-input', '--xliff-version goes with --format xliff');
  const [file, ...rest] = positionals;
  if (values.pair && rest.length !== 2) throw new TandemError('invalid-input', '--pair takes two documents: --pair DOC_A DOC_B');
  if (!values.pair && !values['all-translations']) throw new TandemError('invalid-input', `say what to export: --pair DOC_A DOC_B or --all-translations\nusage: ${usage}`);
  if (values.split && !values['all-translations']) throw new TandemError('invalid-input', '--split goes with --all-translations (one file per pair)');
  const options: ExportOptions = {
    format,
    pair: values.pair ? [rest[0], rest[1]] : undefined,
    allTranslations: values['all-translations'],
    split: values.split,
    status: (values.status ?? 'confirmed') as 'confirmed' | 'all',
    level: (values.level ?? 'paragraph') as AlignLevel,
    xliffVersion: xliffVersion as XliffVersion | undefined,
  };
  const target = values.out;
  const bar = values.json ? null : progressBar('exporting');
  const controller = new AbortController();
  const onSigint = () => {
    warn('\nstopping; no partial file is left behind');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  let sink: FileSink | null = null;
  try {
    const summary = withProject(
      file,
      (db) => {
        const { folder } = describeExport(db, options);
        const intoDir = folder || (fs.existsSync(target) && fs.statSync(target).isDirectory());
        sink = new FileSink((name) => (intoDir ? path.join(target, name) : target));
        return runExport(db, options, sink, { signal: controller.signal, onProgress: (done, total) => bar?.update(done, total, 'units') });
      },
      { readonly: true },
    );
    bar?.finish();
    const written = (sink as FileSink | null)?.written ?? [];
    if (values.json) printJson({ units: summary.units, files: written });
    else out(`exported ${summary.units} units to ${written.join(', ')}`);
    if (summary.units === 0) process.stderr.write('note: no confirmed links to export; confirm links first or pass --status all\n');
    return 0;
  } catch (err) {
    bar?.finish();
    (sink as FileSink | null)?.abandon();
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
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
  for (const f of [input, values.tgt].filter(Boolean) as string[]) {
    // A named pipe or a device would block the reader forever: only regular files are read.
    try {
      checkRegularFile(f);
    } catch (err) {
      throw err instanceof TandemError ? new TandemError(err.kind, `${f}: ${err.message}`) : err;
    }
  }
  await loadLanguageModel();
  const bar = values.json ? null : progressBar('reading');
  const controller = new AbortController();
  const onSigint = () => {
    warn('\nstopping; nothing is imported');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await withProjectAsync(file, (db) =>
      importAlignedFile(db, input, {
        format,
        tgtPath: values.tgt,
        srcLang: values['src-lang'],
        tgtLang: values['tgt-lang'],
        collection: values.collection,
        annotatorId: getOrCreateAnnotator(db, annotatorName(values.annotator)),
        signal: controller.signal,
        onProgress: (job) => bar?.update(Math.round(job.done / 1024 / 1024), Math.round(job.total / 1024 / 1024), 'MB'),
      }),
    );
    bar?.finish();
    if (values.json) printJson(result);
    else {
      const db = openProject(file, { readonly: true });
      const lang = (id: number) => listDocuments(db).find((d) => d.id === id)?.lang ?? '?';
      out(`imported ${result.units} aligned units: doc ${result.original} (${lang(result.original)}) ↔ doc ${result.translation} (${lang(result.translation)}), alignment ${result.alignment}`);
      db.close();
      if (result.skipped) out(`skipped ${result.skipped} units with an empty side`);
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    }
    return 0;
  } finally {
    bar?.finish();
    process.removeListener('SIGINT', onSigint);
  }
}
