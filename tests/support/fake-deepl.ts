/**
 * A DeepL-compatible HTTP server for tests and benchmarks, bound to 127.0.0.1
 * on a random port. It implements what deepl-node calls for text translation,
 * usage, language lists and glossaries (v2, plus the v3 multilingual basics),
 * and enforces DeepL's request limits so that batching bugs surface as errors.
 *
 * "Translation" is deterministic: `[TARGET] ` followed by the text with known
 * words replaced from a small built-in dictionary (glossary terms first).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MtStore } from '../../core/mt';

export interface FakeDeepLOptions {
  /** When set, any other key is answered with 403. */
  requireAuthKey?: string;
  /** Characters per billing period; exceeding it answers 456. */
  characterLimit?: number;
  /** Delay before answering each request. */
  delayMs?: number;
  maxTexts?: number;
  maxBodyBytes?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  bodyBytes: number;
  body: string;
  /** Parsed form or JSON parameters; repeated keys (text) collect into arrays. */
  params: Record<string, string[]>;
  /** Answer status; 0 when the connection was dropped. */
  status: number;
  authorized: boolean;
}

export interface FakeGlossary {
  glossaryId: string;
  name: string;
  creationTime: string;
  dictionaries: { sourceLang: string; targetLang: string; entries: Map<string, string> }[];
  multilingual: boolean;
}

export interface FakeDeepLState {
  charactersUsed: number;
  characterLimit: number;
  delayMs: number;
  requireAuthKey: string | undefined;
  requests: FakeRequest[];
  glossaries: Map<string, FakeGlossary>;
  inFlight: number;
  maxInFlight: number;
}

export interface FakeDeepL {
  url: string;
  state: FakeDeepLState;
  close(): Promise<void>;
  /** Answer the next `n` requests (optionally only those to `path`) with `status`. */
  failNext(n: number, status: number, opts?: { path?: string }): void;
  /** Destroy the socket of the next `n` requests (optionally only those to `path`) after reading them. */
  dropConnections(n: number, opts?: { path?: string }): void;
  setDelay(ms: number): void;
  setCharacterLimit(limit: number): void;
  /** Requests to /v2/translate that were answered 200. */
  translateRequests(): FakeRequest[];
  resetLog(): void;
}

const SOURCE_LANGS: [string, string][] = [
  ['AR', 'Arabic'], ['BG', 'Bulgarian'], ['CS', 'Czech'], ['DA', 'Danish'], ['DE', 'German'],
  ['EL', 'Greek'], ['EN', 'English'], ['ES', 'Spanish'], ['ET', 'Estonian'], ['FI', 'Finnish'],
  ['FR', 'French'], ['HU', 'Hungarian'], ['ID', 'Indonesian'], ['IT', 'Italian'], ['JA', 'Japanese'],
  ['KO', 'Korean'], ['LT', 'Lithuanian'], ['LV', 'Latvian'], ['NB', 'Norwegian (bokmål)'], ['NL', 'Dutch'],
  ['PL', 'Polish'], ['PT', 'Portuguese'], ['RO', 'Romanian'], ['RU', 'Russian'], ['SK', 'Slovak'],
  ['SL', 'Slovenian'], ['SV', 'Swedish'], ['TR', 'Turkish'], ['UK', 'Ukrainian'], ['ZH', 'Chinese'],
];

const FORMALITY = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT-PT', 'PT-BR', 'JA', 'RU']);

const TARGET_LANGS: [string, string][] = ([
  ...SOURCE_LANGS.filter(([c]) => c !== 'EN' && c !== 'PT' && c !== 'ZH'),
  ['EN-GB', 'English (British)'], ['EN-US', 'English (American)'],
  ['PT-PT', 'Portuguese (European)'], ['PT-BR', 'Portuguese (Brazilian)'],
  ['ZH-HANS', 'Chinese (simplified)'], ['ZH-HANT', 'Chinese (traditional)'],
] satisfies [string, string][]).sort((a, b) => a[0].localeCompare(b[0]));

const GLOSSARY_LANGS = ['da', 'de', 'en', 'es', 'fi', 'fr', 'it', 'ja', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh'];

const DICTIONARY: Record<string, string> = {
  // nb
  jeg: 'I', og: 'and', ikke: 'not', er: 'is', det: 'it', hus: 'house', huset: 'the house', katt: 'cat',
  hund: 'dog', mann: 'man', kvinne: 'woman', barn: 'child', dag: 'day', natt: 'night', skog: 'forest',
  havet: 'the sea', sol: 'sun', god: 'good', stor: 'big', liten: 'small', gammel: 'old', ny: 'new',
  // sv
  och: 'and', inte: 'not', är: 'is', jag: 'I', kvinna: 'woman', skogen: 'the forest',
  // de
  und: 'and', nicht: 'not', ist: 'is', ich: 'I', haus: 'house', katze: 'cat', frau: 'woman', kind: 'child',
  tag: 'day', nacht: 'night', wald: 'forest', gut: 'good', groß: 'big', klein: 'small', alt: 'old', neu: 'new',
  // nl
  niet: 'not', ik: 'I', het: 'it', huis: 'house', kat: 'cat', vrouw: 'woman', nieuw: 'new', groot: 'big',
  // fi
  ja: 'and', ei: 'not', on: 'is', minä: 'I', talo: 'house', kissa: 'cat', koira: 'dog', päivä: 'day',
  yö: 'night', metsä: 'forest', hyvä: 'good', iso: 'big', pieni: 'small', vanha: 'old', uusi: 'new',
};

const DETECT_WORDS: Record<string, string[]> = {
  nb: ['og', 'ikke', 'jeg', 'det', 'er', 'på', 'som', 'med', 'av', 'til', 'hus', 'huset', 'skog'],
  sv: ['och', 'inte', 'jag', 'det', 'är', 'på', 'som', 'med', 'av', 'till', 'kvinna', 'skogen'],
  de: ['und', 'nicht', 'ich', 'das', 'ist', 'der', 'die', 'mit', 'von', 'zu', 'haus', 'wald'],
  nl: ['en', 'niet', 'ik', 'het', 'is', 'de', 'van', 'met', 'een', 'huis', 'vrouw'],
  fi: ['ja', 'ei', 'minä', 'se', 'on', 'että', 'kanssa', 'talo', 'metsä', 'kissa'],
  en: ['and', 'not', 'the', 'is', 'of', 'with', 'house', 'forest'],
};

export function detectLanguage(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = 'en';
  let bestScore = 0;
  for (const [lang, list] of Object.entries(DETECT_WORDS)) {
    const set = new Set(list);
    const score = words.filter((w) => set.has(w)).length;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best;
}

function matchCase(original: string, replacement: string): string {
  const first = original[0]!;
  return first !== first.toLowerCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The fake's translation, exported so tests can compute expected output. */
export function fakeTranslate(text: string, targetLang: string, glossary?: Map<string, string>): string {
  const held: string[] = [];
  let t = text;
  if (glossary) {
    const terms = [...glossary.keys()].sort((a, b) => b.length - a.length);
    for (const term of terms) {
      t = t.replace(new RegExp(`(?<!\\p{L})${escapeRegExp(term)}(?!\\p{L})`, 'gu'), () => {
        held.push(glossary.get(term)!);
        return `\u0001${held.length - 1}\u0001`;
      });
    }
  }
  t = t.replace(/\p{L}+/gu, (w) => {
    const r = DICTIONARY[w.toLowerCase()];
    return r ? matchCase(w, r) : w;
  });
  t = t.replace(/\u0001(\d+)\u0001/g, (_, i: string) => held[Number(i)]!);
  return `[${targetLang.toUpperCase()}] ${t}`;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function parseParams(contentType: string, body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, v: unknown) => {
    const s = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    (out[k] ??= []).push(s);
  };
  if (!body) return out;
  if (contentType.includes('application/json')) {
    const obj = JSON.parse(body) as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (Array.isArray(v)) v.forEach((x) => add(k, x));
      else if (v !== null && v !== undefined) add(k, v);
    }
  } else {
    for (const [k, v] of new URLSearchParams(body)) add(k, v);
  }
  return out;
}

function parseTsv(tsv: string, format: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of tsv.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [s, t] = format === 'csv' ? line.split(',', 2) : line.split('\t', 2);
    if (!s || !t) throw new Error(`bad entry line: ${line}`);
    m.set(s.trim(), t.trim());
  }
  return m;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startFakeDeepL(opts: FakeDeepLOptions = {}): Promise<FakeDeepL> {
  const maxTexts = opts.maxTexts ?? 50;
  const maxBodyBytes = opts.maxBodyBytes ?? 128 * 1024;
  const state: FakeDeepLState = {
    charactersUsed: 0,
    characterLimit: opts.characterLimit ?? 500_000,
    delayMs: opts.delayMs ?? 0,
    requireAuthKey: opts.requireAuthKey,
    requests: [],
    glossaries: new Map(),
    inFlight: 0,
    maxInFlight: 0,
  };
  const failures: { status: number; path?: string }[] = [];
  const drops: { path?: string }[] = [];
  let glossaryCounter = 0;

  const takeMatching = <T extends { path?: string }>(list: T[], path: string): T | undefined => {
    const i = list.findIndex((x) => !x.path || x.path === path);
    return i >= 0 ? list.splice(i, 1)[0] : undefined;
  };

  const glossaryJsonV2 = (g: FakeGlossary) => ({
    glossary_id: g.glossaryId,
    name: g.name,
    ready: true,
    source_lang: g.dictionaries[0]!.sourceLang,
    target_lang: g.dictionaries[0]!.targetLang,
    creation_time: g.creationTime,
    entry_count: g.dictionaries[0]!.entries.size,
  });
  const glossaryJsonV3 = (g: FakeGlossary) => ({
    glossary_id: g.glossaryId,
    name: g.name,
    creation_time: g.creationTime,
    dictionaries: g.dictionaries.map((d) => ({
      source_lang: d.sourceLang,
      target_lang: d.targetLang,
      entry_count: d.entries.size,
    })),
  });

  type Answer = { status: number; json?: unknown; text?: string; contentType?: string };
  const err = (status: number, message: string): Answer => ({ status, json: { message } });
  const one = (p: Record<string, string[]>, k: string) => p[k]?.[0];

  const newGlossary = (
    name: string | undefined,
    dicts: { source?: string; target?: string; entries?: string; format?: string }[],
    multilingual: boolean,
  ): FakeGlossary | Answer => {
    if (!name) return err(400, "Missing or invalid argument: 'name'");
    if (dicts.length === 0) return err(400, 'Missing dictionaries');
    const out: FakeGlossary['dictionaries'] = [];
    for (const d of dicts) {
      const s = d.source?.toLowerCase();
      const t = d.target?.toLowerCase();
      if (!s || !t || !GLOSSARY_LANGS.includes(s) || !GLOSSARY_LANGS.includes(t) || s === t) {
        return err(400, 'Unsupported glossary source and target language pair');
      }
      let entries: Map<string, string>;
      try {
        entries = parseTsv(d.entries ?? '', d.format ?? 'tsv');
      } catch (e) {
        return err(400, `Invalid glossary entries: ${(e as Error).message}`);
      }
      if (entries.size === 0) return err(400, 'Glossary entries must not be empty');
      out.push({ sourceLang: s, targetLang: t, entries });
    }
    glossaryCounter++;
    const g: FakeGlossary = {
      glossaryId: `00000000-0000-4000-8000-${String(glossaryCounter).padStart(12, '0')}`,
      name,
      creationTime: new Date().toISOString(),
      dictionaries: out,
      multilingual,
    };
    state.glossaries.set(g.glossaryId, g);
    return g;
  };

  const translate = (p: Record<string, string[]>): Answer => {
    const texts = p.text ?? [];
    if (texts.length === 0) return err(400, "Parameter 'text' not specified.");
    if (texts.length > maxTexts) return err(400, `Too many texts: ${texts.length} > ${maxTexts}`);
    if (texts.some((t) => t.length === 0)) return err(400, 'Empty text is not accepted by this server.');
    const target = one(p, 'target_lang')?.toUpperCase();
    if (!target || !TARGET_LANGS.some(([c]) => c === target)) return err(400, "Value for 'target_lang' not supported.");
    const source = one(p, 'source_lang')?.toUpperCase();
    if (source && !SOURCE_LANGS.some(([c]) => c === source)) return err(400, "Value for 'source_lang' not supported.");
    const formality = one(p, 'formality');
    if (formality && !['default', 'prefer_more', 'prefer_less'].includes(formality) && !FORMALITY.has(target)) {
      return err(400, "'formality' is not supported for given 'target_lang'.");
    }
    let glossaryEntries: Map<string, string> | undefined;
    const glossaryId = one(p, 'glossary_id');
    if (glossaryId) {
      if (!source) return err(400, 'Use of a glossary requires the source_lang parameter to be set.');
      const g = state.glossaries.get(glossaryId);
      if (!g) return err(400, 'Invalid glossary_id.');
      const d = g.dictionaries.find(
        (x) => x.sourceLang === source.toLowerCase() && x.targetLang === target.split('-')[0]!.toLowerCase(),
      );
      if (!d) return err(400, "Glossary languages don't match the request languages.");
      glossaryEntries = d.entries;
    }
    const billed = texts.map(codePoints);
    const sum = billed.reduce((a, b) => a + b, 0);
    if (state.charactersUsed + sum > state.characterLimit) return err(456, 'Quota Exceeded');
    state.charactersUsed += sum;
    const showBilled = ['1', 'true'].includes(one(p, 'show_billed_characters') ?? '');
    return {
      status: 200,
      json: {
        translations: texts.map((t, i) => ({
          detected_source_language: source ?? detectLanguage(t).toUpperCase(),
          text: fakeTranslate(t, target, glossaryEntries),
          ...(showBilled ? { billed_characters: billed[i] } : {}),
        })),
      },
    };
  };

  const route = (method: string, path: string, query: Record<string, string>, p: Record<string, string[]>): Answer => {
    if (path === '/v2/translate' && method === 'POST') return translate(p);
    if (path === '/v2/usage' && method === 'GET') {
      return { status: 200, json: { character_count: state.charactersUsed, character_limit: state.characterLimit } };
    }
    if (path === '/v2/languages' && method === 'GET') {
      const type = query.type ?? 'source';
      if (type === 'target') {
        return {
          status: 200,
          json: TARGET_LANGS.map(([language, name]) => ({ language, name, supports_formality: FORMALITY.has(language) })),
        };
      }
      if (type !== 'source') return err(400, "Value for 'type' not supported.");
      return { status: 200, json: SOURCE_LANGS.map(([language, name]) => ({ language, name })) };
    }
    if (path === '/v2/glossary-language-pairs' && method === 'GET') {
      const pairs = GLOSSARY_LANGS.flatMap((s) =>
        GLOSSARY_LANGS.filter((t) => t !== s).map((t) => ({ source_lang: s, target_lang: t })),
      );
      return { status: 200, json: { supported_languages: pairs } };
    }
    const v2 = /^\/v2\/glossaries(?:\/([^/]+)(\/entries)?)?$/.exec(path);
    if (v2) {
      const [, id, entries] = v2;
      if (!id && method === 'POST') {
        const g = newGlossary(one(p, 'name'), [
          { source: one(p, 'source_lang'), target: one(p, 'target_lang'), entries: one(p, 'entries'), format: one(p, 'entries_format') },
        ], false);
        return 'glossaryId' in g ? { status: 201, json: glossaryJsonV2(g) } : g;
      }
      if (!id && method === 'GET') {
        return { status: 200, json: { glossaries: [...state.glossaries.values()].filter((g) => !g.multilingual).map(glossaryJsonV2) } };
      }
      const g = id ? state.glossaries.get(id) : undefined;
      if (!g || g.multilingual) return err(404, 'Glossary not found');
      if (entries && method === 'GET') {
        const tsv = [...g.dictionaries[0]!.entries].map(([s, t]) => `${s}\t${t}`).join('\n');
        return { status: 200, text: tsv, contentType: 'text/tab-separated-values' };
      }
      if (method === 'GET') return { status: 200, json: glossaryJsonV2(g) };
      if (method === 'DELETE') {
        state.glossaries.delete(g.glossaryId);
        return { status: 204 };
      }
    }
    const v3 = /^\/v3\/glossaries(?:\/([^/]+))?$/.exec(path);
    if (v3) {
      const [, id] = v3;
      if (!id && method === 'POST') {
        const dicts: { source?: string; target?: string; entries?: string; format?: string }[] = [];
        for (let i = 0; p[`dictionaries[${i}].source_lang`]; i++) {
          dicts.push({
            source: one(p, `dictionaries[${i}].source_lang`),
            target: one(p, `dictionaries[${i}].target_lang`),
            entries: one(p, `dictionaries[${i}].entries`),
            format: one(p, `dictionaries[${i}].entries_format`),
          });
        }
        const g = newGlossary(one(p, 'name'), dicts, true);
        return 'glossaryId' in g ? { status: 201, json: glossaryJsonV3(g) } : g;
      }
      if (!id && method === 'GET') {
        return { status: 200, json: { glossaries: [...state.glossaries.values()].filter((g) => g.multilingual).map(glossaryJsonV3) } };
      }
      const g = id ? state.glossaries.get(id) : undefined;
      if (!g || !g.multilingual) return err(404, 'Glossary not found');
      if (method === 'GET') return { status: 200, json: glossaryJsonV3(g) };
      if (method === 'DELETE') {
        state.glossaries.delete(g.glossaryId);
        return { status: 204 };
      }
    }
    return err(404, `No route for ${method} ${path}`);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    req.on('data', (c: Buffer) => {
      bodyBytes += c.length;
      if (bodyBytes <= maxBodyBytes) chunks.push(c);
    });
    req.on('end', () => {
      void handle(req, res, bodyBytes, bodyBytes <= maxBodyBytes ? Buffer.concat(chunks).toString('utf8') : '');
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, bodyBytes: number, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const contentType = String(req.headers['content-type'] ?? '');
    const key = state.requireAuthKey;
    const authorized = !key || req.headers.authorization === `DeepL-Auth-Key ${key}`;
    const entry: FakeRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      contentType,
      bodyBytes,
      body,
      params: {},
      status: 0,
      authorized,
    };
    state.requests.push(entry);
    const counted = path === '/v2/translate';
    if (counted) state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    try {
      if (takeMatching(drops, path)) {
        req.socket.destroy();
        return;
      }
      if (state.delayMs > 0) await sleep(state.delayMs);
      let answer: Answer;
      const failure = takeMatching(failures, path);
      if (failure) answer = err(failure.status, `Injected failure ${failure.status}`);
      else if (!authorized) answer = err(403, 'Wrong endpoint or invalid authentication key.');
      else if (bodyBytes > maxBodyBytes) answer = err(413, `Request body of ${bodyBytes} bytes is too large`);
      else {
        try {
          entry.params = method === 'GET' ? {} : parseParams(contentType, body);
        } catch {
          answer = err(400, 'Malformed body');
        }
        answer ??= route(method, path, entry.query, entry.params);
      }
      entry.status = answer.status;
      if (answer.json !== undefined) {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.json));
      } else {
        res.writeHead(answer.status, answer.contentType ? { 'Content-Type': answer.contentType } : {});
        res.end(answer.text ?? '');
      }
    } finally {
      if (counted) state.inFlight--;
    }
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    failNext: (n, status, o) => {
      for (let i = 0; i < n; i++) failures.push({ status, path: o?.path });
    },
    dropConnections: (n, o) => {
      for (let i = 0; i < n; i++) drops.push({ path: o?.path });
    },
    setDelay: (ms) => {
      state.delayMs = ms;
    },
    setCharacterLimit: (limit) => {
      state.characterLimit = limit;
    },
    translateRequests: () => state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200),
    resetLog: () => {
      state.requests.length = 0;
      state.maxInFlight = 0;
    },
  };
}

/** Cache entry as the translation run stores it. */
export type MemoryStoreEntry = Parameters<MtStore['putCached']>[1];

/** In-memory MtStore for tests and benchmarks. */
export class MemoryMtStore {
  readonly entries = new Map<string, MemoryStoreEntry>();
  puts = 0;
  gets = 0;

  getCached(key: string): { text: string; detectedSourceLang: string } | undefined {
    this.gets++;
    const e = this.entries.get(key);
    return e && { text: e.text, detectedSourceLang: e.detectedSourceLang };
  }

  putCached(key: string, value: MemoryStoreEntry): void {
    this.puts++;
    this.entries.set(key, { ...value });
  }
}
