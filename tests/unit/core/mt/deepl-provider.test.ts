import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeepLProvider, MtError, mtErrorToTandemError } from '../../../../core/mt';
import { fakeTranslate, startFakeDeepL, type FakeDeepL } from '../../../support/fake-deepl';

const KEY = 'secret-key-1234:fx';
let fake: FakeDeepL;

function provider(opts: Partial<ConstructorParameters<typeof DeepLProvider>[0]> = {}): DeepLProvider {
  return new DeepLProvider({
    authKey: KEY,
    serverUrl: fake.url,
    backoff: { initialMs: 20, maxMs: 100 },
    minTimeoutMs: 5000,
    ...opts,
  });
}

const translatePosts = () => fake.state.requests.filter((r) => r.path === '/v2/translate');

beforeEach(async () => {
  fake = await startFakeDeepL({ requireAuthKey: KEY, characterLimit: 1000 });
});
afterEach(() => fake.close());

describe('DeepLProvider.translate', () => {
  it('sends a form-encoded POST with context, formality and billed characters', async () => {
    const out = await provider().translate({
      texts: ['Jeg er ikke en katt.', 'Huset er stort.'],
      sourceLang: 'no',
      targetLang: 'de',
      context: 'Forrige avsnitt.',
      formality: 'prefer_more',
    });
    expect(out).toEqual([
      { text: fakeTranslate('Jeg er ikke en katt.', 'DE'), detectedSourceLang: 'nb', billedCharacters: 20 },
      { text: fakeTranslate('Huset er stort.', 'DE'), detectedSourceLang: 'nb', billedCharacters: 15 },
    ]);
    const [req] = translatePosts();
    expect(req!.method).toBe('POST');
    expect(req!.contentType).toContain('application/x-www-form-urlencoded');
    expect(req!.params).toMatchObject({
      source_lang: ['nb'],
      target_lang: ['de'],
      context: ['Forrige avsnitt.'],
      formality: ['prefer_more'],
      show_billed_characters: ['1'],
    });
  });

  it('maps target codes and lets DeepL detect unsupported sources', async () => {
    const out = await provider().translate({ texts: ['Jeg er her.'], sourceLang: 'nn', targetLang: 'en' });
    expect(out[0]!.text.startsWith('[EN-GB] ')).toBe(true);
    expect(translatePosts()[0]!.params.source_lang).toBeUndefined();
    await expect(provider().translate({ texts: ['x'], sourceLang: null, targetLang: 'xx' })).rejects.toMatchObject({
      kind: 'unsupported-language',
    });
  });

  it('rejects empty texts before sending anything', async () => {
    await expect(provider().translate({ texts: ['a', ''], sourceLang: null, targetLang: 'de' })).rejects.toMatchObject({
      kind: 'bad-request',
    });
    expect(translatePosts()).toHaveLength(0);
  });

  it.each([429, 500, 503])('retries %i with backoff and succeeds', async (status) => {
    fake.failNext(2, status, { path: '/v2/translate' });
    const out = await provider().translate({ texts: ['hund'], sourceLang: 'nb', targetLang: 'en-US' });
    expect(out[0]!.text).toBe('[EN-US] dog');
    expect(translatePosts().map((r) => r.status)).toEqual([status, status, 200]);
  });

  it('waits with growing, capped delays between attempts', async () => {
    const delays: number[] = [];
    const p = provider({
      maxAttempts: 5,
      backoff: { initialMs: 100, factor: 2, maxMs: 300, jitter: 0 },
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    fake.failNext(4, 503);
    await p.translate({ texts: ['x'], sourceLang: null, targetLang: 'de' });
    expect(delays).toEqual([100, 200, 300, 300]);
  });

  it('gives up after maxAttempts and reports the kind', async () => {
    fake.failNext(3, 429);
    const err = await provider({ maxAttempts: 3 })
      .translate({ texts: ['hund'], sourceLang: 'nb', targetLang: 'de' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MtError);
    expect(err).toMatchObject({ kind: 'rate-limit', retryable: true, status: 429 });
    expect(translatePosts()).toHaveLength(3);
    fake.failNext(1, 503);
    await expect(provider({ maxAttempts: 1 }).translate({ texts: ['x'], sourceLang: null, targetLang: 'de' })).rejects.toMatchObject({
      kind: 'server',
      status: 503,
    });
  });

  it('retries a dropped connection', async () => {
    fake.dropConnections(2, { path: '/v2/translate' });
    const out = await provider().translate({ texts: ['katt'], sourceLang: 'nb', targetLang: 'en-GB' });
    expect(out[0]!.text).toBe('[EN-GB] cat');
    expect(translatePosts().map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it('reports a network error when the server is gone', async () => {
    const url = fake.url;
    await fake.close();
    const p = new DeepLProvider({ authKey: KEY, serverUrl: url, backoff: { initialMs: 5 }, maxAttempts: 2 });
    await expect(p.translate({ texts: ['x'], sourceLang: null, targetLang: 'de' })).rejects.toMatchObject({ kind: 'network' });
    fake = await startFakeDeepL(); // for afterEach
  });

  it('reports 403 as auth without retrying and without revealing the key', async () => {
    const p = new DeepLProvider({ authKey: 'wrong-key', serverUrl: fake.url, backoff: { initialMs: 5 } });
    const err = (await p.translate({ texts: ['x'], sourceLang: null, targetLang: 'de' }).catch((e: unknown) => e)) as MtError;
    expect(err).toMatchObject({ kind: 'auth', retryable: false, status: 403 });
    expect(translatePosts()).toHaveLength(1);
    expect(mtErrorToTandemError(err).kind).toBe('mt-auth');
    const everything = [inspect(err, { depth: 10 }), JSON.stringify(err), inspect(provider(), { depth: 10 }), JSON.stringify(provider())].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('wrong-key');
  });

  it('reports 456 as quota without retrying', async () => {
    fake.setCharacterLimit(5);
    const err = await provider().translate({ texts: ['more than five'], sourceLang: null, targetLang: 'de' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'quota', retryable: false, status: 456 });
    expect(translatePosts()).toHaveLength(1);
  });

  it('stops retrying when aborted', async () => {
    fake.failNext(10, 503);
    const ctrl = new AbortController();
    const p = provider({ backoff: { initialMs: 200, jitter: 0 } });
    const pending = p.translate({ texts: ['x'], sourceLang: null, targetLang: 'de' }, ctrl.signal);
    setTimeout(() => ctrl.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(translatePosts()).toHaveLength(1);
  });
});

describe('DeepLProvider account and language endpoints', () => {
  it('reads usage', async () => {
    await provider().translate({ texts: ['abcdef'], sourceLang: null, targetLang: 'de' });
    expect(await provider().usage()).toEqual({ characterCount: 6, characterLimit: 1000 });
    fake.setCharacterLimit(1e12);
    expect((await provider().usage()).characterLimit).toBeNull();
  });

  it('lists source and target languages in BCP-47 spelling', async () => {
    const sources = await provider().sourceLanguages();
    expect(sources).toContainEqual({ code: 'nb', name: 'Norwegian (bokmål)' });
    expect(sources.find((l) => l.code === 'en-GB')).toBeUndefined();
    const targets = await provider().targetLanguages();
    expect(targets).toContainEqual({ code: 'en-GB', name: 'English (British)', supportsFormality: false });
    expect(targets).toContainEqual({ code: 'de', name: 'German', supportsFormality: true });
    expect(targets.find((l) => l.code === 'zh-Hans')).toBeDefined();
    const langCalls = fake.state.requests.filter((r) => r.path === '/v2/languages');
    expect(langCalls.map((r) => r.query.type ?? null)).toEqual([null, 'target']);
  });
});

describe('DeepLProvider glossaries', () => {
  it('creates a glossary and applies it when translating', async () => {
    const p = provider();
    const id = await p.ensureGlossary('tandem-test', 'no', 'en', { katt: 'feline', 'stor hund': 'hound' });
    const g = fake.state.glossaries.get(id)!;
    expect(g.dictionaries[0]).toMatchObject({ sourceLang: 'nb', targetLang: 'en' });
    expect([...g.dictionaries[0]!.entries]).toEqual([['katt', 'feline'], ['stor hund', 'hound']]);
    const out = await p.translate({ texts: ['En katt og en stor hund.'], sourceLang: 'nb', targetLang: 'en-US', glossaryId: id });
    expect(out[0]!.text).toBe('[EN-US] En feline and en hound.');
    expect(translatePosts()[0]!.params.glossary_id).toEqual([id]);
    await p.deleteGlossary(id);
    expect(fake.state.glossaries.size).toBe(0);
  });

  it('rejects invalid entries and glossaries without a known source', async () => {
    await expect(provider().ensureGlossary('g', 'nb', 'en', {})).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(provider().ensureGlossary('g', 'nb', 'en', { 'a\tb': 'c' })).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(provider().ensureGlossary('g', 'nn', 'en', { a: 'b' })).rejects.toMatchObject({ kind: 'unsupported-language' });
    await expect(
      provider().translate({ texts: ['x'], sourceLang: null, targetLang: 'de', glossaryId: 'g' }),
    ).rejects.toMatchObject({ kind: 'unsupported-language' });
    expect(fake.state.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
