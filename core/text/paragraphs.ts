import { normalizeLineEnds, normalizeParagraph } from './normalize';

export type ParagraphMode = 'auto' | 'blank-line' | 'line';
export type SourceFormat = 'text' | 'markdown' | 'html';

export interface ExtractedText {
  title: string | null;
  paragraphs: string[];
}

/** A wrapped line is one the next word would not have fitted on. */
function firstWordLength(line: string): number {
  const m = /^\S+/.exec(line.trimStart());
  return m ? m[0].length : 0;
}

const LIST_OR_HEADING = /^\s*(?:[-*•–]\s|\d{1,3}[.)]\s|#{1,6}\s|>)/;

/**
 * Finds the width text was hard-wrapped at: a cluster of lines ending within a
 * few columns of the same maximum, between 50 and 100 columns. Null when the
 * text is not hard-wrapped (one paragraph per line, or free-length lines).
 */
export function detectWrapWidth(lines: string[]): number | null {
  const lengths = lines.map((l) => l.trimEnd().length).filter((n) => n > 0);
  if (lengths.length < 4) return null;
  const candidates = lengths.filter((n) => n <= 100);
  if (candidates.length < lengths.length * 0.8) return null;
  const sorted = [...candidates].sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.98)] ?? sorted[sorted.length - 1];
  if (width < 50 || width > 100) return null;
  const nearWidth = candidates.filter((n) => n >= width - 12).length;
  if (nearWidth < Math.max(3, lengths.length * 0.3)) return null;
  // Wrapped prose breaks mid-sentence; lines that mostly end a sentence are paragraphs of their own.
  const full = lines.map((l) => l.trimEnd()).filter((l) => l.length >= width - 12);
  const ending = full.filter((l) => /[.!?…:;»"”)]$/.test(l)).length;
  return ending / full.length > 0.5 ? null : width;
}

function joinWrapped(lines: string[], width: number | null): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(current.join(' '));
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) {
      flush();
      continue;
    }
    if (current.length && LIST_OR_HEADING.test(line)) flush();
    current.push(line);
    const next = lines[i + 1]?.trim();
    const wrapped =
      width !== null &&
      next !== undefined &&
      next !== '' &&
      !LIST_OR_HEADING.test(next) &&
      line.length >= width * 0.6 &&
      line.length + 1 + firstWordLength(next) > width - 2;
    if (!wrapped) flush();
  }
  flush();
  return out;
}

export function splitPlainText(raw: string, mode: ParagraphMode = 'auto'): string[] {
  const text = normalizeLineEnds(raw);
  const lines = text.split('\n');
  let paragraphs: string[];
  if (mode === 'line') {
    paragraphs = lines;
  } else if (mode === 'blank-line') {
    paragraphs = text.split(/\n[ \t]*\n/).map((block) => block.split('\n').map((l) => l.trim()).join(' '));
  } else {
    paragraphs = joinWrapped(lines, detectWrapWidth(lines));
  }
  return paragraphs.map(normalizeParagraph).filter((p) => p.length > 0);
}

function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[\s(])([*_])(?=\S)(.+?)(?<=\S)\2(?=[\s).,;:!?]|$)/g, '$1$3');
}

export function splitMarkdown(raw: string, mode: ParagraphMode = 'auto'): ExtractedText {
  const lines = normalizeLineEnds(raw).split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let title: string | null = null;
  let inFence = false;
  const flush = () => {
    if (current.length) blocks.push(current.join(' '));
    current = [];
  };
  for (const rawLine of lines) {
    if (/^\s*(```|~~~)/.test(rawLine)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      blocks.push(rawLine);
      continue;
    }
    const line = rawLine.trim();
    if (!line || /^([-*_])(\s*\1){2,}$/.test(line) || /^=+$|^-+$/.test(line)) {
      flush();
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      const text = stripInlineMarkdown(heading[1]);
      if (title === null) title = normalizeParagraph(text);
      blocks.push(text);
      continue;
    }
    const item = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (item || mode === 'line') {
      flush();
      current.push(stripInlineMarkdown(item ? item[1] : line));
      if (mode === 'line') flush();
      continue;
    }
    current.push(stripInlineMarkdown(quote ? quote[1] : line));
  }
  flush();
  return { title, paragraphs: blocks.map(normalizeParagraph).filter((p) => p.length > 0) };
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'title', 'summary', 'details',
]);
const DROPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', shy: '\u00ad', copy: '©', reg: '®',
  euro: '€', deg: '°', middot: '·', bull: '•', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', aring: 'å',
  Aring: 'Å', auml: 'ä', Auml: 'Ä', ouml: 'ö', Ouml: 'Ö', uuml: 'ü', Uuml: 'Ü', szlig: 'ß', eacute: 'é',
  Eacute: 'É', egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê', iuml: 'ï', euml: 'ë', oacute: 'ó', aacute: 'á',
  iacute: 'í', uacute: 'ú', ntilde: 'ñ', times: '×', sect: '§', thinsp: '\u2009', zwj: '\u200d', zwnj: '\u200c',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * Paragraphs from HTML block elements. A forgiving scan rather than a DOM:
 * scraped pages are rarely well formed, and only the text of blocks matters.
 */
export function splitHtml(raw: string): ExtractedText {
  const blocks: string[] = [];
  let current = '';
  let title: string | null = null;
  let inTitle = false;
  let titleText = '';
  let dropDepth = 0;
  let dropTag = '';
  let pre = 0;
  const flush = () => {
    if (current.trim()) blocks.push(current);
    current = '';
  };
  const tagRe = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  for (let m = tagRe.exec(raw); m; m = tagRe.exec(raw)) {
    const between = raw.slice(last, m.index);
    last = tagRe.lastIndex;
    if (dropDepth === 0) {
      if (inTitle) titleText += between;
      else current += pre ? between.replace(/\n/g, '\u0000') : between;
    }
    if (m[2] === undefined) continue;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const selfClosing = /\/\s*$/.test(m[3] ?? '');
    if (dropDepth > 0) {
      if (tag === dropTag) dropDepth += closing ? -1 : selfClosing ? 0 : 1;
      continue;
    }
    if (tag === 'title') {
      if (!closing) inTitle = true;
      else {
        inTitle = false;
        const t = normalizeParagraph(decodeHtmlEntities(titleText));
        if (t && title === null) title = t;
      }
      continue;
    }
    if (DROPPED_TAGS.has(tag) && !closing && !selfClosing) {
      dropDepth = 1;
      dropTag = tag;
      continue;
    }
    if (tag === 'pre') pre += closing ? -1 : 1;
    if (BLOCK_TAGS.has(tag)) flush();
  }
  if (dropDepth === 0) current += raw.slice(last);
  flush();
  const paragraphs: string[] = [];
  for (const block of blocks) {
    for (const piece of block.split('\u0000')) {
      const p = normalizeParagraph(decodeHtmlEntities(piece));
      if (p) paragraphs.push(p);
    }
  }
  if (title === null) {
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(raw);
    if (h1) title = normalizeParagraph(decodeHtmlEntities(h1[1].replace(/<[^>]*>/g, ''))) || null;
  }
  return { title, paragraphs };
}

export function formatFromName(name: string): SourceFormat | null {
  const lower = name.toLowerCase();
  if (/\.(txt|text)$/.test(lower)) return 'text';
  if (/\.(md|markdown|mdown)$/.test(lower)) return 'markdown';
  if (/\.(html?|xhtml)$/.test(lower)) return 'html';
  return null;
}

/** Content sniffing for files whose name says nothing. */
export function sniffFormat(text: string): SourceFormat {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(p|div|body|article)[\s>]/.test(head)) return 'html';
  return 'text';
}

export function extractParagraphs(text: string, format: SourceFormat, mode: ParagraphMode = 'auto'): ExtractedText {
  if (format === 'html') return splitHtml(text);
  if (format === 'markdown') return splitMarkdown(text, mode);
  return { title: null, paragraphs: splitPlainText(text, mode) };
}
