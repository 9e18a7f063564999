/**
 * Structural clean-up before Readability looks for the article: parts of a
 * page that say what they are in their markup (ARIA roles, <nav>, dialogs,
 * hidden elements, sign-up forms, feeds of dated items such as comments).
 * Nothing here reads the page's words, so it works in any language.
 */

const REMOVE_SELECTOR = [
  'nav', 'dialog', 'template', 'noscript',
  '[role="navigation"]', '[role="dialog"]', '[role="alertdialog"]', '[role="search"]', '[role="menu"]', '[role="menubar"]',
  '[role="contentinfo"]', '[role="complementary"]', '[aria-modal="true"]', '[hidden]', '[aria-hidden="true"]',
].join(',');

const FORM_CONTROL = 'input:not([type=hidden]),textarea,select';

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function safeToRemove(el: Element, bodyText: number): boolean {
  // Never the element that holds the page: an ASP.NET page wraps everything in one <form>.
  return textLength(el) < bodyText * 0.5 && !el.querySelector('h1');
}

/** A short element whose whole text is a date or a time, as comment and news feeds show them. */
const DATE_OR_TIME = /(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[:.]\d{2}\b)/;

function isDated(el: Element): boolean {
  if (el.querySelector('time')) return true;
  for (const d of el.querySelectorAll('*')) {
    const t = (d.textContent ?? '').trim();
    if (t.length > 0 && t.length <= 40 && d.children.length === 0 && DATE_OR_TIME.test(t)) return true;
  }
  return false;
}

function signature(el: Element): string {
  return `${el.tagName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/).sort().join('.')}`;
}

/**
 * A feed: three or more siblings of one kind that are each dated (comments,
 * "latest news") or each mostly a link (teaser lists). Article paragraphs are
 * neither.
 */
function isFeed(container: Element): boolean {
  const groups = new Map<string, Element[]>();
  for (const child of container.children) {
    const key = signature(child);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(child);
  }
  for (const items of groups.values()) {
    if (items.length < 3) continue;
    const tag = items[0].tagName.toLowerCase();
    if (tag === 'p' || /^h[1-6]$/.test(tag)) continue;
    if (items.every(isDated)) return true;
    if (items.every((it) => linkShare(it) > 0.6)) return true;
  }
  return false;
}

function linkShare(el: Element): number {
  const total = textLength(el);
  if (!total) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a[href]')) linked += textLength(a);
  return linked / total;
}

export function pruneDocument(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  const bodyText = textLength(body);
  for (const el of [...body.querySelectorAll(REMOVE_SELECTOR)]) {
    if (el.isConnected !== false && safeToRemove(el, bodyText)) el.remove();
  }
  // Sign-up and comment boxes: the nearest container with text of its own around a form control.
  for (const control of [...body.querySelectorAll(FORM_CONTROL)]) {
    let box: Element | null = control.parentElement;
    while (box && box !== body && textLength(box) < 40) box = box.parentElement;
    if (box && box !== body && textLength(box) < 600 && safeToRemove(box, bodyText)) box.remove();
  }
  for (const el of [...body.querySelectorAll('*')]) {
    if (el.children.length >= 3 && isFeed(el) && safeToRemove(el, bodyText)) el.remove();
  }
}

const PHRASING = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'img', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);

const BLOCK_INSIDE = 'p,div,table,ul,ol,dl,h1,h2,h3,h4,h5,h6,blockquote,section,article,figure,pre';

function isBr(n: Node | null): boolean {
  return !!n && n.nodeType === 1 && (n as Element).tagName.toLowerCase() === 'br';
}

function isBlank(n: Node): boolean {
  return n.nodeType === 3 && !(n.nodeValue ?? '').trim();
}

/**
 * Old layouts separate paragraphs with <br><br> inside one element, often
 * across inline wrappers (<font>, <span>). Each run of inline content
 * between such breaks becomes a <p> of its own, so that no two paragraphs,
 * or a byline and a paragraph, are read as one.
 */
export function paragraphsFromBreaks(doc: Document): void {
  const parents = new Set<Element>();
  for (const br of doc.querySelectorAll('br')) {
    let next = br.nextSibling;
    while (next && isBlank(next)) next = next.nextSibling;
    if (isBr(next) && br.parentElement) parents.add(br.parentElement);
  }
  // Innermost first, so that an outer run holding the paragraphs just made is left as it is.
  for (const parent of [...parents].reverse()) {
    const runs: Node[][] = [[]];
    const children = [...parent.childNodes];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (isBr(c)) {
        let k = i + 1;
        while (k < children.length && isBlank(children[k])) k++;
        if (isBr(children[k])) {
          // A chain of two or more breaks ends the run.
          while (k < children.length && (isBr(children[k]) || isBlank(children[k]))) k++;
          runs.push([]);
          i = k - 1;
          continue;
        }
      }
      runs[runs.length - 1].push(c);
    }
    if (runs.length < 2) continue;
    const inlineOnly = (run: Node[]) => run.every((n) => n.nodeType !== 1 || ((PHRASING.has((n as Element).tagName.toLowerCase()) || isBr(n)) && !(n as Element).querySelector(BLOCK_INSIDE)));
    for (const c of children) if (isBr(c) && c.parentNode === parent && runs.every((r) => !r.includes(c))) c.remove();
    for (const run of runs) {
      if (!run.length || !inlineOnly(run) || run.every(isBlank)) continue;
      const p = doc.createElement('p');
      parent.insertBefore(p, run[0]);
      for (const n of run) p.appendChild(n);
    }
  }
}
