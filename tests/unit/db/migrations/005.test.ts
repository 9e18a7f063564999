import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WriteDb } from '../../../../db/open';
import { migrations } from '../../../../db/migrations';
import { listDocuments } from '../../../../db/queries/documents';
import { findOriginalByUrl, insertDocumentMeta } from '../../../../db/queries/document-meta';

describe('migration 005: document metadata', () => {
  it('leaves existing documents without metadata, keeps one row per document, removed with it, and finds a page by its address through an index', () => {
    const db = new Database(':memory:') as WriteDb;
    db.pragma('foreign_keys = ON');
    for (const m of migrations.filter((x) => x.version < 5)) db.exec(m.up);
    db.exec("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 'https://a.example/x', 'html', 'nb', 1, 'h', '{\"kind\":\"original\"}', 0, 0, 0, 'now')");
    for (const m of migrations.filter((x) => x.version >= 5)) db.exec(m.up);
    expect(listDocuments(db)[0].meta).toBeUndefined();

    const insert = db.prepare("INSERT INTO document_meta (doc_id, url, extraction, captions) VALUES (1, 'https://a.example/x', ?, ?)");
    expect(() => insert.run('summary', 0)).toThrow(/CHECK/);
    expect(() => insert.run('article', 2)).toThrow(/CHECK/);
    insertDocumentMeta(db, 1, { url: 'https://a.example/x', canonicalUrl: 'https://a.example/canonical', siteName: 'A', byline: 'B', published: '2024-01-02', pageLang: 'nb', fetchedAt: '2024-01-03T00:00:00Z', extraction: 'article', captions: true });
    expect(() => insert.run('article', 0)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(listDocuments(db)[0].meta).toEqual({ url: 'https://a.example/x', canonicalUrl: 'https://a.example/canonical', siteName: 'A', byline: 'B', published: '2024-01-02', pageLang: 'nb', fetchedAt: '2024-01-03T00:00:00Z', extraction: 'article', captions: true });
    expect(findOriginalByUrl(db, ['https://a.example/canonical'])).toBe(1);
    expect(findOriginalByUrl(db, ['https://a.example/other'])).toBeUndefined();

    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT doc_id FROM document_meta WHERE url = 'u'")).toMatch(/USING (COVERING )?INDEX document_meta_url/);
    expect(plan("SELECT doc_id FROM document_meta WHERE canonical_url = 'u'")).toMatch(/USING (COVERING )?INDEX document_meta_canonical/);
    db.exec('DELETE FROM documents WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM document_meta').get()).toEqual({ n: 0 });
    db.close();
  });
});
