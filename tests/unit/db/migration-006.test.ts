import { describe, expect, it } from 'vitest';
import { openProject, type WriteDb } from '../../../db/open';
import { createAlignment } from '../../../db/queries/alignments';
import { insertDocument } from '../../../db/queries/documents';
import { countEmbeddings, getCandidateSettings, getEmbeddings, putCandidateSettings, putEmbeddings } from '../../../db/queries/links-evidence';

function doc(db: WriteDb, hash: string): number {
  return insertDocument(db, {
    collectionId: null, title: hash, source: `${hash}.txt`, format: 'text', lang: 'nb', langConfidence: 1, contentHash: hash,
    translationOf: null, provenance: { kind: 'original' }, characters: 0, paragraphCount: 0, sentenceCount: 0,
  });
}

describe('migration 006: candidate settings and the embeddings cache', () => {
  it('keeps one candidate control per alignment, checked, and drops it with the alignment', () => {
    const db = openProject(':memory:', { create: true });
    const alignment = createAlignment(db, doc(db, 'a'), doc(db, 'b'), 'paragraph', 'comparable');
    expect(getCandidateSettings(db, alignment)).toBeUndefined();
    putCandidateSettings(db, alignment, { minConfidence: 0.3, perParagraph: 3 });
    putCandidateSettings(db, alignment, { minConfidence: 0.1, perParagraph: 1 });
    expect(getCandidateSettings(db, alignment)).toEqual({ minConfidence: 0.1, perParagraph: 1 });
    expect(() => putCandidateSettings(db, alignment, { minConfidence: 1.5, perParagraph: 1 })).toThrow(/CHECK/);
    db.prepare('DELETE FROM alignments WHERE id = ?').run(alignment);
    expect(getCandidateSettings(db, alignment)).toBeUndefined();
    db.close();
  });

  it('caches vectors by model and text hash, exactly, and finds them through its key', () => {
    const db = openProject(':memory:', { create: true });
    const v = Float32Array.from([0.25, -1.5, 3e-8]);
    putEmbeddings(db, 'http://127.0.0.1:11434/v1|nomic', [{ hash: 'h1', vector: v }]);
    putEmbeddings(db, 'http://127.0.0.1:11434/v1|nomic', [{ hash: 'h1', vector: Float32Array.from([9]) }]);
    const got = getEmbeddings(db, 'http://127.0.0.1:11434/v1|nomic', ['h1', 'h2']);
    expect([...got.keys()]).toEqual(['h1']);
    expect([...got.get('h1')!]).toEqual([...v]);
    expect(getEmbeddings(db, 'other|model', ['h1']).size).toBe(0);
    expect(countEmbeddings(db)).toBe(1);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT dims, vector FROM embeddings WHERE model = ? AND text_hash = ?').all('m', 'h') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING PRIMARY KEY/);
    db.close();
  });
});
