import { describe, expect, it } from 'vitest';
import type { DocumentDetail, Paragraph } from '../../../../common/types';
import { planSegmentation } from '../../../../renderer/src/alignment/segment-edit';
import { segmentDocument } from '../../../../renderer/src/alignment/segments';

/** A document as getDocument returns it, from paragraphs given with their sentence spans. */
function doc(paragraphs: Array<{ text: string; sentences: Array<[number, number]>; edited?: string }>, translationOf: number | null = null): DocumentDetail {
  const list: Paragraph[] = paragraphs.map((p, index) => ({ id: index + 1, index, text: p.text, sentences: p.sentences, edited: p.edited ?? null, status: 'initial' }));
  return {
    id: 7, title: 'T', source: 't.txt', lang: 'nb', langConfidence: 1, langUnsure: false, mtDetectedLang: null, otherLanguages: [], collection: null,
    paragraphs: list.length, sentences: list.reduce((n, p) => n + Math.max(1, p.sentences.length), 0), characters: 0, translationOf, translations: [],
    provenance: { kind: translationOf === null ? 'original' : 'mt' }, createdAt: '', paragraphList: list,
  };
}

const D = doc([
  { text: 'Tittel', sentences: [] },
  { text: 'Første setning. Andre setning.Tredje', sentences: [[0, 15], [16, 36]] },
  { text: 'Siste avsnitt.', sentences: [[0, 14]] },
]);

describe('segmentation at the caret', () => {
  it('splits the sentence the caret is in, where the caret is, at either level', () => {
    const bySentence = segmentDocument(D, 'sentence');
    // Sentence 2.2 is line 2; the caret after "setning." is offset 14 of that line.
    expect(planSegmentation('split-sentence', D, bySentence, { seg: 2, offset: 14 })).toMatchObject({ op: { op: 'split-sentence', paragraph: 1, at: 30 }, where: 'sentence 2.2' });
    const byParagraph = segmentDocument(D, 'paragraph');
    expect(planSegmentation('split-sentence', D, byParagraph, { seg: 1, offset: 30 })).toMatchObject({ op: { op: 'split-sentence', paragraph: 1, at: 30 } });
    // At a sentence's start or end there is nothing to split.
    expect(planSegmentation('split-sentence', D, bySentence, { seg: 2, offset: 0 })).toHaveProperty('error');
    expect(planSegmentation('split-sentence', D, byParagraph, { seg: 1, offset: 16 })).toHaveProperty('error');
  });

  it('splits a paragraph anywhere inside it, and says why not at its edges', () => {
    const bySentence = segmentDocument(D, 'sentence');
    // The start of sentence 2.2 is inside paragraph 2: the new paragraph starts there.
    expect(planSegmentation('split-paragraph', D, bySentence, { seg: 2, offset: 0 })).toMatchObject({ op: { op: 'split-paragraph', paragraph: 1, at: 16 }, where: 'paragraph 2' });
    const r = planSegmentation('split-paragraph', D, bySentence, { seg: 1, offset: 0 });
    expect('error' in r && r.error).toMatch(/inside the paragraph/);
  });

  it('numbers sentences through the document to merge one with the next, and refuses across paragraphs', () => {
    const bySentence = segmentDocument(D, 'sentence');
    // Paragraph 1 (no spans) counts as one sentence, so sentence 2.1 is number 1.
    expect(planSegmentation('merge-sentences', D, bySentence, { seg: 1, offset: 3 })).toMatchObject({ op: { op: 'merge-sentences', sentence: 1 }, where: 'sentences 2.1 and 2.2' });
    const r = planSegmentation('merge-sentences', D, bySentence, { seg: 2, offset: 3 });
    expect('error' in r && r.error).toMatch(/ends its paragraph.*Shift\+J/);
    expect(planSegmentation('merge-paragraphs', D, bySentence, { seg: 2, offset: 0 })).toMatchObject({ op: { op: 'merge-paragraphs', paragraph: 1 } });
    const last = planSegmentation('merge-paragraphs', D, bySentence, { seg: 3, offset: 0 });
    expect('error' in last && last.error).toMatch(/last one/);
  });

  it('leaves a translation paragraph that shows a post-edit alone', () => {
    const tr = doc([{ text: 'One. Two.', sentences: [[0, 4], [5, 9]], edited: 'One, and two.' }], 3);
    const r = planSegmentation('split-sentence', tr, segmentDocument(tr, 'paragraph'), { seg: 0, offset: 6 });
    expect('error' in r && r.error).toMatch(/post-edit/);
  });
});
