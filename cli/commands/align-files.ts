/**
 * `tandem align-files SRC TGT [--src-mt FILE] [--tgt-mt FILE] [--format beads|tsv|json] [--threads N]`
 * One segment per line in every file (UTF-8). Long texts are aligned in pieces on all cores.
 */

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatBead } from '../../core/align/beads-format.js';
import { alignParallelThreaded } from '../../core/services/align-threads.js';
import type { Bead } from '../../core/align/types.js';

const USAGE = 'usage: tandem align-files SRC TGT [--src-mt FILE] [--tgt-mt FILE] [--format beads|tsv|json] [--threads N]';

class UsageError extends Error {}

async function readSegments(file: string, what: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} file ${file}${code ? ` (${code})` : ''}`);
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n');
  // A final newline terminates the last line rather than starting an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function render(beads: Bead[], format: string, src: string[], tgt: string[]): string {
  if (format === 'json') {
    return JSON.stringify({ beads: beads.map((b) => ({ src: b.src, tgt: b.tgt, confidence: b.confidence })) }) + '\n';
  }
  if (format === 'tsv') {
    const clean = (s: string): string => s.replace(/[\t\n]/g, ' ');
    return beads
      .map((b) => `${clean(b.src.map((i) => src[i]).join(' '))}\t${clean(b.tgt.map((j) => tgt[j]).join(' '))}\t${b.confidence.toFixed(2)}\n`)
      .join('');
  }
  return beads.map((b) => formatBead(b) + '\n').join('');
}

export async function alignFilesCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'src-mt': { type: 'string' },
        'tgt-mt': { type: 'string' },
        format: { type: 'string', default: 'beads' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError(USAGE);
    const format = values.format ?? 'beads';
    if (!['beads', 'tsv', 'json'].includes(format)) throw new UsageError(`unknown format "${format}" (beads, tsv or json)`);
    const [srcFile, tgtFile] = positionals;
    const src = await readSegments(srcFile, 'source');
    const tgt = await readSegments(tgtFile, 'target');
    const srcMt = values['src-mt'] ? await readSegments(values['src-mt'], 'source MT') : undefined;
    const tgtMt = values['tgt-mt'] ? await readSegments(values['tgt-mt'], 'target MT') : undefined;
    if (srcMt && srcMt.length !== src.length) {
      throw new UsageError(`--src-mt has ${srcMt.length} lines but ${srcFile} has ${src.length}`);
    }
    if (tgtMt && tgtMt.length !== tgt.length) {
      throw new UsageError(`--tgt-mt has ${tgtMt.length} lines but ${tgtFile} has ${tgt.length}`);
    }
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new UsageError(`--threads must be a whole number of at least 1, not "${values.threads}"`);
    const beads = await alignParallelThreaded({ src, tgt, srcMt, tgtMt }, {}, { threads });
    process.stdout.write(render(beads, format, src, tgt));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`align-files: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`align-files: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}
