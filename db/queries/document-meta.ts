import type { ReadDb, WriteDb } from '../open';
import { stmt } from '../statements';
import type { DocumentMeta } from '../../common/types';

export interface DocumentMetaRow {
  meta_url: string | null;
  meta_canonical_url: string | null;
  meta_site_name: string | null;
  meta_byline: string | null;
  meta_published: string | null;
  meta_page_lang: string | null;
  meta_fetched_at: string | null;
  meta_extraction: 'article' | 'full' | null;
  meta_captions: number | null;
}

/** Columns for a summary query that LEFT JOINs document_meta AS m. */
export const META_COLUMNS = `m.url AS meta_url, m.canonical_url AS meta_canonical_url, m.site_name AS meta_site_name,
  m.byline AS meta_byline, m.published AS meta_published, m.page_lang AS meta_page_lang, m.fetched_at AS meta_fetched_at,
  m.extraction AS meta_extraction, m.captions AS meta_captions`;

export function metaFromRow(r: DocumentMetaRow): DocumentMeta | undefined {
  if (r.meta_extraction === null || r.meta_extraction === undefined) return undefined;
  return {
    url: r.meta_url,
    canonicalUrl: r.meta_canonical_url,
    siteName: r.meta_site_name,
    byline: r.meta_byline,
    published: r.meta_published,
    pageLang: r.meta_page_lang,
    fetchedAt: r.meta_fetched_at,
    extraction: r.meta_extraction,
    captions: r.meta_captions === 1,
  };
}

export function insertDocumentMeta(db: WriteDb, docId: number, meta: DocumentMeta): void {
  stmt(
    db,
    `INSERT INTO document_meta (doc_id, url, canonical_url, site_name, byline, published, page_lang, fetched_at, extraction, captions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(docId, meta.url, meta.canonicalUrl, meta.siteName, meta.byline, meta.published, meta.pageLang, meta.fetchedAt, meta.extraction, meta.captions ? 1 : 0);
}

export function getDocumentMeta(db: ReadDb, docId: number): DocumentMeta | undefined {
  const row = stmt(db, `SELECT ${META_COLUMNS} FROM document_meta m WHERE m.doc_id = ?`).get(docId) as DocumentMetaRow | undefined;
  return row ? metaFromRow(row) : undefined;
}

/** The original document that came from this address (fetched from it, saved from it, or naming it canonical), if any. */
export function findOriginalByUrl(db: ReadDb, urls: string[]): number | undefined {
  for (const url of urls) {
    const row = stmt(
      db,
      `SELECT d.id FROM documents d
       WHERE d.translation_of IS NULL AND (d.source = @url
         OR d.id IN (SELECT doc_id FROM document_meta WHERE url = @url UNION SELECT doc_id FROM document_meta WHERE canonical_url = @url))
       ORDER BY d.id LIMIT 1`,
    ).get({ url }) as { id: number } | undefined;
    if (row) return row.id;
  }
  return undefined;
}
