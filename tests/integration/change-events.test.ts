import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchApi, WorkbenchEvent } from '../../common/api';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { b64 } from '../support/project';

// Composed for this test: a short text and its translation, one paragraph per line.
const DA = ['Stormen nåede kysten', 'Vinden væltede træer i hele byen.', 'Skolerne holdt lukket fredag.', 'Strømmen kom tilbage om aftenen.'].join('\n');
const EN = ['The storm reached the coast', 'The wind brought down trees all over town.', 'Schools stayed closed on Friday.', 'Power came back in the evening.'].join('\n');

let db: Db;
let api: WorkbenchApi;
const events: WorkbenchEvent[] = [];
let da: number;
let en: number;

beforeAll(async () => {
  db = openProject(':memory:', { create: true });
  api = createWorkbench(db, { name: 'events.tandem', annotator: 'kari', emit: (e) => events.push(e) });
  da = (await api.importArticles([{ name: 'storm.txt', base64: b64(DA) }], { lang: 'da' })).files[0].docId!;
  en = (await api.importTranslation(da, { name: 'storm.en.txt', base64: b64(EN) }, { lang: 'en' })).docId!;
});
afterAll(() => db.close());

const lastChanged = () => {
  const e = events[events.length - 1];
  if (e?.type !== 'changed') throw new Error('the last event is not a change');
  return e;
};

describe('the sequence number of each change', () => {
  it('comes back from a link edit and with the change event it causes', async () => {
    const view = (await api.getAlignment(da, en, 'paragraph'))!;
    const r = await api.editLinks(view.id, { op: 'reject', linkIds: [view.links[1].id] });
    expect(r.seq).toBeGreaterThan(0);
    expect(lastChanged()).toEqual({ type: 'changed', what: 'alignment', seq: r.seq, alignments: [view.id] });
    const r2 = await api.editLinks(view.id, { op: 'reset', linkIds: [view.links[1].id] });
    expect(r2.seq).toBeGreaterThan(r.seq);
    expect(lastChanged().seq).toBe(r2.seq);
  });

  it('names the operation that undo and redo replayed', async () => {
    const view = (await api.getAlignment(da, en, 'paragraph'))!;
    const made = await api.editLinks(view.id, { op: 'confirm', linkIds: [view.links[2].id] });
    const undone = await api.undo();
    expect(undone.seq).toBe(made.seq);
    expect(lastChanged()).toEqual({ type: 'changed', what: 'alignment', seq: made.seq, alignments: [view.id] });
    const redone = await api.redo();
    expect(redone.seq).toBe(made.seq);
    expect(lastChanged().seq).toBe(made.seq);
    // Nothing left to redo: nothing was done, and nothing is announced.
    const before = events.length;
    const nothing = await api.redo();
    expect(nothing).toMatchObject({ done: false, seq: null });
    expect(events.length).toBe(before);
  });

  it('is carried by align and realign, whose event has the same number', async () => {
    const aligned = await api.align(da, en, { level: 'sentence' });
    expect(aligned.seq).toBeGreaterThan(0);
    expect(lastChanged()).toEqual({ type: 'changed', what: 'alignment', seq: aligned.seq, alignments: [aligned.id] });
    const again = await api.realign(aligned.id);
    expect(again.seq).toBeGreaterThan(aligned.seq!);
    expect(lastChanged().seq).toBe(again.seq);
    expect(lastChanged().alignments).toEqual([aligned.id]);
  });

  it('names the alignment whose links changed, so that a window showing another one need not reload', async () => {
    const paragraphs = (await api.getAlignment(da, en, 'paragraph'))!;
    const sentences = (await api.getAlignment(da, en, 'sentence'))!;
    expect(sentences.id).not.toBe(paragraphs.id);
    await api.editLinks(sentences.id, { op: 'confirm', linkIds: [sentences.links[0].id] });
    expect(lastChanged().alignments).toEqual([sentences.id]);
    await api.undo();
    expect(lastChanged()).toMatchObject({ what: 'alignment', alignments: [sentences.id] });
    await api.redo();
    expect(lastChanged().alignments).toEqual([sentences.id]);
    // Undoing an alignment computed anew names it too.
    const before = events.length;
    await api.align(da, en, { level: 'sentence', mode: 'parallel' });
    await api.undo();
    expect(events.length).toBe(before + 2);
    expect(lastChanged()).toMatchObject({ what: 'alignment', alignments: [sentences.id] });
  });

  it('tells apart the changes two windows make on one project', async () => {
    // A second workbench on the same database stands for another client of the same server.
    const other = createWorkbench(db, { name: 'events.tandem', annotator: 'ola', emit: (e) => events.push(e) });
    const view = (await api.getAlignment(da, en, 'paragraph'))!;
    const mine = await api.editLinks(view.id, { op: 'confirm', linkIds: [view.links[0].id] });
    const theirs = await other.editLinks(view.id, { op: 'reject', linkIds: [view.links[3].id] });
    expect(theirs.seq).not.toBe(mine.seq);
    const seqs = events.filter((e) => e.type === 'changed').slice(-2).map((e) => (e as { seq?: number }).seq);
    expect(seqs).toEqual([mine.seq, theirs.seq]);
  });
});
