import { describe, expect, it } from 'vitest';
import { StoryIndex, linkStory, unitTexts } from '../../../../core/align/story.js';
import { readStory } from '../../../../core/align/evidence.js';
import { fitLogistic, predictLogit, sigmoid } from '../../../../core/align/logistic.js';
import { STORY_MODEL } from '../../../../core/align/story-model.js';
import { BRIDGE, bridgeDocs } from './story-fixtures';

const NO = 0;
const SV = 1;
const DE = 2;
const EN = 3;

function pairOf(result: ReturnType<typeof linkStory>, x: number, y: number) {
  return result.pairs.find((p) => p.docA === x && p.docB === y)!;
}
const has = (pair: { links: Array<{ a: number; b: number; selected: boolean }> }, a: number, b: number) => pair.links.some((l) => l.selected && l.a === a && l.b === b);

describe('story linking', () => {
  const docs = bridgeDocs();
  const index = new StoryIndex(docs);
  const result = index.links();

  it('links the paragraphs that report the same fact, across four languages', () => {
    // The mayor's 1,200 residents cut off: in every article.
    expect(has(pairOf(result, NO, SV), 1, 1)).toBe(true);
    expect(has(pairOf(result, NO, EN), 1, 1)).toBe(true);
    expect(has(pairOf(result, SV, EN), 1, 1)).toBe(true);
    // The new bridge within two years.
    expect(has(pairOf(result, SV, EN), 2, 2)).toBe(true);
    // Sports and the stock exchange stay unlinked.
    for (const p of result.pairs) {
      for (const l of p.links) {
        expect(p.docA === NO && l.a === 3).toBe(false);
        expect(p.docB === DE && l.b === 2).toBe(false);
      }
    }
  });

  it('links an article without a translation through names, numbers and dates', () => {
    const de = pairOf(result, SV, DE);
    expect(has(de, 0, 0)).toBe(true);
    const link = de.links.find((l) => l.a === 0 && l.b === 0)!;
    expect(link.evidence.every((e) => e.kind !== 'term')).toBe(true);
    const labels = link.evidence.map((e) => e.label);
    expect(labels).toContain('Kvernvik');
    expect(labels).toContain('14 March');
  });

  it('explains a link with offsets into both originals and both translations', () => {
    const link = pairOf(result, NO, SV).links.find((l) => l.a === 1 && l.b === 1)!;
    const name = link.evidence.find((e) => e.kind === 'name' && /Solbakken/.test(e.label))!;
    const [no, sv] = [BRIDGE[NO].paragraphs[1], BRIDGE[SV].paragraphs[1]];
    for (const [s, e] of name.a.original) expect(no[0].slice(s, e)).toBe('Solbakken');
    for (const [s, e] of name.b.pivot) expect(sv[1]!.slice(s, e)).toBe('Solbakken');
    const number = link.evidence.find((e) => e.kind === 'number')!;
    expect(number.label).toBe('1200');
    expect(number.a.original.map(([s, e]) => no[0].slice(s, e))).toEqual(['1.200']);
    expect(number.b.original.map(([s, e]) => sv[0].slice(s, e))).toEqual(['1 200']);
    expect(number.b.pivot.map(([s, e]) => sv[1]!.slice(s, e))).toEqual(['1,200']);
    // The best sentence of the Norwegian paragraph is its first, in the original and the translation.
    expect(no[0].slice(...link.sentenceA.original)).toBe('Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert.');
    expect(no[1]!.slice(...link.sentenceA.pivot!)).toBe('Mayor Ingrid Solbakken says that 1,200 residents are cut off.');
  });

  it('gives confidences that order the links and stay in [0, 1]', () => {
    const all = index.links({ all: true }).pairs.flatMap((p) => p.links);
    for (const l of all) expect(l.confidence).toBeGreaterThanOrEqual(0), expect(l.confidence).toBeLessThanOrEqual(1);
    const selected = all.filter((l) => l.selected).map((l) => l.confidence);
    const rest = all.filter((l) => !l.selected && l.rankAB > 2 && l.rankBA > 2).map((l) => l.confidence);
    if (rest.length) expect(Math.min(...selected)).toBeGreaterThanOrEqual(Math.min(...rest));
  });

  it('shows more or fewer candidates by minimum confidence and top-k', () => {
    const count = (r: ReturnType<typeof linkStory>) => r.pairs.reduce((n, p) => n + p.links.filter((l) => l.selected).length, 0);
    const fewer = index.links({ minConfidence: 0.9, perParagraph: 1 });
    const more = index.links({ minConfidence: 0.01, perParagraph: 5 });
    expect(count(fewer)).toBeLessThan(count(result));
    expect(count(more)).toBeGreaterThan(count(result));
    for (const p of fewer.pairs) {
      const perA = new Map<number, number>();
      for (const l of p.links.filter((x) => x.selected)) perA.set(l.a, (perA.get(l.a) ?? 0) + 1);
      // Top-1 per paragraph, except a pair's own best link.
      for (const n of perA.values()) expect(n).toBeLessThanOrEqual(2);
    }
  });

  it('counts the rest of the story as evidence: a path through a third article', () => {
    const c = index.candidates.find((x) => x.docA === NO && x.a === 1 && x.docB === SV && x.b === 1)!;
    expect(c.x2[2]).toBeGreaterThan(0);
    const lone = new StoryIndex([docs[NO], docs[SV]]).candidates.find((x) => x.a === 1 && x.b === 1)!;
    expect(lone.x2[2]).toBe(0);
    expect(c.p).toBeGreaterThan(lone.p);
  });

  it('groups linked paragraphs across articles into clusters: candidate facts', () => {
    const mayor = result.clusters.find((c) => c.members.some((m) => m.doc === NO && m.paragraph === 1))!;
    expect(mayor.members).toEqual(expect.arrayContaining([{ doc: NO, paragraph: 1 }, { doc: SV, paragraph: 1 }, { doc: EN, paragraph: 1 }]));
    expect(mayor.label).toMatch(/Solbakken|1200/);
  });

  it('breaks ties between stored confidences (rounded) by the engine\'s own score when it groups paragraphs', () => {
    const both = index.candidates.filter((c) => c.docA === NO && c.docB === EN && c.b === 1 && (c.a === 0 || c.a === 1));
    expect(both).toHaveLength(2);
    const [strong, weak] = [...both].sort((x, y) => y.p - x.p);
    expect(strong.p).toBeGreaterThan(weak.p);
    for (const order of [[weak, strong], [strong, weak]]) {
      const groups = index.clusters(order.map((c) => [c.docA, c.a, c.docB, c.b, 1] as const));
      const withEn = groups.find((g) => g.members.some((m) => m.doc === EN && m.paragraph === 1))!;
      expect(withEn.members).toContainEqual({ doc: NO, paragraph: strong.a });
      expect(withEn.members).not.toContainEqual({ doc: NO, paragraph: weak.a });
    }
  });

  it('builds in steps that report progress and end where the constructor does', () => {
    const steps: number[] = [];
    const gen = StoryIndex.build(docs);
    let r = gen.next();
    while (!r.done) {
      steps.push(r.value);
      r = gen.next();
    }
    expect(steps[steps.length - 1]).toBe(1);
    expect(steps.every((s, i) => i === 0 || s >= steps[i - 1])).toBe(true);
    expect(r.value.candidates.map((c) => c.p)).toEqual(index.candidates.map((c) => c.p));
  });

  it('suggests the paragraphs of other articles that report a fact, with the sentence that does', () => {
    const text = BRIDGE[NO].paragraphs[1][0];
    const span: [number, number] = [0, text.indexOf('.') + 1];
    const hits = index.suggest([{ doc: NO, paragraph: 1, span }], { k: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.doc !== NO)).toBe(true);
    const top3 = hits.slice(0, 3).map((h) => `${h.doc}:${h.paragraph}`);
    expect(top3).toEqual(expect.arrayContaining([`${SV}:1`, `${EN}:1`]));
    const en = hits.find((h) => h.doc === EN)!;
    expect(BRIDGE[EN].paragraphs[1][0].slice(...en.sentence.original)).toMatch(/^Mayor Ingrid Solbakken said/);
    expect(index.suggest([{ doc: NO, paragraph: 1 }], { exclude: new Set([`${SV}:1`]) }).some((h) => h.doc === SV && h.paragraph === 1)).toBe(false);
  });

  it('takes a mention\'s own sentence as the query, its paragraph only as context', () => {
    // The mention is the first sentence; the rest of its paragraph is about something else, and
    // that other matter is what a whole-paragraph query finds first.
    const mention = 'Divers found the ferry Nordlys near Kvernvik. The harbour board met in Tromsø and argued about harbour fees for fishing boats and cargo ships.';
    const end = mention.indexOf('.') + 1;
    const story = [
      {
        lang: 'en',
        paragraphs: [
          { text: mention, sentences: [[0, end], [end + 1, mention.length]] as Array<[number, number]> },
          { text: 'Snow fell on the roads of the valley.' },
          { text: 'Rain fell on the hills near the school.' },
        ],
      },
      {
        lang: 'en',
        paragraphs: [
          { text: 'In Tromsø the harbour board raised harbour fees for fishing boats and cargo ships. Teachers asked for higher wages. A concert drew a large crowd.' },
          { text: 'Divers reached the sunken ferry Nordlys off Kvernvik at dawn. The mayor opened a library. Farmers sold apples at the market.' },
          { text: 'Schools open late in the valley.' },
          { text: 'Wind blew over the hills.' },
        ],
      },
    ];
    const index = new StoryIndex(story);
    expect(index.suggest([{ doc: 0, paragraph: 0 }], { k: 3 }).map((h) => h.paragraph)).toEqual([0, 1]);
    const marked = index.suggest([{ doc: 0, paragraph: 0, span: [0, end] }], { k: 3 });
    expect(marked.map((h) => h.paragraph)).toEqual([1, 0]);
    expect(story[1].paragraphs[1].text.slice(...marked[0].sentence.original)).toMatch(/^Divers reached/);
  });

  it('reads what the annotator says a fact is (its label) as one more sentence of the query, in the pivot language', () => {
    // The mention says "detained"; one report says "arrested", another shares the mention's
    // "yesterday". Only the fact's label says what the fact turns on.
    const story = [
      { lang: 'nb', paragraphs: [{ text: 'Lund ble pågrepet i går.', pivot: 'Lund was detained yesterday.' }, { text: 'Været var mildt.', pivot: 'The weather was mild.' }] },
      {
        lang: 'sv',
        paragraphs: [
          { text: 'Lund talade i går med pressen om skatter.', pivot: 'Lund spoke to the press yesterday about taxes.' },
          { text: 'Polisen grep Lund på flygplatsen.', pivot: 'Police arrested Lund at the airport.' },
          { text: 'Hamnen var stängd.', pivot: 'The harbour was closed.' },
        ],
      },
    ];
    const index = new StoryIndex(story);
    const plain = index.suggest([{ doc: 0, paragraph: 0 }], { k: 3 });
    expect(plain[0]).toMatchObject({ doc: 1, paragraph: 0 });
    const named = index.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: { text: 'Lund arrested by the police' } });
    expect(named[0]).toMatchObject({ doc: 1, paragraph: 1 });
    expect(named[0].confidence).toBeGreaterThan(plain.find((h) => h.paragraph === 1)!.confidence);
    // The label's word is evidence found in the suggestion only; the mention's paragraph lacks it.
    const word = named[0].evidence.find((e) => e.label === 'arrested')!;
    expect(word.a.original.length + word.a.pivot.length).toBe(0);
    expect(word.b.pivot.map(([s, e]) => story[1].paragraphs[1].pivot.slice(s, e))).toEqual(['arrested']);
    expect(word.weight).toBeGreaterThan(0);
    // Words the story does not have add nothing; an empty label is no label.
    expect(index.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: { text: 'zebra quantum' } }).map((h) => [h.paragraph, h.confidence])).toEqual(plain.map((h) => [h.paragraph, h.confidence]));
    expect(index.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: { text: '  ' } })).toEqual(plain);
    // A description pasted from a whole document is read only as far as a summary goes.
    const late = { text: `${'x '.repeat(1500)}Lund arrested by the police` };
    expect(index.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: late }).map((h) => [h.paragraph, h.confidence])).toEqual(plain.map((h) => [h.paragraph, h.confidence]));
    expect(index.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: { text: late.text.slice(1800) } })[0]).toMatchObject({ doc: 1, paragraph: 1 });
  });

  it('suggests a paraphrase that shares no word with the mention by its meaning, when the lexicon has word vectors; links stay as they were', () => {
    // Made-up three-dimensional vectors: sea accidents, prices, schools.
    const near: Record<string, number[]> = {
      ferry: [1, 0, 0], sank: [0.9, 0.1, 0], vessel: [0.95, 0, 0.05], capsized: [0.9, 0, 0.1], coast: [0.7, 0.2, 0.1], shore: [0.7, 0.1, 0.2],
      bread: [0, 1, 0], prices: [0.1, 0.9, 0], milk: [0, 1, 0.1], costs: [0.1, 0.9, 0.1],
      school: [0, 0, 1], pupils: [0, 0.1, 0.9], teachers: [0.1, 0, 1], classes: [0, 0.1, 1],
    };
    const meaning = (text: string, lang: string) => {
      if (lang !== 'en') return null;
      const v = new Float32Array(3);
      let known = 0;
      for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) if (near[w]) near[w].forEach((x, i) => ((v[i] += x), known++));
      return known ? v : null;
    };
    const story = [
      { lang: 'en', paragraphs: [{ text: 'The ferry sank off the coast.' }, { text: 'Bread prices rose again.' }, { text: 'The school hired teachers.' }] },
      { lang: 'en', paragraphs: [{ text: 'Milk costs went up in March.' }, { text: 'A vessel capsized near the shore.' }, { text: 'Pupils returned to classes.' }] },
    ];
    const plain = new StoryIndex(story);
    const withVectors = new StoryIndex(story, { lexicon: { meaning } });
    // Nothing shared: words alone suggest nothing for the ferry.
    expect(plain.suggest([{ doc: 0, paragraph: 0 }], { k: 3 }).some((h) => h.paragraph === 1)).toBe(false);
    const hits = withVectors.suggest([{ doc: 0, paragraph: 0 }], { k: 3 });
    expect(hits[0]).toMatchObject({ doc: 1, paragraph: 1 });
    expect(hits[0].evidence.some((e) => e.kind === 'semantic')).toBe(true);
    // The label is read by its meaning too: named after prices, the same mention finds the costs.
    expect(withVectors.suggest([{ doc: 0, paragraph: 0 }], { k: 3, about: { text: 'higher prices' } })[0]).toMatchObject({ doc: 1, paragraph: 0 });
    // With no word in common, the sentence shown (and tagged on accepting) is the one alike in meaning.
    const two = 'It was a Tuesday. A vessel capsized near the shore.';
    const cut = two.indexOf('A vessel');
    const story2 = [story[0], { lang: 'en', paragraphs: [{ text: 'Milk costs went up in March.' }, { text: two, sentences: [[0, cut - 1], [cut, two.length]] as Array<[number, number]> }, { text: 'Pupils returned to classes.' }] }];
    const hit = new StoryIndex(story2, { lexicon: { meaning } }).suggest([{ doc: 0, paragraph: 0 }], { k: 3 })[0];
    expect(hit).toMatchObject({ doc: 1, paragraph: 1 });
    expect(two.slice(...hit.sentence.original)).toBe('A vessel capsized near the shore.');
    // Paragraph links do not use them.
    const strip = (r: ReturnType<StoryIndex['links']>) => r.pairs.map((p) => p.links.map((l) => [l.a, l.b, l.confidence]));
    expect(strip(withVectors.links({ all: true }))).toEqual(strip(plain.links({ all: true })));
  });

  it('weighs a suggestion as the link model weighs the pair (for a whole paragraph, the logit of its link), then says how likely it reports the fact', () => {
    const hits = index.suggest([{ doc: NO, paragraph: 1 }], { k: 10, logits: true });
    const links = index.links({ all: true });
    let compared = 0;
    for (const h of hits) {
      const [x, y] = NO < h.doc ? [NO, h.doc] : [h.doc, NO];
      const link = pairOf(links, x, y).links.find((l) => (x === NO ? l.a === 1 && l.b === h.paragraph : l.b === 1 && l.a === h.paragraph));
      if (!link) continue;
      expect(sigmoid(h.logit!)).toBeCloseTo(link.confidence, 2);
      // A pair that shares some fact is likelier than a paragraph that reports this one fact.
      expect(h.confidence).toBeCloseTo(sigmoid(predictLogit(STORY_MODEL.suggestion, [h.logit!])), 2);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(2);
    expect(hits.some((h) => h.doc === SV && h.paragraph === 1)).toBe(true);
  });

  it('weighs a content word by how specific it is in the language when a lexicon says so', () => {
    // Two English reports: paragraph 0 of the first shares two everyday words with one paragraph
    // of the second, and one rarer word with another.
    const story = [
      {
        lang: 'en',
        paragraphs: [
          { text: 'People in the government heard that the ferry sank.' },
          { text: 'The weather was mild all week.' },
          { text: 'Prices of fish rose in the harbour.' },
        ],
      },
      {
        lang: 'en',
        paragraphs: [
          { text: 'The government told people to stay calm.' },
          { text: 'Divers reached the ferry at dawn.' },
          { text: 'Snow is expected on the coast.' },
          { text: 'A new school opens in the autumn.' },
        ],
      },
    ];
    const everyday = new Set(['people', 'government']);
    const lexicon = { specificity: (w: string, lang: string) => (lang === 'en' && everyday.has(w) ? 0.3 : null) };
    const x1 = (ix: StoryIndex, b: number) => ix.candidates.find((c) => c.a === 0 && c.b === b)!.x1[0];
    const plain = new StoryIndex(story);
    const informed = new StoryIndex(story, { lexicon });
    expect(x1(plain, 0)).toBeGreaterThan(x1(plain, 1));
    expect(x1(informed, 1)).toBeGreaterThan(x1(informed, 0));
    const best = informed.links({ all: true }).pairs[0].links.find((l) => l.a === 0 && l.rankAB === 1)!;
    expect(best.b).toBe(1);
    // Names and numbers are not words of the language: a lexicon that damps every word leaves
    // them at full weight, so two paragraphs sharing names but not words come closer.
    const named = [
      { lang: 'en', paragraphs: [{ text: 'Solbakken talked about roads in Kvernvik on 14 March.' }, { text: 'Rain fell.' }] },
      { lang: 'en', paragraphs: [{ text: 'In Kvernvik, Solbakken praised the schools on 14 March.' }, { text: 'Wind blew.' }] },
    ];
    const everything = { specificity: () => 0.1 };
    const p = (ix: StoryIndex) => ix.candidates.find((c) => c.a === 0 && c.b === 0)!.x1[0];
    expect(p(new StoryIndex(named, { lexicon: everything }))).toBeGreaterThan(p(new StoryIndex(named)) + 0.2);
  });

  it('weighs the forms of one stem alike, whatever order the articles come in', () => {
    // Norwegian, Dutch and Finnish reports with their translations; "international" and
    // "internal" share one stem, and the lexicon calls only the first an everyday word.
    const doc = (lang: string, paragraphs: Array<[string, string]>) => ({ lang, paragraphs: paragraphs.map(([text, pivot]) => ({ text, pivot })) });
    const story = [
      doc('nb', [
        ['Den internasjonale hjelpen kom fram til havna.', 'The international aid reached the harbour.'],
        ['Fergen la til kai om kvelden.', 'The ferry docked in the evening.'],
      ]),
      doc('nl', [
        ['De interne onderzoekers spraken met de kapitein.', 'The internal investigators spoke with the captain.'],
        ['De internationale pers wachtte in de haven.', 'The international press waited in the harbour.'],
      ]),
      doc('fi', [
        ['Sisäinen tutkinta alkoi maanantaina.', 'The internal inquiry began on Monday.'],
        ['Satamassa oli hiljaista.', 'The harbour was quiet.'],
      ]),
    ];
    const lexicon = { specificity: (w: string) => (w === 'international' ? 0.2 : null) };
    const reversed = [...story].reverse();
    const specificityOf = (docs: typeof story, form: string) => {
      const { vocab } = readStory(docs, lexicon);
      const id = vocab.info.findIndex((f) => f.kind === 'term' && f.label.startsWith(form.slice(0, 6)));
      return vocab.specificity[id];
    };
    // Two occurrences of each form: the stem weighs their mean, not the first form met.
    expect(specificityOf(story, 'intern')).toBeCloseTo(0.6, 9);
    expect(specificityOf(reversed, 'intern')).toBeCloseTo(0.6, 9);
    // So the confidence of a link is the same in either order.
    const confidence = (docs: typeof story, x: number, a: number, y: number, b: number) => new StoryIndex(docs, { lexicon }).explain(x, a, y, b)!.confidence;
    expect(confidence(reversed, 2, 0, 1, 1)).toBe(confidence(story, 0, 0, 1, 1));
    expect(confidence(reversed, 0, 0, 1, 0)).toBe(confidence(story, 2, 0, 1, 0));
  });

  it('adds semantic similarity when vectors are given: a paraphrase sharing no content word becomes a candidate', () => {
    const plain = [
      { lang: 'en', paragraphs: [{ text: 'It was what it was, and so it is.' }, { text: 'The bridge in Kvernvik fell.' }] },
      { lang: 'en', paragraphs: [{ text: 'So it is, as it was, what it was.' }, { text: 'Kvernvik lost its bridge.' }] },
    ];
    const lexical = new StoryIndex(plain);
    expect(lexical.candidates.some((c) => c.a === 0 && c.b === 0)).toBe(false);
    const v = (x: number, y: number) => Float32Array.from([x, y, 0.1]);
    const semantic = { paragraphs: [[v(1, 0), v(0, 1)], [v(1, 0.05), v(0.1, 1)]] };
    const withSem = new StoryIndex(plain, { semantic });
    const c = withSem.candidates.find((x) => x.a === 0 && x.b === 0)!;
    expect(c.semantic).toBeGreaterThan(0.99);
    const link = withSem.links({ all: true }).pairs[0].links.find((l) => l.a === 0 && l.b === 0)!;
    expect(link.evidence.some((e) => e.kind === 'semantic')).toBe(true);
    // Turned down to nothing, the semantic score changes nothing.
    const off = new StoryIndex(plain, { semantic: { ...semantic, weight: 0 } }).candidates.find((x) => x.a === 1 && x.b === 1)!;
    expect(off.p).toBeCloseTo(lexical.candidates.find((x) => x.a === 1 && x.b === 1)!.p, 6);
  });

  it('reads an empty story and a story of one article without failing', () => {
    expect(linkStory([]).pairs).toEqual([]);
    expect(linkStory([docs[NO]]).pairs).toEqual([]);
    expect(linkStory([{ lang: 'nb', paragraphs: [] }, { lang: 'sv', paragraphs: [{ text: '' }] }]).pairs[0].links).toEqual([]);
  });
});

describe('logistic calibration', () => {
  it('recovers the weights of a known model', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = [rand() * 4 - 2, rand() * 4 - 2];
      xs.push(x);
      ys.push(rand() < sigmoid(1.5 * x[0] - 0.5 * x[1] - 1) ? 1 : 0);
    }
    const m = fitLogistic(['a', 'b'], xs, ys, { l2: 0.01 });
    expect(m.weights[0]).toBeCloseTo(1.5, 0);
    expect(m.weights[1]).toBeCloseTo(-0.5, 0);
    expect(m.intercept).toBeCloseTo(-1, 0);
  });
});

describe('unitTexts', () => {
  it('gives the sentences of the translation when there is one, else of the original, and the whole text without sentences', () => {
    const text = 'Brua stengte. Ferja går.';
    const pivot = 'The bridge closed. The ferry runs.';
    expect(unitTexts({ text, sentences: [[0, 13], [14, 24]], pivot, pivotSentences: [[0, 18], [19, 34]] })).toEqual(['The bridge closed.', 'The ferry runs.']);
    expect(unitTexts({ text, sentences: [[0, 13], [14, 24]], pivot: null })).toEqual(['Brua stengte.', 'Ferja går.']);
    expect(unitTexts({ text, pivot: '' })).toEqual([text]);
    // Spans that do not fit the text are not trusted.
    expect(unitTexts({ text, sentences: [[0, 99]] })).toEqual([text]);
  });
});
