import { TandemError } from '../common/errors';
import type { WriteDb } from './open';

export interface WriteOptions {
  /** Longest time to keep trying while other programs write the project, in ms. */
  maxWaitMs?: number;
}

/** Other programs may write a project for as long as a large import takes between two of its commits. */
export const DEFAULT_MAX_WAIT_MS = 120_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Waits without returning to the event loop: better-sqlite3 is synchronous, and so is SQLite's own busy wait. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `fn` in a write transaction that takes the write lock at once (BEGIN
 * IMMEDIATE), so it never fails half-way because another connection wrote
 * first, and retries with jittered backoff while another program holds the
 * lock. `fn` must only touch the database: it may run more than once, and
 * reads it makes inside see the latest committed state.
 *
 * Inside a transaction already open on this connection, `fn` runs in a
 * savepoint of it.
 */
export function writeTransaction<T>(db: WriteDb, fn: () => T, opts: WriteOptions = {}): T {
  const tx = db.transaction(fn);
  if (db.inTransaction) return tx();
  const maxWait = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return tx.immediate();
    } catch (err) {
      if (!isBusy(err)) throw err;
      const waited = Date.now() - started;
      if (waited >= maxWait) {
        throw new TandemError(
          'conflict',
          `The project is busy: another program has been writing to it for ${Math.round(waited / 1000)} s. Try again when it has finished.`,
          { busy: true },
        );
      }
      // SQLite's busy timeout already waited; back off a little more, with jitter so two waiting writers do not collide again.
      const delay = Math.min(1000, 10 * 2 ** Math.min(attempt, 7)) * (0.5 + Math.random());
      sleepSync(Math.min(delay, Math.max(1, maxWait - waited)));
    }
  }
}
