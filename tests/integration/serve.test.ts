import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { startServer, type RunningServer } from '../../cli/serve/server';
import { projectStats } from '../../core/services/stats';
import { createDemoProject } from '../../core/services/demo';
import { tempDir } from '../support/project';

let dir: string;
let cleanup: () => void;
let db: Db;
let server: RunningServer;

function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  fs.mkdirSync(path.join(dir, 'ui'));
  fs.writeFileSync(path.join(dir, 'ui', 'index.html'), '<!doctype html><title>t</title>');
  db = openProject(path.join(dir, 's.tandem'), { create: true });
  server = await startServer({ api: createWorkbench(db, { name: 's', annotator: 'kari' }), root: path.join(dir, 'ui') });
});
afterAll(async () => {
  await server.close();
  db.close();
  cleanup();
});

describe('tandem serve', () => {
  it('listens on 127.0.0.1 only and refuses requests without the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect((await request(server.port, { path: '/' })).status).toBe(403);
    expect((await request(server.port, { path: '/api/listDocuments', method: 'POST', body: '[]' })).status).toBe(403);
    expect((await request(server.port, { path: '/?token=wrong' })).status).toBe(403);
  });

  it('refuses a foreign Host header, against DNS rebinding', async () => {
    const r = await request(server.port, { path: `/?token=${server.token}`, headers: { Host: 'evil.example' } });
    expect(r.status).toBe(403);
  });

  it('serves the page with a CSP and a same-site cookie, and the API with the token', async () => {
    const page = await request(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const api = await request(server.port, { path: '/api/projectInfo', method: 'POST', body: '[]', headers: { 'X-Tandem-Token': server.token, 'Content-Type': 'application/json' } });
    expect(JSON.parse(api.body)).toMatchObject({ ok: true, value: { annotator: 'kari', documents: 0 } });
    const bad = await request(server.port, { path: '/api/getDocument', method: 'POST', body: '[999]', headers: { 'X-Tandem-Token': server.token, 'Content-Type': 'application/json' } });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const unknown = await request(server.port, { path: '/api/dropTables', method: 'POST', body: '[]', headers: { 'X-Tandem-Token': server.token, 'Content-Type': 'application/json' } });
    expect(unknown.status).toBe(404);
    const traversal = await request(server.port, { path: '/../../etc/passwd', headers: { 'X-Tandem-Token': server.token } });
    expect(traversal.status).toBe(404);
  });

  it('takes API calls only as JSON from its own origin, and answers 403 otherwise without doing anything', async () => {
    const call = (headers: Record<string, string>, label = 'forged') =>
      request(server.port, { path: '/api/createFact', method: 'POST', body: JSON.stringify([{ label }]), headers: { 'X-Tandem-Token': server.token, ...headers } });
    const own = `http://127.0.0.1:${server.port}`;
    const refused = [
      await call({}),
      await call({ 'Content-Type': 'text/plain' }),
      await call({ 'Content-Type': 'application/x-www-form-urlencoded' }),
      await call({ 'Content-Type': 'multipart/form-data; boundary=x' }),
      await call({ 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' }),
      await call({ 'Content-Type': 'application/json', Origin: 'null' }),
      await call({ 'Content-Type': 'application/json', Origin: own, 'Sec-Fetch-Site': 'same-site' }),
      await call({ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(db.prepare("SELECT count(*) FROM facts WHERE label = 'forged'").pluck().get()).toBe(0);
    const ok = await call({ 'Content-Type': 'application/json; charset=utf-8', Origin: own, 'Sec-Fetch-Site': 'same-origin' }, 'own page');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { label: 'own page' } });
  });

  it('answers a malformed address with 400, not 500', async () => {
    for (const p of ['/%E0%A4%A', '/assets/%zz.js', '/%']) {
      const r = await request(server.port, { path: p, headers: { 'X-Tandem-Token': server.token } });
      expect(r.status, p).toBe(400);
    }
  });

  it('says clearly when the port is taken', async () => {
    await expect(startServer({ api: createWorkbench(db, { name: 's', annotator: 'x' }), root: path.join(dir, 'ui'), port: server.port })).rejects.toThrow(/already in use/);
  });

  it('pushes events to the page as server-sent events', async () => {
    const got = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { 'X-Tandem-Token': server.token } }, (res) => {
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (buf.includes('data:')) {
            req.destroy();
            resolve(buf);
          }
        });
        setTimeout(() => server.emit({ type: 'changed', what: 'documents' }), 50);
      });
    });
    expect(got).toContain('"type":"changed"');
  });
});

describe('tandem stats', () => {
  it('counts what the project holds', async () => {
    const demo = openProject(':memory:', { create: true });
    createDemoProject(demo, path.resolve(__dirname, '../../resources/demo'));
    const s = projectStats(demo);
    expect(s.documents).toEqual({ originals: 5, translations: 4, byLanguage: { en: 1, fi: 1, nb: 1, nl: 1, sv: 1 }, stories: 1 });
    // Each of the four translations is linked 1:1 with its original, by construction.
    expect(s.alignments).toEqual({ total: 4, links: { confirmed: 30, suggested: 0, rejected: 0 } });
    expect(s.paragraphs).toBe(10 + 10 + 7 + 7 + 6 + 30);
    demo.close();
  });
});
