// The seeds walk: the whole flow in a browser at 1440×900 on the seed articles (../shared/seeds) and
// their English translations (../shared/seeds/en), against a fake DeepL server, with a screenshot per
// step and every console error reported:
//   npm run build && npx tsx scripts/acceptance-seeds.ts [OUT_DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openProject } from '../db/open';
import { createWorkbench } from '../core/services/workbench';
import { startServer } from '../cli/serve/server';
import { startFakeDeepL } from '../tests/support/fake-deepl';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/browser';

const seeds = process.env.TANDEM_SEEDS ?? path.resolve('../shared/seeds');
if (!fs.existsSync(seeds)) {
  console.log(`skipped: no seed articles at ${seeds}`);
  process.exit(0);
}
const out = process.argv[2] ?? path.join(os.tmpdir(), 'tandem-acceptance');
fs.mkdirSync(out, { recursive: true });
const fake = await startFakeDeepL();
const file = path.join(os.tmpdir(), `seeds-walk-${process.pid}.tandem`);
const db = openProject(file, { create: true });
let emit: Parameters<typeof createWorkbench>[1]['emit'] = () => undefined;
const api = createWorkbench(db, { name: 'seeds.tandem', annotator: 'walker', mt: { authKey: () => 'k:fx', serverUrl: fake.url }, emit: (e) => emit!(e) });
const server = await startServer({ api, root: 'out/renderer' });
emit = server.emit;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
let step = 0;
const shot = async (name: string, p: Page = page) => {
  await p.waitForTimeout(400);
  await p.screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-${name}.png`) });
};
const settle = () => page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
const rev = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')?.dataset.rev ?? 0));
const rendered = async (before: number) => {
  await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
  await settle();
};

await page.goto(server.url);
await page.waitForSelector('body[data-ready]', { state: 'attached' });

// Import the five articles as one story.
await page.fill('input[aria-label="Story"]', 'kazakhstan');
await page.setInputFiles('input[aria-label="Articles to import"]', fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => path.join(seeds, f)));
await page.click('[data-op=import]');
await page.waitForSelector('.report tr.rep-imported');
await shot('imported');

// Their English translations: the agency's files, attached to each original.
const originals = await api.listDocuments();
for (const d of originals) {
  const en = path.join(seeds, 'en', d.source);
  if (fs.existsSync(en)) await api.importTranslation(d.id, { name: `en/${d.source}`, base64: fs.readFileSync(en).toString('base64') }, { lang: 'en', provider: 'reference', kind: 'human' });
}
await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshDocs(): Promise<void> } } }).__tandem.app.refreshDocs());

// Machine translation through the UI (the fake DeepL server), for one original.
const nb = originals.find((d) => d.lang === 'nb' || d.lang === 'no')!;
await page.locator(`tr[data-doc="${nb.id}"] input[type=checkbox]`).check();
await page.click('[data-op=translate]');
await page.waitForFunction(() => /billed/.test(document.querySelector('.view-project')?.textContent ?? ''), null, { timeout: 30_000 });
await shot('translated');

// Align the Norwegian original with its English translation, sentence by sentence; confirm with Enter, fix with M.
const all = await api.listDocuments();
const nbEn = all.find((d) => d.translationOf === nb.id && d.provenance.provider === 'reference')!;
await page.keyboard.press('Control+2');
await page.selectOption('#align-doc-a', String(nb.id));
await page.selectOption('#align-doc-b', String(nbEn.id));
await page.selectOption('select[aria-label=Level]', 'sentence');
let before = await rev();
await page.click('[data-op=align]');
await rendered(before);
await shot('sentences-aligned');
before = await rev();
await page.keyboard.press('Enter');
await rendered(before);
before = await rev();
await page.keyboard.press('Shift+N');
await page.keyboard.press('s');
await page.waitForTimeout(300);
await shot('confirmed-and-split');

// Every pair of the story, comparable, with the English beside each original.
await page.selectOption('select[aria-label=Level]', 'paragraph');
await page.click('.story-bar [data-op=align-story]');
await page.locator('[data-story-summary]').waitFor({ timeout: 60_000 });
await page.keyboard.press('t');
await page.waitForTimeout(800);
await shot('story-comparable-four-panes');

// Tag a fact with F on the first paragraph of pane A, then accept a suggestion in the facts view.
await page.locator('.pane-a .view-line').nth(1).click();
await page.keyboard.press('f');
await page.waitForSelector('.picker-input');
await page.keyboard.type('Lead event');
await page.keyboard.press('Enter');
await page.waitForTimeout(500);
await page.keyboard.press('Control+3');
await page.locator('.fact-item').first().click();
await page.click('[data-op=suggest]');
await page.waitForSelector('.sugg');
await shot('facts-suggestions');
await page.keyboard.press('y');
await page.waitForTimeout(500);
await shot('facts-accepted');

// Search, export, post-editing.
await page.keyboard.press('Control+4');
await page.fill('.search-input', process.env.TANDEM_WALK_QUERY ?? 'Tokajev');
await page.keyboard.press('Enter');
await page.waitForTimeout(800);
await shot('search');
await page.keyboard.press('Control+2');
await page.keyboard.press('Control+e');
await page.waitForSelector('.modal[role=dialog]');
await shot('export-dialog');
await page.keyboard.press('Escape');
await page.keyboard.press('Control+5');
await page.waitForSelector('.pe-item.active');
await shot('postedit');
await page.keyboard.press('Control+1');
await shot('project');

console.log(`screenshots in ${out}`);
console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
console.log('alignments', (await api.listAlignments()).map((a) => `${a.docA}-${a.docB} ${a.level} ${a.mode} ${a.links}`).join('; '));
await browser.close();
await server.close();
db.close();
await fake.close();
fs.rmSync(file, { force: true });
process.exit(errors.length ? 1 : 0);
