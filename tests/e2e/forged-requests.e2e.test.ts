import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { b64, ensureRendererBuilt, launchChromium, preparePage, startTestServer, type TestServer } from '../support/browser';

/**
 * A page served by another program on 127.0.0.1 (another port, so another
 * origin but the same site) tries to drive the workbench of a user who has
 * it open: a text/plain form post and a no-cors fetch, the two requests a
 * page may send anywhere without asking.
 */
function attackerPage(target: string): string {
  // The form's single field and its value join into a JSON body: name + '=' + value.
  return `<!doctype html><meta charset="utf-8"><title>innocent</title>
<form id="f" method="POST" action="${target}/api/createFact" enctype="text/plain">
  <input type="hidden" name='[{"label":"forged by form","x":"' value='"}]'>
</form>
<script>
  window.fetchDone = (async () => {
    await fetch('${target}/api/createFact', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify([{ label: 'forged by fetch' }]) }).catch(() => {});
    await fetch('${target}/api/setLanguage', { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify([1, 'fi']) }).catch(() => {});
    return true;
  })();
</script>`;
}

let srv: TestServer;
let browser: Browser;
let context: BrowserContext;
let evil: http.Server;
let evilOrigin: string;

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'csrf.tandem' });
  await srv.api.importArticles([{ name: 'a.txt', base64: b64('Brua er stengt.\nOmkjøring via sentrum.') }], { lang: 'nb' });
  const target = `http://127.0.0.1:${srv.server.port}`;
  evil = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(attackerPage(target)));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => evil?.close(r));
  await srv?.close();
});

describe('requests forged by a page on another port of 127.0.0.1', () => {
  it('are refused with 403 and change nothing, while the workbench itself still works', async () => {
    // The user opens the workbench: the browser now holds its cookie.
    const page = await context.newPage();
    await preparePage(page);
    const loaded = page.waitForResponse((r) => r.url().includes('/api/projectInfo') && r.status() === 200, { timeout: 30_000 });
    await page.goto(srv.url);
    await loaded;
    const before = { facts: (await srv.api.listFacts()).length, lang: (await srv.api.listDocuments())[0].lang };

    // Then visits another page in the same browser.
    const attacker = await context.newPage();
    const statuses: Array<{ url: string; status: number }> = [];
    attacker.on('response', (r) => {
      if (r.url().includes('/api/')) statuses.push({ url: r.url(), status: r.status() });
    });
    await attacker.goto(evilOrigin);
    await attacker.evaluate(() => (window as unknown as { fetchDone: Promise<boolean> }).fetchDone);
    const formResponse = attacker.waitForResponse((r) => r.url().endsWith('/api/createFact') && r.request().method() === 'POST' && r.request().postData()?.includes('forged by form') === true, { timeout: 60_000 });
    // Submitted after the evaluate returns: an evaluate that starts a navigation waits for it, and
    // on a loaded machine that wait once outlasted the test.
    await attacker.evaluate(() => void setTimeout(() => (document.getElementById('f') as HTMLFormElement).submit(), 0));
    const form = await formResponse;
    expect(form.status()).toBe(403);

    // Nothing changed.
    const facts = await srv.api.listFacts();
    expect(facts.map((f) => f.label)).not.toContain('forged by form');
    expect(facts.map((f) => f.label)).not.toContain('forged by fetch');
    expect(facts).toHaveLength(before.facts);
    expect((await srv.api.listDocuments())[0].lang).toBe(before.lang);
    // The no-cors fetches were answered 403 too (the page itself cannot see that): three forged calls, three refusals.
    expect(statuses).toHaveLength(3);
    for (const s of statuses) expect(s.status, s.url).toBe(403);

    // The workbench's own calls, from its own page, still go through.
    const own = await page.evaluate(async () => {
      const r = await fetch('api/projectInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: '[]' });
      return { status: r.status, body: await r.json() };
    });
    expect(own.status).toBe(200);
    expect(own.body.ok).toBe(true);
    await attacker.close();
    await page.close();
  }, 120_000);

  it('the address bar loses the token once the page has loaded, and a reload still works', async () => {
    const page = await context.newPage();
    await preparePage(page);
    await page.goto(srv.url);
    await page.waitForFunction(() => !location.search.includes('token='), null, { timeout: 30_000 });
    expect(page.url()).not.toContain(srv.server.token);
    await page.reload();
    const info = await page.evaluate(async () => {
      const r = await fetch('api/projectInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
      return r.status;
    });
    expect(info).toBe(200);
    await page.close();
  }, 60_000);
});
