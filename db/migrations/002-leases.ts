import type { Migration } from './types';

/**
 * Leases: one holder at a time for work that must not run twice on one
 * project (a translation job bills by the character). A holder renews its
 * lease while it works; a lease whose holder's process is gone, or that was
 * not renewed in time, can be taken over. Jobs learn which machine runs
 * them, so a job left "running" by a process that died is recognised.
 */
export const migration002: Migration = {
  version: 2,
  name: 'leases',
  up: `
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
      acquired_at TEXT NOT NULL,
      -- Milliseconds since the epoch; past it, another holder may take the lease.
      expires_at INTEGER NOT NULL
    ) STRICT;

    ALTER TABLE jobs ADD COLUMN host TEXT;
  `,
};
