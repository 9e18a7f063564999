import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { storeArticle } from '../../core/services/import';
import type { WorkbenchApi, WorkbenchEvent } from '../../common/api';
import type { JobInfo } from '../../common/types';
import { BRIDGE } from '../unit/core/align/story-fixtures';
import { fakeVector, startFakeEmbeddings, type FakeEmbeddings } from '../support/fake-embeddings';
import { b64, tempDir } from '../support/project';
import { startServer } from '../../cli/serve/server';

const STORY = 'Bridge collapse';

/** The bridge story through the API: originals one paragraph per line, English translations beside them. */
async function importBridge(api: WorkbenchApi, opts: { collection?: string; skip?: string[] } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const d of BRIDGE) {
    if (opts.skip?.includes(d.lang)) continue;
    const name = `bridge-${d.lang}.txt`;
    const r = await api.importArticles([{ name, base64: b64(d.paragraphs.map((p) => p[0]).join('\n')) }], { collection: opts.collection ?? STORY, lang: d.lang, paragraphs: 'line' });
    const id = r.files[0].docId!;
    ids.push(id);
    if (d.paragraphs[0][1]) {
      const t = await api.importTranslation(id, { name: `bridge-${d.lang}.en.txt`, base64: b64(d.paragraphs.map((p) => p[1]).join('\n')) }, { lang: 'en', provider: 'deepl' });
      expect(t.status).toBe('imported');
    }
  }
  return ids;
}

function project(events?: WorkbenchEvent[], extra: Parameters<typeof createWorkbench>[1] extends infer O ? Partial<O> : never = {}): { db: Db; api: ReturnType<typeof createWorkbench> } {
  const db = openProject(':memory:', { create: true });
  const api = createWorkbench(db, { name: 'story', annotator: 'kari', emit: (e) => events?.push(e), ...extra });
  return { db, api };
}

async function linkCount(api: WorkbenchApi): Promise<number> {
  return (await api.listAlignments()).filter((a) => a.mode === 'comparable').reduce((n, a) => n + a.links, 0);
}

describe('alignStory: one job for a whole story', () => {
  it('links every pair, reports progress as job events, says what is missing, and undoes in one step', async () => {
    const events: WorkbenchEvent[] = [];
    const { db, api } = project(events);
    const [no, sv, de, en] = await importBridge(api);
    // The imports were jobs of their own; from here on only the story's job reports.
    events.length = 0;
    const summary = await api.alignStory({ collection: STORY });
    expect(summary.stopped).toBeNull();
    expect(summary.stories).toHaveLength(1);
    expect(summary.stories[0].pairs).toHaveLength(6);
    expect(summary.links).toBeGreaterThan(6);
    expect(summary.stories[0].clusters).toBeGreaterThanOrEqual(2);
    // The German article has no translation: said, with the two ways to fix it.
    const note = summary.notes.find((n) => n.includes(`document ${de} `))!;
    expect(note).toMatch(/no English translation/);
    expect(note).toMatch(/only names and numbers/);
    expect(note).toContain(`tandem translate PROJECT --doc ${de}`);
    expect(note).toContain(`tandem import-translation PROJECT --of ${de}`);
    // Progress: job events of this kind, ending done.
    const jobs = events.filter((e): e is { type: 'job'; job: JobInfo } => e.type === 'job').map((e) => e.job);
    expect(jobs.length).toBeGreaterThan(1);
    expect(jobs.every((j) => j.kind === 'align-story' && j.id === summary.jobId)).toBe(true);
    expect(jobs[jobs.length - 1].status).toBe('done');
    expect(jobs.map((j) => j.done)).toEqual([...jobs.map((j) => j.done)].sort((x, y) => x - y));
    // The mayor's figure links Norwegian and English.
    const noEn = await api.getAlignment(no, en, 'paragraph');
    expect(noEn!.links.some((l) => l.a[0] === 1 && l.b[0] === 1)).toBe(true);
    // The article without a translation is linked through names and dates.
    const svDe = await api.getAlignment(sv, de, 'paragraph');
    expect(svDe!.links.some((l) => l.a[0] === 0 && l.b[0] === 0)).toBe(true);
    // One undo takes the whole story's links away.
    const before = await linkCount(api);
    const u = await api.undo();
    expect(u.description).toMatch(/align story/);
    expect(await linkCount(api)).toBe(0);
    await api.redo();
    expect(await linkCount(api)).toBe(before);
    db.close();
  });

  it('keeps confirmed links and does not propose rejected ones again', async () => {
    const { db, api } = project();
    const [no, , , en] = await importBridge(api);
    await api.alignStory({ collection: STORY });
    const view = (await api.getAlignment(no, en, 'paragraph'))!;
    const [keep, drop] = view.links;
    await api.editLinks(view.id, { op: 'confirm', linkIds: [keep.id] });
    await api.editLinks(view.id, { op: 'reject', linkIds: [drop.id] });
    await api.alignStory({ collection: STORY });
    const after = (await api.getAlignment(no, en, 'paragraph'))!;
    expect(after.links.find((l) => l.id === keep.id)?.status).toBe('confirmed');
    const same = (l: { a: number[]; b: number[] }, m: { a: number[]; b: number[] }) => l.a.join() === m.a.join() && l.b.join() === m.b.join();
    expect(after.links.filter((l) => same(l, drop))).toHaveLength(1);
    expect(after.links.filter((l) => same(l, keep))).toHaveLength(1);
    db.close();
  });

  it('stops when cancelled, writes nothing, and marks the job interrupted', async () => {
    let api!: ReturnType<typeof createWorkbench>;
    let cancelled = false;
    const events: WorkbenchEvent[] = [];
    const db = openProject(':memory:', { create: true });
    api = createWorkbench(db, {
      name: 's',
      annotator: 'kari',
      emit: (e) => {
        events.push(e);
        if (e.type === 'job' && e.job.status === 'running' && e.job.message === 'scoring paragraph pairs' && !cancelled) {
          cancelled = true;
          void api.cancelJob(e.job.id);
        }
      },
    });
    // Long enough that scoring yields: 600 paragraphs a side, built from the fixture's sentences.
    for (const d of BRIDGE.slice(0, 3)) {
      const lines = Array.from({ length: 600 }, (_, i) => `${d.paragraphs[i % d.paragraphs.length][0]} ${i}`);
      await api.importArticles([{ name: `big-${d.lang}.txt`, base64: b64(lines.join('\n')) }], { collection: 'big', lang: d.lang, paragraphs: 'line' });
    }
    const summary = await api.alignStory({ collection: 'big' });
    expect(cancelled).toBe(true);
    expect(summary.stopped).toMatch(/stopped/);
    expect(await linkCount(api)).toBe(0);
    const job = (await api.listJobs()).find((j) => j.id === summary.jobId)!;
    expect(job.status).toBe('interrupted');
    expect(await api.cancelJob(summary.jobId!)).toBe(false);
    db.close();
  });

  it('says clearly when there is nothing to link: one article, an unknown story, a document without text', async () => {
    const { db, api } = project();
    await api.importArticles([{ name: 'alone.txt', base64: b64('Brua over Kvernelva kollapset.') }], { collection: 'Alone', lang: 'nb' });
    await expect(api.alignStory({ collection: 'Alone' })).rejects.toThrow(/one article only.*two articles or more/);
    await expect(api.alignStory({ collection: 'Nope' })).rejects.toThrow(/No story "Nope"\. Stories: "Alone"/);
    const empty = storeArticle(db, { name: 'empty.txt', title: 'empty', format: 'text', paragraphs: [' '], lang: 'nb', langConfidence: 1, warnings: [] }, { collection: 'Alone' });
    const summary = await api.alignStory({ collection: 'Alone' }).catch((e: Error) => e);
    expect(String(summary instanceof Error ? summary.message : summary.notes.join(' '))).toMatch(/one article only|has no text/);
    await api.importArticles([{ name: 'second.txt', base64: b64('Ordfører Solbakken sier at 1.200 er isolert.') }], { collection: 'Alone', lang: 'nb' });
    const s2 = await api.alignStory({ collection: 'Alone' });
    expect(s2.notes.join('\n')).toContain(`document ${empty.docId} (empty.txt, nb) has no text; it was left out.`);
    expect(s2.notes.join('\n')).toMatch(/All 2 articles are in nb; they are compared in that language directly/);
    db.close();
  });
});

describe('one pair', () => {
  it('reads a pair in its story, says what is missing, and keeps its candidate control', async () => {
    const t = tempDir();
    const file = path.join(t.dir, 'pair.tandem');
    let db = openProject(file, { create: true });
    let api = createWorkbench(db, { name: 'pair', annotator: 'kari' });
    const [no, , de] = await importBridge(api);
    const view = await api.align(no, de, { mode: 'comparable' });
    expect(view.notes?.join(' ')).toMatch(/no English translation.*Translate it.*import a translation/);
    expect(view.control).toEqual({ minConfidence: 0.2, perParagraph: 2 });
    const more = await api.setCandidateControl(view.id, { minConfidence: 0.01, perParagraph: 5 });
    expect(more.links.length).toBeGreaterThanOrEqual(view.links.length);
    await expect(api.setCandidateControl(view.id, { minConfidence: 2 })).rejects.toThrow(/from 0 to 1/);
    await expect(api.setCandidateControl(view.id, { perParagraph: 0 })).rejects.toThrow(/whole number from 1 to 50/);
    db.close();
    // Remembered in the project.
    db = openProject(file);
    api = createWorkbench(db, { name: 'pair', annotator: 'kari' });
    const again = (await api.getAlignment(no, de, 'paragraph'))!;
    expect(again.control).toEqual({ minConfidence: 0.01, perParagraph: 5 });
    const fewer = await api.align(no, de, { mode: 'comparable', control: { minConfidence: 0.99, perParagraph: 1 } });
    expect(fewer.links.length).toBeLessThanOrEqual(more.links.length);
    await expect(api.align(no, de, { mode: 'parallel', control: { minConfidence: 0.5 } })).rejects.toThrow(/comparable paragraph alignments/);
    db.close();
    t.cleanup();
  });

  it('explains each link: shared names, numbers and words with offsets in both originals and translations, and the best sentences', async () => {
    const { db, api } = project();
    const [no, sv] = await importBridge(api);
    const view = await api.align(no, sv, { mode: 'comparable' });
    const link = view.links.find((l) => l.a[0] === 1 && l.b[0] === 1)!;
    const [why] = await api.explainLinks(view.id, [link.id]);
    const docNo = await api.getDocument(no);
    const docSv = await api.getDocument(sv);
    const trNo = await api.getDocument(docNo.translations[0]);
    const trSv = await api.getDocument(docSv.translations[0]);
    const cut = (text: string, spans: Array<[number, number]>) => spans.map(([s, e]) => text.slice(s, e));
    const name = why.evidence.find((e) => e.label.includes('Solbakken'))!;
    expect(name.kind).toBe('name');
    expect(cut(docNo.paragraphList[1].text, name.a.original)).toEqual(['Solbakken']);
    expect(cut(trNo.paragraphList[1].text, name.a.translation)).toEqual(['Solbakken']);
    expect(cut(docSv.paragraphList[1].text, name.b.original)).toEqual(['Solbakken']);
    const number = why.evidence.find((e) => e.kind === 'number')!;
    expect(cut(docNo.paragraphList[1].text, number.a.original)).toEqual(['1.200']);
    expect(cut(trSv.paragraphList[1].text, number.b.translation)).toEqual(['1,200']);
    expect(why.sentenceA.text).toBe('Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert.');
    expect(why.sentenceA.translation).toMatchObject({ docId: trNo.id, text: 'Mayor Ingrid Solbakken says that 1,200 residents are cut off.' });
    expect(why.confidence).toBeGreaterThan(0.5);
    expect(why.rankAB).toBe(1);
    // Every link of the alignment when none is named; a parallel alignment has none to give.
    expect((await api.explainLinks(view.id)).length).toBe(view.links.length);
    const parallel = (await api.listAlignments()).find((a) => a.mode === 'parallel')!;
    await expect(api.explainLinks(parallel.id)).rejects.toThrow(/comparable paragraph links/);
    db.close();
  });
});

describe('story map', () => {
  it('gives the articles as columns of paragraph blocks, links with their status, clusters and facts in colour', async () => {
    const { db, api } = project();
    const ids = await importBridge(api);
    await api.alignStory({ collection: STORY });
    const [no, sv] = ids;
    const view = (await api.getAlignment(no, sv, 'paragraph'))!;
    await api.editLinks(view.id, { op: 'confirm', linkIds: [view.links[0].id] });
    await api.addMention({ newFact: { label: '1,200 residents cut off' }, docId: no, paragraph: 1 });
    const map = await api.storyMap({ collection: STORY });
    expect(map.articles.map((a) => a.docId)).toEqual(ids);
    expect(map.articles[0].paragraphs).toHaveLength(4);
    expect(map.articles[0].translationDoc).not.toBeNull();
    expect(map.articles[2].translationDoc).toBeNull();
    expect(map.links.find((l) => l.linkId === view.links[0].id)?.status).toBe('confirmed');
    expect(map.links.some((l) => l.status === 'suggested')).toBe(true);
    expect(map.clusters.length).toBeGreaterThan(0);
    for (const c of map.clusters) {
      expect(c.colour).toMatch(/^#[0-9A-F]{6}$/i);
      expect(new Set(c.members.map((m) => m.docId)).size).toBe(c.members.length);
    }
    const mayor = map.clusters.find((c) => c.members.some((m) => m.docId === no && m.paragraph === 1))!;
    expect(mayor.members.length).toBeGreaterThanOrEqual(3);
    expect(map.articles[0].paragraphs[1].cluster).toBe(mayor.id);
    expect(map.facts).toHaveLength(1);
    expect(map.articles[0].paragraphs[1].facts).toEqual([map.facts[0].factId]);
    expect(map.notes.join(' ')).toMatch(/no English translation/);
    await expect(api.storyMap({ collection: 'nope' })).rejects.toThrow(/No story "nope"/);
    db.close();
  });
});

describe('fact suggestions', () => {
  it('come with the sentence that reports the fact, in the original and in English, and accepting tags that sentence', async () => {
    const { db, api } = project();
    const [no, sv, , en] = await importBridge(api);
    const text = (await api.getDocument(no)).paragraphList[1].text;
    const quote = 'Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert.';
    const fact = await api.addMention({ newFact: { label: '1,200 cut off' }, docId: no, paragraph: 1, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    const suggestions = await api.suggestMentions(fact.id, 5);
    expect(suggestions.every((s) => s.docId !== no)).toBe(true);
    const fromSv = suggestions.find((s) => s.docId === sv && s.paragraph === 1)!;
    expect(fromSv.sentence.text).toBe('Enligt kommunalrådet Solbakken är 1 200 personer avskurna.');
    expect(fromSv.sentence.translation?.text).toBe('According to municipal leader Solbakken, 1,200 people are cut off.');
    expect(fromSv.evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['Solbakken', '1200']));
    expect(fromSv.confidence).toBe(fromSv.score);
    const fromEn = suggestions.find((s) => s.docId === en && s.paragraph === 1)!;
    const accepted = await api.acceptSuggestion(fact.id, en, 1);
    const mention = accepted.mentions.find((m) => m.docId === en)!;
    expect(mention.quote).toBe(fromEn.sentence.text);
    expect([mention.start, mention.end]).toEqual([fromEn.sentence.start, fromEn.sentence.end]);
    await api.rejectSuggestion(fact.id, sv, 1);
    const after = await api.suggestMentions(fact.id, 5);
    expect(after.some((s) => (s.docId === sv && s.paragraph === 1) || (s.docId === en && s.paragraph === 1))).toBe(false);
    db.close();
  });
});

describe('fact suggestions read the fact\'s label and description', () => {
  it('so that renaming or describing a fact changes what is suggested', async () => {
    const { db, api } = project();
    const [no, sv, , en] = await importBridge(api);
    const text = (await api.getDocument(no)).paragraphList[1].text;
    const quote = 'Kommunen har satt krisestab.';
    const fact = await api.addMention({ newFact: { label: 'F1' }, docId: no, paragraph: 1, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    type List = Awaited<ReturnType<typeof api.suggestMentions>>;
    const why = (list: List, doc: number) => (list.find((s) => s.docId === doc && s.paragraph === 1)?.evidence ?? []).map((e) => e.label);
    const before = await api.suggestMentions(fact.id, 10);
    expect(why(before, en)).not.toContain('collapsed');
    await api.updateFact(fact.id, { description: 'Residents are cut off since the bridge collapsed.' });
    const after = await api.suggestMentions(fact.id, 10);
    // The English report says the bridge collapsed; the mention's paragraph does not.
    expect(why(after, en)).toContain('collapsed');
    // The two reports of residents cut off come first.
    expect(after.slice(0, 2).map((s) => `${s.docId}:${s.paragraph}`).sort()).toEqual([`${sv}:1`, `${en}:1`].sort());
    db.close();
  });
});

describe('semantic similarity through an OpenAI-compatible embeddings server', () => {
  let fake: FakeEmbeddings;
  beforeAll(async () => {
    fake = await startFakeEmbeddings({ models: ['nomic-embed-text'] });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('is configured like DeepL, combined with the lexical score, and cached so a second run sends nothing', async () => {
    const { db, api } = project();
    await importBridge(api);
    expect((await api.similarityStatus()).configured).toBe(false);
    const lexical = await api.alignStory({ collection: STORY });
    expect(lexical.semantic).toBeNull();
    const pairId = (await api.listAlignments()).find((a) => a.mode === 'comparable')!.id;
    const lexicalWhy = await api.explainLinks(pairId);
    // Every candidate of the pair, with its confidence (the control turned to show them all).
    const everyCandidate = async () => (await api.setCandidateControl(pairId, { minConfidence: 0, perParagraph: 50 })).links.map((l) => ({ key: `${l.a.join()}|${l.b.join()}`, confidence: l.confidence }));
    const lexicalAll = await everyCandidate();
    await api.setCandidateControl(pairId, {});
    const status = await api.setSimilarityConfig({ url: fake.url.replace(/\/v1$/, ''), model: 'nomic-embed-text' });
    expect(status).toMatchObject({ configured: true, url: fake.url, model: 'nomic-embed-text', from: 'project', cachedVectors: 0 });
    expect((await api.similarityStatus(true)).error).toBeNull();
    const before = fake.texts().length;
    const first = await api.alignStory({ collection: STORY });
    // 13 paragraphs, and the two sentences of the one paragraph that has two (as translated).
    expect(first.semantic).toMatchObject({ fetched: 15, vectors: 15 });
    const sent = fake.texts().slice(before);
    expect(sent).toHaveLength(15);
    expect(sent).toEqual(expect.arrayContaining(['Mayor Ingrid Solbakken says that 1,200 residents are cut off.', 'The municipality has set up a crisis team.']));
    const why = await api.explainLinks(pairId);
    expect(why.some((w) => w.evidence.some((e) => e.kind === 'semantic' && /^semantic similarity -?\d\.\d\d$/.test(e.label)))).toBe(true);
    // The semantic score is combined with the lexical one: the lexical links stay, and candidates
    // change confidence.
    for (const l of lexicalWhy) expect(why.some((x) => x.a.join() === l.a.join() && x.b.join() === l.b.join())).toBe(true);
    const semanticAll = await everyCandidate();
    await api.setCandidateControl(pairId, {});
    const moved = lexicalAll.filter((l) => {
      const w = semanticAll.find((x) => x.key === l.key);
      return w && Math.abs(w.confidence - l.confidence) > 0.001;
    });
    expect(moved.length).toBeGreaterThan(0);
    const requests = fake.requests.length;
    const second = await api.alignStory({ collection: STORY });
    expect(second.semantic).toMatchObject({ fetched: 0, vectors: 15 });
    expect(fake.requests.length).toBe(requests);
    expect((await api.similarityStatus()).cachedVectors).toBe(15);
    // Off for one run, and never required.
    const off = await api.alignStory({ collection: STORY }, { semantic: false });
    expect(off.semantic).toBeNull();
    // A key can only be kept where the app has secret storage.
    await expect(api.setSimilarityConfig({ key: 'sk-test' })).rejects.toThrow(/TANDEM_EMBEDDINGS_KEY/);
    db.close();
  });

  it('compares a fact quoted in one sentence by that sentence, not by its whole paragraph', async () => {
    const { db, api } = project();
    const [no, , , en] = await importBridge(api);
    await api.setSimilarityConfig({ url: fake.url, model: 'nomic-embed-text' });
    await api.alignStory({ collection: STORY });
    const requests = fake.requests.length;
    const text = (await api.getDocument(no)).paragraphList[1].text;
    const quote = 'Kommunen har satt krisestab.';
    const fact = await api.addMention({ newFact: { label: 'crisis team' }, docId: no, paragraph: 1, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    const suggestions = await api.suggestMentions(fact.id, 10);
    // Suggestions read the story's cached vectors: only the fact's label is sent.
    expect(fake.requests.slice(requests).flatMap((r) => r.input)).toEqual(['crisis team']);
    const target = 'A ferry from Tromsø now carries residents of Kvernvik across the river.';
    const fromEn = suggestions.find((s) => s.docId === en && s.paragraph === 0)!;
    // The query is the mention's vector plus the label's (both of length 1).
    const cosine = (x: number[], y: number[]) => {
      const q = x.map((v, i) => v + fakeVector('crisis team')[i]);
      return q.reduce((t, v, i) => t + v * y[i], 0) / Math.sqrt(q.reduce((t, v) => t + v * v, 0));
    };
    const bySentence = cosine(fakeVector('The municipality has set up a crisis team.'), fakeVector(target));
    const byParagraph = cosine(fakeVector('Mayor Ingrid Solbakken says that 1,200 residents are cut off. The municipality has set up a crisis team.'), fakeVector(target));
    expect(bySentence.toFixed(2)).not.toBe(byParagraph.toFixed(2));
    expect(fromEn.evidence.find((e) => e.kind === 'semantic')?.label).toBe(`semantic similarity ${bySentence.toFixed(2)}`);
    db.close();
  });

  it('finds, without any model configured, a mention reported in other words, by the meaning of the shipped English word vectors', async () => {
    const { db, api } = project();
    const ids: number[] = [];
    const articles = [
      { lang: 'sv', lines: ['Färjan sjönk i en storm utanför kusten i natt.', 'Priset på bröd steg igen i mars.', 'Skolan anställde nya lärare.'], en: ['The ferry sank in a storm off the coast last night.', 'The price of bread rose again in March.', 'The school hired new teachers.'] },
      { lang: 'en', lines: ['Pupils returned to their classrooms on Monday.', 'A passenger vessel went down in rough seas near the shore.', 'Bakers blame costlier wheat for dearer loaves.'] },
    ];
    for (const a of articles) {
      const r = await api.importArticles([{ name: `sea-${a.lang}.txt`, base64: b64(a.lines.join('\n')) }], { collection: 'Sea', lang: a.lang, paragraphs: 'line' });
      ids.push(r.files[0].docId!);
      if (a.en) expect((await api.importTranslation(ids.at(-1)!, { name: `sea-${a.lang}.en.txt`, base64: b64(a.en.join('\n')) }, { lang: 'en', provider: 'deepl' })).status).toBe('imported');
    }
    await api.alignStory({ collection: 'Sea' });
    // The report of the sinking shares no word with its English counterpart.
    const fact = await api.addMention({ newFact: { label: 'ferry sank' }, docId: ids[0], paragraph: 0 });
    const suggestions = await api.suggestMentions(fact.id, 3);
    expect(suggestions[0]).toMatchObject({ docId: ids[1], paragraph: 1 });
    expect(suggestions[0].evidence.some((e) => e.kind === 'semantic')).toBe(true);
    // Named after the bread, the same mention finds the loaves.
    await api.updateFact(fact.id, { label: 'bread became more expensive' });
    expect((await api.suggestMentions(fact.id, 3))[0]).toMatchObject({ docId: ids[1], paragraph: 2 });
    db.close();
  });

  it('reads the fact\'s label by the model\'s vector too, fetched once and cached', async () => {
    const { db, api } = project();
    const [no, , , en] = await importBridge(api);
    await api.setSimilarityConfig({ url: fake.url, model: 'nomic-embed-text' });
    await api.alignStory({ collection: STORY });
    const fact = await api.addMention({ newFact: { label: 'crisis team' }, docId: no, paragraph: 1 });
    const before = fake.requests.length;
    const suggestions = await api.suggestMentions(fact.id, 10);
    // The label was sent, alone; asking again sends nothing.
    expect(fake.requests.slice(before).map((r) => r.input)).toEqual([['crisis team']]);
    await api.suggestMentions(fact.id, 10);
    expect(fake.requests.length).toBe(before + 1);
    // The mention's vector and the label's count alike.
    const mention = 'Mayor Ingrid Solbakken says that 1,200 residents are cut off. The municipality has set up a crisis team.';
    const targetEn = 'A ferry from Tromsø now carries residents of Kvernvik across the river.';
    const q = fakeVector(mention).map((x, i) => x + fakeVector('crisis team')[i]);
    const t = fakeVector(targetEn);
    const cos = q.reduce((s, x, i) => s + x * t[i], 0) / Math.sqrt(q.reduce((s, x) => s + x * x, 0));
    const fromEn = suggestions.find((x) => x.docId === en && x.paragraph === 0)!;
    expect(fromEn.evidence.find((e) => e.kind === 'semantic')?.label).toBe(`semantic similarity ${cos.toFixed(2)}`);
    expect(cos.toFixed(2)).not.toBe(fakeVector(mention).reduce((s, x, i) => s + x * t[i], 0).toFixed(2));
    db.close();
  });

  it('keeps what the annotator did while the job was waiting for the server', async () => {
    let api!: ReturnType<typeof createWorkbench>;
    let edited = false;
    let target: { alignmentId: number; confirm: number; reject: number } | null = null;
    const db = openProject(':memory:', { create: true });
    api = createWorkbench(db, {
      name: 's',
      annotator: 'kari',
      emit: (e) => {
        if (target && !edited && e.type === 'job' && e.job.message?.startsWith('semantic vectors')) {
          edited = true;
          void api.editLinks(target.alignmentId, { op: 'confirm', linkIds: [target.confirm] });
          void api.editLinks(target.alignmentId, { op: 'reject', linkIds: [target.reject] });
        }
      },
    });
    const [no, , , en] = await importBridge(api);
    await api.alignStory({ collection: STORY });
    const view = (await api.getAlignment(no, en, 'paragraph'))!;
    target = { alignmentId: view.id, confirm: view.links[0].id, reject: view.links[1].id };
    await api.setSimilarityConfig({ url: fake.url, model: 'nomic-embed-text' });
    await api.alignStory({ collection: STORY });
    expect(edited).toBe(true);
    const after = (await api.getAlignment(no, en, 'paragraph'))!;
    expect(after.links.find((l) => l.id === target!.confirm)?.status).toBe('confirmed');
    expect(after.links.find((l) => l.id === target!.reject)?.status).toBe('rejected');
    const at = (id: number) => view.links.find((l) => l.id === id)!;
    for (const id of [target.confirm, target.reject]) expect(after.links.filter((l) => l.a.join() === at(id).a.join() && l.b.join() === at(id).b.join())).toHaveLength(1);
    db.close();
  });

  it('reports an unreachable server, a wrong key and an unknown model clearly, and writes nothing then', async () => {
    const { db, api } = project();
    await importBridge(api);
    await api.setSimilarityConfig({ url: fake.url, model: 'no-such-model' });
    await expect(api.alignStory({ collection: STORY })).rejects.toThrow(/does not know this model.*turn semantic similarity off/);
    expect(await linkCount(api)).toBe(0);
    const keyed = await startFakeEmbeddings({ requireKey: 'right' });
    const withKey = project(undefined, { similarity: { url: keyed.url, model: 'm', apiKey: () => 'wrong' } });
    await importBridge(withKey.api);
    await expect(withKey.api.alignStory({ collection: STORY })).rejects.toThrow(/refused the key/);
    await keyed.close();
    await api.setSimilarityConfig({ url: 'http://127.0.0.1:9/v1', model: 'm' });
    const status = await api.similarityStatus(true);
    expect(status.error).toMatch(/cannot reach the embeddings server/);
    await api.setSimilarityConfig({ url: null, model: null });
    expect((await api.similarityStatus()).configured).toBe(false);
    expect((await api.alignStory({ collection: STORY })).links).toBeGreaterThan(0);
    withKey.db.close();
    db.close();
  });

  it('is reachable over HTTP, the transport the browser UI uses', async () => {
    const t = tempDir();
    const { db, api } = project();
    await importBridge(api);
    const server = await startServer({ api, root: t.dir });
    const call = async (method: string, ...args: unknown[]) => {
      const r = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': server.token }, body: JSON.stringify(args) });
      return (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    };
    expect(await call('setSimilarityConfig', { url: fake.url, model: 'nomic-embed-text' })).toMatchObject({ ok: true, value: { configured: true } });
    const summary = await call('alignStory', { collection: STORY });
    expect(summary).toMatchObject({ ok: true, value: { semantic: { vectors: 15 } } });
    expect(await call('storyMap', { collection: STORY })).toMatchObject({ ok: true });
    expect(await call('cancelJob', 12345)).toMatchObject({ ok: true, value: false });
    await server.close();
    db.close();
    t.cleanup();
  });
});
