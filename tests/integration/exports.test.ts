import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { importAlignedFile } from '../../core/services/import-aligned';
import { readTmx, readXliff, parseXml } from '../../core/xml';
import { childElements } from '../../core/formats';
import { listJobs } from '../../db/queries/mt';
import { listDocuments } from '../../db/queries/documents';
import type { JobInfo } from '../../common/types';
import { runCli, runCliJson } from '../support/cli';
import { b64, tempDir, writeFiles } from '../support/project';
import {
  hasXmllint,
  omegatAvailable,
  omegatTranslate,
  tmxDtdPath,
  translateToolkitPython,
  translateToolkitReadTmxUnits,
  translateToolkitReadXliff,
  withTempFile,
  xmllintDtdValid,
} from '../support/xml-tools';

// A Norwegian report with English and German translations, and a Swedish one with an English translation.
const NB = ['Ferja «Havørn» gikk på grunn ved Flatøy natt til mandag.', 'Alle 42 passasjerene ble evakuert uten skader.', 'Havarikommisjonen undersøker nå hvorfor kursen ble endret.'];
const EN = ['The ferry "Havørn" ran aground off Flatøy on Sunday night.', 'All 42 passengers were evacuated without injuries.', 'The accident board is now investigating why the course was changed.'];
const DE = ['Die Fähre „Havørn" lief in der Nacht zu Montag vor Flatøy auf Grund.', 'Alle 42 Passagiere wurden unverletzt evakuiert.', 'Die Unfallkommission untersucht nun, warum der Kurs geändert wurde.'];
const SV = ['Stormen fällde tusentals träd i Norrland under helgen.', 'Över 20 000 hushåll saknade ström på söndagskvällen.'];
const SV_EN = ['The storm felled thousands of trees in Norrland over the weekend.', 'More than 20,000 households were without power on Sunday evening.'];

let dir: string;
let cleanup: () => void;
let project: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'news.tandem');
  const db = openProject(project, { create: true });
  const api = createWorkbench(db, { name: 'news', annotator: 'kari' });
  ids.nb = (await api.importArticles([{ name: 'ferje.txt', base64: b64(NB.join('\n')) }], { lang: 'nb' })).files[0]!.docId!;
  ids.sv = (await api.importArticles([{ name: 'storm.txt', base64: b64(SV.join('\n')) }], { lang: 'sv' })).files[0]!.docId!;
  for (const [key, of, texts, lang] of [['en', ids.nb, EN, 'en'], ['de', ids.nb, DE, 'de'], ['svEn', ids.sv, SV_EN, 'en']] as const) {
    ids[key] = (await api.importTranslation(of, { name: `${key}.txt`, base64: b64(texts.join('\n')) }, { lang })).docId!;
    const view = (await api.getAlignment(of, ids[key]!, 'paragraph'))!;
    for (let i = 0; i < texts.length; i++) await api.editLinks(view.id, { op: 'link', a: [i], b: [i] });
  }
  db.close();
});
afterAll(() => cleanup());

describe('one multilingual TMX for all translations', () => {
  let xml: string;
  beforeAll(async () => {
    const out = path.join(dir, 'corpus.tmx');
    const r = await runCliJson<{ units: number; files: string[] }>('export', project, '--format', 'tmx', '--all-translations', '--out', out);
    expect(r.files).toEqual([out]);
    expect(fs.statSync(out).isFile()).toBe(true);
    xml = fs.readFileSync(out, 'utf8');
    expect(r.units).toBe(NB.length + SV.length);
  });

  it('writes one <tu> per group of linked paragraphs, carrying the original and every translation of it', () => {
    const doc = parseXml(xml);
    const header = childElements(doc.root, 'header')[0]!;
    expect(header.attrs.get('srclang')).toBe('*all*');
    const tus = childElements(childElements(doc.root, 'body')[0]!, 'tu');
    expect(tus).toHaveLength(5);
    const langs = tus.map((tu) => childElements(tu, 'tuv').map((v) => v.attrs.get('xml:lang')).join(','));
    expect(langs).toEqual(['nb,en,de', 'nb,en,de', 'nb,en,de', 'sv,en', 'sv,en']);
    expect(tus.map((tu) => tu.attrs.get('srclang'))).toEqual(['nb', 'nb', 'nb', 'sv', 'sv']);
    // Each pair reads back from the one file.
    expect(readTmx(xml, { srcLang: 'nb', tgtLang: 'de' }).units.map((u) => [u.src, u.tgt])).toEqual(NB.map((s, i) => [s, DE[i]]));
    const svEn = readTmx(xml, { srcLang: 'sv', tgtLang: 'en' });
    expect(svEn.units.map((u) => u.tgt)).toEqual(SV_EN);
    expect(svEn.units[0]!.props).toMatchObject({ status: 'confirmed', srcDoc: 'storm.txt', tgtDoc: 'svEn.txt' });
  });

  it.skipIf(!hasXmllint() || !tmxDtdPath())('is valid against the TMX 1.4b DTD', () => {
    const result = withTempFile('corpus.tmx', xml, (p) => xmllintDtdValid(p, tmxDtdPath()!));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it.skipIf(!translateToolkitPython())('is read by translate-toolkit: every unit with the original and a translation', () => {
    const units = withTempFile('corpus.tmx', xml, (p) => translateToolkitReadTmxUnits(p))!;
    expect(units.map((u) => u.source)).toEqual([...NB, ...SV]);
    expect(units.map((u) => u.target)).toEqual([...EN, ...SV_EN]);
  });

  it.skipIf(!omegatAvailable())('fills every paragraph in OmegaT, for each language pair it holds', () => {
    for (const [name, src, tgt, from, to] of [
      ['ferje.txt', NB, EN, 'nb', 'en'],
      ['ferje.txt', NB, DE, 'nb', 'de'],
      ['storm.txt', SV, SV_EN, 'sv', 'en'],
    ] as const) {
      const result = omegatTranslate({ [name]: src.join('\n') + '\n' }, xml, from, to)!;
      expect(result.remaining).toBe(0);
      expect(result.targets[name]!.trimEnd().split('\n')).toEqual([...tgt]);
    }
  }, 120_000);

  it('writes a folder of one file per pair only with --split', async () => {
    const out = path.join(dir, 'split');
    const r = await runCliJson<{ units: number; files: string[] }>('export', project, '--format', 'tmx', '--all-translations', '--split', '--out', out);
    expect(r.files.map((f) => path.basename(f)).sort()).toEqual(['ferje.nb-de.tmx', 'ferje.nb-en.tmx', 'storm.sv-en.tmx']);
    expect(fs.readdirSync(out).sort()).toEqual(['ferje.nb-de.tmx', 'ferje.nb-en.tmx', 'storm.sv-en.tmx']);
  });

  it('says why formats of one pair per file need --split, and writes nothing', async () => {
    const out = path.join(dir, 'all.xlf');
    const r = await runCli('export', project, '--format', 'xliff', '--all-translations', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/XLIFF 2.1 holds one language pair per file and there are 3 pairs.*--split/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('offers the same through the API', async () => {
    const db = openProject(project);
    const api = createWorkbench(db, { name: 'news', annotator: 'kari' });
    const one = await api.exportAlignment({ format: 'tmx', allTranslations: true });
    expect(one.files).toHaveLength(1);
    expect(one.content).toBe(one.files[0]!.content);
    expect(one.units).toBe(5);
    const split = await api.exportAlignment({ format: 'xliff', allTranslations: true, split: true, xliffVersion: '1.2' });
    expect(split.files.map((f) => f.name)).toEqual(['ferje.nb-en.xlf', 'ferje.nb-de.xlf', 'storm.sv-en.xlf']);
    expect(split.files.every((f) => f.content.includes('<xliff version="1.2"'))).toBe(true);
    db.close();
  });
});

describe('XLIFF 1.2 beside 2.1', () => {
  it.skipIf(!translateToolkitPython())('translate-toolkit reads every unit of a 1.2 export with its source and target', async () => {
    const out = path.join(dir, 'pair12.xlf');
    expect((await runCli('export', project, '--format', 'xliff', '--xliff-version', '1.2', '--pair', String(ids.nb), String(ids.de), '--out', out)).code).toBe(0);
    const read = translateToolkitReadXliff(out)!;
    expect(read.error).toBeUndefined();
    expect(read.units).toEqual(NB.map((source, i) => ({ source, target: DE[i] })));
  });

  it('imports both versions back to the same pairs', async () => {
    for (const version of ['1.2', '2.1']) {
      const out = path.join(dir, `pair-${version}.xlf`);
      expect((await runCli('export', project, '--format', 'xliff', '--xliff-version', version, '--pair', String(ids.sv), String(ids.svEn), '--out', out)).code).toBe(0);
      const pair = readXliff(fs.readFileSync(out));
      expect([pair.srcLang, pair.tgtLang]).toEqual(['sv', 'en']);
      expect(pair.units.map((u) => [u.src, u.tgt, u.props?.status, u.props?.state])).toEqual(SV.map((s, i) => [s, SV_EN[i], 'confirmed', 'translated']));
      const fresh = path.join(dir, `fresh-${version}.tandem`);
      await runCli('init', fresh);
      const imported = await runCliJson<{ units: number }>('import-aligned', fresh, out);
      expect(imported.units).toBe(SV.length);
    }
  });

  it('refuses --xliff-version with another format or an unknown version', async () => {
    expect((await runCli('export', project, '--format', 'tmx', '--xliff-version', '1.2', '--all-translations', '--out', path.join(dir, 'x'))).stderr).toMatch(/--xliff-version goes with --format xliff/);
    expect((await runCli('export', project, '--format', 'xliff', '--xliff-version', '2.0', '--all-translations', '--out', path.join(dir, 'x'))).stderr).toMatch(/2.1 or 1.2/);
  });
});

// A memory from another tool, its segments full of inline codes: paired, isolated, standalone, highlighted, with a sub-flow.
const CODED_TMX = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="3" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="html"/>
  <body>
    <tu tuid="t1">
      <tuv xml:lang="en"><seg>Press <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now.<ph x="2" type="lb">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="nb"><seg>Trykk <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Lagre<ept i="1">&lt;/b&gt;</ept> nå.<ph x="2" type="lb">&lt;br/&gt;</ph></seg></tuv>
    </tu>
    <tu tuid="t2">
      <tuv xml:lang="en"><seg>See <bpt i="1" x="3" type="link">&lt;a href="#" title="<sub>Help page</sub>"&gt;</bpt>help<ept i="1">&lt;/a&gt;</ept> and <hi type="italic">notes</hi><it pos="begin" x="4">&lt;i&gt;</it></seg></tuv>
      <tuv xml:lang="nb"><seg>Se <bpt i="1" x="3" type="link">&lt;a href="#" title="<sub>Hjelpesiden</sub>"&gt;</bpt>hjelp<ept i="1">&lt;/a&gt;</ept> og <hi type="italic">notater</hi><it pos="begin" x="4">&lt;i&gt;</it></seg></tuv>
    </tu>
  </body>
</tmx>
`;

function segs(xml: string): string[] {
  return [...xml.matchAll(/<seg>([\s\S]*?)<\/seg>/g)].map((m) => m[1]!);
}

describe('inline codes survive', () => {
  it('a TMX with inline codes round-trips through Tandem with its codes intact', async () => {
    const [input] = writeFiles(dir, { 'coded.tmx': CODED_TMX });
    const fresh = path.join(dir, 'coded.tandem');
    await runCli('init', fresh);
    const imported = await runCliJson<{ original: number; translation: number; units: number }>('import-aligned', fresh, input!);
    expect(imported.units).toBe(2);
    // In Tandem, the codes are placeholders in the text.
    const db = openProject(fresh);
    const api = createWorkbench(db, { name: 'coded', annotator: 'x' });
    const original = await api.getDocument(imported.original);
    expect(original.paragraphList.map((p) => p.text)).toEqual(['Press \u27E6Save\u27E7 now.\u2B1A', 'See \u27E6help\u27E7 and \u27E6notes\u27E7\u27E6']);
    db.close();
    const out = path.join(dir, 'coded-back.tmx');
    expect((await runCli('export', fresh, '--format', 'tmx', '--pair', String(imported.original), String(imported.translation), '--out', out)).code).toBe(0);
    const back = fs.readFileSync(out, 'utf8');
    expect(segs(back)).toEqual(segs(CODED_TMX));
    const dtd = tmxDtdPath();
    if (dtd && hasXmllint()) expect(xmllintDtdValid(out, dtd)).toEqual({ ok: true, output: '' });
  });

  it('writes the codes with each format\'s own elements: XLIFF 2.1 and 1.2', async () => {
    const fresh = path.join(dir, 'coded.tandem');
    const docs = await runCliJson<Array<{ id: number; translationOf: number | null }>>('list', fresh);
    const [orig, tr] = [docs.find((d) => d.translationOf === null)!.id, docs.find((d) => d.translationOf !== null)!.id];
    const x2 = path.join(dir, 'coded2.xlf');
    const x12 = path.join(dir, 'coded12.xlf');
    expect((await runCli('export', fresh, '--format', 'xliff', '--pair', String(orig), String(tr), '--out', x2)).code).toBe(0);
    expect((await runCli('export', fresh, '--format', 'xliff', '--xliff-version', '1.2', '--pair', String(orig), String(tr), '--out', x12)).code).toBe(0);
    const two = fs.readFileSync(x2, 'utf8');
    expect(two).toContain('<source xml:space="preserve">Press <sc id="1" dataRef="d1"/>Save<ec startRef="1" dataRef="d2"/> now.<ph id="2" dataRef="d3"/></source>');
    expect(two).toContain('<data id="d1">&lt;b&gt;</data>');
    expect(two).toContain('and <pc id="1">notes</pc><sc id="4" isolated="yes" dataRef="d3"/>');
    const twelve = fs.readFileSync(x12, 'utf8');
    expect(twelve).toContain('<source>Press <bpt id="1">&lt;b&gt;</bpt>Save<ept id="1">&lt;/b&gt;</ept> now.<ph id="2">&lt;br/&gt;</ph></source>');
    expect(twelve).toContain('and <g id="1">notes</g><it id="4" pos="open">&lt;i&gt;</it>');
    // Both read back to the same placeholders and native codes.
    for (const f of [x2, x12]) {
      const pair = readXliff(fs.readFileSync(f));
      expect(pair.units.map((u) => u.src)).toEqual(['Press \u27E6Save\u27E7 now.\u2B1A', 'See \u27E6help\u27E7 and \u27E6notes\u27E7\u27E6']);
      expect(pair.units[0]!.srcCodes!.map((c) => c.native)).toEqual(['<b>', '</b>', '<br/>']);
    }
    if (translateToolkitPython()) {
      const read = translateToolkitReadXliff(x12)!;
      expect(read.error).toBeUndefined();
      expect(read.units).toHaveLength(2);
    }
  });
});

describe('import-aligned is a job: progress, cancel, nothing half-imported', () => {
  it('reports progress while reading and stores the pair at the end', async () => {
    const big = `<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n${Array.from(
      { length: 30_000 },
      (_, i) => `<tu><tuv xml:lang="en"><seg>Sentence ${i} of the test memory.</seg></tuv><tuv xml:lang="nb"><seg>Setning ${i} i testminnet.</seg></tuv></tu>\n`,
    ).join('')}</body></tmx>`;
    const [file] = writeFiles(dir, { 'job.tmx': big });
    const db = openProject(path.join(dir, 'job.tandem'), { create: true });
    const seen: JobInfo[] = [];
    const result = await importAlignedFile(db, file!, { format: 'tmx', onProgress: (j) => seen.push(j) });
    expect(result.units).toBe(30_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toMatchObject({ kind: 'import-aligned', status: 'done', done: big.length, total: big.length });
    expect(listJobs(db)[0]).toMatchObject({ id: result.jobId, status: 'done' });

    // Stopped through its signal: nothing stored, the job says so.
    const controller = new AbortController();
    const fresh = openProject(path.join(dir, 'job2.tandem'), { create: true });
    const stopped = importAlignedFile(fresh, file!, { format: 'tmx', signal: controller.signal, onProgress: () => controller.abort() });
    await expect(stopped).rejects.toThrow(/stopped by the user; nothing was imported/);
    expect(listDocuments(fresh)).toEqual([]);
    expect(listJobs(fresh)[0]).toMatchObject({ kind: 'import-aligned', status: 'interrupted' });
    db.close();
    fresh.close();
  });
});
