import type { AlignLevel, DocumentDetail } from '../../../common/types';

/**
 * A document cut into the segments an alignment pane shows, one per line:
 * paragraphs, or sentences numbered through the document. DOM-free.
 */
export interface SegmentMap {
  /** The text of each segment, on one line (line breaks inside would shift every later line). */
  texts: string[];
  /** Paragraph index of each segment, and the segment's offset inside the paragraph. */
  paragraphOf: Int32Array;
  offsetOf: Int32Array;
  /** What the line numbers show: "3", or "3.2" for the second sentence of paragraph 3. */
  labels: string[];
}

export const EMPTY_SEGMENTS: SegmentMap = { texts: [], paragraphOf: new Int32Array(0), offsetOf: new Int32Array(0), labels: [] };

/** A translation shows its post-edited text where there is one; an original is shown as imported. */
export function segmentDocument(doc: DocumentDetail, level: AlignLevel): SegmentMap {
  const texts: string[] = [];
  const para: number[] = [];
  const offs: number[] = [];
  const labels: string[] = [];
  const translated = doc.translationOf !== null;
  for (const pg of doc.paragraphList) {
    const text = translated ? (pg.edited ?? pg.text) : pg.text;
    if (level === 'paragraph') {
      texts.push(text);
      para.push(pg.index);
      offs.push(0);
      labels.push(String(pg.index + 1));
    } else {
      const spans = pg.sentences.length ? pg.sentences : [[0, pg.text.length] as [number, number]];
      spans.forEach(([s, e], k) => {
        texts.push(pg.text.slice(s, e));
        para.push(pg.index);
        offs.push(s);
        labels.push(`${pg.index + 1}.${k + 1}`);
      });
    }
  }
  return { texts: texts.map((t) => t.replace(/[\r\n\u2028\u2029]+/g, ' ')), paragraphOf: Int32Array.from(para), offsetOf: Int32Array.from(offs), labels };
}

/** The first segment of a paragraph, or -1 (segments of one paragraph are consecutive). */
export function firstSegmentOf(map: SegmentMap, paragraph: number): number {
  let lo = 0;
  let hi = map.paragraphOf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.paragraphOf[mid] < paragraph) lo = mid + 1;
    else hi = mid;
  }
  return map.paragraphOf[lo] === paragraph ? lo : -1;
}

/** The segment holding character `offset` of a paragraph, or -1. */
export function segmentAt(map: SegmentMap, paragraph: number, offset: number): number {
  let seg = firstSegmentOf(map, paragraph);
  if (seg < 0) return -1;
  while (seg + 1 < map.paragraphOf.length && map.paragraphOf[seg + 1] === paragraph && map.offsetOf[seg + 1] <= offset) seg++;
  return seg;
}
