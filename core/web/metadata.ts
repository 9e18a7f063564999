import { normalizeParagraph } from '../text/normalize';

/** What a page says about itself, read from its markup before anything is removed. */
export interface PageMetadata {
  headline: string | null;
  byline: string | null;
  /** ISO 8601 (a date, or a date and time with its offset) as the page gives it. */
  published: string | null;
  siteName: string | null;
  /** The language the page declares (BCP 47), not the one its text is in. */
  lang: string | null;
  canonicalUrl: string | null;
  /** The <title> text, site name and all. */
  documentTitle: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = normalizeParagraph(value);
  return v || null;
}

function metaContent(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const lower = name.toLowerCase();
    for (const el of doc.querySelectorAll('meta')) {
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
      if (key === lower) {
        const v = clean(el.getAttribute('content'));
        if (v) return v;
      }
    }
  }
  return null;
}

/** Every JSON-LD object on the page, @graph and arrays flattened. */
function jsonLdObjects(doc: Document): Array<Record<string, Json>> {
  const out: Array<Record<string, Json>> = [];
  const visit = (v: Json | undefined) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v);
      if (v['@graph']) visit(v['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    try {
      visit(JSON.parse(text) as Json);
    } catch {
      // A malformed block is common and says nothing; the other sources remain.
    }
  }
  return out;
}

function typesOf(o: Record<string, Json>): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report|LiveBlogPosting|SocialMediaPosting)$/;

function names(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === 'object') return typeof v.name === 'string' ? [v.name] : [];
  return [];
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function joinNames(list: string[]): string | null {
  const unique = [...new Set(list.map((n) => clean(n)).filter((n): n is string => !!n && !isUrl(n)))];
  return unique.length ? unique.join(', ') : null;
}

/** A date the page gives in machine-readable form, kept as ISO 8601; null when it is not one. */
export function isoDate(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return v.replace(' ', 'T');
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  // RFC 2822 and similar, as some CMSs write them.
  if (/^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return null;
}

/** The text of the first <time datetime> that dates the article rather than a comment or a teaser. */
function timeElementDate(doc: Document): string | null {
  const scope = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
  if (!scope) return null;
  const times = [...scope.querySelectorAll('time[datetime]')];
  const marked = times.find((t) => t.hasAttribute('pubdate') || /publish/i.test(`${t.getAttribute('class') ?? ''} ${t.getAttribute('itemprop') ?? ''}`));
  for (const t of marked ? [marked, ...times] : times) {
    const iso = isoDate(t.getAttribute('datetime'));
    if (iso) return iso;
  }
  return null;
}

function itempropValue(doc: Document, prop: string): string | null {
  for (const el of doc.querySelectorAll(`[itemprop="${prop}"]`)) {
    if (el.tagName.toLowerCase() === 'meta') continue;
    const nested = el.querySelector('[itemprop="name"]');
    const v = clean(el.getAttribute('content') ?? el.getAttribute('datetime') ?? (nested ?? el).textContent);
    if (v) return v;
  }
  return null;
}

function normalizeLang(value: string | null): string | null {
  const v = value?.trim().replace(/_/g, '-');
  if (!v || !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(v)) return null;
  const [base, ...rest] = v.split('-');
  return [base.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}

/** Separators sites put between a headline, its section and the site's name in <title>. */
const TITLE_SEPARATOR = /\s+[|–—\-·•»:/\\]\s+|\s*[|_]\s*/;

/** The site's name from a <title> that is the headline with other parts around it: the part furthest from the headline. */
export function siteFromTitle(documentTitle: string | null, headline: string | null): string | null {
  if (!documentTitle || !headline || documentTitle === headline) return null;
  const parts = documentTitle.split(TITLE_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  const at = parts.findIndex((p) => norm(p) === norm(headline));
  if (at === 0) return parts[parts.length - 1];
  if (at === parts.length - 1) return parts[0];
  return null;
}

/** The headline without the site name a CMS appended to it. */
export function stripSiteName(title: string, site: string | null): string {
  if (!site) return title;
  const parts = title.split(TITLE_SEPARATOR).map((p) => p.trim());
  if (parts.length < 2) return title;
  const norm = (s: string) => s.toLowerCase();
  if (norm(parts[parts.length - 1]) === norm(site)) return title.slice(0, title.toLowerCase().lastIndexOf(norm(site))).replace(/[\s|–—\-·•»:/\\_]+$/, '') || title;
  if (norm(parts[0]) === norm(site)) return title.slice(site.length).replace(/^[\s|–—\-·•»:/\\_]+/, '') || title;
  return title;
}

function firstHeadline(doc: Document): string | null {
  const scope = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
  const h1 = scope?.querySelector('h1') ?? doc.querySelector('h1');
  return clean(h1?.textContent);
}

export function readMetadata(doc: Document): PageMetadata {
  const ld = jsonLdObjects(doc);
  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t))) ?? null;
  const documentTitle = clean(doc.querySelector('title')?.textContent);
  const ldPublisher = article ? names(article.publisher)[0] : undefined;
  const ldSite = ld.find((o) => typesOf(o).includes('WebSite') && typeof o.name === 'string')?.name as string | undefined;

  const h1 = firstHeadline(doc);
  let headline =
    clean(typeof article?.headline === 'string' ? article.headline : null) ??
    metaContent(doc, 'og:title', 'twitter:title', 'dc.title') ??
    clean(itempropValue(doc, 'headline')) ??
    h1;
  let siteName = metaContent(doc, 'og:site_name', 'application-name', 'apple-mobile-web-app-title') ?? clean(ldPublisher) ?? clean(ldSite) ?? null;
  if (headline) headline = stripSiteName(headline, siteName);
  // A visible headline that the <title> contains is the one readers saw.
  if (h1 && headline && h1 !== headline && documentTitle?.includes(h1) && !documentTitle.includes(headline)) headline = h1;
  if (!headline && documentTitle) headline = documentTitle;
  siteName ??= siteFromTitle(documentTitle, headline);

  const byline =
    joinNames(article ? names(article.author) : []) ??
    joinNames([metaContent(doc, 'author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author') ?? '']) ??
    clean(itempropValue(doc, 'author')) ??
    clean(doc.querySelector('[rel~="author"]')?.textContent);

  const published =
    isoDate(typeof article?.datePublished === 'string' ? article.datePublished : null) ??
    isoDate(metaContent(doc, 'article:published_time', 'og:article:published_time', 'datePublished', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'dc.date', 'date', 'pubdate', 'publishdate', 'publish-date', 'publication_date', 'sailthru.date', 'parsely-pub-date')) ??
    isoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    timeElementDate(doc);

  const lang =
    normalizeLang(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? null) ??
    normalizeLang(metaContent(doc, 'content-language') ?? doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ?? null) ??
    normalizeLang(typeof article?.inLanguage === 'string' ? article.inLanguage : null) ??
    normalizeLang(metaContent(doc, 'og:locale'));

  const canonicalUrl = clean(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ?? metaContent(doc, 'og:url');

  return { headline, byline, published, siteName, lang, canonicalUrl: canonicalUrl && isUrl(canonicalUrl) ? canonicalUrl : null, documentTitle };
}
