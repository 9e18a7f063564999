/**
 * Importing an article from the web in the UI: a pasted address and a dropped
 * link, fetched by `tandem serve` from a fixture server on 127.0.0.1, shown
 * with the page's metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, isLocal, launchChromium, preparePage, recordRequests, screenshot, startTestServer, type TestServer } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/web-server';

let srv: TestServer;
let web: FixtureServer;
let browser: Browser;
let page: Page;
let requests: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  web = await startFixtureServer();
  srv = await startTestServer({ name: 'web.tandem', annotator: 'tester' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await preparePage(page);
  requests = recordRequests(page);
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await web?.close();
});

describe('import from the web', () => {
  it('imports a pasted address and shows the article with its site, byline and date', async () => {
    await page.keyboard.press('Control+1');
    const field = page.getByRole('textbox', { name: 'Web address to import' });
    await field.fill(web.url('/page/no-article.html'));
    await page.getByRole('textbox', { name: 'Story' }).fill('ferries');
    await page.click('button[data-op="import-url"]');
    const row = page.locator('tr.orig-row', { hasText: 'Ferja gikk på grunn ved Hareid' });
    await row.waitFor();
    await expect.poll(() => row.locator('.doc-meta').textContent()).toBe('Avisa Vestkyst · Ingrid Sætre, Tor Helge Vik · 2024-03-05');
    expect(await row.locator('td.title').getAttribute('title')).toBe(web.url('/page/no-article.html'));
    await expect.poll(() => page.locator('.report tr.rep-imported').count()).toBe(1);
    expect(await field.inputValue()).toBe('');

    const docs = await srv.api.listDocuments();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ collection: 'ferries', source: web.url('/page/no-article.html'), meta: { siteName: 'Avisa Vestkyst', extraction: 'article' } });
    const doc = await srv.api.getDocument(docs[0].id);
    expect(doc.paragraphList[0].text).toBe('Ferja gikk på grunn ved Hareid');
    expect(doc.paragraphList.map((p) => p.text).join('\n')).not.toMatch(/Les også|Mest lese|informasjonskapsler/);
    await screenshot(page, 'web-import-pasted');
  });

  it('imports a link dropped on the import card, and reports a bad address beside it', async () => {
    await page.evaluate((urls) => {
      const card = document.querySelector('.import-card')!;
      const data = new DataTransfer();
      data.setData('text/uri-list', urls.join('\r\n'));
      card.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      card.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [web.url('/page/sv-comments.html'), web.url('/missing')]);
    const row = page.locator('tr.orig-row', { hasText: 'Tågtrafiken mellan Göteborg och Oslo stoppas i sommar' });
    await row.waitFor();
    await expect.poll(() => row.locator('.doc-meta').textContent()).toBe('Västkustbladet · Annika Lundqvist · 2024-05-21');
    const failed = page.locator('.report tr.rep-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/HTTP 404/);
    await screenshot(page, 'web-import-dropped');
    // The browser itself only ever talked to tandem serve; the server fetched the pages.
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
    expect(requests.some((u) => u.startsWith(web.base))).toBe(false);
  });
});

describe('stopping an import from the web', () => {
  it('shows the progress of a slow fetch with a Stop button that ends it', async () => {
    await page.getByRole('textbox', { name: 'Web address to import' }).fill(web.url('/slow'));
    await page.click('button[data-op="import-url"]');
    const stop = page.locator('button[data-op="stop-url-import"]');
    await stop.waitFor();
    expect(await page.locator('.url-progress').textContent()).toMatch(/Fetching pages: 0 of 1 done/);
    await screenshot(page, 'web-import-stopping');
    await stop.click();
    const failed = page.locator('.report tr.rep-failed', { hasText: '/slow' });
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/cancelled/);
    expect((await srv.api.listJobs()).find((j) => j.kind === 'import-urls' && j.params.urls === 1 && j.status === 'interrupted')).toBeTruthy();
  });
});
