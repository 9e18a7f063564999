import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeepLProvider,
  cacheKey,
  runTranslation,
  type RunItem,
  type RunProgress,
} from '../../../../core/mt';
import { MemoryMtStore, fakeTranslate, startFakeDeepL, type FakeDeepL } from '../../../support/fake-deepl';

let fake: FakeDeepL;
let provider: DeepLProvider;

beforeEach(async () => {
  fake = await startFakeDeepL({ characterLimit: 1_000_000 });
  provider = new DeepLProvider({ authKey: 'k', serverUrl: fake.url, backoff: { initialMs: 10, maxMs: 50 } });
});
afterEach(() => fake.close());

const posts = () => fake.translateRequests();

function items(n: number, lang: string | null = 'nb', prefix = 'Avsnitt'): RunItem[] {
  return Array.from({ length: n }, (_, i) => ({ id: i, text: `${prefix} ${i}: jeg er en hund.`, sourceLang: lang }));
}

describe('cacheKey', () => {
  it('is stable, case-insensitive for languages and sensitive to what changes output', () => {
    const k = cacheKey('Hei', 'nb', 'en-GB', { formality: 'default', engine: 'deepl' }, 'g1');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('Hei', 'NB', 'EN-gb', { engine: 'deepl' }, 'g1')).toBe(k);
    expect(cacheKey('Hei', 'nb', 'en-GB', { formality: 'more', engine: 'deepl' }, 'g1')).not.toBe(k);
    expect(cacheKey('Hei', 'nb', 'en-GB', { engine: 'deepl' }, 'g2')).not.toBe(k);
    expect(cacheKey('Hei', null, 'en-GB', { engine: 'deepl' }, 'g1')).not.toBe(k);
    expect(cacheKey('Hei ', 'nb', 'en-GB', { engine: 'deepl' }, 'g1')).not.toBe(k);
  });
});

describe('runTranslation', () => {
  it('translates, deduplicates within a run and serves a second run from the cache', async () => {
    const store = new MemoryMtStore();
    const list = [...items(5), { id: 'dup', text: 'Avsnitt 2: jeg er en hund.', sourceLang: 'nb' }];
    const first = await runTranslation(provider, store, list, { targetLang: 'en-GB' });
    expect(first.stoppedBy).toBeUndefined();
    expect(first.requests).toBe(1);
    expect(posts()[0]!.params.text).toHaveLength(5);
    expect(first.paragraphs).toBe(6);
    expect(first.translations.get('dup')).toEqual(first.translations.get(2));
    expect(first.translations.get(2)).toEqual({
      text: fakeTranslate('Avsnitt 2: jeg er en hund.', 'EN-GB'),
      detectedSourceLang: 'nb',
      fromCache: false,
    });
    const chars = list.slice(0, 5).reduce((n, i) => n + i.text.length, 0);
    expect(first.billedCharacters).toBe(chars);
    expect(store.entries.size).toBe(5);
    expect([...store.entries.values()][0]).toMatchObject({ sourceLang: 'nb', targetLang: 'en-GB', sourceText: list[0]!.text });

    fake.resetLog();
    const second = await runTranslation(provider, store, list, { targetLang: 'en-GB' });
    expect(second).toMatchObject({ requests: 0, billedCharacters: 0, cached: 6, paragraphs: 0 });
    expect(posts()).toHaveLength(0);
    expect(second.translations.get(4)).toEqual({ ...first.translations.get(4), fromCache: true });
  });

  it('never sends empty paragraphs and returns them as empty translations', async () => {
    const list: RunItem[] = [
      { id: 'a', text: 'hund', sourceLang: 'nb' },
      { id: 'b', text: '', sourceLang: 'nb' },
      { id: 'c', text: '  \n ', sourceLang: null },
      { id: 'd', text: 'katt', sourceLang: 'nb' },
    ];
    const r = await runTranslation(provider, new MemoryMtStore(), list, { targetLang: 'de' });
    expect(posts().flatMap((p) => p.params.text)).toEqual(['hund', 'katt']);
    expect(r.translations.get('b')).toEqual({ text: '', detectedSourceLang: 'nb', fromCache: false });
    expect(r.translations.get('c')!.text).toBe('');
    expect(r.empty).toBe(2);

    fake.resetLog();
    const onlyEmpty = await runTranslation(provider, new MemoryMtStore(), [list[1]!, list[2]!], { targetLang: 'de' });
    expect(onlyEmpty.requests).toBe(0);
    expect(fake.state.requests).toHaveLength(0);
  });

  it('groups by source language and lets DeepL detect unknown ones', async () => {
    const list: RunItem[] = [
      { id: 1, text: 'Das Haus ist alt.', sourceLang: 'de' },
      { id: 2, text: 'Huset er gammel.', sourceLang: 'nb' },
      { id: 3, text: 'Der Wald ist groß.', sourceLang: 'de' },
      { id: 4, text: 'Het huis is nieuw.', sourceLang: null },
    ];
    const r = await runTranslation(provider, new MemoryMtStore(), list, { targetLang: 'en-US', concurrency: 1 });
    const sent = posts().map((p) => ({ source: p.params.source_lang?.[0] ?? null, texts: p.params.text }));
    expect(sent).toEqual([
      { source: 'de', texts: ['Das Haus ist alt.', 'Der Wald ist groß.'] },
      { source: 'nb', texts: ['Huset er gammel.'] },
      { source: null, texts: ['Het huis is nieuw.'] },
    ]);
    expect(r.translations.get(4)!.detectedSourceLang).toBe('nl');
    expect(r.translations.get(3)!.text).toBe('[EN-US] Der Forest is big.');
  });

  it('passes the neighbours of each request span as context', async () => {
    const list: RunItem[] = [
      { id: 1, text: 'Første.', sourceLang: 'nb', contextBefore: 'Tittel' },
      { id: 2, text: 'Andre.', sourceLang: 'nb' },
      { id: 3, text: 'Tredje.', sourceLang: 'nb', contextAfter: 'x'.repeat(5000) },
    ];
    await runTranslation(provider, new MemoryMtStore(), list, { targetLang: 'de', maxContextChars: 100 });
    const ctx = posts()[0]!.params.context![0]!;
    expect(ctx.startsWith('Tittel\n\n')).toBe(true);
    expect(ctx.length).toBeLessThanOrEqual(6 + 2 + 100);

    fake.resetLog();
    await runTranslation(provider, new MemoryMtStore(), list, { targetLang: 'de', context: 'paragraph', maxContextChars: 50 });
    expect(posts().map((p) => [p.params.text![0], p.params.context![0]!.slice(0, 20)])).toEqual([
      ['Første.', 'Tittel\n\nAndre.'],
      ['Andre.', 'Første.\n\nTredje.'],
      ['Tredje.', 'Andre.\n\nxxxxxxxxxxxx'],
    ]);

    fake.resetLog();
    await runTranslation(provider, new MemoryMtStore(), list, { targetLang: 'de', context: 'none' });
    expect(posts()[0]!.params.context).toBeUndefined();
  });

  it('retries 429 and 503 inside a run', async () => {
    fake.failNext(1, 429, { path: '/v2/translate' });
    fake.failNext(1, 503, { path: '/v2/translate' });
    fake.dropConnections(1, { path: '/v2/translate' });
    const r = await runTranslation(provider, new MemoryMtStore(), items(120), { targetLang: 'de' });
    expect(r.stoppedBy).toBeUndefined();
    expect(r.translations.size).toBe(120);
    expect(r.requests).toBe(3);
  });

  it('stops cleanly on 456 and keeps the work done before it', async () => {
    const list = items(200);
    const firstTwoRequests = list.slice(0, 100).reduce((n, i) => n + i.text.length, 0);
    fake.setCharacterLimit(firstTwoRequests + 10); // room for two full requests, not three
    const store = new MemoryMtStore();
    const r = await runTranslation(provider, store, list, { targetLang: 'de', concurrency: 1 });
    expect(r.stoppedBy).toMatchObject({ kind: 'quota', status: 456 });
    expect(r.requests).toBe(2);
    expect(r.translations.size).toBe(100);
    expect(store.entries.size).toBe(100);
    expect(r.billedCharacters).toBe(fake.state.charactersUsed);

    // after the quota is raised, a new run only pays for the rest
    fake.setCharacterLimit(1_000_000);
    fake.resetLog();
    const rest = await runTranslation(provider, store, list, { targetLang: 'de' });
    expect(rest).toMatchObject({ cached: 100, paragraphs: 100, requests: 2 });
    expect(rest.stoppedBy).toBeUndefined();
  });

  it('keeps answers that arrive after another request hit the quota', async () => {
    fake.setDelay(30);
    fake.failNext(1, 456, { path: '/v2/translate' });
    const store = new MemoryMtStore();
    const r = await runTranslation(provider, store, items(100), { targetLang: 'de', concurrency: 2 });
    expect(r.stoppedBy?.kind).toBe('quota');
    expect(r.requests).toBe(1);
    expect(r.translations.size).toBe(50);
    expect(store.entries.size).toBe(50);
  });

  it('stops on 403 with an auth error', async () => {
    fake.state.requireAuthKey = 'the-right-key';
    const r = await runTranslation(provider, new MemoryMtStore(), items(120), { targetLang: 'de' });
    expect(r.stoppedBy).toMatchObject({ kind: 'auth' });
    expect(r.translations.size).toBe(0);
    expect(fake.state.requests.length).toBeLessThanOrEqual(2);
  });

  it('dry run sends nothing and reports billable characters and cache hits', async () => {
    const store = new MemoryMtStore();
    const list = items(80);
    await runTranslation(provider, store, list.slice(0, 30), { targetLang: 'de' });
    fake.resetLog();
    const dry = await runTranslation(provider, store, [...list, { id: 'x', text: list[40]!.text, sourceLang: 'nb' }], {
      targetLang: 'de',
      dryRun: true,
    });
    expect(fake.state.requests).toHaveLength(0);
    expect(dry).toMatchObject({ requests: 0, billedCharacters: 0, cached: 30, plannedRequests: 1 });
    expect(dry.billableCharacters).toBe(list.slice(30).reduce((n, i) => n + i.text.length, 0));
    expect(dry.cachedCharacters).toBe(list.slice(0, 30).reduce((n, i) => n + i.text.length, 0));
    expect(dry.translations.size).toBe(30);
  });

  it('reports monotonic progress ending at the totals', async () => {
    const store = new MemoryMtStore();
    await runTranslation(provider, store, items(10), { targetLang: 'de' });
    const seen: RunProgress[] = [];
    const r = await runTranslation(provider, store, [...items(210), { id: 'e', text: '', sourceLang: null }], {
      targetLang: 'de',
      concurrency: 3,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBe(1 + r.requests);
    for (let i = 1; i < seen.length; i++) {
      for (const k of ['done', 'chars', 'cached', 'requests'] as const) expect(seen[i]![k]).toBeGreaterThanOrEqual(seen[i - 1]![k]);
      expect(seen[i]!.total).toBe(seen[0]!.total);
      expect(seen[i]!.totalChars).toBe(seen[0]!.totalChars);
    }
    expect(seen[0]).toMatchObject({ done: 11, cached: 10, total: 211, requests: 0, chars: 0 });
    expect(seen.at(-1)).toMatchObject({ done: 211, requests: 4, chars: seen[0]!.totalChars });
  });

  it('bounds the number of requests in flight', async () => {
    fake.setDelay(20);
    await runTranslation(provider, new MemoryMtStore(), items(500), { targetLang: 'de', concurrency: 3 });
    expect(posts()).toHaveLength(10);
    expect(fake.state.maxInFlight).toBe(3);
  });

  it('stops dispatching when aborted but keeps answers already paid for', async () => {
    fake.setDelay(40);
    const ctrl = new AbortController();
    const store = new MemoryMtStore();
    const pending = runTranslation(provider, store, items(500), { targetLang: 'de', concurrency: 2, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 60);
    const r = await pending;
    expect(r.aborted).toBe(true);
    expect(r.requests).toBeGreaterThan(0);
    expect(r.requests).toBeLessThan(10);
    expect(store.entries.size).toBe(r.requests * 50);
  });

  it('uses the glossary only for its source language and keys the cache by its hash', async () => {
    const id = await provider.ensureGlossary('g', 'nb', 'en', { hund: 'hound' });
    const list: RunItem[] = [
      { id: 1, text: 'En hund.', sourceLang: 'nb' },
      { id: 2, text: 'Ein Hund.', sourceLang: 'de' },
      { id: 3, text: 'En hund.', sourceLang: null },
    ];
    const store = new MemoryMtStore();
    const r = await runTranslation(provider, store, list, {
      targetLang: 'en-GB',
      glossaryId: id,
      glossaryHash: 'h1',
      glossarySourceLang: 'nb',
    });
    expect(r.translations.get(1)!.text).toBe('[EN-GB] En hound.');
    expect(r.translations.get(2)!.text).toBe('[EN-GB] Ein Dog.');
    expect(r.translations.get(3)!.text).toBe('[EN-GB] En dog.');
    expect(posts().filter((p) => p.params.glossary_id)).toHaveLength(1);

    fake.resetLog();
    const again = await runTranslation(provider, store, list, { targetLang: 'en-GB', glossaryId: id, glossaryHash: 'h2', glossarySourceLang: 'nb' });
    expect(again.cached).toBe(2);
    expect(posts().flatMap((p) => p.params.text)).toEqual(['En hund.']);
  });
});
