import type { EvidenceView, LinkExplanation } from '../../../common/api';
import type { Link } from '../../../common/types';

/**
 * Why a comparable link was proposed, in the shapes the alignment view draws:
 * highlights for each pane, a one-line summary, and words for its confidence.
 * DOM-free.
 */

export type EvidenceKind = EvidenceView['kind'];

/** One highlight in a pane: a span of a paragraph's text, and what it is. */
export interface EvidenceMark {
  paragraph: number;
  start: number;
  end: number;
  /** A shared name, number or term; or the sentence that matches best. */
  kind: Exclude<EvidenceKind, 'semantic'> | 'sentence';
  label: string;
}

/** Which text of a side: the original the pane aligns, or the English translation beside it. */
export type EvidenceText = 'original' | 'translation';

const KIND_WORD: Record<EvidenceKind, string> = { name: 'name', number: 'number', term: 'word', semantic: 'meaning' };

/** Where a link's evidence lies in one side's original or translation: the shared items, then the best sentence. */
export function evidenceMarks(ex: LinkExplanation, side: 'a' | 'b', text: EvidenceText): EvidenceMark[] {
  const paragraph = side === 'a' ? ex.paragraphA : ex.paragraphB;
  const out: EvidenceMark[] = [];
  for (const e of ex.evidence) {
    if (e.kind === 'semantic') continue;
    for (const [start, end] of e[side][text]) {
      if (end > start) out.push({ paragraph, start, end, kind: e.kind, label: `shared ${KIND_WORD[e.kind]}: ${e.label}` });
    }
  }
  const s = side === 'a' ? ex.sentenceA : ex.sentenceB;
  const span = text === 'original' ? s : s.translation;
  if (span && span.end > span.start) out.push({ paragraph, start: span.start, end: span.end, kind: 'sentence', label: 'the sentence that matches best' });
  return out;
}

/** The translation document the explanation's offsets for a side's translation refer to, or null. */
export function explainedTranslation(ex: LinkExplanation, side: 'a' | 'b'): number | null {
  return (side === 'a' ? ex.sentenceA : ex.sentenceB).translation?.docId ?? null;
}

/** The shared items, names first, then numbers, words and meaning; strongest first within each. */
export function orderedEvidence(ex: LinkExplanation): EvidenceView[] {
  const rank: Record<EvidenceKind, number> = { name: 0, number: 1, term: 2, semantic: 3 };
  return [...ex.evidence].sort((x, y) => rank[x.kind] - rank[y.kind] || y.weight - x.weight || x.label.localeCompare(y.label));
}

/** "shared: Tokayev, CSTO, 7 January" — at most `max` items, then how many more. */
export function evidenceSummary(ex: LinkExplanation, max = 6): string {
  const items = orderedEvidence(ex).filter((e) => e.kind !== 'semantic').map((e) => e.label);
  const semantic = ex.evidence.some((e) => e.kind === 'semantic');
  if (!items.length) return semantic ? 'similar in meaning (semantic model); no shared names, numbers or words' : 'nothing shared that the engine can point to';
  const shown = items.slice(0, max).join(', ');
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  return `shared: ${shown}${more}${semantic ? '; similar in meaning' : ''}`;
}

/**
 * What a confidence means to an annotator. Comparable links are calibrated
 * (about that share of links this confident are ones a reader makes), so the
 * number is said as a share; other links keep the aligner's own score.
 */
export function confidenceWords(confidence: number, calibrated: boolean): { word: string; detail: string } {
  const c = Math.max(0, Math.min(1, confidence));
  const word = c >= 0.8 ? 'strong' : c >= 0.5 ? 'likely' : c >= 0.25 ? 'possible' : 'weak';
  if (!calibrated) return { word, detail: `score ${c.toFixed(2)}` };
  const tenths = Math.round(c * 10);
  return { word, detail: tenths >= 10 ? 'nearly every link this confident is right' : tenths <= 0 ? 'few links this confident are right' : `about ${tenths} in 10 links this confident are right` };
}

/** Where the linked paragraphs stand among each other's candidates, in words. */
export function rankWords(ex: Pick<LinkExplanation, 'rankAB' | 'rankBA'>): string {
  const nth = (n: number) => (n === 1 ? 'best' : n === 2 ? '2nd best' : n === 3 ? '3rd best' : `${n}th best`);
  if (ex.rankAB === 1 && ex.rankBA === 1) return 'best match both ways';
  return `B is A's ${nth(ex.rankAB)}, A is B's ${nth(ex.rankBA)} candidate`;
}

/** A link's evidence is asked for by its id and segments: an edit that keeps the id but moves segments asks again. */
export function evidenceKey(link: Pick<Link, 'id' | 'a' | 'b'>): string {
  return `${link.id}:${link.a.join(',')}|${link.b.join(',')}`;
}
