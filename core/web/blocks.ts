import { normalizeParagraph } from '../text/normalize';

/**
 * A paragraph-sized run of text in a DOM, with what the filters need to know
 * about it: no language, only structure.
 */
export interface Block {
  text: string;
  /** Characters of text inside links. */
  linkChars: number;
  /** The block element the text belongs to (p, h2, li, blockquote, td, div, ...). */
  tag: string;
  heading: boolean;
  quote: boolean;
  caption: boolean;
  listItem: boolean;
  /** Holds a <time> element whose text is most of the block: a date line. */
  timeShare: number;
  /** Contains a form control or sits in a container with one (sign-up boxes). */
  nearForm: boolean;
  /** The element that closed the block, for structural checks by the caller. */
  element: Element | null;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'head', 'title', 'select', 'option', 'textarea', 'button']);
const FORM_CONTROL = 'input:not([type=hidden]),textarea,select,button[type=submit]';

interface Pending {
  parts: string[];
  linkChars: number;
  timeChars: number;
}

/** Elements whose caption-ness is structural: a figure's caption, a table's caption. */
function isCaption(el: Element): boolean {
  const tag = el.tagName.toLowerCase();
  return tag === 'figcaption' || tag === 'caption' || el.getAttribute('itemprop') === 'caption';
}

/** Walks an element in document order and cuts its text into blocks, as a browser lays blocks out. */
export function collectBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let pending: Pending = { parts: [], linkChars: 0, timeChars: 0 };
  const ctx = { link: 0, time: 0, quote: 0, caption: 0, listItem: 0, pre: 0 };
  const formContainers = new Set<Element>();
  for (const control of root.querySelectorAll(FORM_CONTROL)) {
    // The sign-up box around a form control: its nearest ancestor with some text of its own.
    let box: Element | null = control.parentElement;
    while (box && box !== root && (box.textContent ?? '').trim().length < 40) box = box.parentElement;
    if (box && box !== root) formContainers.add(box);
  }
  let formDepth = 0;

  const flush = (el: Element | null) => {
    const raw = pending.parts.join('');
    const pieces = ctx.pre ? raw.split('\n') : [raw];
    for (const piece of pieces) {
      const text = normalizeParagraph(piece);
      if (!text) continue;
      const tag = el ? el.tagName.toLowerCase() : 'div';
      blocks.push({
        text,
        linkChars: Math.min(text.length, pending.linkChars),
        tag,
        heading: /^h[1-6]$/.test(tag),
        quote: ctx.quote > 0 || tag === 'blockquote' || tag === 'q',
        caption: ctx.caption > 0,
        listItem: ctx.listItem > 0,
        timeShare: text.length ? Math.min(1, pending.timeChars / text.length) : 0,
        nearForm: formDepth > 0,
        element: el,
      });
    }
    pending = { parts: [], linkChars: 0, timeChars: 0 };
  };

  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      pending.parts.push(ctx.pre ? text : text.replace(/\s+/g, ' '));
      const visible = text.replace(/\s+/g, ' ').trim().length;
      if (ctx.link) pending.linkChars += visible;
      if (ctx.time) pending.timeChars += visible;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      flush(el.parentElement);
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush(el.parentElement ?? el);
    const flags = {
      link: tag === 'a' && el.hasAttribute('href'),
      time: tag === 'time',
      quote: tag === 'blockquote',
      caption: isCaption(el),
      listItem: tag === 'li',
      pre: tag === 'pre',
      form: formContainers.has(el),
    };
    if (flags.link) ctx.link++;
    if (flags.time) ctx.time++;
    if (flags.quote) ctx.quote++;
    if (flags.caption) ctx.caption++;
    if (flags.listItem) ctx.listItem++;
    if (flags.pre) ctx.pre++;
    if (flags.form) formDepth++;
    for (let child = el.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush(el);
    if (flags.link) ctx.link--;
    if (flags.time) ctx.time--;
    if (flags.quote) ctx.quote--;
    if (flags.caption) ctx.caption--;
    if (flags.listItem) ctx.listItem--;
    if (flags.pre) ctx.pre--;
    if (flags.form) formDepth--;
  };
  walk(root);
  flush(root);
  return blocks;
}

/** Characters of a script that writes without spaces count one each; elsewhere words count. */
const DENSE_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]/g;

/** A language-neutral length in "words": space-separated tokens, or two dense-script characters per word. */
export function wordCount(text: string): number {
  const dense = text.match(DENSE_SCRIPT)?.length ?? 0;
  const spaced = text.replace(DENSE_SCRIPT, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return spaced + Math.ceil(dense / 2);
}

/** Ends like a sentence in any script: . ! ? … and their CJK, Arabic, Devanagari and Greek forms, or a closing quote after one. */
export function endsSentence(text: string): boolean {
  return /[.!?…。！？؟।॥;»"”’)\]」』]\s*$/u.test(text);
}
