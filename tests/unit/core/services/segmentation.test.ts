import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../../common/api';
import type { AlignmentView } from '../../../../common/types';
import type { Db } from '../../../../db/open';
import { createWorkbench } from '../../../../core/services/workbench';
import { documentText } from '../../../../core/services/segmentation';
import { b64, memoryProject } from '../../../support/project';

// A short news text and its machine translation, written for these tests.
const NB = [
  'Fergen gikk på grunn',
  'Fergen gikk på grunn ved Måløy torsdag kveld. Det blåste kraftig fra vest.',
  'Alle 48 passasjerer ble reddet. Havarikommisjonen undersøker ulykken.',
  'Rederiet beklager hendelsen.',
].join('\n');
const EN = [
  'The ferry ran aground',
  'The ferry ran aground near Måløy on Thursday evening. The wind was strong from the west.',
  'All 48 passengers were rescued. The accident board is investigating.',
  'The shipping company regrets the incident.',
].join('\n');
const SV = ['Färjan gick på grund', 'Alla 48 passagerare räddades vid Måløy.'].join('\n');

let db: Db;
let api: WorkbenchApi & { history: { undo(): unknown } };
let nb: number;
let en: number;
let sv: number;

beforeEach(async () => {
  db = memoryProject();
  api = createWorkbench(db, { name: 't.tandem', annotator: 'kari' });
  nb = (await api.importArticles([{ name: 'ferge.txt', base64: b64(NB) }], { lang: 'nb', collection: 'ferry' })).files[0].docId!;
  en = (await api.importTranslation(nb, { name: 'ferge.en.txt', base64: b64(EN) }, { lang: 'en', provider: 'deepl' })).docId!;
  sv = (await api.importArticles([{ name: 'farja.txt', base64: b64(SV) }], { lang: 'sv', collection: 'ferry' })).files[0].docId!;
});

const pairs = (v: AlignmentView | null) => v!.links.map((l) => `${l.a.join('+')}:${l.b.join('+')}:${l.status}`);
const texts = async (doc: number) => (await api.getDocument(doc)).paragraphList.map((p) => p.text);
const sentences = async (doc: number) => (await api.getDocument(doc)).paragraphList.flatMap((p) => p.sentences.map(([s, e]) => p.text.slice(s, e)));

/** Everything a change of segmentation may touch, to compare states exactly. */
function state(): unknown {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    paragraphs: all('SELECT id, doc_id, idx, text, edited_text, sentences, status, gap FROM paragraphs ORDER BY id'),
    documents: all('SELECT id, paragraph_count, sentence_count, characters, content_hash FROM documents ORDER BY id'),
    links: all('SELECT id, alignment_id, origin, status, confidence, annotator_id, created_at FROM links ORDER BY id'),
    segments: all('SELECT link_id, side, idx FROM link_segments ORDER BY link_id, side, idx'),
    mentions: all('SELECT * FROM mentions ORDER BY id'),
    rejections: all('SELECT * FROM suggestion_rejections ORDER BY fact_id, paragraph_id'),
  };
}

/** The invariants every change keeps: same text, index in step, counts right, link positions inside the documents. */
function checkInvariants(): void {
  for (const d of db.prepare('SELECT id, content_hash, paragraph_count, sentence_count, characters FROM documents').all() as Array<{ id: number; content_hash: string; paragraph_count: number; sentence_count: number; characters: number }>) {
    expect(crypto.createHash('sha256').update(documentText(db, d.id)).digest('hex')).toBe(d.content_hash);
    const rows = db.prepare('SELECT idx, text, sentences FROM paragraphs WHERE doc_id = ? ORDER BY idx').all(d.id) as Array<{ idx: number; text: string; sentences: string }>;
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
    expect(rows.length).toBe(d.paragraph_count);
    expect(rows.reduce((n, r) => n + r.sentences.split(',').length, 0)).toBe(d.sentence_count);
    expect(rows.reduce((n, r) => n + r.text.length, 0)).toBe(d.characters);
  }
  const bad = db.prepare(`
    SELECT s.idx, a.level, d.paragraph_count, d.sentence_count FROM link_segments s JOIN alignments a ON a.id = s.alignment_id
    JOIN documents d ON d.id = CASE s.side WHEN 'a' THEN a.doc_a ELSE a.doc_b END
    WHERE s.idx < 0 OR s.idx >= CASE a.level WHEN 'paragraph' THEN d.paragraph_count ELSE d.sentence_count END`).all();
  expect(bad).toEqual([]);
  // The search index holds exactly the paragraphs' text.
  expect(() => db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  for (const m of db.prepare('SELECT m.start, m.end, m.quote, p.text FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id').all() as Array<{ start: number; end: number; quote: string; text: string }>) {
    expect(m.text.slice(m.start, m.end)).toBe(m.quote);
  }
}

describe('splitting and merging paragraphs', () => {
  it('splits a paragraph over the same text, moves links, mentions and the translation with it, and undoes exactly', async () => {
    await api.align(nb, sv, { level: 'paragraph', mode: 'comparable' });
    const comparable = (await api.getAlignment(nb, sv, 'paragraph'))!;
    await api.editLinks(comparable.id, { op: 'link', a: [2], b: [1] });
    await api.editLinks(comparable.id, { op: 'link', a: [3], b: [1] });
    const sentenceLevel = await api.align(nb, en, { level: 'sentence' });
    expect(pairs(sentenceLevel)).toContain('2:2:suggested');
    const text = NB.split('\n')[1];
    const fact = await api.addMention({ newFact: { label: 'wind' }, docId: nb, paragraph: 1, start: text.indexOf('vest'), end: text.indexOf('vest') + 4 });
    await api.addMention({ factId: fact.id, docId: nb, paragraph: 1, start: text.indexOf('Måløy'), end: text.indexOf('blåste') + 6 });
    await api.rejectSuggestion(fact.id, nb, 1);
    await api.addMention({ factId: fact.id, docId: nb, paragraph: 3, start: 0, end: 8 });
    checkInvariants();
    const before = state();

    const r = await api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 1, at: text.indexOf('Det blåste') });
    expect(r.description).toBe('split paragraph 2 of doc 1');
    expect(r.documents.map((d) => [d.doc.id, d.from, d.removed, d.paragraphs.map((p) => p.text)])).toEqual([
      [nb, 1, 1, ['Fergen gikk på grunn ved Måløy torsdag kveld.', 'Det blåste kraftig fra vest.']],
      [en, 1, 1, ['The ferry ran aground near Måløy on Thursday evening.', 'The wind was strong from the west.']],
    ]);
    expect(r.notes.join(' ')).toMatch(/split at the matching sentence/);
    expect(r.alignments).toEqual(expect.arrayContaining([comparable.id, sentenceLevel.id]));
    expect(r).toMatchObject({ canUndo: true, canRedo: false });
    checkInvariants();

    // The translation still lines up paragraph by paragraph, 1:1.
    expect(pairs(await api.getAlignment(nb, en, 'paragraph'))).toEqual(['0:0:confirmed', '1:1:confirmed', '2:2:confirmed', '3:3:confirmed', '4:4:confirmed']);
    // A link to the split paragraph covers both parts; links further on moved by one.
    expect(pairs(await api.getAlignment(nb, sv, 'paragraph')).filter((p) => p.endsWith('confirmed'))).toEqual(['3:1:confirmed', '4:1:confirmed']);
    // Sentences did not change (the split fell between two), so sentence links stay.
    expect(pairs(await api.getAlignment(nb, en, 'sentence'))).toEqual(pairs(sentenceLevel));

    const facts = await api.listFacts();
    const quotes = facts[0].mentions.map((m) => [m.paragraph, m.quote]);
    expect(quotes).toEqual([[1, 'Måløy torsdag kveld.'], [2, 'Det blåste'], [2, 'vest'], [4, 'Rederiet']]);
    // The rejected suggestion holds for both parts.
    expect(db.prepare('SELECT count(*) FROM suggestion_rejections').pluck().get()).toBe(2);
    // Search finds the new paragraph.
    expect((await api.search('blåste', {})).map((h) => [h.docId, h.paragraph])).toEqual([[nb, 2]]);
    const after = state();

    const undone = await api.undo();
    expect(undone).toMatchObject({ done: true, description: 'split paragraph 2 of doc 1', canRedo: true });
    expect(state()).toEqual(before);
    checkInvariants();
    await api.redo();
    expect(state()).toEqual(after);
    checkInvariants();
  });

  it('merges paragraphs with the union of their links, translations following, and keeps the text', async () => {
    const comparable = await api.align(nb, sv, { level: 'paragraph', mode: 'comparable' });
    for (const l of comparable.links) await api.editLinks(comparable.id, { op: 'unlink', linkId: l.id });
    await api.editLinks(comparable.id, { op: 'link', a: [1], b: [0] });
    await api.editLinks(comparable.id, { op: 'link', a: [2], b: [1] });
    const p2 = NB.split('\n')[2];
    await api.addMention({ newFact: { label: 'rescued' }, docId: nb, paragraph: 2, start: p2.indexOf('48'), end: p2.indexOf('48') + 2 });
    const before = state();

    const r = await api.editSegmentation(nb, { op: 'merge-paragraphs', paragraph: 1 });
    expect(r.documents.map((d) => [d.doc.id, d.removed, d.paragraphs.length, d.doc.paragraphs])).toEqual([[nb, 2, 1, 3], [en, 2, 1, 3]]);
    const merged = (await api.getDocument(nb)).paragraphList[1];
    // The paragraph break stays in the text, between the two former paragraphs.
    expect(merged.text).toBe(`${NB.split('\n')[1]}\n${p2}`);
    expect(merged.sentences.map(([s, e]) => merged.text.slice(s, e))).toEqual([
      'Fergen gikk på grunn ved Måløy torsdag kveld.', 'Det blåste kraftig fra vest.', 'Alle 48 passasjerer ble reddet.', 'Havarikommisjonen undersøker ulykken.',
    ]);
    expect(pairs(await api.getAlignment(nb, en, 'paragraph'))).toEqual(['0:0:confirmed', '1:1:confirmed', '2:2:confirmed']);
    expect(pairs(await api.getAlignment(nb, sv, 'paragraph'))).toEqual(['1:0:confirmed', '1:1:confirmed']);
    const mention = (await api.listFacts())[0].mentions[0];
    expect([mention.paragraph, mention.quote, mention.start]).toEqual([1, '48', merged.text.indexOf('48')]);
    checkInvariants();

    await api.undo();
    expect(state()).toEqual(before);
    checkInvariants();
  });

  it('merges the links of a parallel alignment into one when the translation does not follow', async () => {
    const r = await api.editSegmentation(nb, { op: 'merge-paragraphs', paragraph: 1, translations: false });
    expect(r.documents).toHaveLength(1);
    expect(pairs(await api.getAlignment(nb, en, 'paragraph'))).toEqual(['0:0:confirmed', '1:1+2:confirmed', '2:3:confirmed']);
    checkInvariants();
    // Splitting it again at the old boundary: the link covers both parts, and the translation is 2:2 with them.
    const merged = (await api.getDocument(nb)).paragraphList[1];
    await api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 1, at: merged.text.indexOf('Alle 48') });
    expect(await texts(nb)).toEqual(NB.split('\n'));
    expect(pairs(await api.getAlignment(nb, en, 'paragraph'))).toEqual(['0:0:confirmed', '1+2:1+2:confirmed', '3:3:confirmed']);
    checkInvariants();
  });

  it('keeps a translation whole, linked to both parts, when its sentences do not pair with the original\'s', async () => {
    const p1 = NB.split('\n')[1];
    // Inside the first sentence: the original's sentence splits too, the translation cannot follow.
    const r = await api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 1, at: p1.indexOf('torsdag') });
    expect(r.documents.map((d) => d.doc.id)).toEqual([nb]);
    expect(r.notes.join(' ')).toMatch(/stays whole and is now linked to both parts/);
    expect((await texts(nb)).slice(1, 3)).toEqual(['Fergen gikk på grunn ved Måløy', 'torsdag kveld. Det blåste kraftig fra vest.']);
    expect(pairs(await api.getAlignment(nb, en, 'paragraph')).slice(0, 3)).toEqual(['0:0:confirmed', '1+2:1:confirmed', '3:2:confirmed']);
    expect(await sentences(nb)).toContain('Fergen gikk på grunn ved Måløy');
    checkInvariants();
  });

  it('splits a post-edit where the edit kept the text around the split, and refuses where it did not', async () => {
    const doc = await api.getDocument(en);
    const p = doc.paragraphList[2];
    await api.saveParagraphEdit(p.id, 'All 48 passengers were saved. The accident board is investigating.', 'reviewed');
    await api.editSegmentation(en, { op: 'split-paragraph', paragraph: 2, at: p.text.indexOf('The accident') });
    const [left, right] = (await api.getDocument(en)).paragraphList.slice(2, 4);
    expect([left.text, left.edited, left.status]).toEqual(['All 48 passengers were rescued.', 'All 48 passengers were saved.', 'reviewed']);
    expect([right.text, right.edited, right.status]).toEqual(['The accident board is investigating.', null, 'reviewed']);
    // A translation's own split leaves the original whole, its link now 1:2.
    expect(pairs(await api.getAlignment(nb, en, 'paragraph'))[2]).toBe('2:2+3:confirmed');

    const q = (await api.getDocument(en)).paragraphList[1];
    await api.saveParagraphEdit(q.id, 'The ferry grounded near Måløy on Thursday night, in strong western wind.', 'reviewed');
    await expect(api.editSegmentation(en, { op: 'split-paragraph', paragraph: 1, at: q.text.indexOf('The wind') })).rejects.toThrow(/post-edit/);
    checkInvariants();
  });

  it('refuses what makes no sense, with a clear message, and changes nothing', async () => {
    const before = state();
    await expect(api.editSegmentation(nb, { op: 'merge-paragraphs', paragraph: 3 })).rejects.toThrow(/last one/);
    await expect(api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 9, at: 3 })).rejects.toThrow(/no paragraph 10/);
    await expect(api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 1, at: 0 })).rejects.toThrow(/offset between 1 and/);
    await expect(api.editSegmentation(nb, { op: 'split-paragraph', paragraph: 0, at: 6 })).resolves.toBeDefined();
    await api.undo();
    await expect(api.editSegmentation(nb, { op: 'merge-sentences', sentence: 2 })).rejects.toThrow(/merge the paragraphs first/);
    await expect(api.editSegmentation(nb, { op: 'split-sentence', paragraph: 1, at: NB.split('\n')[1].indexOf(' Det') })).rejects.toThrow(/not inside a sentence|no text/);
    await expect(api.editSegmentation(nb, { op: 'explode' } as never)).rejects.toThrow(/Unknown segmentation operation/);
    await expect(api.editSegmentation('nope.txt', { op: 'merge-sentences', sentence: 0 })).rejects.toThrow(/No document named/);
    expect(state()).toEqual({ ...(before as object) });
  });
});

describe('splitting and merging sentences', () => {
  it('extends sentence links over both parts of a split sentence, shifts the rest, and merges back', async () => {
    const view = await api.align(nb, en, { level: 'sentence' });
    const before = state();
    const p2 = NB.split('\n')[2];
    await api.editSegmentation(nb, { op: 'split-sentence', paragraph: 2, at: p2.indexOf('ble reddet') });
    expect(await sentences(nb)).toEqual([
      'Fergen gikk på grunn', 'Fergen gikk på grunn ved Måløy torsdag kveld.', 'Det blåste kraftig fra vest.',
      'Alle 48 passasjerer', 'ble reddet.', 'Havarikommisjonen undersøker ulykken.', 'Rederiet beklager hendelsen.',
    ]);
    // The paragraph text is untouched; only its spans changed.
    expect(await texts(nb)).toEqual(NB.split('\n'));
    const now = pairs(await api.getAlignment(nb, en, 'sentence'));
    const old = pairs(view);
    const moved: Record<string, string> = { '3': '3+4', '4': '5', '5': '6' };
    expect(now).toEqual(old.map((p) => p.replace(/^\d+/, (i) => moved[i] ?? i)));
    checkInvariants();

    const merged = await api.editSegmentation(nb, { op: 'merge-sentences', sentence: 3 });
    expect(merged.description).toBe('merge sentences 4 and 5 of doc 1');
    expect(await sentences(nb)).toContain('Alle 48 passasjerer ble reddet.');
    expect(pairs(await api.getAlignment(nb, en, 'sentence'))).toEqual(old);
    checkInvariants();
    await api.undo();
    await api.undo();
    expect(state()).toEqual(before);
  });

  it('keeps every invariant through a random series of fixes, and undoing them all restores the project exactly', async () => {
    await api.align(nb, en, { level: 'sentence' });
    await api.align(nb, sv, { level: 'paragraph', mode: 'comparable' });
    const p1 = NB.split('\n')[1];
    await api.addMention({ newFact: { label: 'storm' }, docId: nb, paragraph: 1, start: 0, end: p1.length });
    const start = state();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let done = 0;
    for (let step = 0; step < 40; step++) {
      const docId = random(3) === 0 ? en : nb;
      const doc = await api.getDocument(docId);
      const p = doc.paragraphList[random(doc.paragraphList.length)];
      const kind = random(4);
      const at = 1 + random(Math.max(1, p.text.length - 1));
      const op = kind === 0 ? { op: 'split-paragraph' as const, paragraph: p.index, at }
        : kind === 1 ? { op: 'merge-paragraphs' as const, paragraph: p.index }
        : kind === 2 ? { op: 'split-sentence' as const, paragraph: p.index, at }
        : { op: 'merge-sentences' as const, sentence: random(doc.sentences) };
      try {
        await api.editSegmentation(docId, op);
        done++;
      } catch (err) {
        expect((err as Error).constructor.name).toBe('TandemError');
      }
      checkInvariants();
    }
    expect(done).toBeGreaterThan(10);
    for (let i = 0; i < done; i++) expect((await api.undo()).done).toBe(true);
    expect(state()).toEqual(start);
    checkInvariants();
  });
});
