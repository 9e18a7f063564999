import type { Migration } from './types';

/**
 * The whole data model, laid out once so later features add tables instead of
 * rewriting these. Text is immutable: annotation points into it by offsets.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE annotators (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE collections (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
      title TEXT NOT NULL,
      source TEXT NOT NULL,
      format TEXT NOT NULL,
      lang TEXT NOT NULL,
      lang_confidence REAL NOT NULL,
      content_hash TEXT NOT NULL,
      translation_of INTEGER REFERENCES documents(id) ON DELETE CASCADE,
      provenance TEXT NOT NULL,
      characters INTEGER NOT NULL,
      paragraph_count INTEGER NOT NULL,
      sentence_count INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX documents_original_hash ON documents(content_hash) WHERE translation_of IS NULL;
    CREATE UNIQUE INDEX documents_translation_hash ON documents(translation_of, content_hash) WHERE translation_of IS NOT NULL;
    CREATE INDEX documents_translation_of ON documents(translation_of);
    CREATE INDEX documents_source ON documents(source);

    CREATE TABLE paragraphs (
      id INTEGER PRIMARY KEY,
      doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      text TEXT NOT NULL,
      edited_text TEXT,
      -- Sentence spans as UTF-16 offsets into text, "start:end" joined by commas.
      sentences TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'initial'
        CHECK (status IN ('initial', 'translated', 'reviewed', 'final')),
      UNIQUE (doc_id, idx)
    ) STRICT;

    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
      text,
      content = 'paragraphs',
      content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE alignments (
      id INTEGER PRIMARY KEY,
      doc_a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      doc_b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      level TEXT NOT NULL CHECK (level IN ('paragraph', 'sentence')),
      mode TEXT NOT NULL CHECK (mode IN ('parallel', 'comparable')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (doc_a, doc_b, level)
    ) STRICT;

    CREATE TABLE links (
      id INTEGER PRIMARY KEY,
      alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
      origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual', 'mt', 'import')),
      status TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
      confidence REAL NOT NULL,
      annotator_id INTEGER REFERENCES annotators(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX links_alignment ON links(alignment_id);

    -- One row per segment a link joins; idx is the 0-based paragraph index,
    -- or at sentence level the sentence's position through the document.
    CREATE TABLE link_segments (
      link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
      alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
      side TEXT NOT NULL CHECK (side IN ('a', 'b')),
      idx INTEGER NOT NULL,
      PRIMARY KEY (link_id, side, idx)
    ) STRICT, WITHOUT ROWID;
    -- Finds the links at a segment, and the next one along a side, without reading the alignment.
    CREATE INDEX link_segments_position ON link_segments(alignment_id, side, idx);

    CREATE TABLE facts (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      type TEXT NOT NULL DEFAULT 'event',
      roles TEXT NOT NULL DEFAULT '{}',
      annotator_id INTEGER REFERENCES annotators(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE mentions (
      id INTEGER PRIMARY KEY,
      fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
      paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      quote TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual', 'mt', 'import')),
      annotator_id INTEGER REFERENCES annotators(id),
      created_at TEXT NOT NULL,
      CHECK (start >= 0 AND end >= start)
    ) STRICT;
    CREATE INDEX mentions_fact ON mentions(fact_id);
    CREATE INDEX mentions_paragraph ON mentions(paragraph_id);

    CREATE TABLE suggestion_rejections (
      fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
      paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
      annotator_id INTEGER REFERENCES annotators(id),
      created_at TEXT NOT NULL,
      PRIMARY KEY (fact_id, paragraph_id)
    ) STRICT;

    -- The persisted operation log: each row holds what to replay (redo) and
    -- what restores the state before it (undo), so undo survives a restart.
    CREATE TABLE operations (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      description TEXT NOT NULL,
      forward TEXT NOT NULL,
      inverse TEXT NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0,
      annotator_id INTEGER REFERENCES annotators(id),
      created_at TEXT NOT NULL
    ) STRICT;
    -- Undo and redo find their row, and whether there is one, without reading the snapshots.
    CREATE INDEX operations_undone ON operations(undone, id);

    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
      params TEXT NOT NULL,
      total INTEGER NOT NULL DEFAULT 0,
      done INTEGER NOT NULL DEFAULT 0,
      chars INTEGER NOT NULL DEFAULT 0,
      total_chars INTEGER NOT NULL DEFAULT 0,
      message TEXT,
      pid INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE mt_cache (
      key TEXT PRIMARY KEY,
      provider TEXT NOT NULL,
      source_lang TEXT,
      target_lang TEXT NOT NULL,
      source_text TEXT NOT NULL,
      translated_text TEXT NOT NULL,
      detected_source_lang TEXT,
      billed_characters INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE mt_glossaries (
      provider TEXT NOT NULL,
      source_lang TEXT NOT NULL,
      target_lang TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      remote_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (provider, source_lang, target_lang)
    ) STRICT;
  `,
};
