/**
 * Deleting documents among other edits: random sessions of deletions, link
 * edits, facts, post-edits, titles and stories on whatever documents are left;
 * undoing everything gives back every table exactly, and redoing everything
 * gives the final state again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../../common/api';
import { TandemError } from '../../../../common/errors';
import type { Db } from '../../../../db/open';
import { createWorkbench } from '../../../../core/services/workbench';
import { b64, memoryProject } from '../../../support/project';
import { dumpTables } from '../../../support/tables';
import { rng } from '../../../support/random';

// Short reports of our own, one event.
const NB = ['Brann i Bergen sentrum', 'En stor brann brøt ut i et trehus på Bryggen natt til søndag. Seks brannbiler rykket ut.', 'Ingen ble skadd, men tre familier måtte evakueres.', 'Politiet vet ennå ikke hva som startet brannen.'].join('\n\n');
const EN = ['Fire in central Bergen', 'A large fire broke out in a wooden house at Bryggen on Saturday night. Six fire engines were sent.', 'Nobody was hurt, but three families had to be evacuated.', 'The police do not yet know what started the fire.'].join('\n\n');
const SV = ['Brand i Bergen', 'En stor brand bröt ut i ett trähus på Bryggen natten till söndagen.', 'Tre familjer evakuerades, ingen skadades.'].join('\n\n');
const DA = ['Brand i Bergen', 'En stor brand brød ud i et træhus på Bryggen natten til søndag.', 'Tre familier blev evakueret.'].join('\n\n');


let open: Db[] = [];
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

async function session(seed: number, count: number): Promise<void> {
  const db = memoryProject();
  open.push(db);
  const api: WorkbenchApi = createWorkbench(db, { name: 'd.tandem', annotator: 'kari' });
  const r = await api.importArticles(['brann.txt', 'brand.txt', 'brand.da.txt'].map((name, i) => ({ name, base64: b64([NB, SV, DA][i]) })), { collection: 'fire' });
  const [nb, sv, da] = r.files.map((f) => f.docId!);
  await api.importTranslation(nb, { name: 'fire.en.txt', base64: b64(EN) }, { lang: 'en', provider: 'human' });
  await api.align(nb, sv, { level: 'paragraph' });
  await api.align(sv, da, { level: 'paragraph' });
  await api.addMention({ newFact: { label: 'Fire' }, docId: sv, paragraph: 1, start: 0, end: 12 });
  const random = rng(seed);
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  const start = dumpTables(db);
  const done: string[] = [];
  const live = async () => (await api.listDocuments()).map((d) => d.id);
  const ops: Array<() => Promise<{ name: string; run: () => Promise<unknown> }>> = [
    async () => {
      const doc = pick(await live());
      return { name: `deleteDocument ${doc}`, run: () => api.deleteDocument(doc ?? -1) };
    },
    async () => {
      const a = pick((await api.listAlignments()).filter((x) => x.links));
      const view = a ? await api.getAlignment(a.docA, a.docB, a.level, a.mode) : null;
      const link = view ? pick(view.links) : undefined;
      return { name: `confirm ${link?.id}`, run: () => api.editLinks(view?.id ?? -1, { op: 'confirm', linkIds: [link?.id ?? -1] }) };
    },
    async () => {
      const [a, b] = [pick(await live()), pick(await live())];
      return { name: `align ${a} ${b}`, run: () => api.align(a ?? -1, b ?? -1, { level: 'paragraph', mode: 'comparable' }) };
    },
    async () => {
      const doc = pick(await live());
      const facts = await api.listFacts();
      const fact = pick(facts);
      return { name: `addMention ${doc}`, run: () => api.addMention({ factId: fact?.id, newFact: fact ? undefined : { label: 'Evacuated' }, docId: doc ?? -1, paragraph: 1, start: 0, end: 5 }) };
    },
    async () => {
      const doc = pick(await live());
      return { name: `setTitle ${doc}`, run: () => api.setTitle(doc ?? -1, `Title ${Math.floor(random() * 100)}`) };
    },
    async () => {
      const doc = pick((await api.listDocuments()).filter((d) => d.translationOf !== null).map((d) => d.id));
      const p = doc ? (await api.getDocument(doc)).paragraphList[1] : undefined;
      return { name: `postEdit ${p?.id}`, run: () => api.saveParagraphEdit(p?.id ?? -1, `Edited ${Math.floor(random() * 100)}.`, 'reviewed') };
    },
    async () => {
      const doc = pick(await live());
      const to = pick(['fire', 'Bergen', 'Other news']) ?? null;
      return { name: `moveToStory ${doc} ${to}`, run: () => api.moveToStory([doc ?? -1], to) };
    },
  ];
  const recorded = () => db.prepare('SELECT count(*) FROM operations WHERE undone = 0').pluck().get() as number;
  const initial = recorded();
  for (let attempts = 0; done.length < count && attempts < count * 20; attempts++) {
    // A deletion now and then, other edits in between.
    const op = await (random() < 0.12 ? ops[0] : pick(ops.slice(1))!)();
    const before = recorded();
    try {
      await op.run();
    } catch (err) {
      if (!(err instanceof TandemError) || err.kind === 'internal') throw new Error(`seed ${seed}: ${op.name} failed: ${(err as Error).message}`);
      expect(recorded()).toBe(before);
      continue;
    }
    if (recorded() > before) done.push(op.name);
  }
  expect(done.filter((n) => n.startsWith('deleteDocument')).length, `seed ${seed} deleted something`).toBeGreaterThan(0);
  expect(recorded()).toBe(initial + done.length);
  const final = dumpTables(db);
  for (let i = done.length - 1; i >= 0; i--) expect((await api.undo()).done, `undo of ${done[i]}`).toBe(true);
  expect(dumpTables(db), `undo all (seed ${seed})`).toEqual(start);
  let redone = 0;
  while ((await api.redo()).done) redone++;
  expect(redone).toBe(done.length);
  expect(dumpTables(db), `redo all (seed ${seed})`).toEqual(final);
}

describe('deletions among other edits', () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`undo all and redo all give back every table exactly (seed ${seed})`, async () => {
      await session(seed, 60);
    });
  }
});
