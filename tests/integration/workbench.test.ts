import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkDelta, LinkOperation, WorkbenchApi } from '../../common/api';
import type { AlignmentView } from '../../common/types';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { b64, tempDir } from '../support/project';


// A short text and its translation, composed for this test; paragraph 3 of the
// original is split in two in the translation.
const NB = [
  'Fergen gikk på grunn',
  'Fergen gikk på grunn ved Måløy torsdag kveld.',
  'Det blåste kraftig. Bølgene var flere meter høye, og mannskapet slo alarm kl. 21.40.',
  'Alle 48 passasjerer ble reddet.',
  'Havarikommisjonen undersøker ulykken.',
].join('\n');
const EN = [
  'The ferry ran aground',
  'The ferry ran aground near Måløy on Thursday evening.',
  'The wind was strong.',
  'The waves were several metres high, and the crew raised the alarm at 21.40.',
  'All 48 passengers were rescued.',
  'The accident board is investigating.',
].join('\n');

let dir: string;
let cleanup: () => void;
let file: string;
let db: Db;
let api: WorkbenchApi;
let nb: number;
let en: number;

function reopen(): void {
  db.close();
  db = openProject(file);
  api = createWorkbench(db, { name: 'w.tandem', annotator: 'kari' });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'w.tandem');
  db = openProject(file, { create: true });
  api = createWorkbench(db, { name: 'w.tandem', annotator: 'kari' });
  const report = await api.importArticles([{ name: 'ferge.txt', base64: b64(NB) }], { collection: 'ferry' });
  nb = report.files[0].docId!;
  const tr = await api.importTranslation(nb, { name: 'ferry.en.txt', base64: b64(EN) }, { lang: 'en', provider: 'human' });
  en = tr.docId!;
});
afterAll(() => {
  db.close();
  cleanup();
});

const pairs = (v: AlignmentView) => v.links.map((l) => `${l.a.join('+')}:${l.b.join('+')}`);

/** Applies deltas as the UI does: out go the removed ids (and any stale copy of an added one), in come the added links. */
function patch(view: AlignmentView, deltas: LinkDelta[]): AlignmentView {
  let links = view.links;
  for (const d of deltas) {
    if (d.alignmentId !== view.id) continue;
    const out = new Set([...d.removed, ...d.added.map((l) => l.id)]);
    links = [...links.filter((l) => !out.has(l.id)), ...d.added];
  }
  return { ...view, links };
}

const byId = (v: AlignmentView) => [...v.links].sort((x, y) => x.id - y.id);

/**
 * The stored alignment after deltas were applied to `before`; checks that the
 * deltas alone turn `before` into exactly what the server now holds.
 */
async function afterDeltas(before: AlignmentView, deltas: LinkDelta[]): Promise<AlignmentView> {
  const stored = (await api.getAlignment(before.docA, before.docB, before.level))!;
  expect(byId(patch(before, deltas))).toEqual(byId(stored));
  return stored;
}

/** One edit through the API; returns the alignment as stored afterwards. */
async function edit(before: AlignmentView, op: LinkOperation): Promise<AlignmentView> {
  const r = await api.editLinks(before.id, op);
  expect(r.delta.alignmentId).toBe(before.id);
  expect(r).toMatchObject({ canUndo: true, canRedo: false });
  return afterDeltas(before, [r.delta]);
}

describe('alignment editing through the WorkbenchApi', () => {
  it('aligns an imported translation on import, finding the 1-2 bead', async () => {
    const view = (await api.getAlignment(nb, en, 'paragraph'))!;
    expect(view.mode).toBe('parallel');
    expect(pairs(view)).toEqual(['0:0', '1:1', '2:2+3', '3:4', '4:5']);
  });

  it('confirms, rejects, splits, merges and links, each saved at once and undoable, across a restart', async () => {
    let view = (await api.getAlignment(nb, en, 'paragraph'))!;
    const id = view.id;
    const split = view.links.find((l) => l.b.length === 2)!;
    view = await edit(view, { op: 'split', linkId: split.id });
    expect(pairs(view)).toEqual(['0:0', '1:1', '2:2', ':3', '3:4', '4:5']);

    const second = view.links.find((l) => l.a[0] === 2)!;
    view = await edit(view, { op: 'move-boundary', linkId: second.id, side: 'b', direction: 'up' });
    expect(pairs(view)).toContain('2:2+3');

    const ids = view.links.map((l) => l.id);
    const confirmed = await api.editLinks(id, { op: 'confirm', linkIds: ids });
    // A status change keeps each link's id: the delta takes them out and puts them back changed.
    expect(new Set(confirmed.delta.removed)).toEqual(new Set(ids));
    expect(new Set(confirmed.delta.added.map((l) => l.id))).toEqual(new Set(ids));
    view = await afterDeltas(view, [confirmed.delta]);
    expect(view.links.every((l) => l.status === 'confirmed' && l.annotator === 'kari')).toBe(true);

    const first = view.links.find((l) => l.a[0] === 0)!;
    view = await edit(view, { op: 'merge', linkId: first.id });
    expect(pairs(view)[0]).toBe('0+1:0+1');

    view = await edit(view, { op: 'link', a: [4], b: [4] });
    expect(pairs(view)).toContain('4:4');
    expect(pairs(view)).not.toContain('3:4');

    reopen();
    // The operation log survives the restart: undo the link, then the merge.
    expect((await api.projectInfo()).canUndo).toBe(true);
    const u1 = await api.undo();
    expect(u1.description).toBe('link segments');
    expect(u1.deltas).toHaveLength(1);
    view = await afterDeltas(view, u1.deltas);
    expect(pairs(view)).toContain('3:4');
    const u2 = await api.undo();
    expect(u2).toMatchObject({ done: true, canUndo: true, canRedo: true });
    view = await afterDeltas(view, u2.deltas);
    expect(pairs(view).slice(0, 2)).toEqual(['0:0', '1:1']);

    const r = await api.redo();
    expect(r.description).toBe('merge links');
    view = await afterDeltas(view, r.deltas);
    expect(pairs(view)[0]).toBe('0+1:0+1');
    // Links restored by undo and redo keep their annotator, as a fresh read shows it.
    expect(view.links.find((l) => l.a[0] === 0)!.annotator).toBe('kari');
  });

  it('re-aligns between confirmed links and never changes them', async () => {
    const before = (await api.getAlignment(nb, en, 'paragraph'))!;
    const confirmed = before.links.filter((l) => l.status === 'confirmed').map((l) => `${l.id}:${pairs({ ...before, links: [l] })[0]}`);
    const after = await api.realign(before.id);
    const still = after.links.filter((l) => l.status === 'confirmed').map((l) => `${l.id}:${pairs({ ...after, links: [l] })[0]}`);
    expect(still).toEqual(confirmed);

    // Undoing and redoing a re-align comes back as deltas too, and says that only links changed.
    const events: string[] = [];
    const watched = createWorkbench(db, { name: 'w.tandem', annotator: 'kari', emit: (e) => e.type === 'changed' && events.push(e.what) });
    const undone = await watched.undo();
    expect(undone.description).toMatch(/^align/);
    const reverted = await afterDeltas(after, undone.deltas);
    const redone = await watched.redo();
    expect(byId(await afterDeltas(reverted, redone.deltas))).toEqual(byId(after));
    expect(events).toEqual(['alignment', 'alignment']);
  });

  it('refuses operations that make no sense, with a clear message', async () => {
    const view = (await api.getAlignment(nb, en, 'paragraph'))!;
    await expect(api.editLinks(view.id, { op: 'link', a: [99], b: [0] })).rejects.toThrow(/not in the first document/);
    await expect(api.editLinks(view.id, { op: 'confirm', linkIds: [123456] })).rejects.toThrow(/not in alignment/);
    await expect(api.align(nb, nb, {})).rejects.toThrow(/two different documents/);
  });

  it('aligns sentences inside aligned paragraphs', async () => {
    const view = await api.align(nb, en, { level: 'sentence' });
    expect(view.level).toBe('sentence');
    // "Det blåste kraftig." ↔ "The wind was strong." (sentence 3 ↔ 3, 1-based)
    expect(pairs(view)).toContain('2:2');
    expect(view.links.length).toBeGreaterThanOrEqual(5);
  });
});

describe('post-editing', () => {
  it('stores the edit beside the raw text, which stays as it was, and undoes it', async () => {
    const doc = await api.getDocument(en);
    const p = doc.paragraphList[2];
    const saved = await api.saveParagraphEdit(p.id, 'The wind was very strong.', 'reviewed');
    expect(saved).toMatchObject({ text: 'The wind was strong.', edited: 'The wind was very strong.', status: 'reviewed' });
    expect((await api.undo()).deltas).toEqual([]);
    expect((await api.getDocument(en)).paragraphList[2]).toMatchObject({ edited: null, status: 'translated' });
    await expect(api.saveParagraphEdit(p.id, 'x', 'done' as never)).rejects.toThrow(/status/);
  });
});

describe('facts', () => {
  it('creates facts with mentions, maps a span chosen in a translation back to the original, and builds the grid', async () => {
    const fact = await api.addMention({ newFact: { label: '48 rescued', type: 'quantity' }, docId: nb, paragraph: 3, start: 5, end: 7 });
    expect(fact.mentions[0]).toMatchObject({ quote: '48', paragraph: 3, docId: nb, annotator: 'kari' });
    // Paragraph 5 of the translation is aligned with paragraph 4 of the original.
    const viaTranslation = await api.addMention({ factId: fact.id, docId: en, paragraph: 4, start: 0, end: 5 });
    // Kept where it was chosen, and carried back to the original paragraph as a whole.
    expect(viaTranslation.mentions.map((m) => [m.docId, m.paragraph, m.quote])).toEqual([
      [nb, 3, 'Alle 48 passasjerer ble reddet.'],
      [nb, 3, '48'],
      [en, 4, 'All 4'],
    ]);
    expect(viaTranslation.mentions.find((m) => m.docId === nb && m.quote.length > 2)!.origin).toBe('mt');
    const grid = await api.factGrid(1);
    expect(grid.rows[0]).toMatchObject({ label: '48 rescued', articles: 1 });
    await expect(api.addMention({ factId: fact.id, docId: nb, paragraph: 3, start: 5, end: 500 })).rejects.toThrow(/not inside/);
  });

  it('renames, merges, splits and deletes facts, all undoable', async () => {
    const a = await api.createFact({ label: 'storm', type: 'event' });
    const b = await api.addMention({ newFact: { label: 'strong wind' }, docId: nb, paragraph: 2, start: 0, end: 19 });
    await api.updateFact(a.id, { label: 'The storm' });
    const merged = await api.mergeFacts(a.id, b.id);
    expect(merged.label).toBe('The storm');
    expect(merged.mentions).toHaveLength(1);
    const split = await api.splitFact(a.id, [merged.mentions[0].id], 'Wind');
    expect(split.mentions).toHaveLength(1);
    await api.undo();
    expect((await api.listFacts()).find((f) => f.id === a.id)!.mentions).toHaveLength(1);
    await api.deleteFact(a.id);
    expect((await api.listFacts()).find((f) => f.id === a.id)).toBeUndefined();
    await api.undo();
    expect((await api.listFacts()).find((f) => f.id === a.id)!.label).toBe('The storm');
  });
});

describe('export through the API', () => {
  it('exports confirmed links as TMX by default, and all links on request', async () => {
    const confirmed = await api.exportAlignment({ format: 'tmx', pair: [nb, en] });
    expect(confirmed.units).toBeGreaterThan(0);
    expect(confirmed.content).toContain('<tuv xml:lang="nb">');
    const all = await api.exportAlignment({ format: 'tsv', pair: [nb, en], status: 'all' });
    expect(all.units).toBeGreaterThanOrEqual(confirmed.units);
    const moses = await api.exportAlignment({ format: 'moses', allTranslations: true, status: 'all' });
    expect(moses.files.map((f) => path.extname(f.name))).toEqual(['.nb', '.en']);
  });
});

describe('search with counterparts', () => {
  it('finds a word in any language and shows the aligned paragraph beside it', async () => {
    const hits = await api.search('passasjerer', {});
    // Paragraph numbers are 0-based in the API, as everywhere in it: "Alle 48 passasjerer" is the original's fourth paragraph.
    expect(hits[0]).toMatchObject({ docId: nb, paragraph: 3 });
    expect(hits[0].counterparts[0]).toMatchObject({ docId: en, paragraph: 4 });
    expect(fs.existsSync(file)).toBe(true);
  });
});
