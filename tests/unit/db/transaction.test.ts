import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TandemError } from '../../../common/errors';
import { openProject } from '../../../db/open';
import { writeTransaction } from '../../../db/transaction';
import { tempDir } from '../../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-tx-')));
afterAll(() => cleanup());

/** Another process takes the write lock, says so, and holds it for `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings (key, value) VALUES ('holder', 'x') ON CONFLICT (key) DO UPDATE SET value = value || 'x'").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve) => child.stdout!.once('data', () => resolve({ released })));
}

describe('writeTransaction', () => {
  it('waits for another process that holds the write lock, then writes', async () => {
    const file = path.join(dir, 'wait.tandem');
    openProject(file, { create: true }).close();
    const db = openProject(file);
    // SQLite's own wait is made short, so that the retries with backoff do the waiting.
    db.pragma('busy_timeout = 20');
    const { released } = await holdWriteLock(file, 600);
    const t0 = Date.now();
    writeTransaction(db, () => db.prepare("INSERT INTO settings (key, value) VALUES ('mine', '1')").run());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    await released;
    expect(db.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['holder', 'mine']);
    db.close();
  });

  it('starts with the write lock, so a read in it cannot go stale before the write (no SQLITE_BUSY_SNAPSHOT)', async () => {
    const file = path.join(dir, 'snapshot.tandem');
    openProject(file, { create: true }).close();
    const db = openProject(file);
    db.pragma('busy_timeout = 20');
    const { released } = await holdWriteLock(file, 300);
    const seen = writeTransaction(db, () => {
      // Read first, then write: in a deferred transaction this read would pin a snapshot older than the holder's commit.
      const value = db.prepare("SELECT value FROM settings WHERE key = 'holder'").pluck().get();
      db.prepare("INSERT INTO settings (key, value) VALUES ('after', ?)").run(String(value));
      return value;
    });
    await released;
    expect(seen).toBe('x');
    db.close();
  });

  it('gives up with a clear message after its longest wait', async () => {
    const file = path.join(dir, 'give-up.tandem');
    openProject(file, { create: true }).close();
    const db = openProject(file);
    db.pragma('busy_timeout = 20');
    const { released } = await holdWriteLock(file, 1500);
    let error: unknown;
    try {
      writeTransaction(db, () => db.prepare("INSERT INTO settings (key, value) VALUES ('late', '1')").run(), { maxWaitMs: 200 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).message).toMatch(/busy: another program has been writing to it/);
    await released;
    db.close();
  });

  it('runs as a savepoint inside a transaction already open', () => {
    const db = openProject(':memory:', { create: true });
    writeTransaction(db, () => {
      db.prepare("INSERT INTO settings (key, value) VALUES ('outer', '1')").run();
      expect(() =>
        writeTransaction(db, () => {
          db.prepare("INSERT INTO settings (key, value) VALUES ('inner', '1')").run();
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(db.prepare('SELECT key FROM settings').pluck().all()).toEqual(['outer']);
    db.close();
  });
});
