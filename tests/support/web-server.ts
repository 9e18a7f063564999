/**
 * A local web server for URL-import tests: the fixture pages under
 * tests/fixtures/web and a few misbehaving addresses, on 127.0.0.1 with a
 * port the system picks. Nothing leaves the machine.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const WEB_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/web');

/** A fixture page's bytes as a site would serve them: the gold marks (ASCII attributes) taken out, the encoding untouched. */
export function servedBytes(file: string): Buffer {
  return Buffer.from(fs.readFileSync(path.join(WEB_FIXTURES, file)).toString('latin1').replace(/\s+data-gold="[^"]*"/g, ''), 'latin1');
}

export interface FixtureServer {
  base: string;
  url(p: string): string;
  /** How many requests each path has had. */
  hits: Map<string, number>;
  /** The User-Agent header of the last request. */
  lastUserAgent: string | null;
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startFixtureServer(extra: Record<string, Handler> = {}): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const state = { lastUserAgent: null as string | null };
  const routes: Record<string, Handler> = {
    '/missing': (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Not found</h1></body></html>');
    },
    '/report.pdf': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4 not a page');
    },
    '/slow': () => {
      // Never answers: the client's timeout must end it.
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/moved': (_req, res) => {
      res.writeHead(301, { location: '/page/no-article.html' });
      res.end();
    },
    ...extra,
  };
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    state.lastUserAgent = req.headers['user-agent'] ?? null;
    if (routes[p]) return routes[p](req, res);
    const page = /^\/page\/([\w.-]+)$/.exec(p);
    if (page && fs.existsSync(path.join(WEB_FIXTURES, page[1]))) {
      // Pages go out without a charset in the header, so that the page's own declaration decides.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(servedBytes(page[1]));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (p) => `${base}${p.startsWith('/') ? p : `/${p}`}`,
    hits,
    get lastUserAgent() {
      return state.lastUserAgent;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
