import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TandemError } from '../common/errors';
import { openProject, type Db, type ReadDb } from '../db/open';

export class UsageError extends Error {}

/** --help or -h given to a command: its usage is printed, and nothing is done. */
export class HelpRequested extends Error {}

/** The arguments before a bare --, where options are read. */
const optionPart = (argv: string[]) => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(argv: string[], options: T, usage: string) {
  if (!('help' in options) && optionPart(argv).some((a) => a === '--help' || a === '-h')) {
    throw new HelpRequested(usage.startsWith('usage:') ? usage : `usage: ${usage}`);
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true as const });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`);
  }
}

export function need(positionals: string[], count: number, usage: string): void {
  if (positionals.length < count) throw new UsageError(`missing arguments\nusage: ${usage}`);
}

/** Runs `fn` on a project and closes it. Opened read-only, `fn` gets a handle nothing can write through. */
export function withProject<T>(file: string, fn: (db: ReadDb) => T, opts: { readonly: true }): T;
export function withProject<T>(file: string, fn: (db: Db) => T, opts?: { readonly?: false }): T;
export function withProject<T>(file: string, fn: (db: never) => T, opts: { readonly?: boolean } = {}): T {
  const db = opts.readonly ? openProject(file, { readonly: true }) : openProject(file);
  try {
    // The overloads pair a read-only handle with a function that takes one.
    return fn(db as never);
  } finally {
    db.close();
  }
}

export async function withProjectAsync<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openProject(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function isTty(): boolean {
  return Boolean(process.stdout.isTTY);
}

export function annotatorName(value: unknown): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  return process.env.TANDEM_ANNOTATOR?.trim() || process.env.USER || 'annotator';
}

/** Pads a table for people; machines get --json. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('  ')).join('\n');
}

/** What SQLite's failures mean for someone working on a project. */
const SQLITE_MEANING: Array<[RegExp, string]> = [
  [/^SQLITE_(CORRUPT|NOTADB)/, 'the project file is damaged; restore it from a backup or a copy'],
  [/^SQLITE_FULL/, 'the disk is full; free some space and run the command again'],
  [/^SQLITE_READONLY/, 'the project cannot be written (a read-only file or folder)'],
  [/^SQLITE_(BUSY|LOCKED)/, 'the project is busy: another program is writing to it; try again when it has finished'],
  [/^SQLITE_(CANTOPEN|PERM|AUTH)/, 'the project file cannot be opened (check that it exists and that you may read it)'],
  [/^SQLITE_IOERR/, 'the disk failed to read or write the project file'],
];

/**
 * One line for the user: the message of an error made for people as it is,
 * anything else as "unexpected error" with what the system said. The stack
 * trace only with --verbose (`verbose`), for a bug report.
 */
export function describeError(err: unknown, opts: { verbose?: boolean } = {}): { message: string; code: number } {
  const trace = (e: unknown) => (opts.verbose && e instanceof Error && e.stack ? `\n${e.stack}` : '');
  if (err instanceof UsageError) return { message: err.message, code: 2 };
  if (err instanceof TandemError) return { message: err.message + trace(err), code: err.kind === 'internal' ? 70 : 1 };
  const code = String((err as { code?: unknown })?.code ?? '');
  const said = oneLine(err instanceof Error ? err.message : String(err));
  const meaning = SQLITE_MEANING.find(([re]) => re.test(code));
  if (meaning) return { message: `${meaning[1]} (${said})${trace(err)}`, code: 1 };
  return { message: `unexpected error: ${said}${opts.verbose ? trace(err) : ' (run again with --verbose to see where it came from)'}`, code: 70 };
}

function oneLine(text: string): string {
  return text.split('\n')[0].trim() || 'no message';
}
