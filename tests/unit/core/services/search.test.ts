import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../core/services/search';

describe('toFtsQuery', () => {
  it('quotes every word so operators are plain text', () => {
    expect(toFtsQuery('ferry AND storm')).toBe('"ferry" "AND" "storm"');
    expect(toFtsQuery('NEAR(a b)')).toBe('"NEAR" "a" "b"');
    expect(toFtsQuery('text:ferry')).toBe('"text" "ferry"');
  });

  it('keeps phrases, OR between words, and prefixes of two letters or more', () => {
    expect(toFtsQuery('"the ferry" OR storm')).toBe('"the ferry" OR "storm"');
    expect(toFtsQuery('fer*')).toBe('"fer"*');
    expect(toFtsQuery('f*')).toBe('"f"');
  });

  it('returns null when nothing searchable is left', () => {
    for (const q of ['', '   ', '"', '((', '*', '-', '""']) expect(toFtsQuery(q)).toBeNull();
  });
});

describe('search never fails on what a user types', () => {
  it('answers 2,000 random queries over a real index without an error', async () => {
    const { openProject } = await import('../../../../db/open');
    const { importBytes } = await import('../../../../core/services/import');
    const { search } = await import('../../../../core/services/search');
    const db = openProject(':memory:', { create: true });
    importBytes(db, 'a.txt', new TextEncoder().encode('Fergen «Havørn» gikk på grunn ved Måløy.\nAlle 48 passasjerer ble reddet av redningsskøyta.'), { lang: 'nb' });
    // Characters FTS5 gives meaning to, plus letters, digits, spaces and a few scripts.
    const alphabet = ['"', "'", '(', ')', '*', '^', ':', '-', '+', 'NEAR', 'AND', 'OR', 'NOT', ' ', ' ', 'a', 'ø', 'Å', '4', '8', 'gr', 'fer', 'α', 'ж', '中', '🚢', '\\', '{', '}', '[', ']', ',', '.', '\u0000', '\t'];
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let hits = 0;
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(next() * 8);
      let q = '';
      for (let k = 0; k < n; k++) q += alphabet[Math.floor(next() * alphabet.length)];
      hits += search(db, q).length;
    }
    expect(hits).toBeGreaterThan(0);
    db.close();
  });
});
