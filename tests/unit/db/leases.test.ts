import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../../db/open';
import { getLease, releaseLease, renewLease, tryAcquireLease } from '../../../db/queries/leases';

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('leases', () => {
  it('have one holder at a time, renewed by it and released by it', () => {
    const db = openProject(':memory:', { create: true });
    expect(tryAcquireLease(db, 'translate', 'a', 60_000)).toEqual({ acquired: true });
    const other = tryAcquireLease(db, 'translate', 'b', 60_000);
    expect(other.acquired).toBe(false);
    expect(!other.acquired && other.by.holder).toBe('a');
    expect(renewLease(db, 'translate', 'a', 60_000, null)).toBe(true);
    expect(renewLease(db, 'translate', 'b', 60_000)).toBe(false);
    releaseLease(db, 'translate', 'b');
    expect(getLease(db, 'translate')?.holder).toBe('a');
    releaseLease(db, 'translate', 'a');
    expect(tryAcquireLease(db, 'translate', 'b', 60_000)).toEqual({ acquired: true });
    db.close();
  });

  it('can be taken over when it expired, or when its holder process is gone', () => {
    const db = openProject(':memory:', { create: true });
    expect(tryAcquireLease(db, 'translate', 'a', 1).acquired).toBe(true);
    const until = Date.now() + 5;
    while (Date.now() < until) {
      // let the lease expire
    }
    expect(tryAcquireLease(db, 'translate', 'b', 60_000).acquired).toBe(true);
    // The holder "b" dies: its lease is free at once, however long it had left.
    db.prepare('UPDATE leases SET pid = ? WHERE name = ?').run(deadPid(), 'translate');
    expect(tryAcquireLease(db, 'translate', 'c', 60_000).acquired).toBe(true);
    expect(renewLease(db, 'translate', 'b', 60_000)).toBe(false);
    db.close();
  });
});
