/**
 * Inline codes of an imported memory shown as tokens in the alignment panes,
 * and the export dialog's options for one multilingual file and the XLIFF
 * version, in a real browser against a real server on 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { importAlignedFile } from '../../core/services/import-aligned';
import { ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer, type TestServer } from '../support/browser';

const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="3" segtype="paragraph" o-tmf="x" adminlang="en" srclang="en" datatype="html"/>
  <body>
    <tu><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> before you leave.<ph>&lt;br/&gt;</ph></seg></tuv>
        <tuv xml:lang="nb"><seg>Trykk <bpt i="1">&lt;b&gt;</bpt>Lagre<ept i="1">&lt;/b&gt;</ept> før du går.<ph>&lt;br/&gt;</ph></seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>The report is ready.</seg></tuv><tuv xml:lang="nb"><seg>Rapporten er klar.</seg></tuv></tu>
  </body>
</tmx>
`;

let srv: TestServer;
let browser: Browser;
let page: Page;
let ids: { original: number; translation: number };

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'codes.tandem' });
  const file = path.join(srv.dir, 'memory.tmx');
  fs.writeFileSync(file, TMX);
  ids = await importAlignedFile(srv.db, file, { format: 'tmx' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1300, height: 700 } })).newPage();
  await preparePage(page);
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('inline codes in the panes', () => {
  it('shows each code as a distinct token, in both panes', async () => {
    await page.evaluate(
      ({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(x: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b }),
      { a: ids.original, b: ids.translation },
    );
    await page.waitForFunction(() => /Lagre/.test(document.querySelector('.pane-b .view-lines')?.textContent ?? ''));
    await page.waitForTimeout(300);
    const tokens = await page.evaluate(() =>
      [...document.querySelectorAll('.view-lines span span')]
        .filter((s) => /^[\u27E6\u27E7\u2B1A]+$/.test(s.textContent ?? ''))
        .map((s) => ({ text: s.textContent, color: getComputedStyle(s).color, weight: getComputedStyle(s).fontWeight })),
    );
    // Three codes a pane, each its own span, coloured and bold; the words around them are not.
    expect(tokens.map((t) => t.text).join('')).toBe('\u27E6\u27E7\u2B1A\u27E6\u27E7\u2B1A');
    for (const t of tokens) expect(t).toMatchObject({ color: 'rgb(138, 63, 181)', weight: '700' });
    const word = await page.evaluate(() => {
      const s = [...document.querySelectorAll('.view-lines span span')].find((x) => /Lagre/.test(x.textContent ?? ''))!;
      return getComputedStyle(s).color;
    });
    expect(word).not.toBe('rgb(138, 63, 181)');
    await screenshot(page, 'inline-codes');
  });
});

describe('the export dialog', () => {
  it('offers one file or one per pair, and the XLIFF version', async () => {
    await page.keyboard.press('Control+e');
    await page.waitForSelector('.export-dialog .form-grid');
    const dialog = page.locator('.export-dialog');
    const files = dialog.getByLabel('Files');
    const version = dialog.getByLabel('Version');
    await dialog.getByLabel('Documents').selectOption('all');
    await dialog.getByLabel('Format').selectOption('tmx');
    expect(await files.isVisible()).toBe(true);
    expect(await files.inputValue()).toBe('one');
    expect(await version.isVisible()).toBe(false);
    await dialog.getByLabel('Format').selectOption('xliff');
    expect(await version.isVisible()).toBe(true);
    // XLIFF holds one pair per file.
    expect(await files.inputValue()).toBe('split');
    await version.selectOption('1.2');
    await screenshot(page, 'export-options');
    await page.keyboard.press('Escape');
  });
});
