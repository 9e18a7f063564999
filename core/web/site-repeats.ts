import { wordCount } from './blocks';

/**
 * Boilerplate that a site repeats inside every article ("Tips us on …",
 * "Follow us on …") looks like prose to a per-page filter. Across several
 * pages of one site it shows: the same short paragraph at the start or the end
 * of the body of three or more pages. Only such edge runs are dropped, so a
 * background paragraph that two updates of one story share is kept.
 */
export const MIN_PAGES = 3;
export const MAX_WORDS = 40;

export interface SitePage {
  /** The site: a host name, or the site's name when there is no address. */
  site: string | null;
  /** Paragraph 0 is the headline and is never dropped. */
  paragraphs: string[];
}

/** For each page, the indexes of its paragraphs that are the site's repeated boilerplate. */
export function siteRepeats(pages: SitePage[]): number[][] {
  const bySite = new Map<string, number[]>();
  pages.forEach((p, i) => {
    if (!p.site) return;
    if (!bySite.has(p.site)) bySite.set(p.site, []);
    bySite.get(p.site)!.push(i);
  });
  const drops: number[][] = pages.map(() => []);
  for (const members of bySite.values()) {
    if (members.length < MIN_PAGES) continue;
    const seenIn = new Map<string, Set<number>>();
    for (const i of members) {
      for (const text of new Set(pages[i].paragraphs.slice(1))) {
        if (wordCount(text) > MAX_WORDS) continue;
        if (!seenIn.has(text)) seenIn.set(text, new Set());
        seenIn.get(text)!.add(i);
      }
    }
    const repeated = (t: string) => (seenIn.get(t)?.size ?? 0) >= MIN_PAGES;
    for (const i of members) {
      const paras = pages[i].paragraphs;
      const drop = new Set<number>();
      for (let k = paras.length - 1; k >= 1 && repeated(paras[k]); k--) drop.add(k);
      for (let k = 1; k < paras.length && repeated(paras[k]); k++) drop.add(k);
      // A page that would be left with nothing but its headline keeps what it has.
      if (drop.size < paras.length - 1) drops[i] = [...drop].sort((a, b) => a - b);
    }
  }
  return drops;
}
