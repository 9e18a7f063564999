import { describe, expect, it } from 'vitest';
import { proseScore } from '../../../../core/align/evidence.js';
import { StoryIndex, type DocInput } from '../../../../core/align/story.js';
import { STORY_MODEL } from '../../../../core/align/story-model.js';

describe('prose or not', () => {
  it('tells running prose from headings, bylines, credits and captions', () => {
    expect(proseScore('The storm flooded the harbour on Tuesday night.')).toBe(1);
    // German capitalises its nouns: the lower-case words need not stand in a row.
    expect(proseScore('Der Sturm hat am Dienstag den Hafen von Ravndal überflutet.')).toBe(1);
    expect(proseScore('Storm over Ravndal Harbour')).toBe(0);
    expect(proseScore('By Lina Ostrova.')).toBe(0);
    expect(proseScore('Photo: © Nordkyst Press / Arne Vik /')).toBe(0);
    expect(proseScore('Facts: Ravndal and Kvist')).toBe(0);
    expect(proseScore('')).toBe(0);
    // A script without case says nothing either way, and counts as prose.
    expect(proseScore('港口昨晚被洪水淹没。')).toBe(1);
  });
});

describe('story linking with headings in the articles', () => {
  // Two reports of one storm. Each opens with a heading full of the story's names, and the second
  // one's heading shares more words with the first report's fact (the ferry to Kvist stopped) than
  // the second report's own telling of it, in prose and in other words.
  const story: DocInput[] = [
    {
      lang: 'en',
      paragraphs: [
        { text: 'Ravndal Harbour Storm: Kvist Ferry Halted' },
        { text: 'The storm flooded the harbour of Ravndal on Tuesday, and the ferry to Kvist stopped running.' },
        { text: 'Schools in the valley stayed open as usual.' },
      ],
    },
    {
      lang: 'en',
      paragraphs: [
        { text: 'Storm on Tuesday: Ravndal Harbour Flooded, Kvist Ferry Stopped' },
        { text: 'No ferry has left Ravndal for Kvist since the water rose over the harbour on Tuesday.' },
        { text: 'Farmers sold apples at the market.' },
      ],
    },
  ];

  it('ranks the paragraph that reports the fact above a heading that shares its names', () => {
    const index = new StoryIndex(story);
    const hits = index.suggest([{ doc: 0, paragraph: 1 }], { k: 3 });
    expect(hits[0].paragraph).toBe(1);
    expect(index.explain(0, 1, 1, 1)!.confidence).toBeGreaterThan(index.explain(0, 1, 1, 0)!.confidence);
    const fromFact = index.links({ all: true }).pairs[0].links.filter((l) => l.a === 1);
    expect(fromFact.find((l) => l.b === 1)!.rankAB).toBe(1);
  });

  it('does so through the fitted weight of prose: without it, the heading wins on shared words', () => {
    const zero = (m: typeof STORY_MODEL.stage1) => ({ ...m, weights: m.weights.map((w, k) => (m.features[k] === 'prose' ? 0 : w)) });
    const model = { stage1: zero(STORY_MODEL.stage1), stage1Names: zero(STORY_MODEL.stage1Names), stage2: STORY_MODEL.stage2 };
    const blind = new StoryIndex(story, { model });
    expect(blind.explain(0, 1, 1, 0)!.confidence).toBeGreaterThan(blind.explain(0, 1, 1, 1)!.confidence);
  });
});
