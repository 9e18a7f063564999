// Regenerates the README's pictures from the demo story (our own text, resources/demo):
//   npm run build && npx tsx scripts/readme-screenshot.ts
// docs/screenshot.png: the Norwegian and Swedish reports linked as comparable articles, each with its
// English translation beside it, and the evidence of the current link highlighted; docs/story-map.png:
// the story map of the five articles.
import { chromium } from 'playwright-core';
import { openProject } from '../db/open';
import { createDemoProject, DEMO_COLLECTION } from '../core/services/demo';
import { createWorkbench } from '../core/services/workbench';
import { loadLanguageModel } from '../core/text';
import { startServer } from '../cli/serve/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/browser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const shotDb = path.join(os.tmpdir(), `tandem-shot-${process.pid}.tandem`);
await loadLanguageModel();
const db = openProject(shotDb, { create: true });
createDemoProject(db, 'resources/demo');
let emit: Parameters<typeof createWorkbench>[1]['emit'] = () => undefined;
const api = createWorkbench(db, { name: 'demo.tandem', annotator: 'kari', emit: (e) => emit!(e) });
const docs = await api.listDocuments();
const original = (source: string) => docs.find((d) => d.source === source && d.translationOf === null)!;
const no = original('no.txt');
const sv = original('sv.txt');
await api.alignStory({ collection: DEMO_COLLECTION });
await api.addMention({ newFact: { label: 'All 52 rescued', type: 'quantity' }, docId: no.id, paragraph: 1, start: 0, end: 40 });
const server = await startServer({ api, root: 'out/renderer' });
emit = server.emit;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
await page.goto(server.url);
await page.waitForSelector('body[data-ready]', { state: 'attached' });
await page.evaluate(({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(at: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b, level: 'paragraph', mode: 'comparable' }), { a: no.id, b: sv.id });
await page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
await page.keyboard.press('t');
await page.waitForTimeout(800);
await page.keyboard.press('n');
await page.waitForFunction(() => Boolean(document.querySelector<HTMLElement>('.evidence-line')?.dataset.link));
await page.waitForTimeout(800);
fs.mkdirSync('docs', { recursive: true });
await page.screenshot({ path: 'docs/screenshot.png' });
await page.keyboard.press('Control+6');
await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.view-storymap')?.dataset.ready ?? 0) > 0 && !document.querySelector('.view-storymap.busy'));
await page.keyboard.press('ArrowDown');
await page.waitForTimeout(800);
await page.screenshot({ path: 'docs/story-map.png' });
await browser.close();
await server.close();
db.close();
fs.rmSync(shotDb, { force: true });
