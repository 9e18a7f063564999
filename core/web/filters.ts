import { endsSentence, wordCount, type Block } from './blocks';

/**
 * Filters over the blocks Readability kept. Each looks only at structure and
 * shape (links, length, position, dates, repetition), never at the words of
 * one language, and each says why it dropped a block so the bench can count.
 */
export type DropReason = 'caption' | 'links' | 'date-line' | 'byline' | 'label' | 'form' | 'repeat' | 'orphan-heading' | 'trailer';

export interface FilterContext {
  captions: boolean;
  byline: string | null;
}

export interface Judged {
  block: Block;
  drop: DropReason | null;
}

const DATE_PATTERN = /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b/;

/** A block that shows an image's text beside it: the only text in a container that holds a picture. */
const containerTexts = new WeakMap<Element, number>();

export function besideImage(block: Block): boolean {
  const el = block.element;
  const container = el?.parentElement;
  if (!el || !container || wordCount(block.text) > 60 || el.querySelector('img,picture,video')) return false;
  // Measured once per container: an article may hold thousands of paragraphs.
  let containerText = containerTexts.get(container);
  if (containerText === undefined) {
    containerText = container.querySelector('img,picture,video') ? (container.textContent ?? '').replace(/\s+/g, ' ').trim().length : -1;
    containerTexts.set(container, containerText);
  }
  return containerText >= 0 && containerText <= block.text.length * 1.3 + 10;
}

function judge(block: Block, ctx: FilterContext): DropReason | null {
  const words = wordCount(block.text);
  if (!ctx.captions && (block.caption || besideImage(block))) return 'caption';
  if (block.nearForm) return 'form';
  if (block.linkChars / block.text.length > 0.5) return 'links';
  if (block.timeShare > 0.3 && words <= 15) return 'date-line';
  if (!block.heading && words <= 12 && !endsSentence(block.text) && DATE_PATTERN.test(block.text)) return 'date-line';
  if (ctx.byline && !block.quote && words <= wordCount(ctx.byline) + 4 && ctx.byline.split(/,\s*/).some((name) => block.text.includes(name))) return 'byline';
  if (!block.heading && !block.quote && words <= 2 && !endsSentence(block.text)) return 'label';
  return null;
}

export function filterBlocks(blocks: Block[], ctx: FilterContext): Judged[] {
  const judged: Judged[] = blocks.map((block) => ({ block, drop: judge(block, ctx) }));
  // The same text twice: a pull quote, a repeated teaser. The first stays.
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const j of judged) {
    if (j.drop) continue;
    const t = j.block.text;
    const bare = t.replace(/^["'«“„]+|["'»”“]+$/g, '');
    if (seen.has(t) || (wordCount(t) < 15 && kept.some((s) => s.includes(bare)))) j.drop = 'repeat';
    else {
      seen.add(t);
      kept.push(t);
    }
  }
  // After the last sentence of the article, short lines that are not sentences, and link-bearing
  // blocks that do not end as a sentence (a "follow us" box), are the page's furniture.
  for (let i = judged.length - 1; i >= 0; i--) {
    const j = judged[i];
    if (j.drop) continue;
    const sentence = endsSentence(j.block.text);
    if (sentence && wordCount(j.block.text) >= 6) break;
    if (j.block.heading || wordCount(j.block.text) < 12 || (!sentence && j.block.linkChars > 0)) j.drop = 'trailer';
    else break;
  }
  // A heading with nothing of its own under it: its list of links went, or nothing follows.
  for (let i = 0; i < judged.length; i++) {
    const j = judged[i];
    if (j.drop || !j.block.heading) continue;
    const following = judged[i + 1];
    let next: Judged | undefined;
    for (let k = i + 1; k < judged.length && !next; k++) if (!judged[k].drop) next = judged[k];
    if (!next || next.block.heading || (following?.drop && ['links', 'form'].includes(following.drop))) j.drop = 'orphan-heading';
  }
  return judged;
}
