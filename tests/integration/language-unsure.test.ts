import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../common/types';
import type { TranslateSummary } from '../../common/api';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';
import { runCli, runCliJson } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';
import { NEWS } from '../fixtures/langid/news';

// Four words the identifier cannot place between Danish and Norwegian; the fake engine reads them as Norwegian.
const SHORT = 'Huset er på Hamar';

let fake: FakeDeepL;
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());
afterEach(async () => {
  await fake?.close();
  delete process.env.DEEPL_AUTH_KEY;
  delete process.env.DEEPL_SERVER_URL;
});

describe('a document whose language is unsure', () => {
  it('is listed as unsure, translated with the engine\'s own detection, and the detected language can be accepted and undone', async () => {
    fake = await startFakeDeepL({ requireAuthKey: 'k:fx' });
    process.env.DEEPL_AUTH_KEY = 'k:fx';
    process.env.DEEPL_SERVER_URL = fake.url;
    const file = path.join(dir, 'unsure.tandem');
    await runCli('init', file);
    const inputs = writeFiles(path.join(dir, 'unsure-in'), { 'short.txt': SHORT, 'sure.txt': NEWS.sv.join('\n\n') });
    expect((await runCli('import', file, ...inputs)).code).toBe(0);

    const docs = await runCliJson<DocumentSummary[]>('list', file);
    const short = docs.find((d) => d.source === 'short.txt')!;
    const sure = docs.find((d) => d.source === 'sure.txt')!;
    expect(short).toMatchObject({ langUnsure: true, mtDetectedLang: null, otherLanguages: [] });
    expect(sure).toMatchObject({ lang: 'sv', langUnsure: false });
    expect((await runCli('list', file)).stdout).toMatch(new RegExp(`unsure \\(${short.lang}\\?\\)`));

    await runCliJson<TranslateSummary>('translate', file);
    const requests = fake.translateRequests();
    const sourceOf = (text: string) => requests.find((r) => r.params.text?.includes(text))?.params.source_lang?.[0];
    expect(sourceOf(SHORT)).toBeUndefined();
    expect(sourceOf(NEWS.sv[0])?.toUpperCase()).toBe('SV');

    const after = (await runCliJson<DocumentSummary[]>('list', file)).find((d) => d.id === short.id)!;
    expect(after).toMatchObject({ lang: short.lang, langUnsure: true, mtDetectedLang: 'nb' });
    const listed = (await runCli('list', file)).stdout;
    expect(listed).toContain('unsure (DeepL says: nb)');
    expect(listed).toContain(`tandem accept-lang ${file} ${short.id}`);

    const accepted = await runCli('accept-lang', file, String(short.id));
    expect(accepted.stdout).toContain(`doc ${short.id} (short.txt) is now nb`);
    expect((await runCliJson<DocumentSummary[]>('list', file)).find((d) => d.id === short.id)).toMatchObject({ lang: 'nb', langConfidence: 1, langUnsure: false });

    expect((await runCli('undo', file)).stdout).toMatch(/undone: language of document/);
    expect((await runCliJson<DocumentSummary[]>('list', file)).find((d) => d.id === short.id)).toMatchObject({ lang: short.lang, langUnsure: true, mtDetectedLang: 'nb' });
  });

  it('cannot be accepted before the engine has detected anything', async () => {
    const file = path.join(dir, 'none.tandem');
    await runCli('init', file);
    await runCli('import', file, ...writeFiles(path.join(dir, 'none-in'), { 'short.txt': SHORT }));
    const r = await runCli('accept-lang', file, 'short.txt');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no language detected by the translation engine yet/);
  });
});

describe('titles', () => {
  it('come from the headline, and the user can rename a document and undo it', async () => {
    const file = path.join(dir, 'titles.tandem');
    await runCli('init', file);
    const text = ['Tuesday, March 8, 2022', 'By Anna Berg', 'Ferry runs aground off the island', NEWS.en[0]].join('\n\n');
    await runCli('import', file, ...writeFiles(path.join(dir, 'titles-in'), { 'ferry.txt': text }));
    const [doc] = await runCliJson<DocumentSummary[]>('list', file);
    expect(doc.title).toBe('Ferry runs aground off the island');

    const renamed = await runCli('set-title', file, 'ferry.txt', 'Ferry aground: nobody hurt');
    expect(renamed.code).toBe(0);
    expect((await runCliJson<DocumentSummary[]>('list', file))[0].title).toBe('Ferry aground: nobody hurt');
    expect((await runCli('set-title', file, 'ferry.txt', '   ')).stderr).toMatch(/cannot be empty/);
    await runCli('undo', file);
    expect((await runCliJson<DocumentSummary[]>('list', file))[0].title).toBe('Ferry runs aground off the island');
    await runCli('redo', file);
    expect((await runCliJson<DocumentSummary[]>('list', file))[0].title).toBe('Ferry aground: nobody hurt');
  });

  it('lists the paragraphs of a document that are in another language', async () => {
    const file = path.join(dir, 'mixed.tandem');
    await runCli('init', file);
    const text = [...NEWS.nb, NEWS.en[0], ...NEWS.nb.map((t) => t.split('. ').reverse().join('. '))].join('\n\n');
    await runCli('import', file, ...writeFiles(path.join(dir, 'mixed-in'), { 'mixed.txt': text }));
    const [doc] = await runCliJson<DocumentSummary[]>('list', file);
    expect(doc.lang).toBe('nb');
    expect(doc.otherLanguages).toEqual([{ lang: 'en', paragraphs: [3] }]);
    expect((await runCli('list', file)).stdout).toContain(`doc ${doc.id}: mixed languages: en in ¶ 4`);
  });
});
