import { describe, expect, it } from 'vitest';
import { TandemError } from '../../../common/errors';
import { describeError, UsageError } from '../../../cli/util';

const STACK = /\n\s+at /;

describe('describeError', () => {
  it('says an unexpected error in one line, with a hint, and gives the trace only when asked', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'id')");
    const plain = describeError(err);
    expect(plain.code).toBe(70);
    expect(plain.message).not.toMatch(STACK);
    expect(plain.message.split('\n')).toHaveLength(1);
    expect(plain.message).toMatch(/^unexpected error: Cannot read properties of undefined \(reading 'id'\).*--verbose/);
    const verbose = describeError(err, { verbose: true });
    expect(verbose.message).toMatch(STACK);
  });

  it('names what SQLite errors mean for the user', () => {
    const sqlite = (code: string, message: string) => Object.assign(new Error(message), { name: 'SqliteError', code });
    expect(describeError(sqlite('SQLITE_CORRUPT', 'database disk image is malformed')).message).toMatch(/project file is damaged/);
    expect(describeError(sqlite('SQLITE_FULL', 'database or disk is full')).message).toMatch(/disk is full/);
    expect(describeError(sqlite('SQLITE_READONLY', 'attempt to write a readonly database')).message).toMatch(/cannot be written/);
    expect(describeError(sqlite('SQLITE_BUSY', 'database is locked')).message).toMatch(/busy/);
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_FULL']) expect(describeError(sqlite(code, 'x')).message).not.toMatch(STACK);
  });

  it('keeps the messages written for people as they are', () => {
    expect(describeError(new TandemError('not-found', 'No document 9.'))).toEqual({ message: 'No document 9.', code: 1 });
    expect(describeError(new UsageError('missing arguments')).code).toBe(2);
  });
});
