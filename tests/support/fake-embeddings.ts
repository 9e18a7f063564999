/**
 * An OpenAI-compatible embeddings server for tests, bound to 127.0.0.1 on a random port: what
 * Ollama, LM Studio and llama.cpp answer on POST /v1/embeddings. Vectors are deterministic: a
 * hashed bag of the text's lower-cased words (every word, short and common ones included), so a
 * test knows which texts come out alike.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEmbeddingsOptions {
  /** When set, requests without "Authorization: Bearer <key>" get 401. */
  requireKey?: string;
  /** Models served; others get 404. Default: any. */
  models?: string[];
  dims?: number;
}

export interface FakeEmbeddings {
  url: string;
  /** Every request, in order: model and texts. */
  requests: Array<{ model: string; input: string[]; authorization: string | undefined; status: number }>;
  /** Texts embedded, over all requests. */
  texts(): string[];
  close(): Promise<void>;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The fake's vector for a text (exported so tests can compute expected similarities). */
export function fakeVector(text: string, dims = 64): number[] {
  const v = new Array(dims).fill(0);
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = hash(w);
    v[h % dims] += h & 0x100 ? 1 : -1;
  }
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / n);
}

export async function startFakeEmbeddings(opts: FakeEmbeddingsOptions = {}): Promise<FakeEmbeddings> {
  const requests: FakeEmbeddings['requests'] = [];
  const dims = opts.dims ?? 64;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'POST' || url.pathname !== '/v1/embeddings') return send(404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
    let body: { model?: string; input?: string | string[] };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
    }
    const input = typeof body.input === 'string' ? [body.input] : body.input ?? [];
    const entry = { model: String(body.model), input, authorization: req.headers.authorization, status: 200 };
    requests.push(entry);
    if (opts.requireKey && req.headers.authorization !== `Bearer ${opts.requireKey}`) {
      entry.status = 401;
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    }
    if (opts.models && !opts.models.includes(entry.model)) {
      entry.status = 404;
      return send(404, { error: { message: `model "${entry.model}" not found, try pulling it first`, type: 'not_found_error' } });
    }
    if (!input.length || input.some((t) => typeof t !== 'string' || !t)) {
      entry.status = 400;
      return send(400, { error: { message: 'input must be non-empty strings', type: 'invalid_request_error' } });
    }
    send(200, {
      object: 'list',
      model: entry.model,
      data: input.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t, dims) })),
      usage: { prompt_tokens: input.join(' ').split(/\s+/).length, total_tokens: input.join(' ').split(/\s+/).length },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    texts: () => requests.filter((r) => r.status === 200).flatMap((r) => r.input),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
