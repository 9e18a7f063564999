import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WriteDb } from '../../../db/open';
import { migration001 } from '../../../db/migrations/001-initial';
import { migration003 } from '../../../db/migrations/003-document-languages';
import { migration009 } from '../../../db/migrations/009-inline-codes';
import { copyParagraphCodes, getDocumentCodes, putParagraphCodes } from '../../../db/queries/codes';

describe('migration 009: inline codes', () => {
  it('keeps codes per paragraph, refuses anything but a JSON array, and goes with its paragraph', () => {
    const db = new Database(':memory:') as WriteDb;
    db.pragma('foreign_keys = ON');
    db.exec(migration001.up);
    db.exec(migration003.up);
    db.exec(migration009.up);
    db.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 's.tmx', 'aligned', 'en', 1, 'h', '{\"kind\":\"original\"}', 0, 2, 2, 'now')").run();
    const p0 = Number(db.prepare("INSERT INTO paragraphs (doc_id, idx, text) VALUES (1, 0, 'a \u27E6b\u27E7')").run().lastInsertRowid);
    db.prepare("INSERT INTO paragraphs (doc_id, idx, text) VALUES (1, 1, 'plain')").run();
    const codes = [{ at: 2, kind: 'open' as const, pair: 1, native: '<b>' }, { at: 4, kind: 'close' as const, pair: 1, native: '</b>' }];
    putParagraphCodes(db, p0, codes);
    expect(getDocumentCodes(db, 1)).toEqual(new Map([[0, codes]]));
    expect(() => db.prepare("UPDATE inline_codes SET codes = '{}'").run()).toThrow(/CHECK/);
    const other = new Database(':memory:') as WriteDb;
    other.exec(migration001.up);
    other.exec(migration003.up);
    other.exec(migration009.up);
    other.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 's.tmx', 'aligned', 'en', 1, 'h', '{\"kind\":\"original\"}', 0, 1, 1, 'now')").run();
    const q = Number(other.prepare("INSERT INTO paragraphs (doc_id, idx, text) VALUES (1, 0, 'a \u27E6b\u27E7')").run().lastInsertRowid);
    copyParagraphCodes(db, p0, other, q);
    expect(getDocumentCodes(other, 1).get(0)).toEqual(codes);
    db.prepare('DELETE FROM paragraphs WHERE id = ?').run(p0);
    expect(db.prepare('SELECT count(*) AS n FROM inline_codes').get()).toEqual({ n: 0 });
  });
});
