import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, ImportReport, SearchHit } from '../../common/types';
import { runCli, runCliJson } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';

// Our own small story, told in Norwegian with an English translation.
const NB = [
  'Fergen gikk på grunn utenfor Måløy',
  'Fergen «Havørn» gikk på grunn like nord for havna kl. 21.40 torsdag kveld. Alle de 48 passasjerene kom seg i land.',
  'Ifølge politiet var det sterk vind og høye bølger i området. Redningsskøyta var på stedet etter en halvtime.',
  'Havarikommisjonen skal nå undersøke hva som skjedde, bl.a. om fergen burde ha seilt i det hele tatt.',
].join('\n');
const EN = [
  'The ferry ran aground off Måløy',
  'The ferry "Havørn" ran aground just north of the harbour at 21.40 on Thursday evening. All 48 passengers got ashore.',
  'According to the police there was a strong wind and high waves in the area. The rescue boat was on the scene after half an hour.',
  'The accident investigation board will now look into what happened, including whether the ferry should have sailed at all.',
].join('\n');
const SV_MD = '# Färjan gick på grund\n\nFärjan gick på grund i hård vind på torsdagskvällen. Alla passagerare räddades, säger polisen.\n\nHaverikommissionen ska nu utreda olyckan och bl.a. titta på vädret.\n';
const NL_HTML = '<html><head><title>Veerboot vastgelopen</title><script>var x=1;</script></head><body><h1>Veerboot vastgelopen</h1><p>De veerboot is donderdagavond in een storm op de rotsen gelopen. Alle passagiers zijn gered, zegt de politie.</p><p>Het onderzoek naar de oorzaak is begonnen, o.a. naar het weer.</p></body></html>';

let dir: string;
let cleanup: () => void;
let project: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'corpus.tandem');
});
afterAll(() => cleanup());

describe('tandem init, import, list, show', () => {
  it('creates a project', async () => {
    const r = await runCli('init', project);
    expect(r.code).toBe(0);
    expect(fs.existsSync(project)).toBe(true);
  });

  it('imports a directory of mixed files: good ones import, bad ones are reported with their reason', async () => {
    const batch = path.join(dir, 'batch');
    writeFiles(batch, {
      'ferge.txt': NB,
      'faerja.md': SV_MD,
      'veerboot.html': NL_HTML,
      'empty.txt': '',
      'blank.txt': '   \n\n  \n',
      'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'binary.txt': new Uint8Array([1, 2, 3, 0, 0, 0, 4, 5, 0, 0, 9, 9, 9, 0]),
      'bad-utf8.txt': new Uint8Array([0x48, 0x69, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x80, 0x81, 0x82]),
      'notes.pdf': '%PDF-1.4 not an article',
    });
    // A file over the size limit is refused from its size, before it is read.
    const huge = path.join(batch, 'huge.txt');
    const fd = fs.openSync(huge, 'w');
    fs.ftruncateSync(fd, 200 * 1024 * 1024);
    fs.closeSync(fd);

    const run = await runCli('import', project, batch, '--collection', 'ferry', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as ImportReport;
    const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f]));
    expect(byName['ferge.txt'].status).toBe('imported');
    expect(byName['faerja.md'].status).toBe('imported');
    expect(byName['veerboot.html'].status).toBe('imported');
    expect(byName['empty.txt']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/empty/) });
    expect(byName['blank.txt']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no text/) });
    expect(byName['photo.png']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not an article format/) });
    expect(byName['notes.pdf']).toMatchObject({ status: 'failed' });
    expect(byName['binary.txt']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/binary/) });
    expect(byName['bad-utf8.txt']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not valid UTF-8/) });
    expect(byName['huge.txt']).toMatchObject({ status: 'failed', reason: expect.stringMatching(/over the 64 MB limit/) });
    expect(report.imported).toBe(3);

    // Nothing half-written: only the three good documents, each complete.
    const docs = await runCliJson<DocumentSummary[]>('list', project);
    expect(docs.map((d) => d.source).sort()).toEqual(['faerja.md', 'ferge.txt', 'veerboot.html']);
    const ferge = docs.find((d) => d.source === 'ferge.txt')!;
    expect(ferge).toMatchObject({ lang: 'nb', paragraphs: 4, collection: 'ferry', translationOf: null, translations: [] });
    expect(ferge.sentences).toBe(6);
    expect(docs.find((d) => d.source === 'faerja.md')).toMatchObject({ lang: 'sv', paragraphs: 3, title: 'Färjan gick på grund' });
    expect(docs.find((d) => d.source === 'veerboot.html')).toMatchObject({ lang: 'nl', paragraphs: 3, title: 'Veerboot vastgelopen' });
  });

  it('exits non-zero when a file fails, and says why on stderr', async () => {
    const bad = writeFiles(dir, { 'zero.txt': '' })[0];
    const r = await runCli('import', project, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/zero\.txt: the file is empty/);
  });

  it('detects the same content imported again and creates no duplicate', async () => {
    const again = writeFiles(dir, { 'copy-of-ferge.txt': `${NB}\r\n` })[0];
    const report = await runCliJson<ImportReport>('import', project, again);
    expect(report.files[0].status).toBe('duplicate');
    expect((await runCliJson<DocumentSummary[]>('list', project)).length).toBe(3);
  });

  it('shows a document by id or by file name, with 1-based paragraph numbers', async () => {
    const r = await runCli('show', project, 'ferge.txt');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {3}1 {2}Fergen gikk på grunn utenfor Måløy$/m);
    const id = (await runCliJson<DocumentSummary[]>('list', project)).find((d) => d.source === 'ferge.txt')!.id;
    const json = await runCliJson<{ paragraphs: Array<{ number: number; text: string }> }>('show', project, String(id));
    expect(json.paragraphs[3].number).toBe(4);
    const missing = await runCli('show', project, 'nope.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No document named "nope.txt"/);
  });

  it('attaches an existing translation, linked to its original, with provenance', async () => {
    const file = writeFiles(dir, { 'ferge.en.txt': EN })[0];
    const r = await runCliJson<{ status: string; docId: number }>('import-translation', project, '--of', 'ferge.txt', file, '--lang', 'en', '--provider', 'agency');
    expect(r.status).toBe('imported');
    const docs = await runCliJson<DocumentSummary[]>('list', project);
    const original = docs.find((d) => d.source === 'ferge.txt')!;
    const translation = docs.find((d) => d.id === r.docId)!;
    expect(translation).toMatchObject({ lang: 'en', translationOf: original.id, paragraphs: 4, provenance: { kind: 'human', provider: 'agency' } });
    expect(original.translations).toEqual([translation.id]);
  });

  it('changes a language with set-lang', async () => {
    expect((await runCli('set-lang', project, 'veerboot.html', 'nl-BE')).code).toBe(0);
    const docs = await runCliJson<DocumentSummary[]>('list', project);
    expect(docs.find((d) => d.source === 'veerboot.html')!.lang).toBe('nl-BE');
    expect((await runCli('set-lang', project, 'veerboot.html', 'not a code')).code).toBe(1);
  });
});

describe('tandem search', () => {
  it('ignores case and diacritics in every script and gives document, paragraph and snippet', async () => {
    const hits = await runCliJson<SearchHit[]>('search', project, 'FARJAN');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ lang: 'sv', paragraph: 1 });
    expect(hits[0].snippet).toMatch(/\[Färjan\]/);
    const havorn = await runCliJson<SearchHit[]>('search', project, 'havørn');
    expect(havorn.map((h) => h.lang).sort()).toEqual(['en', 'nb']);
  });

  it('shows each hit beside its aligned counterparts', async () => {
    const hits = await runCliJson<SearchHit[]>('search', project, 'redningsskøyta');
    expect(hits).toHaveLength(1);
    expect(hits[0].counterparts.length).toBeGreaterThan(0);
    expect(hits[0].counterparts[0]).toMatchObject({ lang: 'en', paragraph: 3 });
  });

  it('filters by language', async () => {
    const hits = await runCliJson<SearchHit[]>('search', project, 'passasjerene OR passengers', '--lang', 'en');
    expect(hits.length).toBe(1);
    expect(hits.every((h) => h.lang === 'en')).toBe(true);
  });

  it('treats any query a user can type as text, never as an SQL or FTS error', async () => {
    for (const q of ['"', '((', 'AND', 'NEAR(', '*', 'text:ferry', '^x', "'); DROP TABLE documents; --", 'a OR', '"unbalanced', '-', 'NOT NOT', '{x}', '\\', '']) {
      const r = await runCli('search', project, q, '--json');
      expect(r.code, `query ${JSON.stringify(q)}: ${r.stderr}`).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    }
    expect((await runCliJson<DocumentSummary[]>('list', project)).length).toBe(4);
  });
});

describe('project errors', () => {
  it('refuses a file that is not a project, clearly', async () => {
    const notes = writeFiles(dir, { 'notes.tandem': 'hello' })[0];
    const r = await runCli('list', notes);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Tandem project/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('hello');
  });

  it('gives usage for a missing argument and an unknown command', async () => {
    expect((await runCli('import', project)).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
  });

  it('prints a command\'s usage for --help, -h and "help COMMAND", and does nothing else', async () => {
    for (const argv of [['import', '--help'], ['import', project, '-h'], ['help', 'import']]) {
      const r = await runCli(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: tandem import PROJECT FILE/);
      expect(r.stderr).toBe('');
    }
    const sub = await runCli('facts', 'suggest', '--help');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/^usage: tandem facts suggest PROJECT FACT_ID/);
    // After --, --help is a file name like any other.
    const literal = await runCli('import', project, '--', '--help');
    expect(literal.stdout).not.toMatch(/^usage:/);
  });
});

describe('project abbreviations and bulk import', () => {
  it('keeps a project abbreviation from ending a sentence, on the single-file and the parallel import path', async () => {
    const p = path.join(dir, 'abbr.tandem');
    await runCli('init', p);
    expect((await runCli('abbreviations', p, 'nb', 'avd.', 'sj')).code).toBe(0);
    expect(await runCliJson<string[]>('abbreviations', p, 'nb')).toEqual(['avd', 'sj']);
    const text = (i: number) => `Hun jobber i avd. Nord-Vest nummer ${i}. Resten av laget er uendret, sier hun til avisen.\nDet er ikke noe nytt i dette, mener sjefen for avdelingen.`;
    const one = writeFiles(path.join(dir, 'abbr-one'), { 'one.txt': text(0) });
    await runCli('import', p, ...one, '--lang', 'nb');
    const many: Record<string, string | Uint8Array> = {};
    for (let i = 1; i <= 20; i++) many[`article-${i}.txt`] = text(i);
    many['broken.txt'] = new Uint8Array([0xff, 0xfe, 0x00]);
    many['empty.txt'] = '';
    writeFiles(path.join(dir, 'abbr-many'), many);
    const r = await runCli('import', p, path.join(dir, 'abbr-many'), '--lang', 'nb', '--json');
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.imported).toBe(20);
    expect(report.failed).toBe(2);
    expect(report.files.find((f) => f.file.endsWith('empty.txt'))!.reason).toMatch(/empty/);
    const docs = await runCliJson<DocumentSummary[]>('list', p);
    expect(docs).toHaveLength(21);
    // Paragraph 1 is two sentences, not three, in every document.
    expect(docs.every((d) => d.sentences === 3)).toBe(true);
    expect((await runCliJson<SearchHit[]>('search', p, 'avdelingen', '--limit', '100')).length).toBe(21);
  });
});
