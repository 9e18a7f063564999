/**
 * Projects and documents managed in the browser, against `tandem serve` over a
 * folder of projects: opening another project of the folder and making a new
 * one by name (the page never sends a path), renaming a document, setting its
 * language with the unsure marker and DeepL's guess, the mixed-language flag,
 * stories created, renamed, filled and deleted, and deleting a document behind
 * a confirmation that says what goes, undone with Ctrl+Z.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WorkbenchApi, WorkbenchEvent } from '../../common/api';
import { openProject } from '../../db/open';
import { ProjectSession } from '../../core/services/projects';
import { startServer, type RunningServer } from '../../cli/serve/server';
import { b64, ensureRendererBuilt, launchChromium, preparePage, RENDERER, screenshot } from '../support/browser';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';
import { NEWS } from '../fixtures/langid/news';

// Four words the identifier cannot place between Danish and Norwegian; the fake engine reads them as Norwegian.
const SHORT = 'Huset er på Hamar';
// A Norwegian article with one paragraph quoted in English.
const MIXED = [...NEWS.nb, NEWS.en[0], ...NEWS.nb.map((t) => t.split('. ').reverse().join('. '))].join('\n\n');

let dir: string;
let session: ProjectSession;
let server: RunningServer;
let fake: FakeDeepL;
let browser: Browser;
let page: Page;
let api: WorkbenchApi;
const errors: string[] = [];
const requests: string[] = [];
const ids: Record<string, number> = {};

const ready = () => page.waitForSelector('body[data-ready]', { state: 'attached' });
const dialog = () => page.locator('.modal[role=dialog]');
const row = (id: number) => page.locator(`tr[data-doc="${id}"]`);

beforeAll(async () => {
  ensureRendererBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-projects-'));
  // A colleague's project already in the folder.
  const other = openProject(path.join(dir, 'ola.tandem'), { create: true });
  other.close();
  fake = await startFakeDeepL({ requireAuthKey: 'k:fx' });
  const file = path.join(dir, 'kari.tandem');
  let emit: (e: WorkbenchEvent) => void = () => {};
  session = new ProjectSession(file, openProject(file, { create: true }), { annotator: 'kari', mt: { authKey: () => 'k:fx', serverUrl: fake.url }, emit: (e) => emit(e) });
  api = session.api;
  const r = await api.importArticles([
    { name: 'short.txt', base64: b64(SHORT) },
    { name: 'mixed.txt', base64: b64(MIXED) },
    { name: 'sv.txt', base64: b64(NEWS.sv.join('\n\n')) },
    { name: 'da.txt', base64: b64(NEWS.da.join('\n\n')) },
  ], { collection: 'ferry' });
  [ids.short, ids.mixed, ids.sv, ids.da] = r.files.map((f) => f.docId!);
  ids.svEn = (await api.importTranslation(ids.sv, { name: 'sv.en.txt', base64: b64(NEWS.en.slice(0, NEWS.sv.length).join('\n\n')) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
  server = await startServer({ api, projects: session, root: RENDERER });
  emit = server.emit;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await preparePage(page);
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (r.url().includes('/api/') && r.postData()) requests.push(`${new URL(r.url()).pathname} ${r.postData()}`);
  });
  await page.goto(server.url);
  await ready();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  session?.close();
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('languages and titles', () => {
  it('marks an unsure language, shows what DeepL detected after translating, and accepts it', async () => {
    const cell = row(ids.short).locator('.lang-cell');
    expect(await cell.locator('.unsure').innerText()).toMatch(/^unsure \(\w+\?\)$/);
    expect(await row(ids.sv).locator('.unsure').count()).toBe(0);
    // The mixed-language flag: one paragraph of the Norwegian article is English.
    expect(await row(ids.mixed).locator('.mixed').innerText()).toBe('mixed: en in ¶4');

    await row(ids.short).locator('input[type=checkbox]').check();
    await page.click('[data-op=translate]');
    await row(ids.short).locator('.deepl-says').waitFor({ timeout: 20_000 });
    expect(await row(ids.short).locator('.deepl-says').innerText()).toMatch(/DeepL says: nb/);
    await screenshot(page, 'pm-01-unsure-deepl-says');
    await row(ids.short).locator('[data-op=accept-lang]').click();
    await expect.poll(async () => (await api.listDocuments()).find((d) => d.id === ids.short)).toMatchObject({ lang: 'nb', langUnsure: false });
    await expect.poll(() => row(ids.short).locator('.unsure').count()).toBe(0);
    expect(await row(ids.short).locator('.lang').first().innerText()).toBe('NB');
  });

  it('renames a document with F2 on its row, and sets a language in the document dialog; Ctrl+Z undoes each', async () => {
    await row(ids.da).focus();
    await page.keyboard.press('F2');
    const title = dialog().getByRole('textbox', { name: 'Title' });
    await title.fill('Færgen på grund');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(ids.da).locator('.title').innerText()).toBe('Færgen på grund');
    expect((await api.getDocument(ids.da)).title).toBe('Færgen på grund');

    await row(ids.da).locator('[data-op=edit-document]').click();
    await dialog().getByRole('textbox', { name: 'Language' }).fill('nb');
    await screenshot(page, 'pm-02-document-dialog');
    await dialog().locator('[data-dialog=confirm]').click();
    await expect.poll(async () => (await api.getDocument(ids.da)).lang).toBe('nb');
    await dialog().waitFor({ state: 'detached' });

    await page.locator('.view-project').click({ position: { x: 600, y: 700 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.getDocument(ids.da)).lang).toBe('da');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.getDocument(ids.da)).title).not.toBe('Færgen på grund');
    await expect.poll(() => row(ids.da).locator('.lang').first().innerText()).toBe('DA');
  });

  it('refuses a language code that is not one, in the dialog, and changes nothing', async () => {
    await row(ids.sv).locator('[data-op=edit-document]').click();
    await dialog().getByRole('textbox', { name: 'Language' }).fill('swedish!');
    await dialog().locator('[data-dialog=confirm]').click();
    expect(await dialog().locator('.form-error').innerText()).toMatch(/not a language code/);
    await page.keyboard.press('Escape');
    expect((await api.getDocument(ids.sv)).lang).toBe('sv');
  });
});

describe('stories', () => {
  it('creates a story, moves checked articles into it with their translations, renames it and deletes it', async () => {
    await page.click('[data-op=new-story]');
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Øresund');
    await page.keyboard.press('Enter');
    const story = page.locator('tr.story-row[data-story="Øresund"]');
    await story.waitFor();
    expect(await story.innerText()).toMatch(/no articles yet/);

    await row(ids.short).locator('input[type=checkbox]').uncheck();
    await row(ids.sv).locator('input[type=checkbox]').check();
    await row(ids.da).locator('input[type=checkbox]').check();
    expect(await page.locator('.selection-bar').innerText()).toMatch(/2 checked/);
    await page.selectOption('[data-op=move-to-story]', 's:Øresund');
    await expect.poll(() => story.innerText()).toMatch(/2 articles · da, sv/);
    const docs = await api.listDocuments();
    expect(docs.filter((d) => d.collection === 'Øresund').map((d) => d.id).sort()).toEqual([ids.sv, ids.da, ids.svEn].sort());
    await screenshot(page, 'pm-03-story-moved');

    await story.locator('[data-op=rename-story]').click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Øresund ferries');
    await page.keyboard.press('Enter');
    await page.locator('tr.story-row[data-story="Øresund ferries"]').waitFor();
    // Renaming into another story's name joins them, after asking.
    await page.locator('tr.story-row[data-story="Øresund ferries"] [data-op=rename-story]').click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('ferry');
    await page.keyboard.press('Enter');
    expect(await dialog().innerText()).toMatch(/There is a story called “ferry” already/);
    await page.keyboard.press('Escape');
    expect((await api.listStories()).map((s) => s.name)).toContain('Øresund ferries');

    await page.locator('tr.story-row[data-story="Øresund ferries"] [data-op=delete-story]').click();
    expect(await dialog().innerText()).toMatch(/Its 2 articles stay in the project, in no story/);
    await dialog().locator('[data-dialog=confirm]').click();
    await page.locator('tr.story-row[data-story="(no story)"]').waitFor();
    expect((await api.getDocument(ids.sv)).collection).toBeNull();
    await page.locator('.sb-btn[aria-label=Undo]').click();
    await page.locator('tr.story-row[data-story="Øresund ferries"]').waitFor();
    expect((await api.getDocument(ids.svEn)).collection).toBe('Øresund ferries');
  });
});

describe('deleting a document', () => {
  it('asks first, saying what goes with it, deletes it with its translation, and Ctrl+Z brings all of it back', async () => {
    await api.align(ids.sv, ids.da, { mode: 'comparable' });
    const al = (await api.getAlignment(ids.sv, ids.svEn, 'paragraph'))!;
    await api.editLinks(al.id, { op: 'confirm', linkIds: [al.links[0].id] });
    await api.addMention({ newFact: { label: 'Ferry aground' }, docId: ids.sv, paragraph: 0, start: 0, end: 10 });
    await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshDocs(): Promise<void> } } }).__tandem.app.refreshDocs());

    await row(ids.sv).focus();
    await page.keyboard.press('Delete');
    const text = await dialog().innerText();
    expect(text).toMatch(/and its 1 translation \(en\)/);
    expect(text).toMatch(/2 alignments with \d+ links \(1 confirmed\)/);
    expect(text).toMatch(/1 mention of 1 fact \(1 left with none; the facts stay\)/);
    expect(text).toMatch(/Ctrl\+Z brings all of it back/);
    await screenshot(page, 'pm-04-delete-confirm');
    // Cancelled, nothing changes.
    await dialog().locator('[data-dialog=cancel]').click();
    expect((await api.listDocuments()).some((d) => d.id === ids.sv)).toBe(true);

    await row(ids.sv).focus();
    await page.keyboard.press('Delete');
    await dialog().locator('[data-dialog=confirm]').click();
    await row(ids.sv).waitFor({ state: 'detached' });
    expect(await row(ids.svEn).count()).toBe(0);
    expect((await api.listDocuments()).map((d) => d.id)).not.toContain(ids.svEn);
    expect((await api.listAlignments()).filter((a) => [a.docA, a.docB].includes(ids.sv))).toEqual([]);

    await page.keyboard.press('Control+z');
    await row(ids.sv).waitFor();
    await row(ids.svEn).waitFor();
    expect((await api.getAlignment(ids.sv, ids.svEn, 'paragraph'))!.links.filter((l) => l.status === 'confirmed')).toHaveLength(1);
    expect((await api.listFacts())[0].mentions.map((m) => m.docId)).toEqual([ids.sv]);
  });
});

describe('projects', () => {
  it('lists the projects of the folder by name, makes a new one there and opens it, then opens the first again', async () => {
    await page.click('[data-op=projects]');
    const list = dialog().locator('tr[data-project]');
    await expect.poll(() => list.count()).toBe(2);
    expect(await dialog().locator('tr.current').innerText()).toMatch(/kari\.tandem/);
    await screenshot(page, 'pm-05-projects');
    await dialog().getByRole('textbox', { name: 'Name of the new project' }).fill('../outside');
    await page.click('[data-op=create-project]');
    // The server's refusal comes back after the click: wait for it.
    await expect.poll(() => dialog().locator('.form-error').innerText()).toMatch(/one file name/);
    expect(fs.existsSync(path.join(dir, '..', 'outside.tandem'))).toBe(false);

    await dialog().getByRole('textbox', { name: 'Name of the new project' }).fill('Flom 2024');
    await Promise.all([page.waitForEvent('load'), page.click('[data-op=create-project]')]);
    await ready();
    expect(await page.locator('.proj-summary h2').innerText()).toBe('Flom 2024.tandem');
    expect(fs.existsSync(path.join(dir, 'Flom 2024.tandem'))).toBe(true);
    expect(await page.locator('.view-project .placeholder').innerText()).toMatch(/No documents yet/);

    await page.click('[data-op=projects]');
    await Promise.all([page.waitForEvent('load'), dialog().locator('tr[data-project="kari.tandem"] [data-op=open-project]').click()]);
    await ready();
    expect(await page.locator('.proj-summary h2').innerText()).toBe('kari.tandem');
    await row(ids.sv).waitFor();
    // Nothing the page sent names a folder: projects go by file name.
    const sent = requests.filter((r) => /\/api\/(createProject|openProject)/.test(r));
    expect(sent.length).toBe(3);
    for (const r of sent) expect(r).not.toContain(dir);
  });

  it('logged no console error', () => {
    expect(errors).toEqual([]);
  });
});
