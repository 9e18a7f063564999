import type { Migration } from './types';

/**
 * Inline codes of imported translation memories (TMX <bpt>/<ph>, XLIFF
 * <pc>/<g>/...), one JSON array per paragraph that has any. Each code's
 * placeholder character is in the paragraph's immutable text at the code's
 * `at` offset; the row keeps what the placeholder stands for, so exports can
 * write the tags back.
 */
export const migration009: Migration = {
  version: 9,
  name: 'inline codes of imported translation memories',
  up: `
    CREATE TABLE inline_codes (
      paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
      codes TEXT NOT NULL CHECK (json_valid(codes) AND json_type(codes) = 'array')
    ) STRICT;
  `,
};
