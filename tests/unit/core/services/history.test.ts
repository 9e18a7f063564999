import { afterEach, describe, expect, it } from 'vitest';
import { TandemError } from '../../../../common/errors';
import type { LinkOperation, SegmentationOperation, WorkbenchApi } from '../../../../common/api';
import type { AlignmentView, ParagraphStatus } from '../../../../common/types';
import type { Db } from '../../../../db/open';
import { createWorkbench } from '../../../../core/services/workbench';
import { b64, memoryProject } from '../../../support/project';
import { dumpTables } from '../../../support/tables';
import { rng } from '../../../support/random';

// Three short articles written for these tests: a Norwegian report, its
// English translation (paragraph 3 split in two) and a Swedish report of the
// same event.
const NB = [
  'Brannen i sentrum',
  'En stor brann brøt ut i en bygård i sentrum natt til lørdag. Røyken var synlig over hele byen.',
  'Brannvesenet rykket ut med seks biler. Mannskapene jobbet i fem timer før brannen var slukket.',
  'Tolv beboere ble evakuert, og to ble sendt til sykehus med røykskader.',
  'Politiet vet ennå ikke hva som startet brannen.',
  'Bygården var over hundre år gammel og skal nå rives.',
].join('\n');
const EN = [
  'The fire in the city centre',
  'A large fire broke out in an apartment building in the centre on Saturday night. The smoke was visible across the city.',
  'The fire service responded with six engines.',
  'Crews worked for five hours before the fire was out.',
  'Twelve residents were evacuated, and two were taken to hospital with smoke injuries.',
  'The police do not yet know what started the fire.',
  'The building was more than a hundred years old and will now be demolished.',
].join('\n');
const SV = [
  'Storbrand i centrum',
  'En kraftig brand utbröt i ett flerfamiljshus i centrum under natten till lördagen.',
  'Tolv boende evakuerades. Två personer fördes till sjukhus.',
  'Räddningstjänsten arbetade i fem timmar med släckningen.',
  'Huset var över hundra år gammalt.',
].join('\n');

interface Fixture {
  db: Db;
  api: WorkbenchApi;
  nb: number;
  en: number;
  sv: number;
}

async function fixture(): Promise<Fixture> {
  const db = memoryProject();
  const api = createWorkbench(db, { name: 'h.tandem', annotator: 'kari' });
  const r = await api.importArticles([{ name: 'brann.txt', base64: b64(NB) }, { name: 'brand.txt', base64: b64(SV) }], { collection: 'fire', lang: undefined });
  const [nb, sv] = r.files.map((f) => f.docId!);
  const tr = await api.importTranslation(nb, { name: 'fire.en.txt', base64: b64(EN) }, { lang: 'en', provider: 'human' });
  return { db, api, nb, en: tr.docId!, sv };
}

let open: Db[] = [];
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

describe('undo and redo keep what depends on a changed row', () => {
  it('a renamed fact keeps its mentions through undo and redo', async () => {
    const { db, api, nb } = await fixture();
    open.push(db);
    const fact = await api.createFact({ label: 'Fire broke out' });
    await api.addMention({ factId: fact.id, docId: nb, paragraph: 1, start: 0, end: 20 });
    await api.addMention({ factId: fact.id, docId: nb, paragraph: 2, start: 0, end: 12 });
    await api.rejectSuggestion(fact.id, nb, 4);
    await api.updateFact(fact.id, { label: 'A large fire broke out' });
    const mentions = () => (db.prepare('SELECT count(*) FROM mentions WHERE fact_id = ?').pluck().get(fact.id) as number);
    const rejections = () => (db.prepare('SELECT count(*) FROM suggestion_rejections WHERE fact_id = ?').pluck().get(fact.id) as number);
    await api.undo();
    expect((await api.listFacts())[0].label).toBe('Fire broke out');
    expect(mentions()).toBe(2);
    expect(rejections()).toBe(1);
    await api.redo();
    expect((await api.listFacts())[0].label).toBe('A large fire broke out');
    expect(mentions()).toBe(2);
    expect(rejections()).toBe(1);
  });

  it('undoing the deletion or a merge of a fact brings back its rejected suggestions too', async () => {
    const { db, api, nb } = await fixture();
    open.push(db);
    const a = await api.createFact({ label: 'Fire' });
    const b = await api.createFact({ label: 'Evacuation' });
    await api.addMention({ factId: b.id, docId: nb, paragraph: 3 });
    await api.rejectSuggestion(b.id, nb, 4);
    const before = dumpTables(db);
    await api.mergeFacts(a.id, b.id);
    await api.undo();
    expect(dumpTables(db)).toEqual(before);
    await api.deleteFact(b.id);
    await api.undo();
    expect(dumpTables(db)).toEqual(before);
  });

  it('rejecting a suggestion twice and undoing once keeps the first rejection', async () => {
    const { db, api, nb } = await fixture();
    open.push(db);
    const a = await api.createFact({ label: 'Fire' });
    await api.rejectSuggestion(a.id, nb, 2);
    const before = dumpTables(db);
    await api.rejectSuggestion(a.id, nb, 2);
    await api.undo();
    expect(dumpTables(db)).toEqual(before);
  });
});

type Op = { name: string; run: () => Promise<unknown> };

/**
 * Random operations of every kind the annotator can undo. Each one is built
 * from the current state; one that the service refuses (a merge at the last
 * link, a mention in an unaligned paragraph) is skipped, as the user would
 * see an error and nothing would be recorded.
 */
function operations(f: Fixture, random: () => number): { generators: Array<() => Promise<Op> | Op>; pick: <T>(xs: T[]) => T } {
  const { api, db } = f;
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (n: number) => Math.floor(random() * n);
  const docs = [f.nb, f.en, f.sv];
  const paragraphsOf = (doc: number) => db.prepare('SELECT count(*) FROM paragraphs WHERE doc_id = ?').pluck().get(doc) as number;
  const alignments = async (): Promise<AlignmentView[]> => {
    const list = await api.listAlignments();
    const docsById = new Map(list.map((a) => [a.id, a]));
    return Promise.all([...docsById.values()].map(async (a) => (await api.getAlignment(a.docA, a.docB, a.level))!));
  };
  const facts = () => db.prepare('SELECT id FROM facts').pluck().all() as number[];
  const mentionsOf = (fact: number) => db.prepare('SELECT id FROM mentions WHERE fact_id = ?').pluck().all(fact) as number[];
  const subset = (n: number, max: number) => {
    const k = 1 + int(max);
    return [...new Set(Array.from({ length: k }, () => int(n)))];
  };
  const labels = ['Fire', 'Evacuation', 'Six engines', 'Hospital', 'Cause unknown', 'Demolition', 'Smoke over the city'];
  const storyNames = ['fire', 'Bergen', 'Bryggen fire', 'Other news'];

  const linkOp = async (only?: LinkOperation['op']): Promise<Op> => {
    const view = pick(await alignments());
    const link = view.links.length ? pick(view.links) : undefined;
    const counts = view.level === 'paragraph'
      ? { a: paragraphsOf(view.docA), b: paragraphsOf(view.docB) }
      : { a: (db.prepare('SELECT sentence_count FROM documents WHERE id = ?').pluck().get(view.docA) as number), b: (db.prepare('SELECT sentence_count FROM documents WHERE id = ?').pluck().get(view.docB) as number) };
    const kinds: LinkOperation['op'][] = ['confirm', 'reject', 'reset', 'merge', 'split', 'move-boundary', 'link', 'unlink'];
    const kind = only ?? pick(kinds);
    let op: LinkOperation;
    if (kind === 'link' || !link) op = { op: 'link', a: subset(counts.a, 2), b: random() < 0.15 ? [] : subset(counts.b, 2) };
    else if (kind === 'confirm' || kind === 'reject' || kind === 'reset') op = { op: kind, linkIds: [link.id, ...(random() < 0.3 ? [pick(view.links).id] : [])] };
    else if (kind === 'move-boundary') op = { op: kind, linkId: link.id, side: pick(['a', 'b'] as const), direction: pick(['up', 'down'] as const) };
    else op = { op: kind, linkId: link.id } as LinkOperation;
    return { name: `editLinks ${view.id} ${JSON.stringify(op)}`, run: () => api.editLinks(view.id, op) };
  };

  const segmentation = (only?: SegmentationOperation['op']) => {
    const doc = pick(docs);
    const row = db.prepare('SELECT idx, text, sentences FROM paragraphs WHERE doc_id = ? ORDER BY idx LIMIT 1 OFFSET ?').get(doc, int(paragraphsOf(doc))) as { idx: number; text: string; sentences: string };
    const spaces = [...row.text.matchAll(/ /g)].map((m) => m.index! + 1);
    const at = spaces.length ? pick(spaces) : 1;
    const sentences = db.prepare('SELECT sentence_count FROM documents WHERE id = ?').pluck().get(doc) as number;
    const ops: SegmentationOperation[] = [
      { op: 'split-paragraph', paragraph: row.idx, at, translations: random() < 0.7 },
      { op: 'merge-paragraphs', paragraph: row.idx, translations: random() < 0.7 },
      { op: 'split-sentence', paragraph: row.idx, at },
      { op: 'merge-sentences', sentence: int(sentences) },
    ];
    const op = only ? ops.find((o) => o.op === only)! : pick(ops);
    return { name: `editSegmentation:${op.op} ${doc} ${JSON.stringify(op)}`, run: () => api.editSegmentation(doc, op) };
  };

  const generators: Array<() => Promise<Op> | Op> = [
    ...(['confirm', 'reject', 'reset', 'merge', 'split', 'move-boundary', 'link', 'unlink'] as const).map((k) => () => linkOp(k)),
    async () => {
      const view = pick(await alignments());
      return { name: `realign ${view.id}`, run: () => api.realign(view.id) };
    },
    () => {
      const [a, b] = pick([[f.nb, f.en], [f.nb, f.sv], [f.en, f.sv]]);
      const level = pick(['paragraph', 'sentence'] as const);
      return { name: `align ${a} ${b} ${level}`, run: () => api.align(a, b, { level }) };
    },
    () => ({ name: 'createFact', run: () => api.createFact({ label: pick(labels), type: pick(['event', 'claim', 'entity'] as const) }) }),
    () => {
      const id = pick(facts());
      const patch = pick([{ label: pick(labels) }, { description: `note ${int(100)}` }, { type: 'quantity' as const }, { roles: { who: pick(['police', 'residents']) } }]);
      return { name: `updateFact ${id} ${JSON.stringify(patch)}`, run: () => api.updateFact(id, patch) };
    },
    () => {
      const id = pick(facts());
      return { name: `deleteFact ${id}`, run: () => api.deleteFact(id) };
    },
    () => {
      const keep = pick(facts());
      const drop = pick(facts());
      return { name: `mergeFacts ${keep} ${drop}`, run: () => api.mergeFacts(keep, drop) };
    },
    () => {
      const id = pick(facts());
      const ms = mentionsOf(id ?? -1);
      const chosen = ms.filter(() => random() < 0.5);
      return { name: `splitFact ${id} ${chosen}`, run: () => api.splitFact(id, chosen, pick(labels)) };
    },
    () => {
      const doc = pick(docs);
      const paragraph = int(paragraphsOf(doc));
      const existing = facts();
      const input = existing.length && random() < 0.7 ? { factId: pick(existing) } : { newFact: { label: pick(labels) } };
      const span = random() < 0.5 ? { start: 0, end: 5 + int(10) } : {};
      return { name: `addMention ${JSON.stringify({ ...input, doc, paragraph, ...span })}`, run: () => api.addMention({ ...input, docId: doc, paragraph, ...span }) };
    },
    () => {
      const all = db.prepare('SELECT id FROM mentions').pluck().all() as number[];
      const id = pick(all);
      return { name: `removeMention ${id}`, run: () => api.removeMention(id) };
    },
    () => {
      const fact = pick(facts());
      const doc = pick([f.nb, f.sv]);
      const paragraph = int(paragraphsOf(doc));
      return { name: `acceptSuggestion ${fact} ${doc} ${paragraph}`, run: () => api.acceptSuggestion(fact, doc, paragraph) };
    },
    () => {
      const fact = pick(facts());
      const doc = pick(docs);
      const paragraph = int(paragraphsOf(doc));
      return { name: `rejectSuggestion ${fact} ${doc} ${paragraph}`, run: () => api.rejectSuggestion(fact, doc, paragraph) };
    },
    () => {
      const doc = pick(docs);
      const row = db.prepare('SELECT id, text FROM paragraphs WHERE doc_id = ? ORDER BY idx LIMIT 1 OFFSET ?').get(doc, int(paragraphsOf(doc))) as { id: number; text: string };
      const text = random() < 0.2 ? null : `${row.text} (edited ${int(1000)})`;
      const status = pick(['initial', 'translated', 'reviewed', 'final'] as ParagraphStatus[]);
      return { name: `saveParagraphEdit ${row.id} ${status}`, run: () => api.saveParagraphEdit(row.id, text, status) };
    },
    () => {
      const doc = pick(docs);
      const lang = pick(['nb', 'nn', 'en', 'sv', 'da']);
      return { name: `setLanguage ${doc} ${lang}`, run: () => api.setLanguage(doc, lang) };
    },
    () => {
      const doc = pick(docs);
      const title = `${pick(labels)} (${int(100)})`;
      return { name: `setTitle ${doc} ${title}`, run: () => api.setTitle(doc, title) };
    },
    ...(['split-paragraph', 'merge-paragraphs', 'split-sentence', 'merge-sentences'] as const).map((k) => () => segmentation(k)),
    () => ({ name: 'alignStory fire', run: () => api.alignStory({ collection: 'fire' }, random() < 0.5 ? { control: { minConfidence: Math.round(random() * 50) / 100 } } : {}) }),
    async () => {
      const comparable = (await api.listAlignments()).filter((a) => a.mode === 'comparable' && a.level === 'paragraph');
      const a = pick(comparable);
      const control = { minConfidence: Math.round(random() * 60) / 100, perParagraph: 1 + int(3) };
      return { name: `setCandidateControl ${a?.id} ${JSON.stringify(control)}`, run: () => api.setCandidateControl(a?.id ?? -1, control) };
    },
    // Stories: made, renamed (sometimes into another, joining them), deleted, and articles moved between them.
    () => {
      const name = pick(storyNames);
      return { name: `createStory ${name}`, run: () => api.createStory(name) };
    },
    async () => {
      const stories = await api.listStories();
      const from = pick(stories)?.name ?? 'none';
      const to = pick(storyNames);
      return { name: `renameStory ${from} ${to}`, run: () => api.renameStory(from, to, { merge: random() < 0.5 }) };
    },
    async () => {
      const from = pick(await api.listStories())?.name ?? 'none';
      return { name: `deleteStory ${from}`, run: () => api.deleteStory(from) };
    },
    async () => {
      const doc = pick(docs);
      const stories = (await api.listStories()).map((x) => x.name);
      const to = random() < 0.2 ? null : pick([...stories, ...storyNames]);
      return { name: `moveToStory ${doc} ${to}`, run: () => api.moveToStory([doc], to) };
    },
  ];
  return { generators, pick };
}

async function randomSession(seed: number, count: number): Promise<void> {
  const f = await fixture();
  open.push(f.db);
  // Something to work on: the translation pair at both levels, a comparable pair, a fact with mentions.
  await f.api.align(f.nb, f.en, { level: 'paragraph' });
  await f.api.align(f.nb, f.sv, { level: 'paragraph' });
  const fact = await f.api.createFact({ label: 'Fire' });
  await f.api.addMention({ factId: fact.id, docId: f.nb, paragraph: 1 });
  const start = dumpTables(f.db);
  const random = rng(seed);
  const { generators, pick } = operations(f, random);
  const done: string[] = [];
  let attempts = 0;
  const recorded = () => f.db.prepare('SELECT count(*) FROM operations WHERE undone = 0').pluck().get() as number;
  const initialOps = recorded();
  // Each kind of operation first (until it is made once; one that cannot be made yet, such as a
  // merge of facts when there is one fact, waits its turn again), then any kind at random.
  const warmup = generators.map((g) => ({ g, rounds: 0 }));
  let warmupTries = 0;
  while (done.length < count) {
    if (++attempts > count * 20) throw new Error(`only ${done.length} of ${count} operations could be made (seed ${seed})`);
    const generator = warmup.length ? warmup[0].g : pick(generators);
    const op = await generator();
    if (warmup.length && ++warmupTries > 20) {
      const [w] = warmup.splice(0, 1);
      if (++w.rounds > 3) throw new Error(`seed ${seed}: ${op.name.split(' ')[0]} could not be made`);
      warmup.push(w);
      warmupTries = 0;
    }
    const before = recorded();
    try {
      await op.run();
    } catch (err) {
      // A refusal with a reason is fine and records nothing; anything else is a defect.
      if (!(err instanceof TandemError) || err.kind === 'internal') throw new Error(`seed ${seed}, step ${done.length}: ${op.name} failed: ${(err as Error).message}`);
      expect(recorded(), `a refused ${op.name} recorded nothing`).toBe(before);
      continue;
    }
    if (recorded() > before) {
      done.push(op.name);
      if (warmup.length && warmup[0].g === generator) {
        warmup.shift();
        warmupTries = 0;
      }
    }
  }
  // Every kind of operation took part (names start with the API method; link edits with their op).
  const kinds = new Set(done.map((n) => (n.startsWith('editLinks') ? `editLinks:${JSON.parse(n.slice(n.indexOf('{'))).op}` : n.split(' ')[0])));
  if (count >= 200) {
    for (const k of ['confirm', 'reject', 'reset', 'merge', 'split', 'move-boundary', 'link', 'unlink']) expect(kinds, `seed ${seed} made a ${k}`).toContain(`editLinks:${k}`);
    for (const k of [
      'realign', 'align', 'createFact', 'updateFact', 'deleteFact', 'mergeFacts', 'splitFact', 'addMention', 'removeMention', 'acceptSuggestion', 'rejectSuggestion', 'saveParagraphEdit',
      'setLanguage', 'setTitle', 'alignStory', 'setCandidateControl', 'editSegmentation:split-paragraph', 'editSegmentation:merge-paragraphs', 'editSegmentation:split-sentence', 'editSegmentation:merge-sentences',
      'createStory', 'renameStory', 'deleteStory', 'moveToStory',
    ]) {
      expect(kinds, `seed ${seed} made a ${k}`).toContain(k);
    }
  }
  const final = dumpTables(f.db);
  expect(final).not.toEqual(start);
  expect(recorded()).toBe(initialOps + done.length);
  for (let i = done.length - 1; i >= 0; i--) {
    const r = await f.api.undo();
    expect(r.done, `undo of ${done[i]}`).toBe(true);
  }
  const back = dumpTables(f.db);
  if (process.env.TANDEM_HISTORY_DEBUG) {
    for (const t of Object.keys(start)) {
      const a = JSON.stringify(start[t]);
      const b = JSON.stringify(back[t]);
      if (a !== b) console.log(t, '\nstart', a.slice(0, 3000), '\nback ', b.slice(0, 3000));
    }
    console.log(done.join('\n'));
  }
  expect(back, `undo all (seed ${seed}) gives back the starting state`).toEqual(start);
  let redone = 0;
  while ((await f.api.redo()).done) redone++;
  expect(redone).toBe(done.length);
  const again = dumpTables(f.db);
  if (process.env.TANDEM_HISTORY_DEBUG) {
    for (const t of Object.keys(final)) {
      const a = JSON.stringify(final[t]);
      const b = JSON.stringify(again[t]);
      if (a !== b) console.log(t, '\nfinal', a.slice(0, 3000), '\nagain', b.slice(0, 3000));
    }
  }
  expect(again, `redo all (seed ${seed}) gives the final state`).toEqual(final);
}

describe('undo all and redo all after random operations', () => {
  const count = Number(process.env.TANDEM_HISTORY_OPS ?? 200);
  const seeds = (process.env.TANDEM_HISTORY_SEEDS ?? '1,2,3').split(',').map(Number);
  for (const seed of seeds) {
    it(`gives back every table exactly (${count} operations, seed ${seed})`, async () => {
      await randomSession(seed, count);
    }, 120_000);
  }
});
