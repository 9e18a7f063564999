import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { TandemError, toErrorValue, type Result } from '../../common/errors';
import { PROJECTS_METHODS, WORKBENCH_METHODS, type ProjectsApi, type WorkbenchApi, type WorkbenchEvent } from '../../common/api';
import { CONTENT_SECURITY_POLICY } from '../../common/security';

export interface ServeOptions {
  api: WorkbenchApi;
  /** Opening and creating projects of the served folder; without it the browser works on the one project. */
  projects?: ProjectsApi;
  /** The built renderer (out/renderer). */
  root: string;
  port?: number;
  token?: string;
  /** Largest request body; imports travel as base64. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  emit(event: WorkbenchEvent): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const COOKIE = 'tandem_token';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

function refuse(res: http.ServerResponse, status: number, kind: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify({ ok: false, error: { kind, message } }));
}

/**
 * Why a request to the API must be refused, or null. The token cookie
 * travels with requests from any page on 127.0.0.1 (SameSite does not tell
 * ports apart), so a page served by another program could otherwise make
 * the user's browser call the API with a form or a no-cors fetch. Those can
 * only send text/plain, form or multipart bodies, and browsers mark them
 * with Origin and Sec-Fetch-Site; JSON from another origin needs a CORS
 * preflight this server never grants.
 */
export function forgedRequest(req: http.IncomingMessage, port: number): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `calls from another site or page are refused (Sec-Fetch-Site: ${String(site)})`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return `calls from another origin are refused (${String(origin)})`;
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return `calls must be sent as application/json${type ? `, not ${type}` : ''}`;
  }
  return null;
}

/**
 * Serves the renderer and the WorkbenchApi on 127.0.0.1 only. Every request
 * must carry the per-run token: in the URL once (it is then kept in a
 * same-site cookie, as Jupyter does), or in the X-Tandem-Token header. API
 * calls are taken only as JSON from the workbench's own origin.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const maxBody = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  const clients = new Set<http.ServerResponse>();
  const root = path.resolve(opts.root);
  let port = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // A page on another site must not reach this server through DNS rebinding.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403).end('forbidden host');
      return;
    }
    const given = url.searchParams.get('token') ?? (req.headers['x-tandem-token'] as string | undefined) ?? cookieToken(req);
    if (!given || !safeEqual(given, token)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Tandem: this address needs the token printed by "tandem serve".');
      return;
    }
    if (url.searchParams.has('token')) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    try {
      if (url.pathname.startsWith('/api/')) {
        const forged = forgedRequest(req, port);
        if (forged) return refuse(res, 403, 'invalid-input', `Tandem: ${forged}.`);
      }
      if (url.pathname === '/api/events') return sse(req, res);
      if (url.pathname.startsWith('/api/')) return await apiCall(url.pathname.slice(5), req, res);
      return serveStatic(url.pathname, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: toErrorValue(err) }));
    }
  });

  function sse(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  async function apiCall(method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const target: object | undefined = (WORKBENCH_METHODS as readonly string[]).includes(method) ? opts.api : (PROJECTS_METHODS as readonly string[]).includes(method) ? opts.projects : undefined;
    if (!target) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: { kind: 'not-found', message: `no method ${method}` } }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        res.writeHead(413, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: { kind: 'too-large', message: `request over ${maxBody} bytes` } }));
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let args: unknown;
    try {
      args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: { kind: 'invalid-input', message: 'body is not JSON' } }));
      return;
    }
    if (!Array.isArray(args)) args = [args];
    let result: Result<unknown>;
    try {
      const fn = (target as Record<string, unknown>)[method] as (...a: unknown[]) => Promise<unknown>;
      result = { ok: true, value: await fn.apply(target, args as unknown[]) };
    } catch (err) {
      result = { ok: false, error: toErrorValue(err) };
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result ?? { ok: true, value: null }));
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('malformed address (a broken %-escape)');
      return;
    }
    const rel = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new TandemError('conflict', `port ${opts.port} is already in use on 127.0.0.1; choose another with --port, or 0 for any free port`));
      else reject(err);
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n');
  }, 15_000);
  keepAlive.unref();

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    emit(event) {
      const data = `data: ${JSON.stringify(event)}\n\n`;
      for (const c of clients) c.write(data);
    },
    close() {
      clearInterval(keepAlive);
      for (const c of clients) c.end();
      clients.clear();
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
