import { describe, expect, it } from 'vitest';
import { sortLinks } from '../../../db/queries/alignments';
import { openProject } from '../../../db/open';

const L = (id: number, a: number[], b: number[]) => ({ id, a, b });

describe('sortLinks', () => {
  const links = [L(1, [0], [0]), L(2, [1], [1, 2]), L(3, [], [3]), L(4, [2], [4]), L(5, [3], []), L(6, [], [6]), L(7, [4], [5])];

  it('puts links in reading order, an insertion on side b where it falls', () => {
    expect(sortLinks([...links]).map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 7, 6]);
  });

  it('gives the same order whatever order the links come in', () => {
    const expected = sortLinks([...links]).map((l) => l.id);
    for (let seed = 1; seed < 20; seed++) {
      const shuffled = [...links].sort((x, y) => ((x.id * 7919 * seed) % 13) - ((y.id * 7919 * seed) % 13));
      expect(sortLinks(shuffled).map((l) => l.id)).toEqual(expected);
    }
  });
});

describe('operation log index', () => {
  it('lets undo find its row without scanning the snapshots', () => {
    const db = openProject(':memory:', { create: true });
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id FROM operations WHERE undone = 0 ORDER BY id DESC LIMIT 1').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING COVERING INDEX operations_undone/);
    db.close();
  });
});
