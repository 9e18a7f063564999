import type { Migration } from './types';

/**
 * What a document's source says about it beyond its text: for a web page,
 * where it came from and when it was fetched (provenance), and the byline,
 * publication date, site name and declared language the page carries. One
 * row per document that has any; text files have none.
 */
export const migration005: Migration = {
  version: 5,
  name: 'document metadata',
  up: `
    CREATE TABLE document_meta (
      doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      -- The address the page was fetched from (after redirects) or that a browser recorded when saving it.
      url TEXT,
      -- The page's own <link rel="canonical">.
      canonical_url TEXT,
      site_name TEXT,
      byline TEXT,
      -- ISO 8601, as the page gives it (a date, or a date and time with its offset).
      published TEXT,
      -- The language the page declares, beside the one identified from its text.
      page_lang TEXT,
      -- When Tandem fetched the page; NULL for a saved file.
      fetched_at TEXT,
      extraction TEXT NOT NULL CHECK (extraction IN ('article', 'full')),
      captions INTEGER NOT NULL DEFAULT 0 CHECK (captions IN (0, 1))
    ) STRICT;
    -- A URL import asks first whether the address is already in the project.
    CREATE INDEX document_meta_url ON document_meta(url);
    CREATE INDEX document_meta_canonical ON document_meta(canonical_url);
  `,
};
