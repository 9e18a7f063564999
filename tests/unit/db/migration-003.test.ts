import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WriteDb } from '../../../db/open';
import { migration001 } from '../../../db/migrations/001-initial';
import { migration003 } from '../../../db/migrations/003-document-languages';
import { migrations } from '../../../db/migrations';
import { listDocuments } from '../../../db/queries/documents';

describe('migration 003: document languages', () => {
  it('adds the engine-detected language and the other-language paragraphs to existing documents', () => {
    const db = new Database(':memory:') as WriteDb;
    db.exec(migration001.up);
    db.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 's.txt', 'text', 'da', 0.5, 'h', '{\"kind\":\"original\"}', 0, 0, 0, 'now')").run();
    db.exec(migration003.up);
    // The query code reads the latest schema: the migrations after 003 come too.
    for (const m of migrations.filter((x) => x.version > 3)) db.exec(m.up);
    const [doc] = listDocuments(db);
    expect(doc).toMatchObject({ lang: 'da', langConfidence: 0.5, langUnsure: true, mtDetectedLang: null, otherLanguages: [] });
    db.prepare("UPDATE documents SET mt_detected_lang = 'nb', other_languages = '[{\"lang\":\"en\",\"paragraphs\":[2]}]'").run();
    expect(listDocuments(db)[0]).toMatchObject({ mtDetectedLang: 'nb', otherLanguages: [{ lang: 'en', paragraphs: [2] }] });
    // Anything but a JSON array is refused.
    expect(() => db.prepare("UPDATE documents SET other_languages = 'en'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE documents SET other_languages = '{}'").run()).toThrow(/CHECK/);
    db.close();
  });
});
