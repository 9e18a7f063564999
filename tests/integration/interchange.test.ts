import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { readJsonl } from '../../core/formats';
import type { DocumentSummary } from '../../common/types';
import { runCli, runCliJson } from '../support/cli';
import { b64, tempDir, writeFiles } from '../support/project';
import { hasXmllint, tmxDtdPath, translateToolkitReadTmx, xmllintDtdValid } from '../support/xml-tools';


// Paragraphs that stress every format: scripts, direction, emoji, XML specials, length.
const SRC = [
  'Ferjа «Havørn» & co. <strong> "quoted" \'single\' ]]> done',
  'Ελληνικά, русский, 中文, 日本語, 한국어, हिन्दी',
  'العبارة جنحت قرب الجزيرة — המעבורת עלתה על שרטון',
  'Emoji: 🚢🌊 👩‍👩‍👧 ❤️ flags 🇳🇴',
  `Long: ${'fergen og stormen '.repeat(3000).trim()}`,
];
const TGT = [
  'Ferry "Havørn" & co. <strong> “quoted” \'single\' ]]> done',
  'Greek, Russian, Chinese, Japanese, Korean, Hindi',
  'The ferry ran aground near the island — the ferry ran aground (Hebrew)',
  'Emoji: 🚢🌊 👩‍👩‍👧 ❤️ flags 🇳🇴 (same)',
  `Long: ${'the ferry and the storm '.repeat(3000).trim()}`,
];

let dir: string;
let cleanup: () => void;
let project: string;
let original: number;
let translation: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'source.tandem');
  const db = openProject(project, { create: true });
  const api = createWorkbench(db, { name: 'source', annotator: 'ola' });
  original = (await api.importArticles([{ name: 'mixed.txt', base64: b64(SRC.join('\n')) }], { lang: 'nb' })).files[0].docId!;
  translation = (await api.importTranslation(original, { name: 'mixed.en.txt', base64: b64(TGT.join('\n')) }, { lang: 'en' })).docId!;
  const view = (await api.getAlignment(original, translation, 'paragraph'))!;
  // Link every paragraph 1:1 and confirm, whatever the engine proposed.
  for (let i = 0; i < SRC.length; i++) await api.editLinks(view.id, { op: 'link', a: [i], b: [i] });
  db.close();
});
afterAll(() => cleanup());

async function exportTo(file: string, format: string, status = 'confirmed') {
  return runCli('export', file, '--format', format, '--pair', String(original), String(translation), '--status', status, '--out', path.join(dir, `out.${format}`));
}

describe('export and import round trip', () => {
  for (const format of ['tmx', 'xliff', 'tsv', 'jsonl', 'moses']) {
    it(`${format}: export, import into a new project, export again: the pairs are identical`, async () => {
      const out = path.join(dir, `out.${format}`);
      const r = await exportTo(project, format);
      expect(r.code, r.stderr).toBe(0);
      const fresh = path.join(dir, `fresh-${format}.tandem`);
      await runCli('init', fresh);
      const input = format === 'moses' ? [path.join(out, 'mixed.nb-en.nb'), '--tgt', path.join(out, 'mixed.nb-en.en'), '--src-lang', 'nb', '--tgt-lang', 'en'] : [out, '--format', format];
      const imported = await runCli('import-aligned', fresh, ...input, '--json');
      expect(imported.code, imported.stderr).toBe(0);
      const res = JSON.parse(imported.stdout) as { original: number; translation: number; units: number };
      expect(res.units).toBe(SRC.length);
      const back = path.join(dir, `back.${format}.jsonl`);
      expect((await runCli('export', fresh, '--format', 'jsonl', '--pair', String(res.original), String(res.translation), '--out', back)).code).toBe(0);
      const pair = readJsonl(fs.readFileSync(back, 'utf8'));
      const expectedSrc = format === 'moses' ? SRC.map((s) => s.replace(/\s+/g, ' ')) : SRC;
      expect(pair.units.map((u) => u.src)).toEqual(expectedSrc);
      expect(pair.units.map((u) => u.tgt)).toEqual(format === 'moses' ? TGT.map((s) => s.replace(/\s+/g, ' ')) : TGT);
    });
  }

  it('writes TMX that validates against the TMX 1.4b DTD and that translate-toolkit reads', async () => {
    expect((await exportTo(project, 'tmx')).code).toBe(0);
    const out = path.join(dir, 'out.tmx');
    const xml = fs.readFileSync(out, 'utf8');
    for (const attr of ['creationtool=', 'creationtoolversion=', 'segtype=', 'o-tmf=', 'adminlang=', 'srclang=', 'datatype=']) expect(xml).toContain(attr);
    const dtd = tmxDtdPath();
    if (dtd && hasXmllint()) expect(xmllintDtdValid(out, dtd).ok).toBe(true);
    const units = translateToolkitReadTmx(out, 'nb', 'en');
    if (units) expect(units.map((u) => u.source)).toEqual(SRC);
  });

  it('exports every original against its translation', async () => {
    const r = await runCliJson<{ units: number; files: string[] }>('export', project, '--format', 'tmx', '--all-translations', '--out', path.join(dir, 'all.tmx'));
    expect(r.units).toBe(SRC.length);
  });
});

describe('hostile and malformed input', () => {
  it('refuses a billion-laughs TMX with a clear message and imports nothing', async () => {
    const fresh = path.join(dir, 'hostile.tandem');
    await runCli('init', fresh);
    const bomb = writeFiles(dir, {
      'bomb.tmx': '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>',
      'xxe.tmx': '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv><tuv xml:lang="nb"><seg>x</seg></tuv></tu></body></tmx>',
    });
    for (const f of bomb) {
      const r = await runCli('import-aligned', fresh, f);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/entit/i);
    }
    expect(await runCliJson<DocumentSummary[]>('list', fresh)).toEqual([]);
  });

  it('points at the line and column of malformed XML and leaves nothing half-imported', async () => {
    const fresh = path.join(dir, 'malformed.tandem');
    await runCli('init', fresh);
    const bad = writeFiles(dir, { 'bad.tmx': '<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="en" />\n<body><tu><tuv xml:lang="en"><seg>one</seg></tuv>\n<tuv xml:lang="nb"><seg>en</sge></tuv></tu></body></tmx>' })[0];
    const r = await runCli('import-aligned', fresh, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 5, column \d+/);
    expect(await runCliJson<DocumentSummary[]>('list', fresh)).toEqual([]);
  });

  it('refuses a Moses pair whose line counts differ', async () => {
    const fresh = path.join(dir, 'moses.tandem');
    await runCli('init', fresh);
    const [a, b] = writeFiles(dir, { 'x.nb': 'en\nto\ntre\n', 'x.en': 'one\ntwo\n' });
    const r = await runCli('import-aligned', fresh, a, '--tgt', b);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line/i);
  });
});
