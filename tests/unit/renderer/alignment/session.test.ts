import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi, WorkbenchEvent } from '../../../../common/api';
import type { AlignmentView, Link } from '../../../../common/types';
import { openProject, type Db } from '../../../../db/open';
import { createWorkbench } from '../../../../core/services/workbench';
import { inReadingOrder } from '../../../../renderer/src/links';
import { Echoes } from '../../../../renderer/src/alignment/echoes';
import { AlignmentSession, type SessionChange } from '../../../../renderer/src/alignment/session';
import { b64 } from '../../../support/project';
import { importStorm } from '../../../support/story-fixture';

// Composed for these tests: an original and its translation; the translation splits paragraph 3 in two.
const NN = ['Brua stengd', 'Brua over fjorden vart stengd måndag.', 'Ein bil køyrde inn i rekkverket. Føraren var uskadd.', 'Ferja går i staden kvar time.', 'Vegvesenet reknar med å opna brua fredag.'].join('\n');
const EN = ['Bridge closed', 'The bridge over the fjord was closed on Monday.', 'A car drove into the railing.', 'The driver was unhurt.', 'The ferry runs every hour instead.', 'The roads authority expects to reopen the bridge on Friday.'].join('\n');

let db: Db;
let api: WorkbenchApi & { history: unknown };
let events: WorkbenchEvent[];
let nn: number;
let en: number;

/** Runs one after another, as the app's queue does. */
function serialQueue() {
  let q: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const next = q.then(fn);
    q = next.catch(() => undefined);
    return next;
  };
}

interface Harness {
  session: AlignmentSession;
  echoes: Echoes;
  notes: string[];
  errors: string[];
  changes: SessionChange[];
  /** getAlignment calls the session made (reloads). */
  fetches: number;
}

/** A session as the app wires it: the real workbench behind it, and the server's events fed through its Echoes. */
function harness(over: WorkbenchApi = api): Harness {
  const echoes = new Echoes();
  const h: Harness = { session: null as unknown as AlignmentSession, echoes, notes: [], errors: [], changes: [], fetches: 0 };
  const counted: Pick<WorkbenchApi, 'editLinks' | 'realign' | 'getAlignment' | 'setCandidateControl'> = {
    editLinks: (id, op) => over.editLinks(id, op),
    realign: (id) => over.realign(id),
    setCandidateControl: (id, control) => over.setCandidateControl(id, control),
    getAlignment: (...args) => {
      h.fetches++;
      return over.getAlignment(...args);
    },
  };
  h.session = new AlignmentSession({
    api: counted,
    echoes,
    serial: serialQueue(),
    history: () => undefined,
    refreshInfo: () => undefined,
    error: (m) => h.errors.push(m),
    note: (m) => h.notes.push(m),
    now: () => performance.now(),
  });
  h.session.onDidChange((c) => h.changes.push(c));
  return h;
}

/** Delivers the server's events to a harness the way App.handleEvent does. */
function deliver(h: Harness, from = 0): void {
  for (const e of events.slice(from)) {
    if (e.type === 'changed' && (e.what === 'alignment' || e.what === 'all')) h.echoes.receive(e.seq, () => void h.session.reload());
  }
}

async function open(h: Harness): Promise<AlignmentView> {
  const view = (await api.getAlignment(nn, en, 'paragraph'))!;
  const a = await api.getDocument(nn);
  const b = await api.getDocument(en);
  h.session.load(view, { a: Int32Array.from(a.paragraphList.map((p) => p.index)), b: Int32Array.from(b.paragraphList.map((p) => p.index)) });
  return view;
}

async function stored(): Promise<Link[]> {
  return inReadingOrder((await api.getAlignment(nn, en, 'paragraph'))!.links);
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  db = openProject(':memory:', { create: true });
  events = [];
  api = createWorkbench(db, { name: 's.tandem', annotator: 'kari', emit: (e) => events.push(e) });
  nn = (await api.importArticles([{ name: 'brua.txt', base64: b64(NN) }], { lang: 'nn' })).files[0].docId!;
  en = (await api.importTranslation(nn, { name: 'bridge.txt', base64: b64(EN) }, { lang: 'en' })).docId!;
  events.length = 0;
});
afterEach(() => db.close());

describe('the alignment session model', () => {
  it('opens on the first suggestion and knows which link holds each segment', async () => {
    const h = harness();
    const view = await open(h);
    const s = h.session;
    expect(s.links).toEqual(inReadingOrder(view.links));
    const first = s.links.findIndex((l) => l.status === 'suggested');
    expect(s.cur).toBe(first >= 0 ? first : 0);
    s.links.forEach((l, i) => {
      for (const x of l.a) expect(s.linkOf('a')[x]).toBe(i);
    });
    // The split paragraph: original ¶3 is one link with the translation's ¶3 and ¶4.
    const split = s.links[s.linkOf('a')[2]];
    expect(split.b).toEqual([2, 3]);
    expect(s.counts().total).toBe(s.links.length);
  });

  it('confirms the current link, moves to the next suggestion, and holds what the server holds', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    s.setCursor(0);
    const t = await s.confirm();
    expect(t?.op).toBe('confirm');
    expect(s.links).toEqual(await stored());
    expect(s.links[0].status).toBe('confirmed');
    const next = s.links.findIndex((l, i) => i > 0 && l.status === 'suggested');
    expect(s.cur).toBe(next);
    expect(h.changes.some((c) => c.links && c.reveal)).toBe(true);
  });

  it('moves the boundary the way the annotator sees it: down takes the next segment in', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    s.setCursor(s.linkOf('a')[1]);
    await s.moveBoundary('down', 'b');
    const grown = s.links[s.linkOf('a')[1]];
    expect(grown.b).toEqual([1, 2]);
    await s.moveBoundary('up', 'b');
    expect(s.links[s.linkOf('a')[1]].b).toEqual([1]);
    expect(s.links).toEqual(await stored());
  });

  it('merges, splits, links and unlinks, each applied from the delta alone', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    s.setCursor(s.linkOf('a')[3]);
    await s.merge();
    expect(s.links[s.cur].a).toEqual([3, 4]);
    await s.split();
    expect(s.links[s.linkOf('a')[3]].a).toEqual([3]);
    s.select('a', 0, 0);
    s.select('b', 0, 0);
    s.select('b', 1, 1, { extend: true });
    expect([...s.selected.b]).toEqual([0, 1]);
    await s.linkSelected();
    expect(s.selected.a.size + s.selected.b.size).toBe(0);
    expect(s.links[s.cur]).toMatchObject({ a: [0], b: [0, 1], status: 'confirmed', origin: 'manual' });
    await s.unlink();
    expect(s.links.some((l) => l.a.join() === '0' && l.b.join() === '0,1')).toBe(false);
    expect(s.links).toEqual(await stored());
  });

  it('selects like a click, a Shift+click and a Ctrl+click, and focuses the side clicked', () => {
    const h = harness();
    const s = h.session;
    s.select('b', 2, 2);
    expect(s.focusSide).toBe('b');
    s.select('b', 4, 4, { extend: true });
    expect([...s.selected.b].sort()).toEqual([2, 3, 4]);
    s.select('b', 3, 3, { toggle: true });
    expect([...s.selected.b].sort()).toEqual([2, 4]);
    s.select('b', 0, 1);
    expect([...s.selected.b].sort()).toEqual([0, 1]);
    s.clearSelection();
    expect(s.selected.b.size).toBe(0);
  });

  it('says so when N or Shift+N has nowhere else to go, and when it wraps around', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    const irregular = (l: Link) => l.a.length !== 1 || l.b.length !== 1;
    expect(s.links.filter(irregular).length).toBe(1);
    expect(s.jump(1, irregular, 'link that is not 1:1')).toBe(true);
    const at = s.cur;
    expect(s.jump(1, irregular, 'link that is not 1:1')).toBe(false);
    expect(s.cur).toBe(at);
    expect(h.notes.pop()).toBe('This is the only link that is not 1:1.');
    s.setCursor(s.links.length - 1);
    expect(s.jump(1, () => true, 'link')).toBe(true);
    expect(s.cur).toBe(0);
    expect(h.notes.pop()).toBe('Back to the first link.');
    expect(s.jump(1, () => false, 'unconfirmed link')).toBe(false);
    expect(h.notes.pop()).toBe('No unconfirmed link left.');
  });

  it('applies undo and redo from their deltas, and ignores deltas of another alignment', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    s.setCursor(0);
    await s.reject();
    const undone = await api.undo();
    expect(s.applyDeltas(undone.deltas)).toBe(true);
    expect(s.links).toEqual(await stored());
    expect(s.applyDeltas([{ alignmentId: 9999, removed: [], added: [] }])).toBe(false);
  });

  it('sends nothing while an operation is on its way, and reloads after it when asked meanwhile', async () => {
    const h = harness();
    await open(h);
    const s = h.session;
    s.setCursor(0);
    const first = s.confirm();
    expect(s.busy).toBe(true);
    expect(await s.reject()).toBeUndefined();
    expect(await s.reload()).toBeUndefined();
    await first;
    await settle();
    await settle();
    expect(h.fetches).toBe(1);
    expect(s.links).toEqual(await stored());
  });
});

describe('echoes', () => {
  it('drops the echo of its own change, even when the event comes before the answer', async () => {
    let target: Harness | null = null;
    const delivered: Array<number | undefined> = [];
    // The server's event reaches the window inside the call, before the answer does.
    const early = { ...api, editLinks: async (id: number, op: Parameters<WorkbenchApi['editLinks']>[1]) => {
      const from = events.length;
      const r = await api.editLinks(id, op);
      for (const e of events.slice(from)) if (e.type === 'changed') delivered.push(e.seq);
      deliver(target!, from);
      return r;
    } } as WorkbenchApi;
    const h = harness(early);
    target = h;
    await open(h);
    h.session.setCursor(0);
    await h.session.confirm();
    await h.session.reject();
    await settle();
    expect(delivered.length).toBe(2);
    expect(delivered.every((s) => typeof s === 'number')).toBe(true);
    expect(h.fetches).toBe(0);
    // The same event from a window that did not make the change is applied.
    const bystander = harness();
    await open(bystander);
    deliver(bystander, events.length - 1);
    await settle();
    expect(bystander.fetches).toBe(1);
  });

  it('applies a change another client made right after its own, where a clock would have dropped it', async () => {
    const mine = harness();
    await open(mine);
    mine.session.setCursor(0);
    await mine.session.confirm();
    deliver(mine, 0);
    expect(mine.fetches).toBe(0);
    // Another client (a second window on the same server) rejects the last link a moment later.
    const other = createWorkbench(db, { name: 's.tandem', annotator: 'ola', emit: (e) => events.push(e) });
    const from = events.length;
    const last = (await stored()).at(-1)!;
    await other.editLinks(mine.session.view!.id, { op: 'reject', linkIds: [last.id] });
    deliver(mine, from);
    await settle();
    await settle();
    expect(mine.fetches).toBe(1);
    expect(mine.session.links.at(-1)!.status).toBe('rejected');
    expect(mine.session.links).toEqual(await stored());
  });

  it('recognises the echo of undo and redo made by this window', () => {
    const echoes = new Echoes();
    const foreign: number[] = [];
    echoes.own(7);
    echoes.own(7);
    echoes.receive(7, () => foreign.push(7));
    echoes.receive(7, () => foreign.push(7));
    echoes.receive(7, () => foreign.push(7));
    expect(foreign).toEqual([7]);
    // An event without a number waits for calls on their way, then counts as foreign.
    const end = echoes.begin();
    echoes.receive(undefined, () => foreign.push(0));
    expect(foreign).toEqual([7]);
    end();
    expect(foreign).toEqual([7, 0]);
  });
});

describe('candidate control', () => {
  it('shows more or fewer candidates of a comparable alignment, holds what the server holds, and knows the echo as its own', async () => {
    const ids = await importStorm(api);
    await api.alignStory({ collection: 'storm-hedda' });
    const h = harness();
    const view = (await api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!;
    const a = await api.getDocument(ids.nb);
    const b = await api.getDocument(ids.en);
    h.session.load(view, { a: Int32Array.from(a.paragraphList.map((p) => p.index)), b: Int32Array.from(b.paragraphList.map((p) => p.index)) });
    const suggested = () => h.session.links.filter((l) => l.status === 'suggested').length;
    const before = suggested();
    const mark = events.length;
    const more = await h.session.setControl({ minConfidence: 0, perParagraph: 5 });
    expect(more?.op).toBe('candidates');
    expect(h.session.view!.control).toEqual({ minConfidence: 0, perParagraph: 5 });
    expect(suggested()).toBeGreaterThan(before);
    expect(h.session.links).toEqual(inReadingOrder((await api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!.links));
    // The server's event for the change is this session's own: nothing is fetched again.
    deliver(h, mark);
    await settle();
    expect(h.fetches).toBe(0);
    await h.session.setControl({ minConfidence: 0.9, perParagraph: 1 });
    expect(suggested()).toBeLessThanOrEqual(before);
    // Remembered: the alignment opens with it.
    expect((await api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!.control).toEqual({ minConfidence: 0.9, perParagraph: 1 });
    expect(h.errors).toEqual([]);
  });
});

describe('disposal', () => {
  it('drops its listeners', () => {
    const h = harness();
    const seen: SessionChange[] = [];
    h.session.onDidChange((c) => seen.push(c));
    h.session.dispose();
    h.session.setSelection([1], []);
    expect(seen).toEqual([]);
  });
});
