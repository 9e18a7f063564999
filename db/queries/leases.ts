import os from 'node:os';
import type { ReadDb, WriteDb } from '../open';
import { writeTransaction } from '../transaction';
import { now } from '../clock';

export interface LeaseRow {
  name: string;
  holder: string;
  pid: number;
  host: string;
  job_id: number | null;
  acquired_at: string;
  expires_at: number;
}

/** Whether the process `pid` on this machine exists. */
export function processAlive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lease counts while it is not expired and, on this machine, its holder's process exists. */
export function leaseAlive(row: LeaseRow, at = Date.now()): boolean {
  if (row.expires_at <= at) return false;
  return row.host !== os.hostname() || processAlive(row.pid);
}

export function getLease(db: ReadDb, name: string): LeaseRow | undefined {
  return db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as LeaseRow | undefined;
}

/**
 * Takes the lease `name` for `holder` for `ttlMs`, unless someone else holds
 * it; returns the current holder when it could not be taken.
 */
export function tryAcquireLease(db: WriteDb, name: string, holder: string, ttlMs: number): { acquired: true } | { acquired: false; by: LeaseRow } {
  return writeTransaction(db, () => {
    const row = getLease(db, name);
    if (row && row.holder !== holder && leaseAlive(row)) return { acquired: false as const, by: row };
    db.prepare(
      `INSERT INTO leases (name, holder, pid, host, job_id, acquired_at, expires_at) VALUES (?, ?, ?, ?, NULL, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, job_id = NULL,
         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
    ).run(name, holder, process.pid, os.hostname(), now(), Date.now() + ttlMs);
    return { acquired: true as const };
  });
}

/** Extends the lease; false when it is no longer this holder's (it expired and was taken over). */
export function renewLease(db: WriteDb, name: string, holder: string, ttlMs: number, jobId?: number | null): boolean {
  return writeTransaction(db, () => {
    const info = jobId === undefined
      ? db.prepare('UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?').run(Date.now() + ttlMs, name, holder)
      : db.prepare('UPDATE leases SET expires_at = ?, job_id = ? WHERE name = ? AND holder = ?').run(Date.now() + ttlMs, jobId, name, holder);
    return info.changes === 1;
  });
}

export function releaseLease(db: WriteDb, name: string, holder: string): void {
  writeTransaction(db, () => db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder));
}
