/**
 * Helpers for browser tests and the UI benchmark: a built renderer, a real
 * `tandem serve` server over a temporary project, and Debian's Chromium
 * driven by playwright-core. Everything stays on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { WorkbenchApi, WorkbenchEvent } from '../../common/api';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import type { MtConfig } from '../../core/services/translate';
import { startServer, type RunningServer } from '../../cli/serve/server';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER = path.join(REPO, 'out/renderer');
export const SCREENSHOTS = path.join(REPO, 'test-results/screenshots');

export const CHROMIUM_PATH = process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Builds the renderer once if out/renderer is missing (about half a minute). */
export function ensureRendererBuilt(force = false): void {
  if (!force && fs.existsSync(path.join(RENDERER, 'index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'inherit', env: { ...process.env } });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestServer {
  api: WorkbenchApi;
  db: Db;
  server: RunningServer;
  dir: string;
  projectFile: string;
  url: string;
  /** Closes the server and the database, and removes the temporary project. */
  close(): Promise<void>;
}

export async function startTestServer(opts: { name?: string; annotator?: string; mt?: MtConfig } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  const projectFile = path.join(dir, opts.name ?? 'e2e.tandem');
  const db = openProject(projectFile, { create: true });
  let emit: (e: WorkbenchEvent) => void = () => {};
  const api = createWorkbench(db, { name: path.basename(projectFile), file: projectFile, annotator: opts.annotator ?? 'tester', mt: opts.mt, emit: (e) => emit(e) });
  const server = await startServer({ api, root: RENDERER });
  emit = server.emit;
  return {
    api, db, server, dir, projectFile, url: server.url,
    async close() {
      await server.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { b64 } from './project';

/** Records every request the page makes, to check that none leaves this machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * tsx compiles functions with esbuild's keepNames, which wraps them in a
 * `__name` helper that does not exist in the page; page.evaluate callbacks
 * need it defined there.
 */
export async function preparePage(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

/**
 * Opens the workbench at `url` in a new page of `browser` (1440×900), ready for page.evaluate,
 * with every page error and console error pushed to `errors`; returns once the app says it is ready.
 */
export async function openWorkbench(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await preparePage(page);
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
  return page;
}
