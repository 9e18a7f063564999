import type { Migration } from './types';

/**
 * Cross-article linking: how many candidates each alignment shows (remembered per alignment),
 * and the vectors of an optional embeddings model, cached by model and text hash so a second
 * run sends nothing.
 */
export const migration006: Migration = {
  version: 6,
  name: 'candidate settings per alignment, embeddings cache',
  up: `
    CREATE TABLE alignment_settings (
      alignment_id INTEGER PRIMARY KEY REFERENCES alignments(id) ON DELETE CASCADE,
      min_confidence REAL NOT NULL CHECK (min_confidence >= 0 AND min_confidence <= 1),
      per_paragraph INTEGER NOT NULL CHECK (per_paragraph >= 1),
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE embeddings (
      -- The model as configured, with the endpoint it came from: two servers may name different models alike.
      model TEXT NOT NULL,
      text_hash TEXT NOT NULL,
      dims INTEGER NOT NULL,
      -- Little-endian float32s.
      vector BLOB NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (model, text_hash)
    ) STRICT, WITHOUT ROWID;
  `,
};
