import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../common/api';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { runCli } from '../support/cli';
import { b64, tempDir } from '../support/project';

// Two unrelated short articles composed for this test (Swedish and Finnish), each with an English version.
const SV = ['Tåget spårade ur', 'Ett godståg spårade ur vid Kiruna på måndagen.', 'Ingen skadades enligt polisen.', 'Banan är stängd i två dagar.'].join('\n');
const SV_EN = ['The train derailed', 'A freight train derailed near Kiruna on Monday.', 'Nobody was hurt, police say.', 'The line is closed for two days.'].join('\n');
const FI = ['Uusi silta avattiin', 'Kaupunki avasi uuden sillan joen yli tiistaina.', 'Silta maksoi kaksikymmentä miljoonaa euroa.', 'Ensimmäiset pyöräilijät ylittivät sen aamulla.', 'Juna liikenne jatkuu normaalisti.'].join('\n');
const FI_EN = ['A new bridge opened', 'The city opened a new bridge over the river on Tuesday.', 'The bridge cost twenty million euros.', 'The first cyclists crossed it in the morning.', 'Train traffic continues as normal.'].join('\n');

let dir: string;
let cleanup: () => void;
let file: string;
let db: Db;
let api: WorkbenchApi;
let sv: number;
let fi: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'modes.tandem');
  db = openProject(file, { create: true });
  api = createWorkbench(db, { name: 'modes.tandem', annotator: 'kari' });
  sv = (await api.importArticles([{ name: 'tag.txt', base64: b64(SV) }], { lang: 'sv', collection: 'week' })).files[0].docId!;
  fi = (await api.importArticles([{ name: 'silta.txt', base64: b64(FI) }], { lang: 'fi', collection: 'week' })).files[0].docId!;
  await api.importTranslation(sv, { name: 'tag.en.txt', base64: b64(SV_EN) }, { lang: 'en', provider: 'deepl' });
  await api.importTranslation(fi, { name: 'silta.en.txt', base64: b64(FI_EN) }, { lang: 'en', provider: 'deepl' });
});
afterAll(() => {
  db.close();
  cleanup();
});

describe('a parallel and a comparable alignment of one pair', () => {
  it('are two alignments: the parallel one never replaces the comparable work', async () => {
    const comparable = await api.align(sv, fi, { level: 'paragraph', mode: 'comparable' });
    expect(comparable.mode).toBe('comparable');
    // The annotator's own link in the comparable alignment.
    const mine = await api.editLinks(comparable.id, { op: 'link', a: [0], b: [0] });
    const before = (await api.getAlignment(sv, fi, 'paragraph', 'comparable'))!;
    expect(before.links.some((l) => l.id === mine.delta.added[0].id)).toBe(true);

    const parallel = await api.align(sv, fi, { level: 'paragraph', mode: 'parallel' });
    expect(parallel.mode).toBe('parallel');
    expect(parallel.id).not.toBe(comparable.id);
    const after = (await api.getAlignment(sv, fi, 'paragraph', 'comparable'))!;
    expect(after.links).toEqual(before.links);
    expect((await api.listAlignments()).filter((s) => s.docA === sv && s.docB === fi).map((s) => s.mode).sort()).toEqual(['comparable', 'parallel']);
  });

  it('are opened by mode; without one, the alignment worked on last', async () => {
    expect((await api.getAlignment(sv, fi, 'paragraph', 'parallel'))!.mode).toBe('parallel');
    expect((await api.getAlignment(sv, fi, 'paragraph'))!.mode).toBe('parallel');
    const comparable = (await api.getAlignment(sv, fi, 'paragraph', 'comparable'))!;
    await api.editLinks(comparable.id, { op: 'confirm', linkIds: [comparable.links[0].id] });
    expect((await api.getAlignment(sv, fi, 'paragraph'))!.mode).toBe('comparable');
    // Align without a mode keeps to the mode worked on last.
    expect((await api.align(sv, fi, { level: 'paragraph' })).mode).toBe('comparable');
  });

  it('are exported one at a time, by mode', async () => {
    const comparable = (await api.getAlignment(sv, fi, 'paragraph', 'comparable'))!;
    const parallel = (await api.getAlignment(sv, fi, 'paragraph', 'parallel'))!;
    const count = (v: typeof comparable) => v.links.filter((l) => l.a.length && l.b.length && l.status !== 'rejected').length;
    const c = await api.exportAlignment({ format: 'tsv', pair: [sv, fi], status: 'all', mode: 'comparable' });
    const p = await api.exportAlignment({ format: 'tsv', pair: [sv, fi], status: 'all', mode: 'parallel' });
    expect(c.units).toBe(count(comparable));
    expect(p.units).toBe(count(parallel));
    expect(c.units).not.toBe(p.units);
  });

  it('survive a reopen of the project', async () => {
    db.close();
    db = openProject(file);
    api = createWorkbench(db, { name: 'modes.tandem', annotator: 'kari' });
    expect((await api.getAlignment(sv, fi, 'paragraph', 'comparable'))!.links.length).toBeGreaterThan(0);
    expect((await api.getAlignment(sv, fi, 'paragraph', 'parallel'))!.links.length).toBeGreaterThan(0);
  });
});

describe('tandem align --mode parallel', () => {
  it('warns when the documents are not translations of each other, and keeps the comparable alignment', async () => {
    db.close();
    const r = await runCli('align', file, String(sv), String(fi), '--mode', 'parallel');
    db = openProject(file);
    api = createWorkbench(db, { name: 'modes.tandem', annotator: 'kari' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not translations of each other/);
    expect((await api.getAlignment(sv, fi, 'paragraph', 'comparable'))).not.toBeNull();
  });

  it('says nothing for an original and its translation', async () => {
    const en = (await api.getDocument(sv)).translations[0];
    db.close();
    const r = await runCli('align', file, String(sv), String(en), '--mode', 'parallel');
    db = openProject(file);
    api = createWorkbench(db, { name: 'modes.tandem', annotator: 'kari' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
