/**
 * The fact dialogs (create, split, rename, delete), aligning every pair of a
 * story in comparable mode, the notice for an empty comparable alignment, the
 * bundled icon font, and keyboard basics, in a real browser against a real
 * server on 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPO, b64, ensureRendererBuilt, isLocal, launchChromium, preparePage, recordRequests, screenshot, startTestServer, type TestServer } from '../support/browser';

const NB = `Flom i Bergen

Kraftig regn førte til flom i Bergen sentrum tirsdag. Over 200 mm regn falt på ett døgn, og flere veier ble stengt.

Brannvesenet evakuerte 40 personer fra bygninger nær Bryggen. Ingen ble skadet, opplyser politiet.

Meteorologisk institutt hadde sendt ut rødt farevarsel mandag kveld. Det er første gang siden 2005 at Bergen får rødt varsel for regn.

Ordføreren sier kommunen vil bruke 50 millioner kroner på nye flomvoller. Arbeidet skal starte til våren.`;

const NB_EN = `Flooding in Bergen

Heavy rain caused flooding in central Bergen on Tuesday. More than 200 mm of rain fell in one day, and several roads were closed.

The fire service evacuated 40 people from buildings near Bryggen. Nobody was injured, police say.

The Meteorological Institute had issued a red warning on Monday evening. It is the first time since 2005 that Bergen has had a red warning for rain.

The mayor says the municipality will spend 50 million kroner on new flood barriers. Work is to start in the spring.`;

const SV = `Översvämning i Bergen

Kraftigt regn orsakade översvämningar i centrala Bergen på tisdagen. Mer än 200 millimeter regn föll på ett dygn.

Räddningstjänsten evakuerade omkring 40 personer från hus nära Bryggen.

Kommunen lovar 50 miljoner kronor till nya skyddsvallar mot översvämningar.`;

const SV_EN = `Flooding in Bergen

Heavy rain caused floods in central Bergen on Tuesday. More than 200 millimetres of rain fell in one day.

The rescue service evacuated about 40 people from houses near Bryggen.

The municipality promises 50 million kroner for new flood barriers.`;

const EN = `Red alert as floods hit Norway's second city

Bergen was hit by severe flooding on Tuesday after more than 200 mm of rain fell within 24 hours.

Firefighters evacuated around 40 residents from buildings close to the historic Bryggen wharf. No injuries were reported.

City leaders promised NOK 50 million for new flood defences, with construction due to begin next spring.`;

const FI = `Tulva Bergenissä

Rankkasade aiheutti tulvan Bergenin keskustassa tiistaina.

Pelastuslaitos evakuoi noin neljäkymmentä asukasta.`;

// A story of two articles with no English version at all: comparable mode has nothing to compare.
const DE = `Stille im Dorf

Der alte Hund schläft jeden Nachmittag unter dem Apfelbaum im Garten.

Niemand weiß genau, warum die Glocke seit Wochen schweigt.`;

const ET = `Vaikne küla

Vana kass magab igal hommikul aknalaual päikese käes.

Keegi ei tea täpselt, miks kellad on nädalaid vaiksed olnud.`;

let srv: TestServer;
let browser: Browser;
let page: Page;
let requests: string[] = [];
const nativeDialogs: string[] = [];
let ids: Record<string, number> = {};

async function importOriginal(name: string, text: string, lang: string, story: string): Promise<number> {
  const rep = await srv.api.importArticles([{ name, base64: b64(text) }], { collection: story, lang });
  expect(rep.files[0].status).toBe('imported');
  return rep.files[0].docId!;
}

async function importEnglish(of: number, name: string, text: string): Promise<number> {
  const rep = await srv.api.importTranslation(of, { name, base64: b64(text) }, { lang: 'en' });
  expect(rep.status).toBe('imported');
  return rep.docId!;
}

/** The dialog on top, as the page shows it. */
function dialog() {
  return page.locator('.modal[role=dialog]').last();
}

async function focusedLabel(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return byFor ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
  });
}

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'dialogs.tandem', annotator: 'tester' });
  ids.nb = await importOriginal('flom-bergen.txt', NB, 'nb', 'bergen-flood');
  ids.nbEn = await importEnglish(ids.nb, 'flom-bergen.en.txt', NB_EN);
  ids.sv = await importOriginal('oversvamning.txt', SV, 'sv', 'bergen-flood');
  ids.svEn = await importEnglish(ids.sv, 'oversvamning.en.txt', SV_EN);
  ids.en = await importOriginal('red-alert.txt', EN, 'en', 'bergen-flood');
  ids.fi = await importOriginal('tulva.txt', FI, 'fi', 'bergen-flood');
  ids.de = await importOriginal('dorf.txt', DE, 'de', 'quiet-village');
  ids.et = await importOriginal('kula.txt', ET, 'et', 'quiet-village');
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await preparePage(page);
  requests = recordRequests(page);
  page.on('dialog', (d) => {
    nativeDialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('fact dialogs', () => {
  it('creates a fact through the dialog: labelled fields, Enter confirms, Esc cancels', async () => {
    await page.keyboard.press('Control+3');
    const newBtn = page.getByRole('button', { name: '+ New fact' });
    await newBtn.click();
    await expect(dialog().getAttribute('aria-modal')).resolves.toBe('true');
    expect(await dialog().locator('.modal-head').innerText()).toContain('New fact');
    // Focus starts in the label field, which is labelled.
    expect(await focusedLabel()).toBe('Label');
    // Enter on an empty label keeps the dialog open and says why.
    await page.keyboard.press('Enter');
    await expect(dialog().locator('.form-error').innerText()).resolves.toMatch(/label/i);
    expect(await page.locator('.modal-back').count()).toBe(1);
    await page.keyboard.type('Flood in central Bergen');
    await dialog().getByLabel('Type').selectOption('event');
    await dialog().getByLabel('Description').fill('Heavy rain, Tuesday');
    await screenshot(page, 'd01-new-fact-dialog');
    await page.getByLabel('Label', { exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    // The dialog closes as the request leaves; the fact is there once the list shows it.
    await page.waitForSelector('.fact-item.active');
    await expect.poll(async () => (await srv.api.listFacts()).map((f) => [f.label, f.type, f.description])).toEqual([['Flood in central Bergen', 'event', 'Heavy rain, Tuesday']]);
    let facts = await srv.api.listFacts();

    // Esc cancels, and focus goes back to the button that opened the dialog.
    await newBtn.click();
    await page.keyboard.type('Not wanted');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ New fact');
    facts = await srv.api.listFacts();
    expect(facts.length).toBe(1);
  });

  it('splits a fact: the dialog lists its mentions with checkboxes', async () => {
    const fact = (await srv.api.listFacts())[0];
    await srv.api.addMention({ factId: fact.id, docId: ids.nb, paragraph: 1, start: 0, end: 26 });
    await srv.api.addMention({ factId: fact.id, docId: ids.nb, paragraph: 2, start: 0, end: 40 });
    await srv.api.addMention({ factId: fact.id, docId: ids.sv, paragraph: 2, start: 0, end: 41 });
    // Changes made straight through the API reach the page only when it asks.
    await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshFacts(): Promise<void> } } }).__tandem.app.refreshFacts());
    await page.waitForFunction(() => document.querySelectorAll('.fact-detail .mention').length === 3);
    const mentions = (await srv.api.listFacts())[0].mentions;
    expect(mentions.length).toBe(3);

    await page.click('[data-op=split-fact]');
    const rows = dialog().locator('.split-row');
    await expect(rows.count()).resolves.toBe(3);
    // Each checkbox is labelled by its row: where the mention is and what it quotes.
    const names = await dialog().locator('.split-row input[type=checkbox]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? ''));
    expect(names[1]).toContain('Brannvesenet');
    expect(await focusedLabel()).toContain('¶2');
    // Nothing ticked: Enter explains instead of splitting.
    await page.keyboard.press('Enter');
    await expect(dialog().locator('.form-error').innerText()).resolves.toMatch(/Tick/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await rows.nth(2).click();
    await dialog().getByLabel('Label of the new fact').fill('Evacuations');
    expect(await dialog().locator('.split-dialog, .split-list').count()).toBeGreaterThan(0);
    await screenshot(page, 'd02-split-dialog');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('.fact-item').length === 2);
    const facts = await srv.api.listFacts();
    const kept = facts.find((f) => f.id === fact.id)!;
    const split = facts.find((f) => f.id !== fact.id)!;
    expect(split.label).toBe('Evacuations');
    expect(kept.mentions.map((m) => m.id)).toEqual([mentions[0].id]);
    expect(split.mentions.map((m) => m.id).sort()).toEqual([mentions[1].id, mentions[2].id].sort());
  });

  it('renames with the dialog, and asks in the page before deleting', async () => {
    const facts = await srv.api.listFacts();
    const target = facts.find((f) => f.label === 'Evacuations')!;
    await page.click(`.fact-item[data-fact="${target.id}"]`);
    await page.click('[data-op=rename-fact]');
    expect(await focusedLabel()).toBe('Label');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Evacuations near Bryggen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    await page.waitForFunction((id) => document.querySelector(`.fact-item[data-fact="${id}"] .fact-label`)?.textContent === 'Evacuations near Bryggen', target.id);
    expect((await srv.api.listFacts()).find((f) => f.id === target.id)!.label).toBe('Evacuations near Bryggen');

    // F2 in the list renames too.
    await page.focus(`.fact-item[data-fact="${target.id}"]`);
    await page.keyboard.press('F2');
    await page.waitForSelector('.modal[role=dialog]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.modal-back', { state: 'detached' });

    await page.click('[data-op=delete-fact]');
    expect(await dialog().innerText()).toContain('Evacuations near Bryggen');
    await screenshot(page, 'd03-delete-confirm');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    expect((await srv.api.listFacts()).length).toBe(2);
    await page.click('[data-op=delete-fact]');
    await dialog().locator('[data-dialog=confirm]').click();
    await page.waitForFunction(() => document.querySelectorAll('.fact-item').length === 1);
    expect((await srv.api.listFacts()).map((f) => f.label)).toEqual(['Flood in central Bergen']);
  });

  it('never opens a browser prompt, alert or confirm', () => {
    expect(nativeDialogs).toEqual([]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|js|html)$/.test(e.name)) files.push(p);
      }
    };
    walk(path.join(REPO, 'renderer'));
    const calls = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')
      .filter((line) => /(?<![\w.]|async |function )(?:window\.|globalThis\.)?(?:prompt|alert|confirm)\s*\(/.test(line))
      .map((line) => `${path.relative(REPO, f)}: ${line.trim()}`));
    expect(calls).toEqual([]);
  });
});

describe('a whole story in comparable mode', () => {
  it('aligns every pair of originals, with progress and a summary, and stores each alignment', async () => {
    await page.keyboard.press('Control+2');
    await page.waitForSelector('.story-bar:not([hidden])');
    await page.selectOption('#align-story', 'bergen-flood');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.story-bar')?.dataset.pairs === '6');
    expect(await page.locator('.pair-pick option[value="0"]').innerText()).toContain('not aligned');
    // Record what the progress bar says while the run goes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      const bar = document.querySelector('.story-progress')!;
      new MutationObserver(() => {
        const t = bar.getAttribute('aria-valuetext');
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(bar, { attributes: true, subtree: true, childList: true, characterData: true });
    });
    await page.click('.story-bar [data-op=align-story]');
    const summary = page.locator('[data-story-summary]');
    await summary.waitFor();
    const text = await summary.innerText();
    const m = /^(\d+) links? across 6 pairs$/.exec(text);
    expect(m).not.toBeNull();
    const total = Number(m![1]);
    expect(total).toBeGreaterThan(0);
    // One job on the server aligned the story; the bar showed its progress events, not a loop of its own.
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    const jobs = (await srv.api.listJobs()).filter((j) => j.kind === 'align-story');
    expect(jobs.length).toBe(1);
    expect(jobs[0]).toMatchObject({ status: 'done', message: `${total} links across 6 pairs` });
    expect(await page.locator('.story-bar').getAttribute('data-job')).toBe(String(jobs[0].id));
    // The bar takes the job's events, also those of a job this short that come after its answer.
    await page.waitForFunction((n) => ((window as unknown as { __tandem: { alignment: { lastStoryRun: { messages: string[] } | null } } }).__tandem.alignment.lastStoryRun?.messages ?? []).includes(`${n} links across 6 pairs`), total);
    const messages = await page.evaluate(() => (window as unknown as { __tandem: { alignment: { lastStoryRun: { messages: string[] } } } }).__tandem.alignment.lastStoryRun.messages);
    expect(messages[0]).toBe('reading "bergen-flood"');
    expect(messages).toContain('saving links');
    // Whatever the bar showed while the job ran came from those events, not from a loop of the page's own.
    for (const p of progress) {
      const m = /^Aligning 6 pairs: \d+ % · (.+)$/.exec(p);
      if (!m) expect(p).toBe('Starting: 6 pairs…');
      else expect(messages).toContain(m[1]);
    }

    // The server holds one comparable paragraph alignment per pair, and the links add up.
    const originals = [ids.nb, ids.sv, ids.en, ids.fi].sort((x, y) => x - y);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < originals.length; i++) for (let j = i + 1; j < originals.length; j++) pairs.push([originals[i], originals[j]]);
    let stored = 0;
    for (const [a, b] of pairs) {
      const v = await srv.api.getAlignment(a, b, 'paragraph');
      expect(v, `alignment ${a}-${b}`).not.toBeNull();
      expect(v!.mode).toBe('comparable');
      stored += v!.links.filter((l) => l.status !== 'rejected').length;
    }
    expect(stored).toBe(total);
    const summaries = (await srv.api.listAlignments()).filter((s) => s.mode === 'comparable' && originals.includes(s.docA) && originals.includes(s.docB));
    expect(summaries.length).toBe(6);
    // The Finnish article has no English version: the summary says so.
    expect(await page.locator('.story-summary').innerText()).toContain('no English translation yet: fi');
    await page.waitForSelector('.view-alignment[data-ready]');
    await screenshot(page, 'd04-story-aligned');
  });

  it('steps through the pairs with the buttons and with [ and ]', async () => {
    const shown = async () => page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('.story-bar')!;
      return { pair: Number(bar.dataset.pair), a: document.querySelector('.pane-a .pane-title')?.textContent, b: document.querySelector('.pane-b .pane-title')?.textContent };
    });
    const pairs = await page.evaluate(() => (window as unknown as { __tandem: { alignment: { storyPairs(): Array<{ docA: number; docB: number; links: number }> } } }).__tandem.alignment.storyPairs().map((p) => ({ ...p })));
    expect(pairs.length).toBe(6);
    const title = async (id: number) => (await srv.api.getDocument(id)).title;
    const start = await shown();
    expect(start.pair).toBeGreaterThanOrEqual(0);
    expect(start.a).toBe(await title(pairs[start.pair].docA));

    const next = (start.pair + 1) % 6;
    await page.click('[data-op=pair-next]');
    await page.waitForFunction((n) => document.querySelector<HTMLElement>('.story-bar')!.dataset.pair === String(n), next);
    await page.waitForFunction((t) => document.querySelector('.pane-b .pane-title')?.textContent === t, await title(pairs[next].docB));
    expect((await shown()).a).toBe(await title(pairs[next].docA));

    // The keys work from the view itself.
    await page.locator('.view-alignment .links-svg').click({ position: { x: 2, y: 2 }, force: true });
    const after = (next + 1) % 6;
    await page.keyboard.press(']');
    await page.waitForFunction((n) => document.querySelector<HTMLElement>('.story-bar')!.dataset.pair === String(n), after);
    await page.waitForFunction((t) => document.querySelector('.pane-b .pane-title')?.textContent === t, await title(pairs[after].docB));
    await page.keyboard.press('[');
    await page.waitForFunction((n) => document.querySelector<HTMLElement>('.story-bar')!.dataset.pair === String(n), next);

    // The pair list names every pair with its count of links.
    const options = await page.locator('.pair-pick option:not([value=""])').allInnerTexts();
    expect(options.length).toBe(6);
    options.forEach((o, i) => expect(o).toMatch(new RegExp(`^${i + 1}/6 · .+ ↔ .+ · ${pairs[i].links} links?`)));
    await page.selectOption('.pair-pick', String(pairs.findIndex((p) => p.docA === ids.nb && p.docB === ids.en)));
    await page.waitForFunction((t) => document.querySelector('.pane-b .pane-title')?.textContent === t, await title(ids.en));
    await screenshot(page, 'd05-story-pair');
  });

  it('explains an empty comparable alignment, and leads to translation', async () => {
    // From the project view: each story row offers to align all its pairs.
    await page.keyboard.press('Control+1');
    const btn = page.locator('tr.story-row[data-story="quiet-village"] [data-op=align-story]');
    expect(await btn.innerText()).toBe('Align all 1 pair');
    await btn.click();
    await page.waitForFunction(() => /across 1 pair$/.test(document.querySelector('[data-story-summary]')?.textContent ?? ''));
    expect(await page.locator('[data-story-summary]').innerText()).toBe('0 links across 1 pair');
    const notice = page.locator('.align-notice');
    await notice.waitFor();
    const said = await notice.innerText();
    expect(said).toContain('No links found');
    expect(said).toContain('through their English translations');
    expect(said).toContain('Translate the articles into English first');
    const stored = await srv.api.getAlignment(Math.min(ids.de, ids.et), Math.max(ids.de, ids.et), 'paragraph');
    expect(stored?.mode).toBe('comparable');
    expect(stored?.links.length).toBe(0);
    await screenshot(page, 'd06-comparable-empty');

    // Translate… ticks the articles in the project view and puts focus on Translate.
    await notice.locator('[data-op=translate-missing]').click();
    await page.waitForFunction(() => !(document.querySelector('.view-project') as HTMLElement).hidden);
    expect(await page.locator(`tr[data-doc="${ids.de}"] input[type=checkbox]`).isChecked()).toBe(true);
    expect(await page.locator(`tr[data-doc="${ids.et}"] input[type=checkbox]`).isChecked()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.op)).toBe('translate');
    await screenshot(page, 'd07-translate-missing');
  });
});

describe('icons and keyboard', () => {
  it('renders the diff editor icons with the bundled codicon font', async () => {
    await page.keyboard.press('Control+5');
    await page.selectOption('.view-postedit select.doc-pick', String(ids.nbEn));
    await page.waitForSelector('.pe-item.active');
    await page.locator('.pe-item[data-index="1"]').click();
    const editor = page.locator('.pe-diff .editor.modified .view-lines');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The river rose fast.');
    await page.waitForSelector('.pe-diff .codicon');
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'codicon');
      const el = document.querySelector('.pe-diff .codicon')!;
      const before = getComputedStyle(el, '::before');
      return { faces: faces.map((f) => f.status), check: document.fonts.check('16px codicon'), family: getComputedStyle(el).fontFamily, glyph: before.content };
    });
    expect(font.faces).toContain('loaded');
    expect(font.check).toBe(true);
    expect(font.family).toContain('codicon');
    // A private-use code point, drawn by the font (not an empty box).
    expect(font.glyph.length).toBeGreaterThan(2);
    expect(requests.some((u) => /\/assets\/codicon-[\w-]+\.ttf$/.test(new URL(u).pathname))).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'd08-postedit-icons');
    const box = (await page.locator('.pe-diff').boundingBox())!;
    await page.screenshot({ path: path.join(REPO, 'test-results/screenshots/d09-postedit-icons-zoom.png'), clip: { x: box.x, y: box.y, width: Math.min(box.width, 700), height: Math.min(box.height, 160) } });
    // Leave the paragraph as it was.
    await page.keyboard.press('Control+z');
  });

  it('gives every button a name, and moves through the views by keyboard with a visible focus', async () => {
    const unnamed: Record<string, string[]> = {};
    for (const [i, view] of ['project', 'alignment', 'facts', 'search', 'postedit'].entries()) {
      await page.keyboard.press(`Control+${i + 1}`);
      await page.waitForFunction((v) => !(document.querySelector(`.view-${v}`) as HTMLElement).hidden, view);
      const missing = await page.evaluate(() => {
        const nameOf = (el: HTMLElement) => {
          const by = el.getAttribute('aria-labelledby');
          const text = (by ? by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '') || el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '';
          return text.trim();
        };
        return [...document.querySelectorAll<HTMLElement>('button, [role=button]')]
          .filter((b) => b.offsetParent !== null && !b.closest('.monaco-editor, .monaco-diff-editor'))
          // A name must say something: a lone symbol (×, ⇄, ◀) is not one.
          .filter((b) => !/[\p{L}\p{N}]/u.test(nameOf(b)))
          .map((b) => b.outerHTML.slice(0, 120));
      });
      if (missing.length) unnamed[view] = missing;
    }
    expect(unnamed).toEqual({});

    // Tab reaches the view rail; Enter opens a view; the focus ring shows.
    await page.keyboard.press('Control+1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let k = 0; k < 80 && !reached; k++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.view === 'project');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.view)).toBe('facts');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as HTMLElement);
      return { style: s.outlineStyle, width: s.outlineWidth };
    });
    expect(ring.style).not.toBe('none');
    expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'd10-focus-ring');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !(document.querySelector('.view-facts') as HTMLElement).hidden);
    expect(await page.locator('.rail-btn[data-view=facts]').getAttribute('aria-current')).toBe('page');
  });

  it('never reaches beyond 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
