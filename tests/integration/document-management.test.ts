/**
 * Managing documents and stories through the API: deleting a document with
 * its translations, links and mentions, and bringing all of it back with one
 * undo (even when a later import took its numbers); stories created, renamed,
 * joined, deleted and articles moved between them, each one undo step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../common/api';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { search } from '../../core/services/search';
import { b64, tempDir } from '../support/project';

// Short news texts written for these tests.
const NB = ['Brua stengt etter steinras', 'Et steinras stengte brua over Sognefjorden natt til fredag.', 'Ingen ble skadd, men trafikken må gå via ferje i minst to uker.', 'Vegvesenet undersøker fjellsida i dag.'].join('\n');
const NB_EN = ['Bridge closed after rockslide', 'A rockslide closed the bridge over the Sognefjord on Thursday night.', 'Nobody was hurt, but traffic must go by ferry for at least two weeks.', 'The road authority is examining the mountainside today.'].join('\n');
const SV = ['Ras stänger bro i Norge', 'Ett stenras stängde bron över Sognefjorden natten till fredag.', 'Trafiken får gå med färja i minst två veckor, uppger norska myndigheter.'].join('\n');
const DA = ['Nyt museum åbner i Aarhus', 'Det nye kunstmuseum i Aarhus åbner dørene lørdag med en stor udstilling.', 'Billetterne til den første weekend er allerede udsolgt.'].join('\n');
const DA_EN = ['New museum opens in Aarhus', 'The new art museum in Aarhus opens its doors on Saturday with a large exhibition.', 'Tickets for the first weekend are already sold out.'].join('\n');
const NL = ['Nieuwe brug geopend in Utrecht', 'De nieuwe fietsbrug over het kanaal in Utrecht is zaterdag geopend.', 'Duizenden fietsers reden er op de eerste dag overheen.'].join('\n');

let dir: string;
let cleanup: () => void;
let file: string;
let db: Db;
let api: WorkbenchApi;
let nb: number;
let nbEn: number;
let sv: number;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'docs.tandem');
  db = openProject(file, { create: true });
  api = createWorkbench(db, { name: 'docs.tandem', file, annotator: 'kari' });
  const r = await api.importArticles([{ name: 'bru.txt', base64: b64(NB) }, { name: 'bro.txt', base64: b64(SV) }], { collection: 'rockslide' });
  nb = r.files[0].docId!;
  sv = r.files[1].docId!;
  nbEn = (await api.importTranslation(nb, { name: 'bru.en.txt', base64: b64(NB_EN) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
});
afterEach(() => {
  db.close();
  cleanup();
});

/** Every row of the tables a deletion touches, for comparing before and after. */
function dump(): string {
  const tables = ['documents', 'paragraphs', 'alignments', 'links', 'link_segments', 'mentions', 'facts', 'document_meta', 'alignment_settings', 'collections'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

describe('deleting a document', () => {
  async function annotate(): Promise<number> {
    await api.align(nb, sv, { mode: 'comparable' });
    const al = (await api.getAlignment(nb, nbEn, 'paragraph'))!;
    await api.editLinks(al.id, { op: 'confirm', linkIds: [al.links[1].id] });
    const fact = await api.addMention({ newFact: { label: 'Bridge closed' }, docId: nb, paragraph: 1, start: 0, end: 14 });
    await api.addMention({ factId: fact.id, docId: sv, paragraph: 1, start: 4, end: 12 });
    const p = (await api.getDocument(nbEn)).paragraphList[2];
    await api.saveParagraphEdit(p.id, 'Nobody was injured, but traffic must go by ferry for two weeks or more.', 'reviewed');
    return fact.id;
  }

  it('says what goes with it, deletes all of it, and one undo brings every row back as it was', async () => {
    const factId = await annotate();
    const before = dump();
    const impact = await api.deletionImpact(nb);
    expect(impact.documents.map((d) => d.id)).toEqual([nb, nbEn]);
    expect(impact.alignments).toBe(2);
    expect(impact.confirmedLinks).toBe(1);
    expect(impact.mentions).toBe(1);
    expect(impact.facts).toBe(1);
    expect(impact.factsEmptied).toBe(0);
    expect(impact.postEdits).toBe(1);

    const r = await api.deleteDocument(nb);
    expect(r.deleted).toEqual([nb, nbEn]);
    expect(r.canUndo).toBe(true);
    expect((await api.listDocuments()).map((d) => d.id)).toEqual([sv]);
    expect(await api.listAlignments()).toEqual([]);
    expect((await api.listFacts()).find((f) => f.id === factId)!.mentions.map((m) => m.docId)).toEqual([sv]);
    expect(search(db, 'steinras', {})).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const u = await api.undo();
    expect(u.done).toBe(true);
    expect(dump()).toBe(before);
    expect([...new Set(search(db, 'steinras', {}).map((h) => h.docId))]).toEqual([nb]);
    expect((await api.getDocument(nbEn)).paragraphList[2].edited).toMatch(/injured/);

    await api.redo();
    expect((await api.listDocuments()).map((d) => d.id)).toEqual([sv]);
    await api.undo();
    expect(dump()).toBe(before);
  });

  it('deletes a translation alone, leaving its original', async () => {
    await api.deleteDocument(nbEn);
    const docs = await api.listDocuments();
    expect(docs.map((d) => d.id)).toEqual([nb, sv]);
    expect(docs[0].translations).toEqual([]);
  });

  it('brings a deleted document back even after a new import took its numbers, and the newcomer keeps its text and links', async () => {
    await annotate();
    const before = dump();
    const oldAlignments = (await api.listAlignments()).map((a) => a.id);
    // The deleted translation holds the newest document and paragraph ids: SQLite gives the next import the same ones,
    // and the newcomer's translation takes the deleted alignment's and links' numbers.
    await api.deleteDocument(nb);
    const r = await api.importArticles([{ name: 'museum.txt', base64: b64(DA) }], { collection: 'other' });
    const newcomer = r.files[0].docId!;
    const newTr = (await api.importTranslation(newcomer, { name: 'museum.en.txt', base64: b64(DA_EN) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
    expect(newcomer).toBe(nbEn);
    const al = (await api.getAlignment(newcomer, newTr, 'paragraph'))!;
    expect(oldAlignments).toContain(al.id);
    await api.editLinks(al.id, { op: 'confirm', linkIds: [al.links[0].id] });
    // Undo walks back through the newcomer's steps (the confirmation, the alignment made on import) to the deletion.
    const undone: string[] = [];
    for (;;) {
      const step = await api.undo();
      undone.push(step.description ?? '');
      if (/^delete/.test(step.description ?? '') || !step.done) break;
    }
    expect(undone.at(-1)).toMatch(/^delete "Brua stengt/);
    const docs = await api.listDocuments();
    expect(docs.find((d) => d.id === nb)!.title).toMatch(/Brua stengt/);
    expect(docs.find((d) => d.id === nbEn)!.title).toMatch(/Bridge closed/);
    const moved = docs.find((d) => d.title.startsWith('Nyt museum'))!;
    const movedTr = docs.find((d) => d.translationOf === moved.id)!;
    expect(moved.id).not.toBe(nbEn);
    expect((await api.getDocument(movedTr.id)).paragraphList[1].text).toMatch(/art museum/);
    // Its alignment, made on import, was one of the steps undone on the way back.
    expect(await api.getAlignment(moved.id, movedTr.id, 'paragraph')).toBeNull();
    expect([...new Set(search(db, 'kunstmuseum', {}).map((h) => h.docId))]).toEqual([moved.id]);
    expect([...new Set(search(db, 'rockslide', {}).map((h) => h.docId))]).toEqual([nbEn]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Every row of the restored documents is as it was; the newcomers are the only other rows.
    const now = JSON.parse(dump()) as Array<Array<Record<string, unknown>>>;
    const then = JSON.parse(before) as Array<Array<Record<string, unknown>>>;
    const newDocs = new Set([moved.id, movedTr.id]);
    expect(now[0].filter((d) => !newDocs.has(d.id as number))).toEqual(then[0]);
    expect(now[1].filter((p) => !newDocs.has(p.doc_id as number))).toEqual(then[1]);
    const newAlignments = new Set(now[2].filter((a) => newDocs.has(a.doc_a as number)).map((a) => a.id));
    expect(now[3].filter((l) => !newAlignments.has(l.alignment_id))).toEqual(then[3]);
    expect(now[5]).toEqual(then[5]);
    // Steps undone after the deletion named the newcomers by their old numbers: they cannot be redone.
    expect((await api.projectInfo()).canRedo).toBe(true);
    await api.redo();
    expect((await api.redo()).done).toBe(false);
    expect((await api.listDocuments()).map((d) => d.id).sort()).toEqual([sv, moved.id, movedTr.id].sort());
  });

  it('refuses a document that does not exist', async () => {
    await expect(api.deleteDocument(999)).rejects.toThrow(/No document/);
  });
});

describe('stories', () => {
  it('creates an empty story, moves an article with its translation into it, renames it, and undoes each step', async () => {
    const created = await api.createStory('Bridges');
    expect(created.stories.map((s) => [s.name, s.articles])).toEqual([['Bridges', 0], ['rockslide', 2]]);
    await expect(api.createStory('bridges ')).resolves.toBeDefined();
    await expect(api.createStory('Bridges')).rejects.toThrow(/exists already/);

    const moved = await api.moveToStory([nbEn], 'Bridges');
    expect(moved.description).toMatch(/moved to story "Bridges"/);
    let docs = await api.listDocuments();
    expect(docs.find((d) => d.id === nb)!.collection).toBe('Bridges');
    expect(docs.find((d) => d.id === nbEn)!.collection).toBe('Bridges');
    expect(docs.find((d) => d.id === sv)!.collection).toBe('rockslide');

    await api.renameStory('Bridges', 'Sognefjord bridge');
    docs = await api.listDocuments();
    expect(docs.find((d) => d.id === nb)!.collection).toBe('Sognefjord bridge');

    await api.undo();
    expect((await api.listDocuments()).find((d) => d.id === nb)!.collection).toBe('Bridges');
    await api.undo();
    expect((await api.listDocuments()).find((d) => d.id === nb)!.collection).toBe('rockslide');
    await api.redo();
    expect((await api.listDocuments()).find((d) => d.id === nbEn)!.collection).toBe('Bridges');
  });

  it('joins two stories only when asked, and undo separates them again', async () => {
    const r = await api.importArticles([{ name: 'brug.txt', base64: b64(NL) }], { collection: 'Utrecht' });
    const nl = r.files[0].docId!;
    await expect(api.renameStory('Utrecht', 'rockslide')).rejects.toThrow(/join the two stories/);
    const joined = await api.renameStory('Utrecht', 'rockslide', { merge: true });
    expect(joined.stories.map((s) => s.name)).toEqual(['rockslide']);
    expect((await api.listDocuments()).find((d) => d.id === nl)!.collection).toBe('rockslide');
    await api.undo();
    expect((await api.listStories()).map((s) => [s.name, s.articles])).toEqual([['rockslide', 2], ['Utrecht', 1]]);
    expect((await api.listDocuments()).find((d) => d.id === nl)!.collection).toBe('Utrecht');
  });

  it('deletes a story and keeps its articles, in no story; a move to a new name makes the story and undo takes it away', async () => {
    const d = await api.deleteStory('rockslide');
    expect(d.stories).toEqual([]);
    expect((await api.listDocuments()).every((x) => x.collection === null)).toBe(true);
    await api.undo();
    expect((await api.listDocuments()).every((x) => x.collection === 'rockslide')).toBe(true);

    await api.moveToStory([sv], 'Swedish press');
    expect((await api.listStories()).map((s) => s.name)).toEqual(['rockslide', 'Swedish press']);
    await api.undo();
    expect((await api.listStories()).map((s) => s.name)).toEqual(['rockslide']);
    await api.moveToStory([sv], null);
    expect((await api.listDocuments()).find((x) => x.id === sv)!.collection).toBe(null);
  });

  it('refuses names that are empty or hold control characters', async () => {
    await expect(api.createStory('   ')).rejects.toThrow(/Give the story a name/);
    await expect(api.createStory('a\u0007b')).rejects.toThrow(/control characters/);
    await expect(api.renameStory('nope', 'x')).rejects.toThrow(/no story "nope"/);
  });
});

describe('facts export, annotators and merging a copy', () => {
  it('exports the facts as W3C annotations, JSON Lines and the grid as CSV', async () => {
    const fact = await api.addMention({ newFact: { label: 'Bridge closed, "for weeks"' }, docId: nb, paragraph: 1, start: 0, end: 14 });
    await api.addMention({ factId: fact.id, docId: sv, paragraph: 1, start: 4, end: 12 });
    const w3c = await api.exportFacts('w3c');
    expect(w3c.name).toBe('docs.facts.jsonld');
    const doc = JSON.parse(w3c.content) as { type: string; total: number; first: { items: Array<{ body: Array<{ value: string }> }> } };
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(2);
    expect(doc.first.items[0].body[0].value).toBe('Bridge closed, "for weeks"');
    const jsonl = await api.exportFacts('jsonl');
    expect(jsonl.content.trimEnd().split('\n').map((l) => JSON.parse(l).type)).toEqual(['fact', 'mention', 'mention']);
    const csv = await api.exportFacts('csv');
    expect(csv.name).toBe('docs.facts-grid.csv');
    expect(csv.content.split('\n')[1]).toBe(`${fact.id},"Bridge closed, ""for weeks""",2,1,1`);
    await expect(api.exportFacts('xml' as never)).rejects.toThrow(/w3c, jsonl or csv/);
  });

  it("merges another annotator's copy into this project, keeps a copy of the project as it was beside it, and reports agreement", async () => {
    await api.addMention({ newFact: { label: 'Bridge closed' }, docId: nb, paragraph: 1, start: 0, end: 14 });
    // Ola's copy: the same project, with a fact of his own on the same words and one elsewhere.
    const olaFile = path.join(dir, 'ola-copy.tandem');
    await db.backup(olaFile);
    const olaDb = openProject(olaFile);
    const ola = createWorkbench(olaDb, { name: 'ola-copy.tandem', annotator: 'ola' });
    await ola.addMention({ newFact: { label: 'bridge closed' }, docId: nb, paragraph: 1, start: 0, end: 14 });
    await ola.addMention({ newFact: { label: 'Ferry instead' }, docId: nb, paragraph: 2, start: 0, end: 20 });
    olaDb.close();

    const bytes = fs.readFileSync(olaFile);
    const before = fs.readdirSync(dir);
    const report = await api.mergeCopy({ name: 'ola-copy.tandem', base64: bytes.toString('base64') });
    expect(report.factsAdded).toBe(2);
    expect(report.mentionsAdded).toBe(2);
    expect(report.annotators).toEqual(['kari', 'ola']);
    expect(report.backup).toMatch(/^docs\.before-merge-\d{8}-\d{6}\.tandem$/);
    expect(fs.readdirSync(dir).filter((f) => !before.includes(f))).toEqual([report.backup]);
    // The copy kept is the project as it was: one fact, Kari's.
    const kept = openProject(path.join(dir, report.backup!), { readonly: true });
    expect((kept.prepare('SELECT count(*) AS n FROM facts').get() as { n: number }).n).toBe(1);
    kept.close();

    const annotators = await api.listAnnotators();
    expect(annotators.map((a) => [a.name, a.current, a.facts])).toEqual([['kari', true, 1], ['ola', false, 2]]);
    const agreement = await api.agreement('kari', 'ola');
    expect(agreement.mentions.exact.precision).toBe(0.5);
    expect(agreement.mentions.exact.recall).toBe(1);
    expect(agreement.factGrid.matchedFacts).toBe(1);
    await expect(api.agreement('kari', 'kari')).rejects.toThrow(/two different/);
    await expect(api.agreement('kari', 'nobody')).rejects.toThrow(/No annotator "nobody"/);
  });

  it('refuses a file that is not a project, and names no folder in the message', async () => {
    await expect(api.mergeCopy({ name: 'notes.tandem', base64: b64('just some text') })).rejects.toThrow(/notes.tandem is not a Tandem project/);
    // A SQLite database that another program wrote (it lacks Tandem's mark).
    const other = path.join(dir, 'plain.db');
    const raw = openProject(other, { create: true });
    raw.pragma('application_id = 0');
    raw.close();
    const err = await api.mergeCopy({ name: 'plain.db', base64: fs.readFileSync(other).toString('base64') }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^plain\.db is a SQLite database but not a Tandem project; nothing was merged\./);
    expect((err as Error).message).not.toMatch(/\//);
    expect(fs.readdirSync(dir).some((f) => f.includes('before-merge'))).toBe(false);
  });
});
