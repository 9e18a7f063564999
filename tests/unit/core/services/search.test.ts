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
