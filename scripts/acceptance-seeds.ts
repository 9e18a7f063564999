// The seeds walk: the whole flow in a browser at 1440×900 on the seed articles (../shared/seeds) and
// their English translations (../shared/seeds/en), against a fake DeepL server, with a screenshot per
// step and every console error reported. Besides import, translation, alignment, facts, search and
// export, it aligns the story as one job, looks at the evidence of Norwegian–English links, walks the
// story map, and fixes a sentence split at the caret (then undoes and redoes it):
//   npm run build && npx tsx scripts/acceptance-seeds.ts [OUT_DIR]
//
// Each step is a function of its own, in the order the walk takes them; steps added later (story
// alignment, the story map, evidence) go in functions beside these.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { WorkbenchApi } from '../common/api';
import type { DocumentDetail, DocumentSummary, Link } from '../common/types';
import { openProject } from '../db/open';
import { ProjectSession } from '../core/services/projects';
import { startServer } from '../cli/serve/server';
import { startFakeDeepL } from '../tests/support/fake-deepl';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/browser';

interface Walk {
  alignment: {
    open(at: object, compute?: boolean): Promise<boolean>;
    setCursor(i: number): void;
    shownLinks(): Link[];
    placeCaret(side: 'a' | 'b', seg: number, offset: number): void;
    lastStoryRun: { messages: string[]; jobId: number | null } | null;
  };
  storymap: { focus: { docId: number | null; paragraph: number; link: number | null } };
}

/**
 * A boundary the splitter most likely got wrong, by general rules (no words of any text): a
 * sentence that ends in a short word and a point while the next one in its paragraph starts in
 * lower case (an abbreviation taken for an end) is merged; a sentence end with no space after it
 * ("word.Word") is split; a paragraph whose last sentence does not end as sentences do (a photo
 * credit or caption run into it) is split into two paragraphs there. Sentences are numbered through
 * the document, as the sentence panes show them.
 */
function segmentationToFix(doc: DocumentDetail): { action: 'merge' | 'split' | 'split-paragraph'; seg: number; offset: number; why: string } | null {
  let seg = 0;
  const found: Array<{ action: 'merge' | 'split' | 'split-paragraph'; seg: number; offset: number; why: string }> = [];
  for (const p of doc.paragraphList) {
    const spans = p.sentences.length ? p.sentences : [[0, p.text.length] as [number, number]];
    spans.forEach(([s, e], k) => {
      const text = p.text.slice(s, e);
      const next = spans[k + 1] ? p.text.slice(spans[k + 1][0], spans[k + 1][1]) : null;
      if (next && /(^|[\s(])\p{L}{1,3}\.$/u.test(text.trim()) && /^[\p{Ll}\d]/u.test(next.trim())) {
        found.push({ action: 'merge', seg: seg + k, offset: 1, why: `sentence ${p.index + 1}.${k + 1} ends in a short word and a point, and the next starts in lower case` });
      }
      const glued = /\p{Ll}[.!?]\p{Lu}/u.exec(text);
      if (glued) found.push({ action: 'split', seg: seg + k, offset: glued.index + 2, why: `sentence ${p.index + 1}.${k + 1} has a sentence end with no space after it` });
      if (k > 0 && k === spans.length - 1 && !/[.!?…:"”»')\]]$/u.test(text.trim())) {
        found.push({ action: 'split-paragraph', seg: seg + k, offset: 0, why: `paragraph ${p.index + 1} ends in a sentence that does not end as sentences do (a caption or credit run into it)` });
      }
    });
    seg += spans.length;
  }
  return found.find((f) => f.action === 'merge') ?? found.find((f) => f.action === 'split') ?? found[0] ?? null;
}

const seeds = process.env.TANDEM_SEEDS ?? path.resolve('../shared/seeds');
if (!fs.existsSync(seeds)) {
  console.log(`skipped: no seed articles at ${seeds}`);
  process.exit(0);
}
const out = process.argv[2] ?? path.join(os.tmpdir(), 'tandem-acceptance');
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(out)) if (/^\d\d-.*\.png$/.test(f)) fs.rmSync(path.join(out, f));

// ------------------------------------------------------------------ the walk's world
const fake = await startFakeDeepL({ delayMs: 150 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-walk-'));
const file = path.join(dir, 'seeds.tandem');
let emit: (e: Parameters<NonNullable<ConstructorParameters<typeof ProjectSession>[2]['emit']>>[0]) => void = () => undefined;
const session = new ProjectSession(file, openProject(file, { create: true }), { annotator: 'walker', mt: { authKey: () => 'k:fx', serverUrl: fake.url }, emit: (e) => emit(e) });
const api: WorkbenchApi = session.api;
const server = await startServer({ api, projects: session, root: 'out/renderer' });
emit = server.emit;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const errors: string[] = [];
const failures: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
let step = 0;
const shot = async (name: string, p: Page = page) => {
  await p.waitForTimeout(400);
  await p.screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-${name}.png`) });
};
/** A check the walk makes: reported at the end, and the walk fails with it. */
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};
const settle = () => page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
const rev = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')?.dataset.rev ?? 0));
const rendered = async (before: number) => {
  await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
  await settle();
};
const refreshDocs = () => page.evaluate(() => (window as unknown as { __tandem: { app: { refreshDocs(): Promise<void> } } }).__tandem.app.refreshDocs());
const docs = () => api.listDocuments();
const original = async (lang: string) => (await docs()).find((d) => d.translationOf === null && d.lang === lang)!;
const reference = async (d: DocumentSummary) => (await docs()).find((t) => t.translationOf === d.id && t.provenance.provider === 'reference')!;

await page.goto(server.url);
await page.waitForSelector('body[data-ready]', { state: 'attached' });

// ------------------------------------------------------------------ import, translations, documents

/** The five articles, imported as one story through the import card. */
async function walkImport(): Promise<void> {
  await page.fill('input[aria-label="Story"]', 'kazakhstan');
  await page.setInputFiles('input[aria-label="Articles to import"]', fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => path.join(seeds, f)));
  await page.click('[data-op=import]');
  await page.waitForSelector('.report tr.rep-imported');
  const langs = (await docs()).map((d) => d.lang).sort();
  check(langs.join(',') === 'en,fi,nb,nl,sv', `the seeds come out nb, en, nl, sv, fi (got ${langs.join(', ')})`);
  await shot('imported');
}

/** The agency's English translations attached to their originals; one original translated through the UI by the fake DeepL, with its job's progress. */
async function walkTranslate(): Promise<void> {
  for (const d of await docs()) {
    const en = path.join(seeds, 'en', d.source);
    if (fs.existsSync(en)) await api.importTranslation(d.id, { name: `en/${d.source}`, base64: fs.readFileSync(en).toString('base64') }, { lang: 'en', provider: 'reference', kind: 'human' });
  }
  await refreshDocs();
  const nb = await original('nb');
  await page.locator(`tr[data-doc="${nb.id}"] input[type=checkbox]`).check();
  await page.click('[data-op=translate]');
  await page.waitForSelector('.mt-card .job-progress[data-status=running]', { timeout: 30_000 });
  await shot('translating');
  await page.waitForSelector('.mt-card .job-progress[data-status=done]', { timeout: 60_000 });
  check((await docs()).some((d) => d.translationOf === nb.id && d.provenance.kind === 'mt'), 'the Norwegian original has a machine translation');
  await shot('translated');
  await page.locator(`tr[data-doc="${nb.id}"] input[type=checkbox]`).uncheck();
}

/** Documents managed in the project view: the projects dialog, and a document's title, language and story. */
async function walkDocuments(): Promise<void> {
  await page.click('[data-op=projects]');
  await page.waitForSelector('.projects-dialog tr[data-project]');
  await shot('projects');
  await page.keyboard.press('Escape');
  const fi = await original('fi');
  await page.locator(`tr[data-doc="${fi.id}"] [data-op=edit-document]`).click();
  await page.waitForSelector('.document-dialog');
  await shot('document-dialog');
  await page.keyboard.press('Escape');
}

// ------------------------------------------------------------------ alignment

/**
 * The Dutch original against its English translation, sentence by sentence: the first link
 * confirmed with Enter, then Shift+N to the first link that is not 1:1, where the English
 * translation's splitter kept "… 7 a.m. The internet …" as one sentence.
 */
async function walkAlignSentences(): Promise<{ nl: DocumentSummary; nlEn: DocumentSummary }> {
  const nl = await original('nl');
  const nlEn = await reference(nl);
  await page.keyboard.press('Control+2');
  await page.selectOption('#align-doc-a', String(nl.id));
  await page.selectOption('#align-doc-b', String(nlEn.id));
  await page.selectOption('select[aria-label=Level]', 'sentence');
  let before = await rev();
  await page.click('[data-op=align]');
  await rendered(before);
  await shot('sentences-aligned');
  before = await rev();
  await page.locator('.align-panes').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('Enter');
  await rendered(before);
  await page.keyboard.press('Shift+N');
  await page.waitForTimeout(300);
  await shot('confirmed-then-first-n-to-m');
  return { nl, nlEn };
}

/** A sentence split fixed at the caret in pane A (Shift+M merges, Shift+S splits, Shift+Enter splits the paragraph), where
 * general rules call a boundary wrong; links follow; Ctrl+Z undoes it, Ctrl+Y redoes it. */
async function walkFixAtCaret(id: number): Promise<void> {
  const doc = await api.getDocument(id);
  const fix = segmentationToFix(doc);
  if (!fix) console.log('segmentation: no boundary that general rules call wrong in this article; nothing fixed');
  else {
    console.log(`segmentation: ${fix.action} at sentence line ${fix.seg + 1}: ${fix.why}`);
    const sentences = doc.sentences;
    await page.evaluate(([seg, offset]) => (window as unknown as { __tandem: Walk }).__tandem.alignment.placeCaret('a', seg, offset), [fix.seg, fix.offset] as const);
    await shot('caret-at-the-fix');
    await page.keyboard.press(fix.action === 'merge' ? 'Shift+M' : fix.action === 'split' ? 'Shift+S' : 'Shift+Enter');
    await page.waitForSelector('.seg-notice:not([hidden])');
    await settle();
    await shot('fixed-a-split');
    console.log('segmentation notice:', (await page.locator('.seg-notice').textContent())?.trim());
    const counts = async () => (await api.listDocuments()).filter((d) => d.id === id || d.translationOf === id).map((d) => `${d.id}:${d.paragraphs}¶/${d.sentences}s`).join(' ');
    const fixed = await counts();
    const view = () => page.evaluate(() => document.querySelector('.view-alignment .pane-a .pane-head')?.textContent ?? '');
    const shown = await view();
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelector('.view-alignment .pane-a .pane-head')?.textContent?.includes(`${n} sentences`), sentences);
    await settle();
    await shot('fix-undone');
    const undone = await counts();
    await page.keyboard.press('Control+y');
    await page.waitForFunction((h) => document.querySelector('.view-alignment .pane-a .pane-head')?.textContent === h, shown);
    await settle();
    await shot('fix-redone');
    console.log(`segmentation: documents (id:paragraphs/sentences) after the fix ${fixed}; after undo ${undone}; after redo ${await counts()}`);
  }
}

/**
 * The split the English splitter missed, fixed: the sentence is split before "The internet"
 * (editSegmentation; the alignment view's own key for it is another walk's step), the
 * suggestions re-aligned around the confirmed link (A), and the link is now 1:1.
 */
async function walkFixSplit(pair: { nl: DocumentSummary; nlEn: DocumentSummary }): Promise<void> {
  const doc = await api.getDocument(pair.nlEn.id);
  const p = doc.paragraphList.find((x) => /7 a\.m\. The internet/.test(x.text));
  check(Boolean(p), 'the English translation holds "… 7 a.m. The internet …" as one sentence');
  if (!p) return;
  await api.editSegmentation(pair.nlEn.id, { op: 'split-sentence', paragraph: p.index, at: p.text.indexOf('The internet') });
  await page.evaluate(({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(at: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b, level: 'sentence', mode: 'parallel' }), { a: pair.nl.id, b: pair.nlEn.id });
  await settle();
  const before = await rev();
  await page.keyboard.press('a');
  await rendered(before);
  const view = (await api.getAlignment(pair.nl.id, pair.nlEn.id, 'sentence', 'parallel'))!;
  const internet = (await api.getDocument(pair.nlEn.id)).paragraphList.flatMap((x) => x.sentences.map(([s, e]) => x.text.slice(s, e))).findIndex((s) => s.startsWith('The internet'));
  const link = view.links.find((l) => l.b.includes(internet));
  check(Boolean(link) && link!.a.length === 1 && link!.b.length === 1, 'after the fix, "The internet …" is linked 1:1');
  await page.keyboard.press('Shift+N');
  await page.waitForTimeout(300);
  await shot('split-fixed');
}

/** Every pair of the story, comparable, with the English beside each original. */
async function walkStory(): Promise<void> {
  await page.selectOption('select[aria-label=Level]', 'paragraph');
  await page.click('.story-bar [data-op=align-story]');
  await page.locator('[data-story-summary]').waitFor({ timeout: 60_000 });
  await page.keyboard.press('t');
  await page.waitForTimeout(800);
  await shot('story-comparable-four-panes');
  await page.keyboard.press('t');
  const storyJobs = (await api.listJobs()).filter((j) => j.kind === 'align-story');
  check(storyJobs.some((j) => j.status === 'done'), 'the story was aligned as one job');
  console.log('story job:', storyJobs.map((j) => `#${j.id} ${j.status}: ${j.message}`).join('; '));
  console.log('story progress, as the bar took it from the job:', (await page.evaluate(() => (window as unknown as { __tandem: Walk }).__tandem.alignment.lastStoryRun?.messages ?? [])).join(' | '));
}

/** The evidence of Norwegian–English links (the Norwegian's English translation between them), then more candidates with = (remembered for the pair) and back with -. */
async function walkEvidence(): Promise<void> {
  const nb = await original('nb');
  const enDoc = await original('en');
  await page.evaluate(([a, b]) => (window as unknown as { __tandem: Walk }).__tandem.alignment.open({ docA: a, docB: b, level: 'paragraph', mode: 'comparable' }), [nb.id, enDoc.id] as const);
  await settle();
  const nbEnLinks = await page.evaluate(() => (window as unknown as { __tandem: Walk }).__tandem.alignment.shownLinks());
  console.log(`nb–en links: ${nbEnLinks.length}`);
  if (nbEnLinks.length) {
    const best = nbEnLinks.reduce((k, l, i) => (l.confidence > nbEnLinks[k].confidence ? i : k), 0);
    await page.evaluate((i) => (window as unknown as { __tandem: Walk }).__tandem.alignment.setCursor(i), best);
    await page.waitForFunction((id) => document.querySelector<HTMLElement>('.evidence-line')?.dataset.link === String(id), nbEnLinks[best].id);
    await shot('evidence-nb-en');
    for (let k = 0; k < Math.min(nbEnLinks.length, 8); k++) {
      await page.evaluate((i) => (window as unknown as { __tandem: Walk }).__tandem.alignment.setCursor(i), k);
      await page.waitForFunction((id) => document.querySelector<HTMLElement>('.evidence-line')?.dataset.link === String(id), nbEnLinks[k].id, { timeout: 10_000 }).catch(() => undefined);
      const l = nbEnLinks[k];
      console.log(`  nb ¶${l.a.map((x) => x + 1).join(',')} ↔ en ¶${l.b.map((x) => x + 1).join(',')} ${l.status} ${l.confidence.toFixed(2)}: ${(await page.locator('.evidence-line').textContent())?.replace(/\s+/g, ' ').trim()}`);
    }
    await page.evaluate((i) => (window as unknown as { __tandem: Walk }).__tandem.alignment.setCursor(i), Math.min(1, nbEnLinks.length - 1));
    await page.waitForTimeout(600);
    await shot('evidence-nb-en-second');
  }
  // More candidates for this pair: = lowers the minimum confidence (remembered for the pair); - raises it again.
  let before = await rev();
  for (let k = 0; k < 3; k++) await page.keyboard.press('=');
  await rendered(before);
  const more = await page.evaluate(() => (window as unknown as { __tandem: Walk }).__tandem.alignment.shownLinks());
  console.log(`nb–en with the minimum at ${(await page.locator('.cand-value').textContent())?.trim()}: ${more.length} links`);
  await page.evaluate((i) => (window as unknown as { __tandem: Walk }).__tandem.alignment.setCursor(i), more.reduce((k, l, i) => (l.confidence > more[k].confidence ? i : k), 0));
  await page.waitForTimeout(800);
  await shot('more-candidates-nb-en');
  for (const [k, l] of more.entries()) {
    await page.evaluate((i) => (window as unknown as { __tandem: Walk }).__tandem.alignment.setCursor(i), k);
    await page.waitForFunction((id) => document.querySelector<HTMLElement>('.evidence-line')?.dataset.link === String(id), l.id, { timeout: 10_000 }).catch(() => undefined);
    console.log(`  nb ¶${l.a.map((x) => x + 1).join(',')} ↔ en ¶${l.b.map((x) => x + 1).join(',')} ${l.confidence.toFixed(2)}: ${(await page.locator('.evidence-line .ev-summary').textContent())?.trim()}`);
  }
  before = await rev();
  for (let k = 0; k < 3; k++) await page.keyboard.press('-');
  await rendered(before);
}

/** The story map: every article side by side; the keyboard picks a paragraph and its strongest link, Enter opens that pair there. */
async function walkStoryMap(): Promise<void> {
  await page.keyboard.press('Control+6');
  await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.view-storymap')?.dataset.ready ?? 0) > 0 && !document.querySelector('.view-storymap.busy'), null, { timeout: 60_000 });
  await shot('story-map');
  // Down to the first paragraph (after the headline) with a link: its strongest link is chosen.
  for (let k = 0; k < 30; k++) {
    await page.keyboard.press('ArrowDown');
    if (await page.evaluate(() => (window as unknown as { __tandem: Walk }).__tandem.storymap.focus.link !== null)) break;
  }
  console.log('story map focus:', JSON.stringify(await page.evaluate(() => (window as unknown as { __tandem: Walk }).__tandem.storymap.focus)));
  await page.waitForTimeout(300);
  await shot('story-map-focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !(document.querySelector('.view-alignment') as HTMLElement).hidden);
  await settle();
  await page.waitForTimeout(600);
  await shot('opened-from-story-map');
}

// ------------------------------------------------------------------ facts

/** A fact tagged with F on the paragraph that reports Massimov's arrest (one sentence), chosen in the Norwegian pane beside its English translation. */
async function walkTagFact(): Promise<number> {
  const nb = await original('nb');
  const en = await reference(nb);
  await page.evaluate(({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(at: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b, level: 'paragraph', mode: 'parallel', paragraph: 9 }), { a: nb.id, b: en.id });
  await settle();
  const line = page.locator('.pane-a .view-line', { hasText: 'blitt arrestert og anklaget' });
  await line.first().click({ clickCount: 3 });
  await page.keyboard.press('f');
  await page.waitForSelector('.picker-input');
  await shot('tag-fact-picker');
  await page.keyboard.type('Massimov arrested for treason');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const fact = (await api.listFacts()).find((f) => f.label === 'Massimov arrested for treason');
  check(Boolean(fact) && fact!.mentions.length === 1 && /Massimov/.test(fact!.mentions[0].quote), 'the fact is tagged on the Massimov sentence');
  return fact?.id ?? 0;
}

/** Suggestions for the fact in the other articles, each with its sentence in the original and in English; the best accepted with Y tags its sentence. */
async function walkAcceptSuggestion(factId: number): Promise<void> {
  await page.keyboard.press('Control+3');
  await page.locator(`.fact-item[data-fact="${factId}"]`).click();
  await page.click('[data-op=suggest]');
  await page.waitForSelector('.sugg');
  await page.waitForTimeout(600);
  await shot('facts-suggestions');
  const first = page.locator('.sugg').first();
  const sentence = await first.locator('.sugg-text mark').innerText().catch(() => '');
  await first.click();
  await page.keyboard.press('y');
  await page.waitForTimeout(600);
  const fact = (await api.listFacts()).find((f) => f.id === factId)!;
  const added = fact.mentions.at(-1)!;
  check(fact.mentions.length === 2, 'accepting a suggestion adds a mention');
  check(added.quote === sentence, `the mention accepted is the sentence shown (${JSON.stringify(added.quote.slice(0, 60))})`);
  await shot('facts-accepted');
}

// ------------------------------------------------------------------ search, export, the rest

async function walkSearch(): Promise<void> {
  await page.keyboard.press('Control+4');
  await page.fill('.search-input', process.env.TANDEM_WALK_QUERY ?? 'Tokajev OR Tokayev');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.kwic-item');
  await shot('search');
}

/** The pair on screen exported as TMX: the dialog, then the file saved (a download here). */
async function walkExport(): Promise<void> {
  const nb = await original('nb');
  const en = await reference(nb);
  await page.evaluate(({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(at: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b, level: 'paragraph', mode: 'parallel' }), { a: nb.id, b: en.id });
  await settle();
  await page.keyboard.press('Control+e');
  await page.waitForSelector('.export-dialog');
  await page.locator('.export-dialog select').nth(2).selectOption('all');
  await shot('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('.export-dialog [data-dialog=confirm]').click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const units = (text.match(/<tu[ >]/g) ?? []).length;
  check(download.suggestedFilename().endsWith('.tmx') && units === nb.paragraphs, `the TMX holds one unit per paragraph (${units} of ${nb.paragraphs})`);
  await shot('exported');
  const w3c = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.keyboard.press('Control+3');
    await page.click('[data-op=export-facts-w3c]');
  })()]);
  check(w3c[0].suggestedFilename() === 'seeds.facts.jsonld', 'the facts export as W3C annotations');
}

async function walkPostEditAndProject(): Promise<void> {
  await page.keyboard.press('Control+5');
  await page.waitForSelector('.pe-item.active');
  await shot('postedit');
  await page.keyboard.press('Control+1');
  await shot('project');
}

// ------------------------------------------------------------------ the walk

try {
  await walkImport();
  await walkTranslate();
  await walkDocuments();
  const pair = await walkAlignSentences();
  await walkFixAtCaret(pair.nl.id);
  await walkFixSplit(pair);
  await walkStory();
  await walkEvidence();
  await walkStoryMap();
  const fact = await walkTagFact();
  await walkAcceptSuggestion(fact);
  await walkSearch();
  await walkExport();
  await walkPostEditAndProject();
} catch (err) {
  failures.push(`the walk stopped at step ${step + 1}: ${(err as Error).message.split('\n')[0]}`);
  await shot('stopped').catch(() => undefined);
}

console.log(`screenshots in ${out}`);
console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
console.log(failures.length ? `checks failed:\n${failures.join('\n')}` : 'every check passed');
console.log('alignments', (await api.listAlignments()).map((a) => `${a.docA}-${a.docB} ${a.level} ${a.mode} ${a.links}`).join('; '));
await browser.close();
await server.close();
session.close();
await fake.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(errors.length || failures.length ? 1 : 0);
