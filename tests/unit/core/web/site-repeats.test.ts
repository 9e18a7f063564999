import { describe, expect, it } from 'vitest';
import { siteRepeats } from '../../../../core/web/site-repeats';

const FOLLOW = 'Följ oss på sociala medier för de senaste nyheterna från regionen.';
const page = (site: string | null, ...body: string[]) => ({ site, paragraphs: ['Rubrik', ...body] });

describe('paragraphs a site repeats across its pages', () => {
  it('drops them at the start or the end of three pages of one site, not in the middle, not on other sites', () => {
    const drops = siteRepeats([
      page('a.example', 'Första stycket om en sak.', 'Andra stycket.', FOLLOW),
      page('a.example', FOLLOW, 'Ett stycke om något annat.', 'Ännu ett stycke.'),
      page('a.example', 'Text.', FOLLOW, 'Mer text i mitten är kvar.'),
      page('a.example', 'Sista sidan.', FOLLOW),
      page('b.example', 'Annan sajt.', FOLLOW),
    ]);
    expect(drops).toEqual([[3], [1], [], [2], []]);
  });

  it('needs three pages, never takes the headline, and never leaves a page with only its headline', () => {
    expect(siteRepeats([page('a.example', 'x', FOLLOW), page('a.example', 'y', FOLLOW)])).toEqual([[], []]);
    const same = [page('a.example', FOLLOW), page('a.example', FOLLOW), page('a.example', FOLLOW)];
    expect(siteRepeats(same)).toEqual([[], [], []]);
    expect(siteRepeats([page(null, FOLLOW), page(null, FOLLOW), page(null, FOLLOW)])).toEqual([[], [], []]);
  });
});
