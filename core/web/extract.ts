import { Readability } from '@mozilla/readability';
import { normalizeParagraph } from '../text/normalize';
import { splitHtml } from '../text/paragraphs';
import { collectBlocks, endsSentence, wordCount, type Block } from './blocks';
import { parseDocument } from './dom';
import { besideImage, filterBlocks, type DropReason } from './filters';
import { readMetadata, siteFromTitle, stripSiteName, type PageMetadata } from './metadata';
import { paragraphsFromBreaks, pruneDocument } from './prune';

/**
 * How much of a page becomes the document:
 * - article: the headline and the article's body, found by Readability, then
 *   cleaned by structural filters (the default);
 * - readability: Readability's choice as it is, without those filters (a
 *   baseline for the bench);
 * - full: every block of the page, as imports did before extraction existed.
 */
export type HtmlMode = 'article' | 'readability' | 'full';

export interface ExtractOptions {
  mode?: HtmlMode;
  /** Keep figure and image captions as paragraphs (off by default). */
  captions?: boolean;
}

export interface WebArticle {
  title: string | null;
  paragraphs: string[];
  meta: PageMetadata;
  /** What was done: the article, or the whole page because no article was found. */
  extraction: 'article' | 'full';
  warnings: string[];
  /** For the bench and for debugging: every block Readability kept and why a filter dropped it. */
  judged?: Array<{ text: string; drop: DropReason | null }>;
}

function sameText(a: string, b: string): boolean {
  const n = (s: string) => s.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
  return n(a) === n(b);
}

function wholePage(html: string, meta: PageMetadata, warnings: string[]): WebArticle {
  const page = splitHtml(html);
  return { title: page.title, paragraphs: page.paragraphs, meta, extraction: 'full', warnings };
}

/**
 * Readability keeps the container with most of the text and may leave out a
 * standfirst or a picture that sits beside it. Walking the page in order, the
 * blocks it kept stay, and from the page itself come: prose between the
 * headline and the first block kept (a sentence or more, hardly any links: the
 * lead), and, when captions are wanted, captions from the headline to the last
 * block kept.
 */
function withPageContext(page: Block[], pageCaption: boolean[], kept: Block[], title: string | null, captions: boolean): Block[] {
  const headline = title ? page.findIndex((b) => b.heading && sameText(b.text, title)) : -1;
  if (headline < 0 || !kept.length) return kept;
  const lead = (b: Block) => !b.heading && !b.caption && wordCount(b.text) >= 12 && endsSentence(b.text) && b.linkChars / b.text.length < 0.2 && b.timeShare === 0;
  const out: Block[] = [];
  let from = headline + 1;
  let first = true;
  for (const block of kept) {
    let at = -1;
    for (let i = from; i < page.length && at < 0; i++) if (page[i].text === block.text) at = i;
    if (at >= 0) {
      for (let i = from; i < at; i++) {
        const b = page[i];
        if (captions && pageCaption[i]) out.push({ ...b, caption: true });
        else if (first && !pageCaption[i] && lead(b)) out.push(b);
      }
      from = at + 1;
      first = false;
    }
    out.push(block);
  }
  return out;
}

/** Real pages nest a few dozen levels; broken markup with thousands of unclosed tags nests as deep as it is long. */
export const MAX_TREE_DEPTH = 400;

function treeDepth(root: Element): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_TREE_DEPTH) return max;
    for (const child of el.children) stack.push([child, d + 1]);
  }
  return max;
}

/** Turns a page's HTML into its article's paragraphs and metadata. */
export function extractArticle(html: string, opts: ExtractOptions = {}): WebArticle {
  const mode = opts.mode ?? 'article';
  const doc = parseDocument(html);
  const meta = readMetadata(doc);
  if (mode === 'full') return wholePage(html, meta, []);
  // Readability walks the tree recursively and slows down with depth; a tree far deeper than any
  // page (thousands of unclosed tags) is read block by block instead.
  if (treeDepth(doc.documentElement) > MAX_TREE_DEPTH) return wholePage(html, meta, [`the page's markup is nested more than ${MAX_TREE_DEPTH} levels deep (unclosed tags); imported every block of it`]);
  let before: Block[] = [];
  let beforeCaption: boolean[] = [];
  if (mode === 'article') {
    pruneDocument(doc);
    paragraphsFromBreaks(doc);
    // Readability changes the document; what lay between the headline and the body is read first.
    before = doc.body ? collectBlocks(doc.body) : [];
    beforeCaption = before.map((b) => b.caption || besideImage(b));
  }
  let parsed: ReturnType<Readability<Element>['parse']> = null;
  try {
    parsed = new Readability<Element>(doc, { serializer: (el) => el as Element, keepClasses: true, charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  const content = parsed?.content ?? null;
  const blocks: Block[] = content ? collectBlocks(content) : [];
  if (!blocks.length) return wholePage(html, meta, ['no article found on the page; imported every block of it']);

  const byline = meta.byline ?? normalizeParagraph(parsed?.byline ?? '') ?? null;
  let title = meta.headline ?? (parsed?.title ? stripSiteName(normalizeParagraph(parsed.title), meta.siteName) : null);
  let siteName = meta.siteName;
  if (title && title === meta.documentTitle) {
    // Only <title> named the article: the early block that is one part of it is the headline, the rest the site.
    const shown = blocks.filter((b) => b.linkChars < b.text.length / 2).slice(0, 5).find((b) => siteFromTitle(meta.documentTitle, b.text));
    if (shown) {
      title = shown.text;
      siteName ??= siteFromTitle(meta.documentTitle, title);
    }
  }
  const finalMeta: PageMetadata = {
    ...meta,
    headline: title,
    byline: byline || null,
    siteName: siteName ?? (normalizeParagraph(parsed?.siteName ?? '') || null),
    published: meta.published,
    lang: meta.lang ?? (parsed?.lang ? normalizeParagraph(parsed.lang) : null),
  };

  let paragraphs: string[];
  let judged: WebArticle['judged'];
  if (mode === 'readability') {
    // The baseline is Readability as it comes: its own title and metadata, its content's blocks.
    const own = (v: string | null | undefined) => normalizeParagraph(v ?? '') || null;
    const rTitle = own(parsed?.title);
    const rParagraphs = blocks.filter((b) => opts.captions || !b.caption).map((b) => b.text);
    if (rTitle && !sameText(rParagraphs[0] ?? '', rTitle)) rParagraphs.unshift(rTitle);
    return {
      title: rTitle,
      paragraphs: rParagraphs,
      meta: { ...meta, headline: rTitle, byline: own(parsed?.byline), published: own(parsed?.publishedTime), siteName: own(parsed?.siteName), lang: own(parsed?.lang) },
      extraction: 'article',
      warnings: [],
    };
  } else {
    const result = filterBlocks(withPageContext(before, beforeCaption, blocks, title, Boolean(opts.captions)), { captions: Boolean(opts.captions), byline: finalMeta.byline });
    judged = result.map((j) => ({ text: j.block.text, drop: j.drop }));
    paragraphs = result.filter((j) => !j.drop).map((j) => j.block.text);
  }
  // Nothing but a headline is no article (a front page of links, say): the page is read whole instead.
  if (!paragraphs.some((p) => !title || !sameText(p, title))) return wholePage(html, finalMeta, ['no article text found on the page; imported every block of it']);
  // The headline leads the document, as it leads the page (Readability takes it out as a duplicate of the title).
  if (title) {
    const at = paragraphs.slice(0, 3).findIndex((p) => sameText(p, title));
    if (at > 0) paragraphs.splice(at, 1);
    if (at !== 0) paragraphs.unshift(title);
  }
  return { title, paragraphs, meta: finalMeta, extraction: 'article', warnings: [], judged };
}
