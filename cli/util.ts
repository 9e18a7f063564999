import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TandemError } from '../common/errors';
import { openProject, type Db } from '../db/open';

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true as const });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`);
  }
}

export function need(positionals: string[], count: number, usage: string): void {
  if (positionals.length < count) throw new UsageError(`missing arguments\nusage: ${usage}`);
}

export function withProject<T>(file: string, fn: (db: Db) => T, opts: { readonly?: boolean } = {}): T {
  const db = openProject(file, { readonly: opts.readonly });
  try {
    return fn(db);
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

export function describeError(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: err.message, code: 2 };
  if (err instanceof TandemError) return { message: err.message, code: err.kind === 'internal' ? 70 : 1 };
  return { message: `unexpected error: ${(err as Error)?.stack ?? String(err)}`, code: 70 };
}
