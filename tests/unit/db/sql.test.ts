import { describe, expect, it } from 'vitest';
import { ident } from '../../../db/sql';

describe('ident', () => {
  it('passes plain table and column names through', () => {
    expect(ident('link_segments').text).toBe('link_segments');
    expect(ident('_x9').text).toBe('_x9');
  });

  it('refuses anything that could change the statement', () => {
    for (const bad of ['', 'a b', 'x; DROP TABLE documents', 'a"b', '9abc', 'tbl--', 'ü']) {
      expect(() => ident(bad), bad).toThrow(/unsafe SQL identifier/);
    }
  });
});
