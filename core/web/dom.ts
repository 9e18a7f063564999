import { parseHTML } from 'linkedom';

/**
 * The one place that builds a DOM in Node (linkedom: a light DOM on
 * htmlparser2, several times faster than jsdom and half its memory).
 */

const HEAD_ONLY = /^(?:title|meta|link|style|script|base|noscript|template)$/i;

/**
 * linkedom does not infer the <html>, <head> and <body> elements that HTML
 * lets a page leave out, and loses the content of a page without them; put
 * them where a browser would.
 */
export function withDocumentShell(html: string): string {
  if (/<html[\s>]/i.test(html) && /<head[\s>]/i.test(html) && /<body[\s>]/i.test(html)) return html;
  let rest = html.replace(/^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype[^>]*>)?/i, '');
  const htmlTag = /<html\b[^>]*>/i.exec(rest);
  const htmlOpen = htmlTag ? htmlTag[0] : '<html>';
  rest = rest.replace(/<html\b[^>]*>/i, '').replace(/<\/html\s*>/gi, '');
  let head = '';
  let body: string;
  let bodyOpen = '<body>';
  const headMatch = /<head\b[^>]*>([\s\S]*?)<\/head\s*>/i.exec(rest);
  if (headMatch) {
    head = headMatch[1];
    rest = rest.slice(0, headMatch.index) + rest.slice(headMatch.index + headMatch[0].length);
  }
  const bodyTag = /<body\b[^>]*>/i.exec(rest);
  if (bodyTag) {
    head += rest.slice(0, bodyTag.index);
    bodyOpen = bodyTag[0];
    body = rest.slice(bodyTag.index + bodyTag[0].length).replace(/<\/body\s*>/gi, '');
  } else {
    const cut = firstBodyContent(rest);
    head += rest.slice(0, cut);
    body = rest.slice(cut);
  }
  return `<!DOCTYPE html>${htmlOpen}<head>${head}</head>${bodyOpen}${body}</body></html>`;
}

/** Where the body starts: at the first tag that cannot sit in a head, or at the first text. */
function firstBodyContent(html: string): number {
  const tagRe = /<!--[\s\S]*?-->|<![^>]*>|<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|[^<\s]/g;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    if (m[0].startsWith('<!')) continue;
    const tag = m[1];
    if (tag === undefined || !(/^head$/i.test(tag) || HEAD_ONLY.test(tag))) return m.index;
    // The contents of raw-text head elements are not body text.
    if (/^(?:title|style|script|noscript|template)$/i.test(tag) && !m[0].startsWith('</')) {
      const close = new RegExp(`</${tag}\\s*>`, 'ig');
      close.lastIndex = tagRe.lastIndex;
      if (close.exec(html)) tagRe.lastIndex = close.lastIndex;
    }
  }
  return html.length;
}

export function parseDocument(html: string): Document {
  const doc = parseHTML(withDocumentShell(html)).document as unknown as Document;
  // HTML attribute names are case-insensitive, but linkedom keeps them as written (<META NAME=...>).
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const lower = attr.name.toLowerCase();
      if (lower !== attr.name) {
        el.removeAttribute(attr.name);
        if (!el.hasAttribute(lower)) el.setAttribute(lower, attr.value);
      }
    }
  }
  return doc;
}
