import { beforeAll, describe, expect, it } from 'vitest';
import type { LinkExplanation, WorkbenchApi } from '../../../../common/api';
import { openProject } from '../../../../db/open';
import { createWorkbench } from '../../../../core/services/workbench';
import { confidenceWords, evidenceKey, evidenceMarks, evidenceSummary, explainedTranslation, orderedEvidence, rankWords } from '../../../../renderer/src/alignment/evidence';
import { importStorm, type StormIds } from '../../../support/story-fixture';

let api: WorkbenchApi;
let ids: StormIds;
let explained: LinkExplanation[];
let nbText: string[];
let nbEnText: string[];
let enText: string[];

beforeAll(async () => {
  const db = openProject(':memory:', { create: true });
  api = createWorkbench(db, { name: 'e.tandem', annotator: 'kari' });
  ids = await importStorm(api);
  await api.alignStory({ collection: 'storm-hedda' });
  const v = (await api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!;
  explained = await api.explainLinks(v.id);
  nbText = (await api.getDocument(ids.nb)).paragraphList.map((p) => p.text);
  nbEnText = (await api.getDocument(ids.nbEn)).paragraphList.map((p) => p.text);
  enText = (await api.getDocument(ids.en)).paragraphList.map((p) => p.text);
});

describe('the evidence of a comparable link, as the alignment view draws it', () => {
  it('marks what is shared in both originals and in the translation the engine read, at the right words', () => {
    // The Norwegian ¶2 and the English ¶2 share the number of households, the date and the storm's name.
    const ex = explained.find((e) => e.paragraphA === 1 && e.paragraphB === 1)!;
    expect(ex).toBeDefined();
    const a = evidenceMarks(ex, 'a', 'original').filter((m) => m.kind !== 'sentence');
    const tr = evidenceMarks(ex, 'a', 'translation').filter((m) => m.kind !== 'sentence');
    const b = evidenceMarks(ex, 'b', 'original').filter((m) => m.kind !== 'sentence');
    const words = (marks: typeof a, text: string[]) => marks.map((m) => text[m.paragraph].slice(m.start, m.end));
    expect(words(a, nbText)).toEqual(expect.arrayContaining(['12 000', '14. januar', 'Hedda']));
    expect(words(tr, nbEnText)).toEqual(expect.arrayContaining(['12,000', '14 January', 'Hedda']));
    expect(words(b, enText)).toEqual(expect.arrayContaining(['12,000', 'Hedda']));
    expect(a.find((m) => nbText[1].slice(m.start, m.end) === '12 000')!.kind).toBe('number');
    expect(a.find((m) => nbText[1].slice(m.start, m.end) === 'Hedda')!.kind).toBe('name');
    // The best sentence comes last, and its span is a sentence of the paragraph.
    const sentence = evidenceMarks(ex, 'a', 'original').at(-1)!;
    expect(sentence.kind).toBe('sentence');
    expect(nbText[1].slice(sentence.start, sentence.end)).toBe(ex.sentenceA.text);
    expect(explainedTranslation(ex, 'a')).toBe(ids.nbEn);
    expect(explainedTranslation(ex, 'b')).toBeNull();
  });

  it('says what is shared, names first, and what the confidence means', () => {
    const ex = explained.find((e) => e.paragraphA === 1 && e.paragraphB === 1)!;
    const ordered = orderedEvidence(ex);
    const kinds = ordered.map((e) => e.kind);
    expect(kinds).toEqual([...kinds].sort((x, y) => ['name', 'number', 'term', 'semantic'].indexOf(x) - ['name', 'number', 'term', 'semantic'].indexOf(y)));
    const summary = evidenceSummary(ex, 3);
    expect(summary.startsWith(`shared: ${ordered[0].label}, ${ordered[1].label}, ${ordered[2].label}`)).toBe(true);
    if (ordered.length > 3) expect(summary).toContain(` and ${ordered.length - 3} more`);
    expect(evidenceSummary({ ...ex, evidence: [] })).toMatch(/nothing shared/);
    expect(confidenceWords(0.93, true)).toEqual({ word: 'strong', detail: 'about 9 in 10 links this confident are right' });
    expect(confidenceWords(0.31, true).word).toBe('possible');
    expect(confidenceWords(0.1, false)).toEqual({ word: 'weak', detail: 'score 0.10' });
    expect(rankWords({ rankAB: 1, rankBA: 1 })).toBe('best match both ways');
    expect(rankWords({ rankAB: 2, rankBA: 1 })).toBe("B is A's 2nd best, A is B's best candidate");
    expect(evidenceKey({ id: 4, a: [1, 2], b: [3] })).not.toBe(evidenceKey({ id: 4, a: [1], b: [3] }));
  });
});
