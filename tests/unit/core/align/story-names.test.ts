import { describe, expect, it } from 'vitest';
import { readStory } from '../../../../core/align/evidence.js';
import { StoryIndex, type DocInput } from '../../../../core/align/story.js';

/**
 * A story of our own: a (fictional) finance minister in Norwegian and Swedish reports with their
 * English translations, and a German one without. An article introduces her once by her full
 * name, then calls her by her surname.
 */
function budgetStory(): DocInput[] {
  const doc = (lang: string, paragraphs: Array<[string, string | null]>): DocInput => ({
    lang,
    paragraphs: paragraphs.map(([text, pivot]) => ({ text, pivot })),
  });
  return [
    doc('nb', [
      ['Finansminister Anna-Lena Kowalczyk vil kutte veibyggingen med 12 prosent, sa hun torsdag.', 'Finance Minister Anna-Lena Kowalczyk wants to cut road building by 12 percent, she said on Thursday.'],
      ['Opposisjonen kritiserte Kowalczyk for å ha glemt distriktene.', 'The opposition criticised Kowalczyk for forgetting the rural districts.'],
      ['Været i helgen blir kaldt og vindfullt.', 'The weather this weekend will be cold and windy.'],
    ]),
    doc('sv', [
      ['I våras besökte finansminister Anna-Lena Kowalczyk en skola i Malmö.', 'Last spring Finance Minister Anna-Lena Kowalczyk visited a school in Malmö.'],
      ['Kowalczyk vill nu spara på vägarna.', 'Kowalczyk now wants to save money on roads.'],
      ['Kowalczyk möter fackförbunden på måndag.', 'Kowalczyk meets the trade unions on Monday.'],
      ['Hockeylaget förlorade igen.', 'The hockey team lost again.'],
    ]),
    doc('de', [
      ['Kowalczyk war früher Bürgermeisterin von Gdańsk.', null],
      ['Die Gewerkschaften kritisierten Kowalczyk scharf.', null],
    ]),
  ];
}

describe('names of several words', () => {
  it('counts a run of names about once: its last word fully, the words leading it half', () => {
    const docs = budgetStory();
    const { vocab, paragraphs } = readStory(docs);
    const weightOf = (doc: number, p: number, label: string) => {
      const read = paragraphs[doc][p];
      const occ = read.occurrences.find((o) => o.in === 'original' && docs[doc].paragraphs[p].text.slice(o.start, o.end) === label)!;
      expect(vocab.info[occ.key].kind).toBe('name');
      return read.bag.get(occ.key);
    };
    // "Anna-Lena Kowalczyk": given names lead, the surname names her.
    expect(weightOf(0, 0, 'Anna')).toBe(0.5);
    expect(weightOf(0, 0, 'Lena')).toBe(0.5);
    expect(weightOf(0, 0, 'Kowalczyk')).toBe(1);
    // A name alone, and a name before a word that is not one, count fully.
    expect(weightOf(1, 1, 'Kowalczyk')).toBe(1);
    expect(weightOf(2, 0, 'Kowalczyk')).toBe(1);
    expect(weightOf(2, 0, 'Gdańsk')).toBe(1);
  });

  it('suggests the paragraph that reports the fact before the one that only spells out the same full name', () => {
    const index = new StoryIndex(budgetStory());
    const hits = index.suggest([{ doc: 0, paragraph: 0 }], { k: 5 }).filter((h) => h.doc === 1);
    expect(hits.map((h) => h.paragraph).slice(0, 2)).toEqual([1, 0]);
    // The same holds for the link between the two articles.
    const pair = index.links({ all: true }).pairs.find((p) => p.docA === 0 && p.docB === 1)!;
    const conf = (a: number, b: number) => pair.links.find((l) => l.a === a && l.b === b)?.confidence ?? 0;
    expect(conf(0, 1)).toBeGreaterThan(conf(0, 0));
  });

  it('reads a title before a name as a word of the language when the story also writes it in lower case', () => {
    const docs: DocInput[] = [
      { lang: 'nb', paragraphs: [{ text: 'Mandag besøkte utenriksminister Kowalczyk havna i Gdańsk.', pivot: 'On Monday, Foreign Minister Kowalczyk visited the port of Gdańsk.' }] },
      {
        lang: 'nl',
        paragraphs: [
          { text: 'De minister van Buitenlandse Zaken sprak met vissers.', pivot: 'The foreign minister spoke with fishermen.' },
          { text: 'Daarna opende burgemeester Anna Nowak de haven.', pivot: 'Then Mayor Anna Nowak opened the port.' },
        ],
      },
    ];
    const { vocab, paragraphs } = readStory(docs);
    const feature = (doc: number, p: number, word: string) => {
      const read = paragraphs[doc][p];
      const occ = read.occurrences.find((o) => o.in === 'pivot' && docs[doc].paragraphs[p].pivot!.slice(o.start, o.end) === word)!;
      return { key: occ.key, kind: vocab.info[occ.key].kind, weight: read.bag.get(occ.key) };
    };
    // "Foreign Minister Kowalczyk" and "the foreign minister" share two words; the title still
    // counts half, as every word leading a name does, and the surname still names her.
    expect(feature(0, 0, 'Minister')).toMatchObject({ kind: 'term', weight: 0.5, key: feature(1, 0, 'minister').key });
    expect(feature(0, 0, 'Foreign')).toMatchObject({ kind: 'term', weight: 0.5, key: feature(1, 0, 'foreign').key });
    expect(feature(0, 0, 'Kowalczyk')).toMatchObject({ kind: 'name', weight: 1 });
    // A title never written in lower case, and a given name, stay leads of the name.
    expect(feature(1, 1, 'Mayor')).toMatchObject({ kind: 'name', weight: 0.5 });
    expect(feature(1, 1, 'Anna')).toMatchObject({ kind: 'name', weight: 0.5 });
    const shared = new StoryIndex(docs).explain(0, 0, 1, 0)!.evidence.map((e) => e.label);
    expect(shared).toEqual(expect.arrayContaining(['minister', 'foreign']));
  });
});
