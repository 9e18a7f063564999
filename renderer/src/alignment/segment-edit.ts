import type { SegmentationOperation } from '../../../common/api';
import type { DocumentDetail, Paragraph } from '../../../common/types';
import type { SegmentMap } from './segments';

/**
 * Turns "split here" and "merge with the next" at a caret in an alignment
 * pane into the segmentation operation the API takes, or into a message that
 * says why it cannot be done there. DOM-free.
 */

export type SegmentationAction = 'split-sentence' | 'merge-sentences' | 'split-paragraph' | 'merge-paragraphs';

/** A place in a pane: the segment (0-based line) and the offset inside its text. */
export interface Caret {
  seg: number;
  offset: number;
}

export interface PlannedEdit {
  op: SegmentationOperation;
  /** Where the change is, for people ("sentence 3.2", "paragraph 4"). */
  where: string;
  /** The paragraph and offset the caret stands at, to find the segment again once the document is read anew. */
  paragraph: number;
  at: number;
}

/** Sentence spans of a paragraph as sentence-level links number them: a paragraph without spans is one sentence. */
function spans(p: Paragraph): Array<[number, number]> {
  return p.sentences.length ? p.sentences : [[0, p.text.length]];
}

/** Whether the pane shows a post-edit instead of the text as imported (offsets would not be the text's). */
function showsEdit(doc: DocumentDetail, p: Paragraph): boolean {
  return doc.translationOf !== null && p.edited !== null && p.edited !== p.text;
}

/** Which sentence of a paragraph holds an offset (the last one for the paragraph's end). */
function sentenceAt(p: Paragraph, offset: number): number {
  const s = spans(p);
  for (let k = 0; k < s.length; k++) if (offset < s[k][1] || k === s.length - 1) return k;
  return s.length - 1;
}

export function planSegmentation(action: SegmentationAction, doc: DocumentDetail, map: SegmentMap, caret: Caret): PlannedEdit | { error: string } {
  const paragraph = map.paragraphOf[caret.seg];
  const p = paragraph === undefined ? undefined : doc.paragraphList[paragraph];
  if (!p) return { error: 'Click in the text of a pane first, where the change should be.' };
  if (showsEdit(doc, p)) {
    return { error: `Paragraph ${paragraph + 1} shows its post-edit, and segmentation is fixed on the text as it was imported. Fix it in the original instead: a translation linked paragraph by paragraph follows its original.` };
  }
  const at = Math.max(0, Math.min(p.text.length, map.offsetOf[caret.seg] + caret.offset));
  const k = sentenceAt(p, at);
  const sentenceLabel = (i: number) => `sentence ${paragraph + 1}.${i + 1}`;
  switch (action) {
    case 'split-paragraph': {
      if (at <= 0 || at >= p.text.length || !p.text.slice(0, at).trim() || !p.text.slice(at).trim()) {
        return { error: 'Put the caret inside the paragraph where the new paragraph should start (not at its start or end), then split.' };
      }
      return { op: { op: 'split-paragraph', paragraph, at }, where: `paragraph ${paragraph + 1}`, paragraph, at };
    }
    case 'merge-paragraphs': {
      if (paragraph + 1 >= doc.paragraphList.length) return { error: `Paragraph ${paragraph + 1} is the last one; there is no next paragraph to join it with.` };
      return { op: { op: 'merge-paragraphs', paragraph }, where: `paragraphs ${paragraph + 1} and ${paragraph + 2}`, paragraph, at };
    }
    case 'split-sentence': {
      const [s, e] = spans(p)[k];
      if (at <= s || at >= e || !p.text.slice(s, at).trim() || !p.text.slice(at, e).trim()) {
        return { error: 'Put the caret inside a sentence where the new sentence should start (not at its start or end), then split.' };
      }
      return { op: { op: 'split-sentence', paragraph, at }, where: sentenceLabel(k), paragraph, at };
    }
    case 'merge-sentences': {
      const count = spans(p).length;
      if (k + 1 >= count) {
        return { error: `Sentence ${paragraph + 1}.${k + 1} ends its paragraph; join the paragraphs first (Shift+J), then merge the sentences.` };
      }
      let before = 0;
      for (let i = 0; i < paragraph; i++) before += spans(doc.paragraphList[i]).length;
      return { op: { op: 'merge-sentences', sentence: before + k }, where: `sentences ${paragraph + 1}.${k + 1} and ${paragraph + 1}.${k + 2}`, paragraph, at };
    }
  }
}
