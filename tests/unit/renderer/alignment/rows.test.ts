import { describe, expect, it } from 'vitest';
import type { AlignmentView, DocumentDetail, Link } from '../../../../common/types';
import { anchors, computeZones, originalSegments, translationRows } from '../../../../renderer/src/alignment/rows';
import { firstSegmentOf, segmentAt, segmentDocument } from '../../../../renderer/src/alignment/segments';

const link = (a: number[], b: number[], status: Link['status'] = 'suggested'): Link => ({ id: a[0] * 100 + (b[0] ?? 99), a, b, confidence: 1, status, origin: 'auto', annotator: null, createdAt: '', updatedAt: '' });
const prefix = (...heights: number[]) => Float64Array.from(heights.reduce<number[]>((acc, h) => [...acc, acc[acc.length - 1] + h], [0]));

describe('rows across panes', () => {
  it('takes as anchors the links that go down both sides, skipping rejected and one-sided ones', () => {
    const links = [link([0], [0]), link([1], []), link([1, 2], [1]), link([2], [3], 'rejected'), link([3], [2]), link([4], [4])];
    // 3 ↔ 2 starts after 1–2 ↔ 1 ends on both sides, so it starts a row too.
    expect(anchors(links)).toEqual([[0, 0], [1, 1], [3, 2], [4, 4]]);
  });

  it('pads the pane that is higher up at each row, and makes both as tall at the end', () => {
    // A's segments are 20 px high; B's first is 40 px: B's second row starts 20 px lower.
    const zones = computeZones({ prefix: prefix(20, 20, 20) }, { prefix: prefix(40, 20, 40) }, [[0, 0], [1, 1], [2, 2]], null, null);
    expect([...zones[0]]).toEqual([[1, 20], [3, 20]]);
    expect([...zones[1]]).toEqual([]);
  });

  it('keeps a translation level with its original, row by row', () => {
    const m = translationRows(3, Int32Array.from([0, 0, 1, 2]), 3, null);
    expect(m.source).toBe('order');
    expect([...m.rows]).toEqual([0, 0, 2, 1, 3, 2]);
    // The original's first paragraph has two sentences (segments 0 and 1): the translation's line 0 stands beside both.
    expect(originalSegments(m, 0)).toEqual({ first: 0, last: 1 });
    const a = { prefix: prefix(20, 20, 20, 20) };
    const zones = computeZones(a, { prefix: prefix(20, 20, 20, 20) }, [[0, 0], [2, 2]], { prefix: prefix(30, 20, 20), rows: m.rows }, null);
    // The translation's first line (30 px) is shorter than the two sentences beside it (40 px): padded before its line 1, and level after.
    expect([...zones[2]]).toEqual([[1, 10]]);
    expect([...zones[0]]).toEqual([]);
  });

  it('follows the stored paragraph links of a translation, and says when there are none', () => {
    const align = { links: [link([0], [0]), link([1, 2], [1])] } as unknown as AlignmentView;
    const m = translationRows(3, Int32Array.from([0, 1, 2]), 2, align);
    expect(m.source).toBe('links');
    expect([...m.trLo]).toEqual([0, 1, 1]);
    expect([...m.origHi]).toEqual([0, 2]);
    expect(translationRows(3, Int32Array.from([0, 1, 2]), 2, null).source).toBe('none');
  });
});

describe('segments of a document', () => {
  const doc = {
    translationOf: null,
    paragraphList: [
      { id: 1, index: 0, text: 'One. Two.', sentences: [[0, 4], [5, 9]], edited: null, status: 'initial' },
      { id: 2, index: 1, text: 'Three\nlines', sentences: [], edited: 'ignored', status: 'initial' },
    ],
  } as unknown as DocumentDetail;

  it('cuts paragraphs into sentences numbered through the document, one line each', () => {
    const s = segmentDocument(doc, 'sentence');
    expect(s.texts).toEqual(['One.', 'Two.', 'Three lines']);
    expect(s.labels).toEqual(['1.1', '1.2', '2.1']);
    expect([...s.paragraphOf]).toEqual([0, 0, 1]);
    expect([...s.offsetOf]).toEqual([0, 5, 0]);
    expect(firstSegmentOf(s, 1)).toBe(2);
    expect(segmentAt(s, 0, 6)).toBe(1);
    expect(segmentAt(s, 5, 0)).toBe(-1);
    // An original shows its text as imported, never a post-edit.
    expect(segmentDocument(doc, 'paragraph').texts).toEqual(['One. Two.', 'Three lines']);
  });
});
